//! The registry of finding codes: one line per code with its family, default severity and
//! the one-line description `pmp check --list-rules` prints. A code is stable once released;
//! SARIF rule ids and `pmp.toml` keys are these strings.

use super::Severity;

/// The rule families, in the order `--list-rules` prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Load,
    Schema,
    References,
    Numbering,
    Period,
    Coverage,
    Indicators,
    Tables,
    Monitoring,
    Results,
    Sheet,
    Suppression,
}

impl Family {
    /// Every family, in `--list-rules` order.
    pub const ALL: &'static [Family] = &[
        Family::Load,
        Family::Schema,
        Family::References,
        Family::Numbering,
        Family::Period,
        Family::Coverage,
        Family::Indicators,
        Family::Tables,
        Family::Monitoring,
        Family::Results,
        Family::Sheet,
        Family::Suppression,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Load => "load",
            Family::Schema => "schema",
            Family::References => "references",
            Family::Numbering => "numbering",
            Family::Period => "period",
            Family::Coverage => "coverage",
            Family::Indicators => "indicators",
            Family::Tables => "tables",
            Family::Monitoring => "monitoring",
            Family::Results => "results",
            Family::Sheet => "sheet",
            Family::Suppression => "suppression",
        }
    }
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $family:ident, $sev:ident, $desc:literal; )*) => {
        /// A finding's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            pub fn family(self) -> Family {
                match self { $( Code::$variant => Family::$family, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            pub fn description(self) -> &'static str {
                match self { $( Code::$variant => $desc, )* }
            }
        }
    };
}

codes! {
    YamlSyntax = "yaml-syntax", Load, Error, "the file is not well-formed YAML (bad indentation, a tab, an unclosed quote)";
    DuplicateKey = "duplicate-key", Load, Error, "a mapping has the same key twice";
    InputLimit = "input-limit", Load, Error, "the file exceeds a safety limit (aliases, nesting depth, nodes or size)";
    NotUtf8 = "not-utf8", Load, Error, "the file is not valid UTF-8";
    BinaryFile = "binary-file", Load, Error, "the file is binary, not text";
    ControlCharacter = "control-character", Load, Error, "text holds a control character (such as U+000B or U+000C, as pasted from Word) that a Word document cannot carry";
    EmptyFile = "empty-file", Load, Error, "the file holds no YAML document";
    MissingFile = "missing-file", Load, Error, "a part every programme needs has no file";
    UnknownFile = "unknown-file", Load, Warning, "a YAML file in the programme folder is not a known part";
    CsvInvalid = "csv-invalid", Load, Error, "a CSV table file cannot be read as the table's rows";
    NotAFile = "not-a-file", Load, Error, "a part or CSV table is not a regular file (a folder, FIFO, device, or a broken or looping link)";
    PathOutsideProgramme = "path-outside-programme", Load, Error, "a referenced file lies outside the programme folder";
    SchemaHeader = "schema-header", Schema, Warning, "the file does not start with the yaml-language-server $schema line for its part";
    NotAMapping = "not-a-mapping", Schema, Error, "the file's top level is not a mapping";
    UnknownField = "unknown-field", Schema, Error, "a field the format does not have";
    MissingField = "missing-field", Schema, Error, "a required field is missing";
    WrongType = "wrong-type", Schema, Error, "a value has the wrong type (text, number, list, mapping)";
    InvalidValue = "invalid-value", Schema, Error, "a value is not one the field allows";
    CommaSplit = "comma-split", Schema, Warning, "a prose list in `[…]` style holds an item that reads as the rest of the item before it (a sentence cut at a comma)";
    UnknownId = "unknown-id", References, Error, "a reference to a goal, indicator, SVID item, breakdown or column id that does not exist";
    DuplicateId = "duplicate-id", References, Error, "two entities of one kind share an id";
    UnknownReference = "unknown-reference", References, Error, "prose refers to a table, figure or chapter id (`[](#tab:id)`) the document does not have";
    UnknownInstitution = "unknown-institution", References, Error, "an institution named by an id, name or short form the registry does not know";
    PrintedVariant = "printed-variant", References, Warning, "one goal, indicator or activity is printed with another title, number or level in another table of the source";
    MissingFromTable = "missing-from-table", References, Warning, "a table of the source leaves out a goal, indicator or activity that another table lists";
    ResponsibleDiffers = "responsible-differs", References, Warning, "the resource plan names a responsible body that has no role in the activity in the action plan (not responsible, involved, executor or supervisor)";
    ResultDiffers = "result-differs", References, Warning, "the action plan's table and the resource plan state different percentages in one activity's result";
    DuplicateNumber = "duplicate-number", Numbering, Error, "two goals, indicators, activities or events carry the same number";
    NumberGap = "number-gap", Numbering, Warning, "a numbered sequence skips a number";
    DuplicateActivityTitle = "duplicate-activity-title", Numbering, Warning, "two activities under one goal have the same title";
    DuplicateTitle = "duplicate-title", Numbering, Warning, "two goals, indicators, monitoring steps, tasks of one activity, breakdowns of one indicator or SVID items have the same title";
    ActivityUnderWrongGoal = "activity-under-wrong-goal", Numbering, Error, "an activity's number puts it under a different goal than the one it serves";
    InvalidPeriod = "invalid-period", Period, Error, "the programme's period ends before it starts, names an implausible year or is too long";
    YearOutsidePeriod = "year-outside-period", Period, Error, "a year (activity, target, task, event) outside the programme's period";
    BaselineAfterTarget = "baseline-after-target", Period, Error, "a baseline is to be set, or was measured, after a year that already has a target";
    PeriodMismatch = "period-mismatch", Period, Error, "a period stated in the monitoring section differs from the programme's";
    TaskOutsideActivityYears = "task-outside-activity-years", Period, Warning, "a task starts or ends outside the years its activity runs in";
    TimingTextMismatch = "timing-text-mismatch", Period, Warning, "a stored month, year, start or end is not the one the printed timing text states";
    DateOrder = "date-order", Period, Error, "two dates contradict each other: an amendment before the adoption or before the amendment above it, results noted before they were compiled";
    DecisionInFuture = "decision-in-future", Period, Error, "a council decision (adoption, amendment, noting of results) is dated after today";
    UnrecordedAmendment = "unrecorded-amendment", Period, Warning, "the programme has substantive changes since the git revision its last council decision adopted, and no amendment records them";
    LevelWithoutGoal = "level-without-goal", Coverage, Warning, "a prevention level has no goal";
    GoalWithoutActivity = "goal-without-activity", Coverage, Warning, "a goal has no activity in the action plan";
    GoalWithoutIndicator = "goal-without-indicator", Coverage, Warning, "a goal is measured by no indicator";
    GoalWithoutResult = "goal-without-result", Coverage, Warning, "a goal states no expected result";
    ActivityWithoutResponsible = "activity-without-responsible", Coverage, Warning, "an activity names no responsible institution";
    ActivityWithoutYears = "activity-without-years", Coverage, Warning, "an activity runs in no year of the period";
    ActivityWithoutFunding = "activity-without-funding", Coverage, Warning, "an activity names no funding source";
    ActivityWithoutTasks = "activity-without-tasks", Coverage, Warning, "the plan lists tasks, but not for this activity";
    ActivityWithoutResources = "activity-without-resources", Coverage, Warning, "the plan has a resource plan, but not for this activity";
    TaskWithoutExecutor = "task-without-executor", Coverage, Warning, "a task names no executor";
    TaskWithoutSupervisor = "task-without-supervisor", Coverage, Warning, "a task names no supervising institution";
    EventWithoutResponsible = "event-without-responsible", Coverage, Warning, "a monitoring step names no responsible institution";
    SvidUnanswered = "svid-unanswered", Coverage, Warning, "an SVID weakness or threat that no goal answers (when SVID items link goals)";
    YearWithoutAnnualReport = "year-without-annual-report", Coverage, Warning, "a year of the period has no annual report in the monitoring calendar";
    FieldStatedElsewhere = "field-stated-elsewhere", Coverage, Info, "the action plan's table leaves a field empty for every activity, and another table of the plan (tasks, resources) gives it";
    ToBeFilled = "to-be-filled", Coverage, Info, "a placeholder left by `pmp init` is still to be filled";
    OutlineUnplaced = "outline-unplaced", Coverage, Info, "the programme states its document's outline, and a part it has stands under no heading of it (the document does not print it)";
    FigureMissing = "figure-missing", Coverage, Info, "a figure has no picture, or its picture is not a file of the programme folder (the document prints a placeholder)";
    BaselineMissingValue = "baseline-missing-value", Indicators, Warning, "a baseline has no value (to be determined)";
    TargetNotMeasurable = "target-not-measurable", Indicators, Warning, "a target is a trend word, not a number";
    PercentOutOfRange = "percent-out-of-range", Indicators, Error, "a percentage outside 0-100";
    TargetAgainstDirection = "target-against-direction", Indicators, Warning, "a target moves the indicator against its direction, or asks for less than an earlier target";
    TargetNotMilestone = "target-not-milestone", Indicators, Warning, "a target for a year that is not one of the milestone years";
    DuplicateTarget = "duplicate-target", Indicators, Error, "an indicator has two targets for one year";
    ValueTextMismatch = "value-text-mismatch", Indicators, Warning, "a stored baseline or target value is not the figure its printed cell shows";
    BreakdownMismatch = "breakdown-mismatch", Indicators, Error, "baseline and target values do not cover the same breakdowns";
    TotalMismatch = "total-mismatch", Tables, Error, "a declared total is not the sum of its rows, columns or sub-rows";
    PercentMismatch = "percent-mismatch", Tables, Error, "a percentage does not match its count and base";
    CountExceedsBase = "count-exceeds-base", Tables, Error, "a count is larger than the base it is a share of (a fact of the prose, a table's count and base)";
    RowLength = "row-length", Tables, Error, "a table row has more or fewer cells than the table has columns";
    ImpliedBaseMismatch = "implied-base-mismatch", Tables, Warning, "the base a row's count and percentage imply in one year is far from the base the same row implies in the other years";
    TotalCellEmpty = "total-cell-empty", Tables, Warning, "a total cell left empty although the figures it adds up are printed";
    DuplicateColumnLabel = "duplicate-column-label", Tables, Warning, "two columns of a table have the same or nearly the same label";
    CaptionYearsMismatch = "caption-years-mismatch", Tables, Warning, "a table's year columns or rows fall outside the years its caption names";
    NumberStyle = "number-style", Tables, Warning, "a figure written in the wrong style: a decimal point where the programme writes commas, a number typed as text";
    InvalidTiming = "invalid-timing", Monitoring, Error, "a monitoring event's timing is impossible (month 13, twice a year with one month)";
    CompletionInFuture = "completion-in-future", Monitoring, Error, "a recorded completion is dated after today";
    UnknownOccurrence = "unknown-occurrence", Monitoring, Error, "a recorded completion names an occurrence its event does not have (a year outside the period, a month it is not held in)";
    ResultsUnknownId = "results-unknown-id", Results, Error, "a results file names a programme, indicator, activity or task id the programme does not have";
    ResultsYear = "results-year", Results, Error, "a results file for a year outside the period or still to come, or named after another year than it states";
    ResultsDuplicate = "results-duplicate", Results, Error, "a results file records one indicator, breakdown, activity or task twice";
    ResultsUnknownBreakdown = "results-unknown-breakdown", Results, Error, "an achieved value for a breakdown the indicator does not have";
    ResultsUnknownFunding = "results-unknown-funding", Results, Error, "funding invested from a source the activity does not list";
    DoneOutsideYears = "done-outside-years", Results, Error, "an activity marked done in a year it does not run in";
    ResultsPercentOutOfRange = "results-percent-out-of-range", Results, Error, "an achieved percentage outside 0-100";
    MovingAwayFromTarget = "moving-away-from-target", Results, Warning, "an indicator's achieved value has moved away from its target since the baseline";
    ResultsMissing = "results-missing", Results, Warning, "a year's annual report is recorded done, but its results file is missing or incomplete";
    SheetUnreadable = "sheet-unreadable", Sheet, Error, "a returned workbook cannot be read, or is not one `pmp sheet export` made (it has no hidden sheet `pmp`)";
    SheetOtherPlan = "sheet-other-plan", Sheet, Error, "a returned workbook was made for another programme, year or revision of the plan";
    SheetNotANumber = "sheet-not-a-number", Sheet, Error, "a cell that takes a figure or an amount holds something that is not one";
    SheetNumberAsText = "sheet-number-as-text", Sheet, Warning, "a figure typed as text (`12,5` in a text cell): it is read, but the cell should hold a number";
    SheetInvalidValue = "sheet-invalid-value", Sheet, Error, "a status not in the drop-down's list, or a date not written YYYY, YYYY-MM or YYYY-MM-DD";
    SheetUnknownRow = "sheet-unknown-row", Sheet, Error, "a workbook row whose id the plan does not have, or an amount for a funding source the activity does not list";
    SheetConflict = "sheet-conflict", Sheet, Error, "two workbooks answer one cell of the plan differently";
    SheetUnanswered = "sheet-unanswered", Sheet, Warning, "a row of the plan that no workbook answered and the results file does not record";
    SheetDiffers = "sheet-differs", Sheet, Error, "a workbook gives a value other than the one the results file records (`--overwrite` replaces it)";
    SuppressionWithoutReason = "suppression-without-reason", Suppression, Warning, "a `# pmp: allow` comment gives no reason after `--`";
    UnusedSuppression = "unused-suppression", Suppression, Info, "a `# pmp: allow` comment silences nothing";
}

impl Code {
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// Whether the finding says a file could not be read or parsed at all. Such a file's
    /// content is unchecked, so the finding is always an error: `pmp.toml` can neither turn it
    /// off nor lower it.
    pub fn unreadable(self) -> bool {
        matches!(
            self,
            Code::YamlSyntax
                | Code::DuplicateKey
                | Code::InputLimit
                | Code::NotUtf8
                | Code::BinaryFile
                | Code::NotAFile
                | Code::CsvInvalid
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_codes_family_is_listed_once_in_order() {
        for c in Code::ALL {
            assert!(
                Family::ALL.contains(&c.family()),
                "{:?} is missing from Family::ALL",
                c.family()
            );
        }
        assert!(
            Family::ALL.windows(2).all(|w| w[0] < w[1]),
            "Family::ALL out of order"
        );
    }

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {}", c.as_str());
            assert!(
                c.as_str()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{} is not kebab-case",
                c.as_str()
            );
            assert!(!c.description().is_empty());
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }
}
