//! One test per finding code: the valid fixture does not report it, and a minimally changed
//! fixture reports exactly it, at the file, line and column of the offending value.

mod common;

use std::sync::OnceLock;

use common::{Fixture, Output, assert_at, help};

/// The valid fixture's report, computed once for the whole file.
fn valid() -> &'static Output {
    static OUT: OnceLock<Output> = OnceLock::new();
    OUT.get_or_init(|| Fixture::valid().check())
}

macro_rules! valid_passes {
    ($($name:ident => $code:literal),* $(,)?) => {
        /// Every code the tests know, in registry order.
        const ALL_CODES: &[&str] = &[$($code),*];
        mod valid_passes {
            use super::*;
            $(
                #[test]
                fn $name() {
                    valid().assert_no($code);
                }
            )*
        }
    };
}

valid_passes! {
    yaml_syntax => "yaml-syntax",
    duplicate_key => "duplicate-key",
    input_limit => "input-limit",
    not_utf8 => "not-utf8",
    binary_file => "binary-file",
    control_character => "control-character",
    empty_file => "empty-file",
    missing_file => "missing-file",
    unknown_file => "unknown-file",
    csv_invalid => "csv-invalid",
    not_a_file => "not-a-file",
    path_outside_programme => "path-outside-programme",
    schema_header => "schema-header",
    not_a_mapping => "not-a-mapping",
    unknown_field => "unknown-field",
    missing_field => "missing-field",
    wrong_type => "wrong-type",
    invalid_value => "invalid-value",
    comma_split_sentence_in_a_flow_list => "comma-split",
    unknown_id => "unknown-id",
    duplicate_id => "duplicate-id",
    unknown_reference => "unknown-reference",
    unknown_institution => "unknown-institution",
    printed_variant => "printed-variant",
    missing_from_table => "missing-from-table",
    responsible_differs => "responsible-differs",
    result_differs => "result-differs",
    duplicate_number => "duplicate-number",
    number_gap => "number-gap",
    duplicate_activity_title => "duplicate-activity-title",
    duplicate_title => "duplicate-title",
    activity_under_wrong_goal => "activity-under-wrong-goal",
    invalid_period => "invalid-period",
    year_outside_period => "year-outside-period",
    baseline_after_target => "baseline-after-target",
    period_mismatch => "period-mismatch",
    task_outside_activity_years => "task-outside-activity-years",
    timing_text_mismatch => "timing-text-mismatch",
    date_order => "date-order",
    decision_in_future => "decision-in-future",
    unrecorded_amendment => "unrecorded-amendment", // needs a git repository: tests/diff.rs
    level_without_goal => "level-without-goal",
    goal_without_activity => "goal-without-activity",
    goal_without_indicator => "goal-without-indicator",
    goal_without_result => "goal-without-result",
    activity_without_responsible => "activity-without-responsible",
    activity_without_years => "activity-without-years",
    activity_without_funding => "activity-without-funding",
    activity_without_tasks => "activity-without-tasks",
    activity_without_resources => "activity-without-resources",
    task_without_executor => "task-without-executor",
    task_without_supervisor => "task-without-supervisor",
    event_without_responsible => "event-without-responsible",
    svid_unanswered => "svid-unanswered",
    year_without_annual_report => "year-without-annual-report",
    field_stated_elsewhere => "field-stated-elsewhere",
    to_be_filled => "to-be-filled",
    outline_unplaced => "outline-unplaced",
    figure_missing => "figure-missing",
    baseline_missing_value => "baseline-missing-value",
    target_not_measurable => "target-not-measurable",
    percent_out_of_range => "percent-out-of-range",
    target_against_direction => "target-against-direction",
    target_not_milestone => "target-not-milestone",
    duplicate_target => "duplicate-target",
    value_text_mismatch => "value-text-mismatch",
    breakdown_mismatch => "breakdown-mismatch",
    total_mismatch => "total-mismatch",
    percent_mismatch => "percent-mismatch",
    count_exceeds_base => "count-exceeds-base",
    row_length => "row-length",
    implied_base_mismatch => "implied-base-mismatch",
    total_cell_empty => "total-cell-empty",
    duplicate_column_label => "duplicate-column-label",
    caption_years_mismatch => "caption-years-mismatch",
    number_style => "number-style",
    invalid_timing => "invalid-timing",
    completion_in_future => "completion-in-future",
    unknown_occurrence => "unknown-occurrence",
    results_unknown_id => "results-unknown-id",
    results_year => "results-year",
    results_duplicate => "results-duplicate",
    results_unknown_breakdown => "results-unknown-breakdown",
    results_unknown_funding => "results-unknown-funding",
    done_outside_years => "done-outside-years",
    results_percent_out_of_range => "results-percent-out-of-range",
    moving_away_from_target => "moving-away-from-target",
    results_missing => "results-missing",
    // The sheet-* findings come from `pmp sheet import`, not `pmp check`: tests/sheet.rs
    // makes each of them from a filled-in workbook.
    sheet_unreadable => "sheet-unreadable",
    sheet_other_plan => "sheet-other-plan",
    sheet_not_a_number => "sheet-not-a-number",
    sheet_number_as_text => "sheet-number-as-text",
    sheet_invalid_value => "sheet-invalid-value",
    sheet_unknown_row => "sheet-unknown-row",
    sheet_conflict => "sheet-conflict",
    sheet_unanswered => "sheet-unanswered",
    sheet_differs => "sheet-differs",
    suppression_without_reason => "suppression-without-reason",
    unused_suppression => "unused-suppression",
}

#[test]
fn valid_fixture_has_zero_findings_and_exit_0() {
    let out = valid();
    assert_eq!(out.code, 0, "{}", out.pretty());
    assert!(out.diagnostics().is_empty(), "{}", out.pretty());
    assert_eq!(out.json.as_ref().unwrap()["programmes"], 1);
    assert_eq!(out.json.as_ref().unwrap()["files"], 9);
}

/// The list above is the registry: a code added to `src/diag/codes.rs` without a test fails here.
#[test]
fn every_registered_code_has_a_test() {
    let out = Fixture::empty().run(&["check", "--list-rules"]);
    let listed: Vec<&str> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(listed, ALL_CODES);
}

/// Runs the check and asserts the codes found are exactly `codes` (sorted multiset), and that
/// every finding of a rule in `src/check/` is said in Latvian too (`common::latvian_faults`).
fn check_exact(fx: &Fixture, codes: &[&str]) -> Output {
    let out = fx.check();
    out.assert_codes(codes);
    static CHECK_CODES: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    let check_codes = CHECK_CODES.get_or_init(common::check_codes);
    let json = |lang: &str| fx.run(&["--lang", lang, "check", common::DIR, "--format", "json"]);
    let (en, lv) = (json("en"), json("lv"));
    let faults = common::latvian_faults(en.diagnostics(), lv.diagnostics(), check_codes);
    assert!(faults.is_empty(), "not said in Latvian:\n{}", faults.join("\n"));
    out
}

const GOALS: &str = "demo/goals.yaml";
const PLAN: &str = "demo/plan.yaml";
const INDICATORS: &str = "demo/indicators.yaml";
const SITUATION: &str = "demo/situation.yaml";
const MONITORING: &str = "demo/monitoring.yaml";
const PROGRAMME: &str = "demo/programme.yaml";
const SVID: &str = "demo/svid.yaml";
const RESULTS: &str = "demo/results/2025.yaml";
/// The results file as `Fixture::patch` names it.
const R2025: &str = "results/2025";

// ---------------------------------------------------------------- load

#[test]
fn control_character_written_as_an_escape() {
    // A vertical tab (what Word pastes for a manual line break) in a double-quoted title.
    let fx = Fixture::valid().patch(
        "goals",
        "title: Riska grupas izglītojamie saņem mācību atbalstu",
        r#"title: "Riska grupas\u000Bizglītojamie saņem mācību atbalstu""#,
    );
    let out = check_exact(&fx, &["control-character"]);
    let d = out.only("control-character");
    let (line, col) = fx.pos("goals", r#""Riska grupas\u000B"#);
    assert_at(d, GOALS, (line, col));
    assert_eq!(d["path"], "goals[1].title");
    assert_eq!(d["entity"]["id"], "g2");
    assert_eq!(d["severity"], "error");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("U+000B") && msg.contains("vertical tab"), "{d}");
    // The offending text is shown with the character escaped, never raw on the terminal.
    assert!(help(d).contains(r"Riska grupas\u{000B}izglītojamie"), "{d}");
    assert!(!d.to_string().contains('\u{0B}'), "{d}");
    assert_eq!(out.code, 1);
}

#[test]
fn control_characters_in_a_file_with_other_errors_are_reported_too() {
    // A form feed and a NUL in a result, while the same file has an unknown field.
    let fx = Fixture::valid()
        .patch(
            "goals",
            "      - Mazāk nesekmīgu vērtējumu",
            r#"      - "Mazāk\f nesekmīgu\0 vērtējumu""#,
        )
        .patch("goals", "  - id: g3\n", "  - id: g3\n    colour: blue\n");
    let out = check_exact(&fx, &["control-character", "unknown-field"]);
    let d = out.only("control-character");
    assert_at(d, GOALS, fx.pos("goals", r#""Mazāk\f"#));
    assert_eq!(d["path"], "goals[1].results[0]");
    assert!(d["message"].as_str().unwrap().contains("U+000C"), "{d}");
    assert!(d["message"].as_str().unwrap().contains("and 1 more"), "{d}");
}

#[test]
fn escapes_of_allowed_characters_are_not_control_characters() {
    // `\t`, `\n`, `\u00A0` and `\\` are all fine in a Word document.
    let fx = Fixture::valid().patch(
        "goals",
        "title: Riska grupas izglītojamie saņem mācību atbalstu",
        r#"title: "Riska\tgrupas\u00A0izglītojamie\nsaņem \\ mācību atbalstu""#,
    );
    fx.check().assert_no("control-character");
}

// ---------------------------------------------------------------- schema

#[test]
fn schema_header_missing() {
    let fx = Fixture::valid().patch(
        "goals",
        "# yaml-language-server: $schema=../../schemas/goals.schema.json\n",
        "",
    );
    let out = check_exact(&fx, &["schema-header"]);
    let d = out.only("schema-header");
    assert_at(d, GOALS, (1, 1));
    assert_eq!(d["severity"], "warning");
    assert!(
        help(d).contains("# yaml-language-server: $schema=../../schemas/goals.schema.json"),
        "{d}"
    );
    // A warning alone does not fail the run.
    assert_eq!(out.code, 0);
}

#[test]
fn schema_header_for_another_part() {
    let fx = Fixture::valid().patch("goals", "schemas/goals.schema.json", "schemas/plan.schema.json");
    let out = check_exact(&fx, &["schema-header"]);
    assert_at(out.only("schema-header"), GOALS, (1, 1));
}

#[test]
fn unknown_field_with_suggestion() {
    let fx = Fixture::valid().patch(
        "plan",
        "    responsible: [SD]\n    involved",
        "    responsble: [SD]\n    involved",
    );
    let out = check_exact(&fx, &["unknown-field"]);
    let d = out.only("unknown-field");
    assert_at(d, PLAN, fx.pos("plan", "responsble"));
    assert_eq!(d["path"], "activities[2].responsble");
    assert!(help(d).contains("did you mean `responsible`?"), "{d}");
    assert_eq!(out.code, 1);
}

/// A schema error does not hide the rest of its file: with the unknown field left out, the
/// goals still load, and a reference to a goal that does not exist is reported beside it.
#[test]
fn a_schema_error_leaves_the_rest_of_the_file_checked() {
    let fx = Fixture::valid()
        .patch("goals", "  - id: g3\n", "  - id: g3\n    colour: blue\n")
        .patch("plan", "goal: g1", "goal: g9");
    // g1 has lost its activity to the wrong id: that is seen too.
    let out = check_exact(&fx, &["goal-without-activity", "unknown-field", "unknown-id"]);
    assert_at(out.only("unknown-field"), GOALS, fx.pos("goals", "colour"));
    assert_eq!(out.only("unknown-id")["file"], PLAN);
    // In the file with the error itself too.
    let fx = Fixture::valid().patch(
        "plan",
        "    responsible: [IP]\n",
        "    responsible: [IP]\n    colour: blue\n",
    );
    let fx = fx.patch("plan", "goal: g1", "goal: g9");
    // g1 has lost its activity to the wrong id: that is seen too.
    let out = check_exact(&fx, &["goal-without-activity", "unknown-field", "unknown-id"]);
    assert_eq!(out.only("unknown-id")["file"], PLAN);
}

#[test]
fn unknown_field_without_near_name_lists_fields() {
    let fx = Fixture::valid().patch("goals", "  - id: g3\n", "  - id: g3\n    colour: blue\n");
    let out = check_exact(&fx, &["unknown-field"]);
    let d = out.only("unknown-field");
    assert_at(d, GOALS, fx.pos("goals", "colour"));
    assert!(
        help(d).contains("id, level, number, printed, results, title"),
        "{d}"
    );
}

#[test]
fn missing_field() {
    let fx = Fixture::valid().patch(
        "goals",
        "    title: Riska grupas izglītojamie saņem mācību atbalstu\n",
        "",
    );
    let out = check_exact(&fx, &["missing-field"]);
    let d = out.only("missing-field");
    // Reported at the mapping that lacks the field: the second goal, which starts at `id: g2`.
    assert_at(d, GOALS, fx.pos("goals", "id: g2"));
    assert_eq!(d["path"], "goals[1]");
    assert!(d["message"].as_str().unwrap().contains("`title`"), "{d}");
    assert_eq!(help(d), "add `title:`");
}

#[test]
fn wrong_type_list_given_a_number() {
    let fx = Fixture::valid().patch("plan", "years: [2026, 2027]", "years: 2026");
    let out = check_exact(&fx, &["wrong-type"]);
    let d = out.only("wrong-type");
    let (line, col) = fx.pos("plan", "years: 2026");
    assert_at(d, PLAN, (line, col + "years: ".len() as u64));
    assert_eq!(d["path"], "activities[2].years");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("must be a list, found a number"),
        "{d}"
    );
}

#[test]
fn wrong_type_number_given_text() {
    let fx = Fixture::valid().patch("monitoring", "month: 8}", "month: august}");
    let out = check_exact(&fx, &["wrong-type"]);
    let d = out.only("wrong-type");
    assert_at(d, MONITORING, fx.pos("monitoring", "august"));
    assert_eq!(d["path"], "events[0].timing.month");
}

#[test]
fn invalid_value_with_suggestion() {
    let fx = Fixture::valid().patch("goals", "level: targeted", "level: targetted");
    let out = check_exact(&fx, &["invalid-value"]);
    let d = out.only("invalid-value");
    assert_at(d, GOALS, fx.pos("goals", "targetted"));
    assert_eq!(d["path"], "goals[1].level");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("universal, targeted, indicated"),
        "{d}"
    );
    assert!(help(d).contains("did you mean `targeted`?"), "{d}");
}

#[test]
fn invalid_value_unknown_recurrence() {
    let fx = Fixture::valid().patch("monitoring", "every: twice-yearly", "every: twiceyearly");
    let out = check_exact(&fx, &["invalid-value"]);
    let d = out.only("invalid-value");
    assert_at(d, MONITORING, fx.pos("monitoring", "twiceyearly"));
    assert!(help(d).contains("did you mean `twice-yearly`?"), "{d}");
}

#[test]
fn schema_errors_in_one_file_are_all_collected() {
    let fx = Fixture::valid()
        .patch("plan", "    goal: g1\n", "    gaol: g1\n")
        .patch("plan", "years: [2026, 2027]", "years: soon")
        .patch("plan", "    title: Konsultācijas mācību priekšmetos\n", "")
        .patch("plan", "executor: [Skolas]", "executor: {who: Skolas}");
    let out = fx.check();
    out.assert_codes(&[
        "unknown-field",
        "missing-field",
        "missing-field",
        "wrong-type",
        "wrong-type",
    ]);
    let paths: Vec<(&str, &str)> = out
        .diagnostics()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    // Sorted by line: a-1-1 (gaol, missing goal, executor), a-2-1 (missing title), a-3-1 (years).
    assert_eq!(
        paths,
        [
            ("missing-field", "activities[0]"),
            ("unknown-field", "activities[0].gaol"),
            ("wrong-type", "activities[0].tasks[0].executor"),
            ("missing-field", "activities[1]"),
            ("wrong-type", "activities[2].years"),
        ]
    );
    assert_at(
        &out.with_code("unknown-field")[0].clone(),
        PLAN,
        fx.pos("plan", "gaol"),
    );
    assert_at(
        &out.with_code("wrong-type")[1].clone(),
        PLAN,
        fx.pos("plan", "soon"),
    );
    assert_at(
        &out.with_code("wrong-type")[0].clone(),
        PLAN,
        fx.pos("plan", "{who"),
    );
    // The other files still load and are checked: no cascade of reference errors.
    assert!(
        out.diagnostics().iter().all(|d| d["file"] == PLAN),
        "{}",
        out.pretty()
    );
}

// ---------------------------------------------------------------- references

#[test]
fn duplicate_id() {
    let fx = Fixture::valid().patch("plan", "  - id: a-3-1\n", "  - id: a-2-1\n");
    let out = check_exact(&fx, &["duplicate-id"]);
    let d = out.only("duplicate-id");
    let second = fx.pos_nth("plan", "a-2-1", 1);
    assert_at(d, PLAN, second);
    assert_eq!(d["path"], "activities[2].id");
    assert_eq!(d["entity"]["kind"], "activity");
    assert_eq!(d["entity"]["id"], "a-2-1");
    let first_line = fx.pos_nth("plan", "a-2-1", 0).0;
    assert!(
        help(d).contains(&format!("first used at line {first_line}")),
        "{d}"
    );
}

#[test]
fn duplicate_id_across_svid_quadrants() {
    let fx = Fixture::valid().patch("svid", "{id: o1,", "{id: s1,");
    let out = check_exact(&fx, &["duplicate-id"]);
    let d = out.only("duplicate-id");
    assert_at(d, SVID, fx.pos_nth("svid", "s1", 1));
    assert_eq!(d["path"], "opportunities[0].id");
}

#[test]
fn unknown_id_suggests_the_nearest() {
    let fx = Fixture::valid().patch("plan", "indicators: [i1]", "indicators: [i11]");
    let out = check_exact(&fx, &["unknown-id"]);
    let d = out.only("unknown-id");
    assert_at(d, PLAN, fx.pos("plan", "i11"));
    assert_eq!(d["path"], "activities[0].indicators[0]");
    assert_eq!(d["entity"]["kind"], "activity");
    assert_eq!(d["entity"]["id"], "a-1-1");
    assert_eq!(d["entity"]["title"], "Karjeras dienas");
    assert!(help(d).contains("did you mean `i1`?"), "{d}");
    assert_eq!(out.code, 1);
}

#[test]
fn unknown_reference_in_prose_names_the_nearest_target() {
    let fx = Fixture::valid().patch(
        "situation",
        "body: Novadā ir divas pamatskolas un viena vidusskola.",
        "body: \"Skolas ([](#tab:t-1-1)), [%s. tabulā](#tab:t-1-11) un [](#sec:s-1).\"",
    );
    let out = check_exact(&fx, &["unknown-reference"]);
    let d = out.only("unknown-reference");
    assert_at(d, SITUATION, fx.pos("situation", "[%s. tabulā](#tab:t-1-11)"));
    assert_eq!(d["path"], "sections[0].body");
    assert!(d["message"].as_str().unwrap().contains("`tab:t-1-11`"), "{d}");
    assert!(help(d).contains("did you mean `#tab:t-1-1`?"), "{d}");
    assert_eq!(out.code, 1);
}

#[test]
fn unknown_reference_of_the_wrong_kind() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "intro: Plāna īstenošanu uzrauga Izglītības pārvalde.",
        "intro: Skat. [](#fig:t-1-1).",
    );
    let out = check_exact(&fx, &["unknown-reference"]);
    let d = out.only("unknown-reference");
    assert_at(d, MONITORING, fx.pos("monitoring", "[](#fig:t-1-1)"));
    assert!(
        help(d).contains("`t-1-1` is a table, not a figure: write `#tab:t-1-1`"),
        "{d}"
    );
}

#[test]
fn unknown_goal_in_svid() {
    let fx = Fixture::valid().patch("svid", "goals: [g3]", "goals: [g33]");
    let out = check_exact(&fx, &["unknown-id"]);
    let d = out.only("unknown-id");
    assert_at(d, SVID, fx.pos("svid", "g33"));
    assert_eq!(d["path"], "threats[0].goals[0]");
    assert!(help(d).contains("did you mean `g3`?"), "{d}");
}

#[test]
fn unknown_id_far_from_everything_lists_the_ids() {
    let fx = Fixture::valid().patch("indicators", "goals: [g3]", "goals: [zzzzzz]");
    let out = fx.check();
    let d = out.only("unknown-id");
    assert_at(d, INDICATORS, fx.pos("indicators", "zzzzzz"));
    assert!(help(d).contains("g1, g2, g3"), "{d}");
}

#[test]
fn unknown_breakdown_key() {
    let fx = Fixture::valid().patch(
        "indicators",
        "- {key: g4-9, value: 30}",
        "- {key: g4-8, value: 30}",
    );
    let out = fx.check();
    let d = out.only("unknown-id");
    assert_at(d, INDICATORS, fx.pos("indicators", "g4-8"));
    assert_eq!(d["path"], "indicators[1].targets[0].values[1].key");
    assert!(help(d).contains("did you mean `g4-9`?"), "{d}");
}

#[test]
fn institutions_resolve_by_id_short_form_and_official_name() {
    // The valid fixture names institutions by short form (IP, SD, Skolas, Izglītības pārvalde),
    // by official name (Demo novada Sociālais dienests, ...) and by id in any case (ip, skolas).
    let plan = valid_text_of("plan");
    assert!(plan.contains("responsible: [IP]") && plan.contains("[Demo novada Sociālais dienests]"));
    assert!(plan.contains("executor: [skolas]") && plan.contains("responsible: [Izglītības pārvalde]"));
    valid().assert_no("unknown-institution");
    // Spacing and case do not matter either.
    let fx = Fixture::valid().patch(
        "plan",
        "executor: [Skolas]",
        "executor: [\"izglītības   IESTĀDES\"]",
    );
    check_exact(&fx, &[]);
}

fn valid_text_of(part: &str) -> &'static str {
    common::valid_text(part)
}

#[test]
fn unknown_institution_unregistered_name() {
    let fx = Fixture::valid().patch("plan", "supervisor: [ip]", "supervisor: [Bāriņtiesa]");
    let out = check_exact(&fx, &["unknown-institution"]);
    let d = out.only("unknown-institution");
    assert_at(d, PLAN, fx.pos("plan", "Bāriņtiesa"));
    assert_eq!(d["path"], "activities[1].tasks[0].supervisor[0]");
    assert_eq!(d["entity"]["kind"], "task");
    assert_eq!(d["entity"]["id"], "t-2-1-1");
    assert!(help(d).contains("institutions.yaml"), "{d}");
}

#[test]
fn unknown_institution_suggests_a_registered_spelling() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "responsible: [SD, IP]",
        "responsible: [SD, Izglītības pārvald]",
    );
    let out = check_exact(&fx, &["unknown-institution"]);
    let d = out.only("unknown-institution");
    assert_at(d, MONITORING, fx.pos("monitoring", "Izglītības pārvald]"));
    assert_eq!(d["path"], "events[2].responsible[1]");
    assert!(help(d).contains("did you mean „Izglītības pārvalde”?"), "{d}");
}

#[test]
fn unknown_institution_in_working_group() {
    let fx = Fixture::valid().patch("programme", "institution: IP", "institution: Dome");
    let out = check_exact(&fx, &["unknown-institution"]);
    let d = out.only("unknown-institution");
    assert_at(d, PROGRAMME, fx.pos("programme", "Dome"));
    assert_eq!(d["path"], "working_group[0].institution");
}

// ---------------------------------------------------------------- numbering

#[test]
fn duplicate_number() {
    let fx = Fixture::valid().patch("indicators", "    number: \"3.\"\n", "    number: \"2.\"\n");
    let out = check_exact(&fx, &["duplicate-number"]);
    let d = out.only("duplicate-number");
    assert_at(d, INDICATORS, fx.pos_nth("indicators", "\"2.\"", 1));
    assert_eq!(d["path"], "indicators[2].number");
    assert_eq!(d["entity"]["id"], "i3");
    let first_line = fx.pos_nth("indicators", "\"2.\"", 0).0;
    assert!(
        help(d).contains(&format!("indicator `i2` at line {first_line}")),
        "{d}"
    );
}

#[test]
fn number_gap() {
    let fx = Fixture::valid().patch("monitoring", "number: \"4.\"", "number: \"5.\"");
    let out = check_exact(&fx, &["number-gap"]);
    let d = out.only("number-gap");
    assert_at(d, MONITORING, fx.pos("monitoring", "\"5.\""));
    assert_eq!(d["path"], "events[3].number");
    assert!(d["message"].as_str().unwrap().contains("skips 4"), "{d}");
    assert_eq!(d["severity"], "warning");
    assert_eq!(out.code, 0);
}

#[test]
fn number_gap_within_a_goals_activities() {
    let fx = Fixture::valid().patch("plan", "number: \"1.1.\"", "number: \"1.2.\"");
    let out = check_exact(&fx, &["number-gap"]);
    let d = out.only("number-gap");
    assert_at(d, PLAN, fx.pos("plan", "\"1.2.\""));
    assert!(d["message"].as_str().unwrap().contains("skips 1"), "{d}");
}

#[test]
fn activity_under_wrong_goal() {
    let fx = Fixture::valid().patch("plan", "number: \"2.1.\"", "number: \"1.2.\"");
    let out = check_exact(&fx, &["activity-under-wrong-goal"]);
    let d = out.only("activity-under-wrong-goal");
    assert_at(d, PLAN, fx.pos("plan", "\"1.2.\""));
    assert_eq!(d["path"], "activities[1].number");
    assert_eq!(d["entity"]["id"], "a-2-1");
    assert!(d["message"].as_str().unwrap().contains("serves goal 2."), "{d}");
}

#[test]
fn activities_shifted_alike_are_one_finding() {
    // Two activities numbered one goal ahead of the goal each serves: one cause.
    let fx = Fixture::valid()
        .patch("plan", "number: \"3.1.\"", "number: \"4.1.\"")
        .patch("plan", "number: \"2.1.\"", "number: \"3.1.\"");
    let out = check_exact(&fx, &["activity-under-wrong-goal"]);
    let d = out.only("activity-under-wrong-goal");
    assert_at(d, PLAN, fx.pos("plan", "\"3.1.\""));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("2 activities are numbered under the wrong goal"),
        "{d}"
    );
    assert!(help(d).contains("3.1., 4.1."), "{d}");
}

#[test]
fn activity_numbers_follow_the_goal_numbers_of_the_plan_table() {
    // The plan's table swaps the numbers of goals g2 and g3: their activities are rightly
    // numbered there (3.1. serves g2, 2.1. serves g3), and the renumbering is the one finding.
    let printed = |n: &str| format!("    printed:\n      - table: \"T2\"\n        number: \"{n}\"\n");
    let fx = Fixture::valid()
        .patch("plan", "activities:\n", "printed_in: \"T2\"\nactivities:\n")
        .patch("plan", "number: \"3.1.\"", "number: \"2.1.x\"")
        .patch("plan", "number: \"2.1.\"", "number: \"3.1.\"")
        .patch("plan", "number: \"2.1.x\"", "number: \"2.1.\"")
        .patch(
            "goals",
            "      - Mazāk nesekmīgu vērtējumu\n",
            &format!("      - Mazāk nesekmīgu vērtējumu\n{}", printed("3.")),
        )
        .patch(
            "goals",
            "      - Katram riska izglītojamajam ir atbalsta plāns\n",
            &format!(
                "      - Katram riska izglītojamajam ir atbalsta plāns\n{}",
                printed("2.")
            ),
        );
    let out = check_exact(&fx, &["printed-variant"]);
    let d = out.only("printed-variant");
    assert_eq!(
        d["message"],
        "table „T2” numbers 2 goals differently from goals.yaml"
    );
    assert_eq!(d["path"], "goals[1].printed[0].number");
    assert!(
        help(d).contains("2. „Riska grupas izglītojamie saņem mācību atbalstu” as 3."),
        "{d}"
    );
    // Without the plan naming its table, the same numbers are two misnumbered activities.
    let fx = fx.patch("plan", "printed_in: \"T2\"\n", "");
    let out = check_exact(
        &fx,
        &[
            "activity-under-wrong-goal",
            "activity-under-wrong-goal",
            "printed-variant",
        ],
    );
    out.assert_no("duplicate-number");
}

// ---------------------------------------------------------------- printed variants

fn goal_printed(entry: &str) -> Fixture {
    Fixture::valid().patch(
        "goals",
        "      - Mazāk nesekmīgu vērtējumu\n",
        &format!("      - Mazāk nesekmīgu vērtējumu\n    printed:\n      - table: \"2.3.\"\n{entry}"),
    )
}

#[test]
fn printed_variant() {
    let fx = goal_printed("        title: Mācību atbalsts riska grupām\n");
    let out = check_exact(&fx, &["printed-variant"]);
    let d = out.only("printed-variant");
    assert_at(d, GOALS, fx.pos("goals", "Mācību atbalsts riska grupām"));
    assert_eq!(d["path"], "goals[1].printed[0].title");
    assert_eq!(
        d["message"],
        "goal `g2` is titled „Mācību atbalsts riska grupām” in table „2.3.”, but „Riska grupas izglītojamie saņem mācību atbalstu” in goals.yaml"
    );
    // A level mark printed differently.
    let out = check_exact(&goal_printed("        level: indicated\n"), &["printed-variant"]);
    assert!(
        out.only("printed-variant")["message"]
            .as_str()
            .unwrap()
            .contains("under the indicated level")
    );
}

#[test]
fn printed_variant_ignores_spacing() {
    check_exact(
        &goal_printed("        title: Riska grupas  izglītojamie saņem mācību atbalstu\n"),
        &[],
    );
}

#[test]
fn missing_from_table() {
    let fx = Fixture::valid().patch(
        "plan",
        "      human: [pedagogi]\n",
        "      human: [pedagogi]\n    printed:\n      - table: \"3.3.\"\n        absent: true\n",
    );
    let out = check_exact(&fx, &["missing-from-table"]);
    let d = out.only("missing-from-table");
    assert_at(d, PLAN, fx.pos("plan", "\"3.3.\""));
    assert_eq!(d["entity"]["id"], "a-2-1");
    assert_eq!(
        d["message"],
        "activity „Konsultācijas mācību priekšmetos” is not in table „3.3.”, though plan.yaml lists it"
    );
}

#[test]
fn an_activity_absent_from_the_tasks_table_is_one_finding() {
    // The tasks' table leaves the activity out: that, not "an activity without tasks".
    let fx = Fixture::valid()
        .patch("plan", "activities:\n", "tasks_printed_in: \"3.3.\"\nactivities:\n")
        .patch(
            "plan",
            "    tasks:\n      - id: t-2-1-1\n        title: Konsultāciju grafiks\n        executor: [skolas]\n        supervisor: [ip]\n        timing: pastāvīgi\n",
            "    printed:\n      - table: \"3.3.\"\n        absent: true\n",
        );
    check_exact(&fx, &["missing-from-table"]);
    let fx = fx.patch("plan", "tasks_printed_in: \"3.3.\"\n", "");
    check_exact(&fx, &["activity-without-tasks", "missing-from-table"]);
}

#[test]
fn a_goal_absent_from_a_table_leaves_its_numbering() {
    // Table 2.3. does not list g2; it numbers g3 as 2.: no duplicate, no gap in either table.
    let fx = goal_printed("        absent: true\n").patch(
        "goals",
        "      - Katram riska izglītojamajam ir atbalsta plāns\n",
        "      - Katram riska izglītojamajam ir atbalsta plāns\n    printed:\n      - table: \"2.3.\"\n        number: \"2.\"\n",
    );
    let out = check_exact(&fx, &["missing-from-table", "printed-variant"]);
    out.assert_no("duplicate-number");
}

// ---------------------------------------------------------------- period

#[test]
fn invalid_period() {
    let fx = Fixture::valid().patch("programme", "  to: 2028\n", "  to: 2024\n");
    let out = fx.check();
    let d = out.only("invalid-period");
    assert_at(d, PROGRAMME, fx.pos("programme", "2024"));
    assert_eq!(d["path"], "period.to");
    assert_eq!(d["message"], "the period ends in 2024 before it starts in 2025");
    assert_eq!(out.code, 1);
}

#[test]
fn invalid_period_causes_no_cascade() {
    let fx = Fixture::valid().patch("programme", "  to: 2028\n", "  to: 2024\n");
    check_exact(&fx, &["invalid-period"]);
}

#[test]
fn task_ending_before_it_starts_is_an_invalid_period() {
    let fx = Fixture::valid().patch("plan", "end: \"2026-06\"", "end: \"2025-06\"");
    let out = check_exact(&fx, &["invalid-period"]);
    let d = out.only("invalid-period");
    assert_at(d, PLAN, fx.pos("plan", "\"2025-06\""));
    assert_eq!(d["path"], "activities[0].tasks[0].end");
}

#[test]
fn year_outside_period() {
    let fx = Fixture::valid().patch("plan", "years: [2026, 2027]", "years: [2026, 2029]");
    let out = check_exact(&fx, &["year-outside-period"]);
    let d = out.only("year-outside-period");
    assert_at(d, PLAN, fx.pos("plan", "2029"));
    assert_eq!(d["path"], "activities[2].years[1]");
    assert_eq!(d["entity"]["id"], "a-3-1");
    assert!(d["message"].as_str().unwrap().contains("2025–2028"), "{d}");
}

#[test]
fn target_year_outside_period() {
    let fx = Fixture::valid().patch("indicators", "{year: 2028, value: 25}", "{year: 2030, value: 25}");
    let out = check_exact(&fx, &["year-outside-period"]);
    assert_at(
        out.only("year-outside-period"),
        INDICATORS,
        fx.pos("indicators", "2030"),
    );
}

#[test]
fn baseline_after_target() {
    let fx = Fixture::valid().patch(
        "indicators",
        "baseline: {value: 92.5, year: 2024}",
        "baseline: {to_be_set: 2027}",
    );
    let out = check_exact(&fx, &["baseline-after-target", "baseline-missing-value"]);
    let d = out.only("baseline-after-target");
    assert_at(d, INDICATORS, fx.pos("indicators", "2027"));
    assert_eq!(d["path"], "indicators[0].baseline.to_be_set");
    assert!(
        d["message"].as_str().unwrap().contains("after the 2026 target"),
        "{d}"
    );
}

#[test]
fn period_mismatch() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "period: {from: 2025, to: 2028}",
        "period: {from: 2025, to: 2029}",
    );
    let out = check_exact(&fx, &["period-mismatch"]);
    let d = out.only("period-mismatch");
    assert_at(d, MONITORING, fx.pos("monitoring", "2029"));
    assert_eq!(d["path"], "period");
}

// ---------------------------------------------------------------- coverage

#[test]
fn level_without_goal() {
    let fx = Fixture::valid().patch("goals", "level: indicated", "level: targeted");
    let out = check_exact(&fx, &["level-without-goal"]);
    let d = out.only("level-without-goal");
    assert_at(d, GOALS, (1, 1));
    assert!(d["message"].as_str().unwrap().contains("indicated"), "{d}");
    assert_eq!(help(d), "add a goal with `level: indicated`");
}

#[test]
fn goal_without_activity() {
    let fx = Fixture::valid().patch(
        "plan",
        "    number: \"3.1.\"\n    goal: g3\n",
        "    number: \"2.2.\"\n    goal: g2\n",
    );
    let out = check_exact(&fx, &["goal-without-activity"]);
    let d = out.only("goal-without-activity");
    assert_at(d, GOALS, fx.pos("goals", "g3"));
    assert_eq!(d["path"], "goals[2].id");
    assert_eq!(d["entity"]["kind"], "goal");
    assert_eq!(d["entity"]["id"], "g3");
    assert_eq!(
        d["entity"]["title"],
        "Individuāls atbalsts katram, kam tas vajadzīgs"
    );
    assert_eq!(help(d), "add an activity with `goal: g3` to plan.yaml");
}

#[test]
fn goal_without_indicator() {
    let fx = Fixture::valid().patch("indicators", "goals: [g3]", "goals: [g2]");
    let out = check_exact(&fx, &["goal-without-indicator"]);
    let d = out.only("goal-without-indicator");
    assert_at(d, GOALS, fx.pos("goals", "g3"));
    assert_eq!(d["entity"]["id"], "g3");
}

#[test]
fn goal_without_result() {
    let fx = Fixture::valid().patch(
        "goals",
        "    results:\n      - Izglītojamie izvēlas turpmāko izglītību apzināti\n",
        "",
    );
    let out = check_exact(&fx, &["goal-without-result"]);
    let d = out.only("goal-without-result");
    assert_at(
        d,
        GOALS,
        fx.pos("goals", "Visi izglītojamie saņem karjeras atbalstu"),
    );
    assert_eq!(d["path"], "goals[0].results");
}

/// Removes `line` from plan.yaml and expects `code` on the activity titled `title`.
fn activity_missing(line: &str, code: &str, title: &str, path: &str) {
    let fx = Fixture::valid().patch("plan", line, "");
    let out = check_exact(&fx, &[code]);
    let d = out.only(code);
    assert_at(d, PLAN, fx.pos("plan", title));
    assert_eq!(d["path"], path);
    assert_eq!(d["entity"]["kind"], "activity");
    assert_eq!(d["severity"], "warning");
}

#[test]
fn activity_without_responsible() {
    // Neither the plan's table nor the resource plan names the body.
    let fx = Fixture::valid()
        .patch("plan", "    responsible: [SD]\n    involved: [IP]\n", "")
        .patch(
            "plan",
            "      responsible: [SD]\n      support: [telpas]\n",
            "      support: [telpas]\n",
        );
    let out = check_exact(&fx, &["activity-without-responsible"]);
    let d = out.only("activity-without-responsible");
    assert_at(d, PLAN, fx.pos("plan", "Individuālie atbalsta plāni"));
    assert_eq!(d["path"], "activities[2].responsible");
}

#[test]
fn responsible_named_in_the_resource_plan_counts() {
    let fx = Fixture::valid().patch("plan", "    responsible: [SD]\n    involved: [IP]\n", "");
    check_exact(&fx, &[]);
}

#[test]
fn activity_without_years() {
    // Neither the plan's table nor the activity's tasks give a year.
    let fx = Fixture::valid()
        .patch("plan", "    years: [2026, 2027]\n", "")
        .patch("plan", "        start: 2026\n        end: 2027\n", "");
    let out = check_exact(&fx, &["activity-without-years"]);
    let d = out.only("activity-without-years");
    assert_at(d, PLAN, fx.pos("plan", "Individuālie atbalsta plāni"));
    assert_eq!(d["path"], "activities[2].years");
    assert_eq!(d["severity"], "warning");
}

#[test]
fn field_stated_elsewhere() {
    // The tasks' dates give the years the plan's table leaves out: one note for the table.
    let fx = Fixture::valid().patch("plan", "    years: [2026, 2027]\n", "");
    let out = check_exact(&fx, &["field-stated-elsewhere"]);
    let d = out.only("field-stated-elsewhere");
    assert_at(d, PLAN, (1, 1));
    assert_eq!(d["severity"], "info");
    assert_eq!(
        d["message"],
        "the action plan's table gives no `years` for 1 of 3 activities; for 1 of them their tasks' dates give them"
    );
    // Funding named only in the resource plan: the same.
    let fx = Fixture::valid()
        .patch("plan", "    funding: [pašvaldības budžets, ES fondi]\n", "")
        .patch(
            "plan",
            "      support: [telpas]\n",
            "      support: [telpas]\n      funding: [ES fondi]\n",
        );
    let out = check_exact(&fx, &["field-stated-elsewhere"]);
    assert!(
        out.only("field-stated-elsewhere")["message"]
            .as_str()
            .unwrap()
            .contains("`funding`")
    );
}

#[test]
fn activity_without_funding() {
    activity_missing(
        "    funding: [valsts budžets]\n",
        "activity-without-funding",
        "Konsultācijas mācību priekšmetos",
        "activities[1].funding",
    );
}

#[test]
fn activity_without_tasks() {
    activity_missing(
        "    tasks:\n      - id: t-2-1-1\n        title: Konsultāciju grafiks\n        executor: [skolas]\n        supervisor: [ip]\n        timing: pastāvīgi\n",
        "activity-without-tasks",
        "Konsultācijas mācību priekšmetos",
        "activities[1].tasks",
    );
}

#[test]
fn activity_without_resources() {
    activity_missing(
        "    resources:\n      human: [pedagogi]\n",
        "activity-without-resources",
        "Konsultācijas mācību priekšmetos",
        "activities[1].resources",
    );
}

#[test]
fn task_without_executor() {
    let fx = Fixture::valid().patch("plan", "        executor: [skolas]\n", "");
    let out = check_exact(&fx, &["task-without-executor"]);
    let d = out.only("task-without-executor");
    assert_at(d, PLAN, fx.pos("plan", "Konsultāciju grafiks"));
    assert_eq!(d["path"], "activities[1].tasks[0].executor");
    assert_eq!(d["entity"]["kind"], "task");
    assert_eq!(d["entity"]["id"], "t-2-1-1");
}

#[test]
fn task_without_supervisor() {
    let fx = Fixture::valid().patch("plan", "        supervisor: [ip]\n", "");
    let out = check_exact(&fx, &["task-without-supervisor"]);
    let d = out.only("task-without-supervisor");
    assert_at(d, PLAN, fx.pos("plan", "Konsultāciju grafiks"));
    assert_eq!(d["path"], "activities[1].tasks[0].supervisor");
}

#[test]
fn svid_unanswered() {
    let fx = Fixture::valid().patch("svid", ", goals: [g3]}", "}");
    let out = check_exact(&fx, &["svid-unanswered"]);
    let d = out.only("svid-unanswered");
    assert_at(d, SVID, fx.pos("svid", "Riska ģimeņu skaita pieaugums"));
    assert_eq!(d["path"], "threats[0].goals");
    assert_eq!(d["entity"]["kind"], "SVID item");
    assert_eq!(d["entity"]["id"], "t1");
}

#[test]
fn svid_without_any_links_is_not_checked() {
    let fx = Fixture::valid()
        .patch("svid", ", goals: [g3]}", "}")
        .patch("svid", ", goals: [g2]}", "}");
    check_exact(&fx, &[]);
}

#[test]
fn year_without_annual_report() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "{every: yearly, month: 9}",
        "{every: once, year: 2025, month: 9}",
    );
    let out = check_exact(
        &fx,
        &[
            "year-without-annual-report",
            "year-without-annual-report",
            "year-without-annual-report",
        ],
    );
    let msgs: Vec<&str> = out
        .diagnostics()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        msgs,
        [
            "no annual report is scheduled for 2026",
            "no annual report is scheduled for 2027",
            "no annual report is scheduled for 2028",
        ]
    );
    for d in out.diagnostics() {
        // Pointed at the first event of the calendar.
        assert_at(d, MONITORING, fx.pos("monitoring", "m-data"));
        assert_eq!(d["path"], "events");
    }
}

#[test]
fn to_be_filled() {
    let fx = Fixture::valid().patch(
        "goals",
        "    title: Riska grupas",
        "    title: \"TODO: riska\" # Riska grupas",
    );
    let out = check_exact(&fx, &["to-be-filled"]);
    let d = out.only("to-be-filled");
    assert_at(d, GOALS, fx.pos("goals", "TODO:"));
    assert_eq!(d["message"], "to be filled: TODO: riska");
    assert_eq!(d["severity"], "info");
    assert_eq!(out.code, 0);
}

/// A stated outline that leaves the plan and the monitoring out: one finding each, at the
/// outline; a section it places that situation.yaml does not have is an unknown id.
#[test]
fn outline_unplaced() {
    let outline = "outline:\n  - title: ANOTĀCIJA\n    contents: [annotation, working-group]\n  - section: s-1\n  - number: \"2.\"\n    title: MĒRĶI\n    contents: [svid, cooperation, goals, indicators]\n";
    let text = Fixture::valid().text("programme");
    let fx = Fixture::valid().with("programme", &format!("{text}{outline}"));
    let out = check_exact(&fx, &["outline-unplaced"; 5]);
    let messages: Vec<String> = out
        .with_code("outline-unplaced")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        messages,
        ["monitoring", "plan", "report-template", "resources", "tasks"]
            .map(|c| format!("the outline places no `{c}`: the document does not print it"))
    );
    for d in out.with_code("outline-unplaced") {
        assert_at(d, PROGRAMME, fx.pos("programme", "ANOTĀCIJA"));
        assert_eq!(d["severity"], "info");
    }
    assert_eq!(out.code, 0);
    // Placed as well, nothing is left; a section that does not exist is an unknown id.
    let whole = outline.replace(
        "goals, indicators]",
        "goals, indicators, plan, tasks, resources, monitoring, report-template]",
    );
    let fx = Fixture::valid().with("programme", &format!("{text}{whole}"));
    check_exact(&fx, &[]);
    let fx = Fixture::valid().with(
        "programme",
        &format!("{text}{}", whole.replace("section: s-1", "section: s-9")),
    );
    let out = check_exact(&fx, &["outline-unplaced", "unknown-id"]);
    assert_at(out.only("unknown-id"), PROGRAMME, fx.pos("programme", "s-9"));
}

/// The opening of a 1 × 1 PNG, as far as its size: what pmp reads to know it is a picture.
const TINY_PNG: [u8; 24] = *b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01";

/// A figure without a picture, one whose picture is not in the folder, and one whose file is
/// not a picture pmp can read; one that is there is no finding.
#[test]
fn figure_missing() {
    let figure = |image: &str| {
        format!(
            "    figures:\n      - id: f-1-1\n        number: \"1.1.\"\n        caption: Karte\n{image}    tables:\n"
        )
    };
    let fx = Fixture::valid().patch("situation", "    tables:\n", &figure(""));
    let out = check_exact(&fx, &["figure-missing"]);
    let d = out.only("figure-missing");
    assert_at(d, SITUATION, fx.pos("situation", "f-1-1"));
    assert_eq!(d["severity"], "info");
    assert_eq!(out.code, 0);
    let fx = Fixture::valid().patch(
        "situation",
        "    tables:\n",
        &figure("        image: karte.png\n"),
    );
    let out = check_exact(&fx, &["figure-missing"]);
    assert_at(
        out.only("figure-missing"),
        SITUATION,
        fx.pos("situation", "karte.png"),
    );
    // A file that is not a picture pmp can read (a PNG cut after its signature) is named so.
    fx.write("karte.png", b"\x89PNG\r\n");
    let out = check_exact(&fx, &["figure-missing"]);
    let message = out.only("figure-missing")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("not a PNG or JPEG"), "{message}");
    fx.write("karte.png", TINY_PNG);
    check_exact(&fx, &[]);
    let fx = Fixture::valid().patch(
        "situation",
        "    tables:\n",
        &figure("        image: ../karte.png\n"),
    );
    fx.write_root("karte.png", b"\x89PNG\r\n");
    check_exact(&fx, &["figure-missing"]);
}

#[test]
fn todo_in_a_comment_is_not_a_placeholder() {
    let fx = Fixture::valid().patch(
        "goals",
        "goals:\n",
        "# TODO: more goals later\ngoals: # TODO: really\n",
    );
    check_exact(&fx, &[]);
}

// ---------------------------------------------------------------- indicators

#[test]
fn baseline_missing_value() {
    let fx = Fixture::valid().patch(
        "indicators",
        "baseline: {value: 15, year: 2024}",
        "baseline: {year: 2024}",
    );
    let out = check_exact(&fx, &["baseline-missing-value"]);
    let d = out.only("baseline-missing-value");
    // At the baseline's own cell (its year), not the indicator's title.
    let (line, _) = fx.pos("indicators", "baseline: {year: 2024}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line), Some(22)),
        "{d}"
    );
    assert_eq!(d["path"], "indicators[2].baseline");
    assert_eq!(d["entity"]["id"], "i3");
}

#[test]
fn baseline_to_be_set_points_at_its_year() {
    let fx = Fixture::valid().patch(
        "indicators",
        "baseline: {value: 15, year: 2024}",
        "baseline: {to_be_set: 2025}",
    );
    let out = check_exact(&fx, &["baseline-missing-value"]);
    let d = out.only("baseline-missing-value");
    assert_at(d, INDICATORS, fx.pos("indicators", "2025"));
    assert!(
        d["message"].as_str().unwrap().contains("to be set in 2025"),
        "{d}"
    );
}

#[test]
fn target_not_measurable() {
    let fx = Fixture::valid().patch(
        "indicators",
        "{year: 2028, value: 25}",
        "{year: 2028, trend: pieaug}",
    );
    let out = check_exact(&fx, &["target-not-measurable"]);
    let d = out.only("target-not-measurable");
    assert_at(d, INDICATORS, fx.pos("indicators", "pieaug"));
    assert_eq!(d["path"], "indicators[2].targets[0]");
    assert!(d["message"].as_str().unwrap().contains("„pieaug”"), "{d}");
}

#[test]
fn percent_out_of_range() {
    let fx = Fixture::valid().patch("indicators", "value: 96}", "value: 106}");
    let out = check_exact(&fx, &["percent-out-of-range"]);
    let d = out.only("percent-out-of-range");
    assert_at(d, INDICATORS, fx.pos("indicators", "106"));
    assert_eq!(d["path"], "indicators[0].targets[1].value");
    assert_eq!(d["entity"]["id"], "i1");
    assert!(help(d).contains("unit: count"), "{d}");
}

#[test]
fn negative_percent_is_out_of_range() {
    let fx = Fixture::valid().patch("indicators", "value: 92.5", "value: -1");
    let out = check_exact(&fx, &["percent-out-of-range"]);
    assert_at(
        out.only("percent-out-of-range"),
        INDICATORS,
        fx.pos("indicators", "-1"),
    );
}

#[test]
fn counts_above_100_are_fine() {
    let fx = Fixture::valid().patch(
        "indicators",
        "{year: 2028, value: 25}",
        "{year: 2028, value: 250}",
    );
    check_exact(&fx, &[]);
}

#[test]
fn breakdown_mismatch() {
    let fx = Fixture::valid().patch("indicators", "          - {key: g4-9, value: 30}\n", "");
    let out = check_exact(&fx, &["breakdown-mismatch"]);
    let d = out.only("breakdown-mismatch");
    let (line, col) = fx.pos("indicators", "- year: 2028");
    assert_at(d, INDICATORS, (line, col + "- year: ".len() as u64));
    assert_eq!(d["path"], "indicators[1].targets[0]");
    assert_eq!(
        d["message"],
        "the 2028 target gives g1-3, the baseline gives g1-3, g4-9"
    );
}

#[test]
fn breakdown_mismatch_single_value_against_breakdowns() {
    let fx = Fixture::valid().patch(
        "indicators",
        "      - year: 2028\n        values:\n          - {key: g1-3, value: 8}\n          - {key: g4-9, value: 30}\n",
        "      - {year: 2028, value: 38}\n",
    );
    let out = check_exact(&fx, &["breakdown-mismatch"]);
    let d = out.only("breakdown-mismatch");
    assert_eq!(
        d["message"],
        "the 2028 target gives a single value, the baseline gives g1-3, g4-9"
    );
}

// ---------------------------------------------------------------- tables

const T1: &str = "sections[0].tables[0]";
const T2: &str = "sections[0].tables[1]";

#[test]
fn total_mismatch_total_row() {
    let fx = Fixture::valid().patch("situation", "[Kopā, 1.5]", "[Kopā, 2.5]");
    let out = check_exact(&fx, &["total-mismatch"]);
    let d = out.only("total-mismatch");
    assert_at(d, SITUATION, fx.pos("situation", "2.5"));
    assert_eq!(d["path"], format!("{T2}.rows[2].cells[1]"));
    assert_eq!(d["entity"]["kind"], "table");
    assert_eq!(d["entity"]["id"], "t-1-2");
    assert_eq!(d["entity"]["title"], "Atbalsta personāls");
    assert_eq!(
        d["message"],
        "the total in column „Likmes” is 2.5, but its rows add up to 1.5 (vacancies counted, as the table declares)"
    );
    assert!(help(d).contains("the difference is 1"), "{d}");
}

#[test]
fn total_mismatch_subtotal_row_by_group() {
    let fx = Fixture::valid().patch(
        "situation",
        "[Pamatskolas kopā, 70, 80, 150, 53.3]",
        "[Pamatskolas kopā, 69, 81, 150, 54]",
    );
    let out = check_exact(&fx, &["total-mismatch", "total-mismatch"]);
    let ds = out.with_code("total-mismatch");
    assert_at(ds[0], SITUATION, fx.pos("situation", "69"));
    assert_at(ds[1], SITUATION, fx.pos("situation", "81"));
    assert_eq!(ds[0]["path"], format!("{T1}.rows[2].cells[1]"));
    assert_eq!(
        ds[0]["message"],
        "the subtotal of „pamat” in column „Zēni” is 69, but its rows add up to 70"
    );
    assert_eq!(
        ds[1]["message"],
        "the subtotal of „pamat” in column „Meitenes” is 81, but its rows add up to 80"
    );
}

#[test]
fn total_mismatch_total_column_sum_of() {
    let fx = Fixture::valid().with(
        "situation",
        "# yaml-language-server: $schema=../../schemas/situation.schema.json
sections:
  - id: s-1
    title: Izglītojamie
    tables:
      - id: t-1
        caption: Izglītojamie pa klasēm
        columns:
          - {id: school, label: Skola, role: label}
          - {id: a, label: 1.–4. klase}
          - {id: b, label: 5.–9. klase}
          - {id: all, label: Kopā, role: total, sum_of: [a, b]}
        rows:
          - cells: [Ausmas pamatskola, 10, 20, 30]
          - cells: [Birzes pamatskola, 5, 6, 12]
",
    );
    let out = check_exact(&fx, &["total-mismatch"]);
    let d = out.only("total-mismatch");
    assert_at(d, SITUATION, fx.pos("situation", "12"));
    assert_eq!(d["path"], "sections[0].tables[0].rows[1].cells[3]");
    assert_eq!(
        d["message"],
        "„Kopā” of „Birzes pamatskola” is 12, but its columns add up to 11"
    );
}

#[test]
fn total_mismatch_unknown_sum_of_column_is_an_unknown_id() {
    let fx = Fixture::valid().patch("situation", "sum_of: [boys, girls]", "sum_of: [boys, gilrs]");
    let out = fx.check();
    let d = out.only("unknown-id");
    assert_at(d, SITUATION, fx.pos("situation", "gilrs"));
    assert_eq!(d["path"], format!("{T1}.columns[3].sum_of[1]"));
    assert!(help(d).contains("did you mean `girls`?"), "{d}");
}

#[test]
fn total_mismatch_prose_total() {
    let fx = Fixture::valid().patch(
        "situation",
        "{column: all, value: 200,",
        "{column: all, value: 210,",
    );
    let out = check_exact(&fx, &["total-mismatch"]);
    let d = out.only("total-mismatch");
    assert_at(d, SITUATION, fx.pos("situation", "210"));
    assert_eq!(d["path"], format!("{T1}.totals[0].value"));
    assert_eq!(
        d["message"],
        "the text states a total of 210 for „Kopā”, but the table's rows add up to 200"
    );
    assert_eq!(
        help(d),
        "the source: „novadā mācās 200 izglītojamo”; the difference is 10"
    );
}

#[test]
fn vacancies_counted_is_right_and_excluded_is_wrong() {
    // The valid fixture: 1 + 0.5 (vacant) = 1.5 with `vacancies: counted`.
    valid().assert_no("total-mismatch");
    let fx = Fixture::valid().patch("situation", "vacancies: counted", "vacancies: excluded");
    let out = check_exact(&fx, &["total-mismatch"]);
    let d = out.only("total-mismatch");
    assert_at(d, SITUATION, fx.pos("situation", "1.5"));
    assert_eq!(
        d["message"],
        "the total in column „Likmes” is 1.5, but its rows add up to 1 (vacancies not counted, as the table declares)"
    );
}

#[test]
fn vacancies_excluded_is_right_and_counted_is_wrong() {
    let fx = Fixture::valid()
        .patch("situation", "vacancies: counted", "vacancies: excluded")
        .patch("situation", "[Kopā, 1.5]", "[Kopā, 1]");
    check_exact(&fx, &[]);
    let fx = fx.patch("situation", "vacancies: excluded", "vacancies: counted");
    let out = check_exact(&fx, &["total-mismatch"]);
    let (line, col) = fx.pos("situation", "[Kopā, 1]");
    assert_at(
        out.only("total-mismatch"),
        SITUATION,
        (line, col + "[Kopā, ".chars().count() as u64),
    );
}

#[test]
fn vacancies_default_to_counted() {
    let fx = Fixture::valid().patch("situation", "        vacancies: counted\n", "");
    check_exact(&fx, &[]);
}

#[test]
fn tolerance_allows_rounding() {
    let fx = Fixture::valid().patch("situation", "[Kopā, 1.5]", "[Kopā, 1.6]");
    check_exact(&fx, &["total-mismatch"]);
    let fx = fx.patch(
        "situation",
        "        vacancies: counted\n",
        "        vacancies: counted\n        tolerance: 0.1\n",
    );
    check_exact(&fx, &[]);
}

#[test]
fn percent_mismatch_percent_column() {
    let fx = Fixture::valid().patch("situation", "75, 46.7]", "75, 47.7]");
    let out = check_exact(&fx, &["percent-mismatch"]);
    let d = out.only("percent-mismatch");
    assert_at(d, SITUATION, fx.pos("situation", "47.7"));
    assert_eq!(d["path"], format!("{T1}.rows[0].cells[4]"));
    assert_eq!(d["message"], "47.7 % is printed, but 35 of 75 is 46.7 %");
}

#[test]
fn printed_zeros_set_the_rounding_tolerance() {
    // 50.06 of 200 is 25.03 %: within the rounding of a printed „25 %”, not of „25,00 %”.
    let fx = Fixture::valid().patch("situation", "count: 50\n", "count: 50.06\n");
    check_exact(&fx, &[]);
    let fx = fx.patch("situation", "percent: 25\n", "percent: 25.00\n");
    let out = check_exact(&fx, &["percent-mismatch"]);
    assert_eq!(
        out.only("percent-mismatch")["message"],
        "25.00 % is stated, but 50.06 of 200 is 25.03 %"
    );
}

#[test]
fn a_total_keeps_every_printed_decimal() {
    // 1.5 printed as 1.500 is the same figure; 1.501 is one unit of the third decimal off.
    let fx = Fixture::valid().patch("situation", "[Kopā, 1.5]", "[Kopā, 1.500]");
    check_exact(&fx, &[]);
    let fx = fx.patch("situation", "[Kopā, 1.500]", "[Kopā, 1.501]");
    let out = check_exact(&fx, &["total-mismatch"]);
    assert_eq!(
        help(out.only("total-mismatch")).split(';').next(),
        Some("the difference is 0.001")
    );
}

#[test]
fn percent_mismatch_facts() {
    let fx = Fixture::valid().patch("situation", "percent: 25", "percent: 30");
    let out = check_exact(&fx, &["percent-mismatch"]);
    let d = out.only("percent-mismatch");
    assert_at(d, SITUATION, fx.pos("situation", "30\n"));
    assert_eq!(d["path"], "sections[0].facts[0].percent");
    assert_eq!(d["entity"]["kind"], "section");
    assert_eq!(d["entity"]["id"], "s-1");
    assert_eq!(d["message"], "30 % is stated, but 50 of 200 is 25 %");
    assert_eq!(help(d), "„25 % izglītojamo mācās vidusskolā”");
}

#[test]
fn row_length() {
    let fx = Fixture::valid().patch(
        "situation",
        "[Cēsu vidusskola, 20, 30, 50, 60]",
        "[Cēsu vidusskola, 20, 30, 50]",
    );
    let out = check_exact(&fx, &["row-length"]);
    let d = out.only("row-length");
    assert_at(d, SITUATION, fx.pos("situation", "Cēsu vidusskola"));
    assert_eq!(d["path"], format!("{T1}.rows[3].cells"));
    assert_eq!(d["message"], "this row has 4 cells, the table has 5 columns");
}

#[test]
fn a_missing_cell_is_one_finding_at_its_row() {
    // Without the boys' figure every later cell of the row shifts left: the sums of its
    // columns mean nothing until the row is fixed, so it is one finding, not one per column.
    let fx = Fixture::valid().patch(
        "situation",
        "[Cēsu vidusskola, 20, 30, 50, 60]",
        "[Cēsu vidusskola, 30, 50, 60]",
    );
    let out = check_exact(&fx, &["row-length"]);
    assert_at(
        out.only("row-length"),
        SITUATION,
        fx.pos("situation", "Cēsu vidusskola"),
    );
}

#[test]
fn row_too_long() {
    let fx = Fixture::valid().patch(
        "situation",
        "[Sociālais pedagogs, 1]",
        "[Sociālais pedagogs, 1, 2]",
    );
    let out = check_exact(&fx, &["row-length"]);
    assert_eq!(
        out.only("row-length")["message"],
        "this row has 3 cells, the table has 2 columns"
    );
}

/// `[Sociālais pedagogs, 1,5]` is three cells to YAML: the finding names the decimal comma.
#[test]
fn a_decimal_comma_in_a_row_is_named_as_the_likely_cause() {
    let fx = Fixture::valid().patch(
        "situation",
        "[Sociālais pedagogs, 1]",
        "[Sociālais pedagogs, 1,5]",
    );
    let out = check_exact(&fx, &["row-length"]);
    let d = out.only("row-length");
    assert_eq!(
        d["message"],
        "this row has 3 cells, the table has 2 columns: `1,5` is probably a number with a decimal comma, which YAML splits into two cells"
    );
    assert_eq!(
        help(d),
        "write the number with a decimal point, `1.5`; the document prints it with a comma"
    );
    // With a space after the comma it is two cells as written: no guess.
    let fx = Fixture::valid().patch(
        "situation",
        "[Sociālais pedagogs, 1]",
        "[Sociālais pedagogs, 1, 5]",
    );
    let out = check_exact(&fx, &["row-length"]);
    assert_eq!(
        out.only("row-length")["message"],
        "this row has 3 cells, the table has 2 columns"
    );
}

// ---------------------------------------------------------------- CSV tables

const CSV_TABLE: &str = "      - id: t-1-2
        number: \"1.2.\"
        caption: Atbalsta personāls
        unit: likmes
        vacancies: counted
        columns:
          - {id: post, label: Amats, role: label}
          - {id: rate, label: Likmes}
        rows_csv: staff.csv
";

fn with_csv_table(csv: &str) -> Fixture {
    let fx = Fixture::valid();
    let text = fx.text("situation");
    let start = text.find("      - id: t-1-2").unwrap();
    let fx = fx.with("situation", &format!("{}{CSV_TABLE}", &text[..start]));
    fx.write("staff.csv", csv);
    fx
}

#[test]
fn csv_rows_are_checked_with_positions_in_the_csv() {
    let fx =
        with_csv_table("post,rate,_role\nSociālais pedagogs,1,\nPsihologs,vacancy:0.5,\nKopā,1.5,total\n");
    check_exact(&fx, &[]);
    let fx =
        with_csv_table("post,rate,_role\nSociālais pedagogs,1,\nPsihologs,vacancy:0.5,\nKopā,2.5,total\n");
    let out = check_exact(&fx, &["total-mismatch"]);
    let d = out.only("total-mismatch");
    assert_at(d, "demo/staff.csv", (4, 6));
    assert_eq!(d["path"], format!("{T2}.rows[2].cells[1]"));
}

#[test]
fn csv_invalid_unknown_column() {
    let fx = with_csv_table("post,rat\nSociālais pedagogs,1\n");
    let out = check_exact(&fx, &["csv-invalid"]);
    let d = out.only("csv-invalid");
    assert_at(d, "demo/staff.csv", (1, 6));
    assert!(help(d).contains("did you mean `rate`?"), "{d}");
}

#[test]
fn csv_invalid_missing_file() {
    let fx = with_csv_table("");
    std::fs::remove_file(fx.path("staff.csv")).unwrap();
    let out = check_exact(&fx, &["csv-invalid"]);
    let d = out.only("csv-invalid");
    assert_at(d, SITUATION, fx.pos("situation", "staff.csv"));
    assert_eq!(d["path"], format!("{T2}.rows_csv"));
}

#[test]
fn csv_invalid_wrong_field_count() {
    let fx = with_csv_table("post,rate\nSociālais pedagogs,1\nPsihologs\n");
    let out = check_exact(&fx, &["csv-invalid"]);
    let d = out.only("csv-invalid");
    assert_at(d, "demo/staff.csv", (3, 1));
    assert_eq!(d["message"], "this line has 1 fields, the header has 2");
}

// ---------------------------------------------------------------- load (the rest is in hostile.rs)

#[test]
fn not_a_file_folder_in_place_of_a_part() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path("svid.yaml")).unwrap();
    std::fs::create_dir(fx.path("svid.yaml")).unwrap();
    let out = check_exact(&fx, &["not-a-file"]);
    let d = out.only("not-a-file");
    assert_at(d, SVID, (1, 1));
    assert_eq!(d["message"], "demo/svid.yaml is a folder, not a regular file");
    assert!(help(d).contains("regular"), "{d}");
}

#[test]
fn unknown_file_with_suggestion() {
    let fx = Fixture::valid();
    fx.write("goal.yaml", "goals: []\n");
    let out = check_exact(&fx, &["unknown-file"]);
    let d = out.only("unknown-file");
    assert_at(d, "demo/goal.yaml", (1, 1));
    assert!(help(d).contains("did you mean `goals.yaml`?"), "{d}");
    assert_eq!(d["severity"], "warning");
}

#[test]
fn yml_extension_is_an_unknown_file() {
    let fx = Fixture::valid();
    fx.write("plan.yml", "activities: []\n");
    let out = check_exact(&fx, &["unknown-file"]);
    assert_eq!(out.only("unknown-file")["file"], "demo/plan.yml");
}

#[test]
fn optional_parts_may_be_missing() {
    let fx = Fixture::valid().without("svid").without("situation");
    check_exact(&fx, &[]);
}

// ---------------------------------------------------------------- monitoring

#[test]
fn invalid_timing_month_13() {
    let fx = Fixture::valid().patch("monitoring", "month: 8}", "month: 13}");
    let out = check_exact(&fx, &["invalid-timing"]);
    let d = out.only("invalid-timing");
    assert_at(d, MONITORING, fx.pos("monitoring", "13"));
    assert_eq!(d["path"], "events[0].timing");
    assert_eq!(d["entity"]["id"], "m-data");
    assert_eq!(d["message"], "month 13 does not exist");
}

#[test]
fn invalid_timing_twice_yearly_with_one_month() {
    let fx = Fixture::valid().patch("monitoring", "months: [3, 10]", "months: [3]");
    let out = check_exact(&fx, &["invalid-timing"]);
    let d = out.only("invalid-timing");
    assert_at(d, MONITORING, fx.pos("monitoring", "twice-yearly"));
    assert_eq!(d["path"], "events[2].timing");
    assert_eq!(d["message"], "twice a year needs two months, 1 given");
}

#[test]
fn invalid_timing_once_without_year() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "{every: once, year: 2028, month: 12}",
        "{every: once, month: 12}",
    );
    let out = check_exact(&fx, &["invalid-timing"]);
    let d = out.only("invalid-timing");
    assert_at(d, MONITORING, fx.pos("monitoring", "once"));
    assert_eq!(d["message"], "a one-off event needs a `year`");
}

#[test]
fn completion_in_future() {
    let fx = Fixture::valid().patch("monitoring", "date: 2025-09-30", "date: 2026-11-23");
    let out = check_exact(&fx, &["completion-in-future"]);
    let d = out.only("completion-in-future");
    assert_at(d, MONITORING, fx.pos("monitoring", "2026-11-23"));
    assert_eq!(d["path"], "events[1].done[0].date");
    assert_eq!(
        d["message"],
        "the completion is dated 2026-11-23, after today (2026-11-22)"
    );
}

#[test]
fn unknown_occurrence_year_outside_the_period() {
    let fx = Fixture::valid().patch("monitoring", "{occurrence: \"2025\"", "{occurrence: \"2030\"");
    let out = check_exact(&fx, &["unknown-occurrence"]);
    let d = out.only("unknown-occurrence");
    assert_at(d, MONITORING, fx.pos("monitoring", "\"2030\""));
    assert_eq!(d["path"], "events[1].done[0].occurrence");
    assert_eq!(d["entity"]["id"], "m-report");
    assert!(help(d).contains("2025, 2026, 2027, 2028"), "{d}");
}

#[test]
fn unknown_occurrence_month_the_event_is_not_held_in() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "    responsible: [SD, IP]\n",
        "    responsible: [SD, IP]\n    done:\n      - {occurrence: \"2026-03\", date: 2026-03-20}\n      - {occurrence: \"2026-04\", date: 2026-04-20}\n",
    );
    let out = check_exact(&fx, &["unknown-occurrence"]);
    let d = out.only("unknown-occurrence");
    assert_at(d, MONITORING, fx.pos("monitoring", "\"2026-04\""));
    assert_eq!(d["path"], "events[2].done[1].occurrence");
}

#[test]
fn completion_today_is_fine() {
    let fx = Fixture::valid().patch("monitoring", "date: 2025-09-30", "date: 2026-11-22");
    check_exact(&fx, &[]);
}

// ---------------------------------------------------------------- results

#[test]
fn results_for_another_programme() {
    let fx = Fixture::valid().patch(R2025, "programme: demo-2025-2028", "programme: demo-2024");
    let out = check_exact(&fx, &["results-unknown-id"]);
    let d = out.only("results-unknown-id");
    assert_at(d, RESULTS, fx.pos(R2025, "demo-2024"));
    assert!(help(d).contains("programme: demo-2025-2028"), "{d}");
}

#[test]
fn results_for_an_unknown_indicator_activity_and_task() {
    let fx = Fixture::valid()
        .patch(R2025, "- indicator: i3", "- indicator: i33")
        .patch(R2025, "- activity: a-2-1", "- activity: a-2-9")
        .patch(R2025, "{task: t-1-1-1,", "{task: t-1-1-2,");
    let out = fx.check();
    // The unknown ones leave gaps the completeness warning names (i3 and a-2-1 have no entry).
    out.assert_codes(&[
        "results-unknown-id",
        "results-unknown-id",
        "results-unknown-id",
        "results-missing",
    ]);
    let found = out.with_code("results-unknown-id");
    assert_at(found[0], RESULTS, fx.pos(R2025, "i33"));
    assert!(help(found[0]).contains("did you mean `i3`?"), "{}", found[0]);
    assert_eq!(found[0]["path"], "indicators[2].indicator");
    assert_at(found[1], RESULTS, fx.pos(R2025, "t-1-1-2"));
    assert_eq!(found[1]["path"], "activities[0].tasks[0].task");
    assert_at(found[2], RESULTS, fx.pos(R2025, "a-2-9"));
}

#[test]
fn results_for_a_task_in_a_plan_without_tasks() {
    // With no task anywhere in the plan, a task named in the results is unknown.
    let mut fx = Fixture::valid();
    for task in [
        "    tasks:\n      - id: t-1-1-1\n        number: \"1.1.1.\"\n        title: Karjeras dienu plāns\n        executor: [Skolas]\n        supervisor: [IP]\n        start: \"2025-09\"\n        end: \"2026-06\"\n",
        "    tasks:\n      - id: t-2-1-1\n        title: Konsultāciju grafiks\n        executor: [skolas]\n        supervisor: [ip]\n        timing: pastāvīgi\n",
        "    tasks:\n      - id: t-3-1-1\n        title: Plānu sagatavošana\n        executor: [Demo novada Sociālais dienests]\n        supervisor: [IP]\n        start: 2026\n        end: 2027\n",
    ] {
        fx = fx.patch("plan", task, "");
    }
    let out = check_exact(&fx, &["results-unknown-id", "results-unknown-id"]);
    let found = out.with_code("results-unknown-id");
    assert_at(found[0], RESULTS, fx.pos(R2025, "t-1-1-1"));
    assert_eq!(help(found[0]), "no task of activity `a-1-1` is defined");
}

#[test]
fn results_year_differs_from_the_file_name() {
    let fx = Fixture::valid().patch(R2025, "year: 2025", "year: 2026");
    let out = check_exact(&fx, &["results-year"]);
    let d = out.only("results-year");
    assert_at(d, RESULTS, fx.pos(R2025, "2026"));
    assert!(help(d).contains("results/2026.yaml"), "{d}");
}

#[test]
fn results_year_outside_the_period() {
    let fx = Fixture::valid();
    fx.write(
        "results/2024.yaml",
        common::VALID_RESULTS.replace("year: 2025", "year: 2024"),
    );
    let out = check_exact(&fx, &["results-year"]);
    let d = out.only("results-year");
    assert_eq!(d["file"], "demo/results/2024.yaml");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("outside the programme's period 2025–2028"),
        "{d}"
    );
}

#[test]
fn results_year_still_to_come() {
    // Today is 2026-11-22: an empty file for 2027 is fine, one that records results is not.
    let fx = Fixture::valid();
    fx.write(
        "results/2027.yaml",
        "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: demo-2025-2028\nyear: 2027\n",
    );
    check_exact(&fx, &[]);
    fx.write(
        "results/2027.yaml",
        common::VALID_RESULTS.replace("year: 2025", "year: 2027"),
    );
    let out = check_exact(&fx, &["results-year"]);
    let d = out.only("results-year");
    assert_eq!(d["file"], "demo/results/2027.yaml");
    assert!(d["message"].as_str().unwrap().contains("has not begun"), "{d}");
}

#[test]
fn results_recording_one_indicator_breakdown_activity_or_task_twice() {
    let fx = Fixture::valid()
        .patch(
            R2025,
            "  - indicator: i3\n    value: 17\n",
            "  - indicator: i1\n    value: 94.0\n  - indicator: i3\n    value: 17\n",
        )
        .patch(R2025, "{key: g4-9, value: 38}", "{key: g1-3, value: 11}")
        .patch(
            R2025,
            "      - {task: t-2-1-1, status: ongoing}\n",
            "      - {task: t-2-1-1, status: ongoing}\n      - {task: t-2-1-1, status: done}\n  - activity: a-1-1\n    status: ongoing\n    tasks: [{task: t-1-1-1, status: ongoing}]\n",
        );
    let out = check_exact(
        &fx,
        &[
            "results-duplicate",
            "results-duplicate",
            "results-duplicate",
            "results-duplicate",
        ],
    );
    let found = out.with_code("results-duplicate");
    let paths: Vec<&str> = found.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "indicators[1].values[1].key",
            "indicators[2].indicator",
            "activities[1].tasks[1].task",
            "activities[2].activity",
        ]
    );
    assert_eq!(
        found[1]["message"],
        "indicator `i1` is recorded twice in these results"
    );
    assert_eq!(found[1]["entity"]["id"], "i1");
    assert!(
        help(found[1]).contains("already recorded at line 10"),
        "{}",
        found[1]
    );
    assert_eq!(
        found[0]["message"],
        "breakdown `g1-3` of indicator `i2` is recorded twice in these results"
    );
    assert_eq!(
        found[2]["message"],
        "task `t-2-1-1` of activity `a-2-1` is recorded twice in these results"
    );
    assert_eq!(found[3]["entity"]["id"], "a-1-1");
    // The same ids in different entries are no duplicate: a task id under two activities.
    check_exact(&Fixture::valid(), &[]);
}

#[test]
fn results_for_a_breakdown_the_indicator_lacks() {
    let fx = Fixture::valid().patch(R2025, "{key: g4-9, value: 38}", "{key: g4-10, value: 38}");
    let out = check_exact(&fx, &["results-unknown-breakdown"]);
    let d = out.only("results-unknown-breakdown");
    assert_at(d, RESULTS, fx.pos(R2025, "g4-10"));
    assert_eq!(d["path"], "indicators[1].values[1].key");
    assert_eq!(help(d), "its breakdowns are: g1-3, g4-9");
}

#[test]
fn results_funding_from_a_source_the_activity_lacks() {
    let fx = Fixture::valid().patch(R2025, "{source: valsts budžets,", "{source: ES fondi,");
    let out = check_exact(&fx, &["results-unknown-funding"]);
    let d = out.only("results-unknown-funding");
    assert_at(d, RESULTS, fx.pos(R2025, "ES fondi"));
    assert!(help(d).contains("valsts budžets"), "{d}");
    // The same source written in another case is the same source.
    let fx = Fixture::valid().patch(R2025, "{source: valsts budžets,", "{source: Valsts budžets,");
    check_exact(&fx, &[]);
}

#[test]
fn activity_done_in_a_year_it_does_not_run() {
    // a-3-1 runs in 2026 and 2027 only.
    let fx = Fixture::valid().patch(
        R2025,
        "      - {task: t-2-1-1, status: ongoing}\n",
        "      - {task: t-2-1-1, status: ongoing}\n  - activity: a-3-1\n    status: done\n    tasks: [{task: t-3-1-1, status: done}]\n",
    );
    let out = check_exact(&fx, &["done-outside-years"]);
    let d = out.only("done-outside-years");
    assert_at(d, RESULTS, fx.pos_nth(R2025, "done", 1));
    assert!(help(d).contains("2026, 2027"), "{d}");
    // Under way ahead of its years is not an error.
    let fx = Fixture::valid().patch(
        R2025,
        "      - {task: t-2-1-1, status: ongoing}\n",
        "      - {task: t-2-1-1, status: ongoing}\n  - activity: a-3-1\n    status: ongoing\n    tasks: [{task: t-3-1-1, status: ongoing}]\n",
    );
    check_exact(&fx, &[]);
}

#[test]
fn achieved_percentage_out_of_range() {
    let fx = Fixture::valid().patch(R2025, "value: 93.0", "value: 930");
    let out = check_exact(&fx, &["results-percent-out-of-range"]);
    let d = out.only("results-percent-out-of-range");
    assert_at(d, RESULTS, fx.pos(R2025, "930"));
    // A count may exceed 100.
    let fx = Fixture::valid().patch(R2025, "value: 17", "value: 117");
    check_exact(&fx, &[]);
}

#[test]
fn indicator_moving_away_from_its_target() {
    // i1 rises from 92,5 towards 94; 91 is further away.
    let fx = Fixture::valid().patch(R2025, "value: 93.0", "value: 91.0");
    let out = check_exact(&fx, &["moving-away-from-target"]);
    let d = out.only("moving-away-from-target");
    assert_eq!(d["severity"], "warning");
    assert_at(d, RESULTS, fx.pos(R2025, "91.0"));
    // i2 falls towards its target: a breakdown that rose is moving away.
    let fx = Fixture::valid().patch(R2025, "{key: g4-9, value: 38}", "{key: g4-9, value: 41}");
    let out = check_exact(&fx, &["moving-away-from-target"]);
    assert!(
        out.only("moving-away-from-target")["message"]
            .as_str()
            .unwrap()
            .contains("(g4-9)")
    );
}

#[test]
fn results_file_problems_are_reported_in_the_results_file() {
    // The schema line, the schema and a file not named after a year.
    let fx = Fixture::valid()
        .patch(
            R2025,
            "# yaml-language-server: $schema=../../../schemas/results.schema.json\n",
            "",
        )
        .patch(
            R2025,
            "    status: ongoing\n    achieved:",
            "    status: finished\n    achieved:",
        );
    fx.write("results/draft.yaml", "programme: demo-2025-2028\n");
    let out = fx.check();
    // The file that does not load leaves 2025 without results: the completeness warning follows.
    out.assert_codes(&[
        "schema-header",
        "invalid-value",
        "unknown-file",
        "results-missing",
    ]);
    assert_at(out.only("schema-header"), RESULTS, (1, 1));
    assert!(help(out.only("schema-header")).contains("../../../schemas/results.schema.json"));
    assert_at(out.only("invalid-value"), RESULTS, fx.pos(R2025, "finished"));
    let d = out.only("unknown-file");
    assert_eq!(d["file"], "demo/results/draft.yaml");
    assert!(help(d).contains("results/2025.yaml"), "{d}");
    assert!(
        out.only("results-missing")["message"]
            .as_str()
            .unwrap()
            .ends_with("results/2025.yaml does not load"),
        "{}",
        out.pretty()
    );
}

#[test]
fn annual_report_done_but_results_missing() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path(common::RESULTS)).unwrap();
    let out = check_exact(&fx, &["results-missing"]);
    let d = out.only("results-missing");
    assert_at(d, MONITORING, fx.pos("monitoring", "\"2025\""));
    assert!(help(d).contains("results/2025.yaml"), "{d}");
}

#[test]
fn annual_report_done_but_results_incomplete() {
    let fx = Fixture::valid().patch(
        R2025,
        "  - indicator: i3\n    value: 17\n    source: Skolu dati\n    note: Plāni sagatavoti divās skolās.\n",
        "",
    );
    let out = check_exact(&fx, &["results-missing"]);
    let d = out.only("results-missing");
    assert_at(d, RESULTS, (3, 7));
    assert!(help(d).contains("indicator(s) i3"), "{d}");
    // Without the completion recorded, nothing is due yet.
    let fx = fx.patch(
        "monitoring",
        "    done:\n      - {occurrence: \"2025\", date: 2025-09-30}\n",
        "",
    );
    check_exact(&fx, &[]);
}

// ---------------------------------------------------------------- suppression and configuration

#[test]
fn allow_on_the_line_silences_the_finding() {
    let fx = Fixture::valid().patch(
        "indicators",
        "value: 96}",
        "value: 106} # pmp: allow percent-out-of-range -- printed so",
    );
    let out = check_exact(&fx, &[]);
    assert_eq!(out.code, 0);
}

#[test]
fn allow_on_the_line_above_silences_the_finding() {
    let fx = Fixture::valid().patch(
        "indicators",
        "      - {year: 2028, value: 96}\n",
        "      # pmp: allow percent-out-of-range -- printed so in the adopted document\n      - {year: 2028, value: 106}\n",
    );
    check_exact(&fx, &[]);
}

#[test]
fn allow_for_another_code_does_not_silence() {
    let fx = Fixture::valid().patch(
        "indicators",
        "value: 96}",
        "value: 106} # pmp: allow total-mismatch -- printed so",
    );
    let out = check_exact(&fx, &["percent-out-of-range", "unused-suppression"]);
    assert_eq!(out.code, 1);
}

#[test]
fn unused_suppression() {
    let fx = Fixture::valid().patch(
        "goals",
        "level: universal",
        "level: universal # pmp: allow number-gap -- no reason needed",
    );
    let out = check_exact(&fx, &["unused-suppression"]);
    let d = out.only("unused-suppression");
    assert_at(d, GOALS, fx.pos("goals", "# pmp: allow"));
    assert_eq!(d["severity"], "info");
    assert!(d["message"].as_str().unwrap().contains("silences nothing"), "{d}");
}

#[test]
fn allow_with_an_unknown_code_suggests_one() {
    let fx = Fixture::valid().patch(
        "goals",
        "level: universal",
        "level: universal # pmp: allow number-gaps -- typo",
    );
    let out = fx.check();
    let ds = out.with_code("unused-suppression");
    assert!(!ds.is_empty(), "{}", out.pretty());
    let d = ds
        .iter()
        .find(|d| d["message"] == "`number-gaps` is not a rule code")
        .expect("unknown code reported");
    assert_at(d, GOALS, fx.pos("goals", "# pmp: allow"));
    assert_eq!(help(d), "did you mean `number-gap`?");
}

#[test]
fn suppression_without_reason() {
    let fx = Fixture::valid().patch(
        "indicators",
        "value: 96}",
        "value: 106} # pmp: allow percent-out-of-range",
    );
    let out = check_exact(&fx, &["suppression-without-reason"]);
    let d = out.only("suppression-without-reason");
    assert_at(d, INDICATORS, fx.pos("indicators", "# pmp: allow"));
    assert_eq!(d["severity"], "warning");
    // It still silences the finding; only the missing reason is reported.
    assert_eq!(out.code, 0);
}

#[test]
fn suppression_with_empty_reason() {
    let fx = Fixture::valid().patch(
        "indicators",
        "value: 96}",
        "value: 106} # pmp: allow percent-out-of-range --   ",
    );
    check_exact(&fx, &["suppression-without-reason"]);
}

#[test]
fn pmp_toml_turns_a_rule_off_and_changes_a_severity() {
    let fx = Fixture::valid()
        .patch("monitoring", "number: \"4.\"", "number: \"5.\"")
        .patch("indicators", "value: 96}", "value: 106}");
    let out = check_exact(&fx, &["number-gap", "percent-out-of-range"]);
    assert_eq!(out.code, 1);
    fx.write_root(
        "pmp.toml",
        "[rules]\nnumber-gap = \"off\"\npercent-out-of-range = \"warning\"\n",
    );
    let out = check_exact(&fx, &["percent-out-of-range"]);
    assert_eq!(out.only("percent-out-of-range")["severity"], "warning");
    assert_eq!(out.summary("warnings"), 1);
    assert_eq!(out.summary("errors"), 0);
    assert_eq!(out.code, 0);
}

#[test]
fn pmp_toml_can_raise_a_warning_to_an_error() {
    let fx = Fixture::valid().patch("monitoring", "number: \"4.\"", "number: \"5.\"");
    fx.write_root("pmp.toml", "[rules]\nnumber-gap = \"error\"\n");
    let out = check_exact(&fx, &["number-gap"]);
    assert_eq!(out.only("number-gap")["severity"], "error");
    assert_eq!(out.code, 1);
}

#[test]
fn pmp_toml_given_with_config() {
    let fx = Fixture::valid().patch("monitoring", "number: \"4.\"", "number: \"5.\"");
    fx.write_root("conf/other.toml", "[rules]\nnumber-gap = \"off\"\n");
    let out = fx.run(&["check", "demo", "--format", "json", "--config", "conf/other.toml"]);
    out.assert_codes(&[]);
}

#[test]
fn pmp_toml_with_an_unknown_code_is_a_failure() {
    let fx = Fixture::valid();
    fx.write_root("pmp.toml", "[rules]\nnumber-gaps = \"off\"\n");
    let out = fx.run(&["check", "demo"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("did you mean `number-gap`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn deny_warnings_changes_the_exit_code() {
    let fx = Fixture::valid().patch("monitoring", "number: \"4.\"", "number: \"5.\"");
    assert_eq!(fx.run(&["check", "demo"]).code, 0);
    let out = fx.run(&["check", "demo", "--deny", "warnings", "--format", "json"]);
    out.assert_codes(&["number-gap"]);
    assert_eq!(out.code, 1);
    // Infos never fail the run, even with --deny warnings.
    let fx = Fixture::valid().patch(
        "goals",
        "    title: Riska grupas izglītojamie saņem mācību atbalstu\n",
        "    title: \"TODO: riska grupas\"\n",
    );
    assert_eq!(fx.run(&["check", "demo", "--deny", "warnings"]).code, 0);
}

// ---------------------------------------------------------------- known bugs

#[test]
fn to_be_filled_message_keeps_apostrophes() {
    let fx = Fixture::valid().patch(
        "goals",
        "    title: Riska grupas izglītojamie saņem mācību atbalstu\n",
        "    title: \"TODO: the programme's goal\"\n",
    );
    let out = check_exact(&fx, &["to-be-filled"]);
    assert_eq!(
        out.only("to-be-filled")["message"],
        "to be filled: TODO: the programme's goal"
    );
}

#[test]
fn to_be_filled_message_stops_at_the_closing_quote() {
    let fx = Fixture::valid().patch(
        "goals",
        "    title: Riska grupas izglītojamie saņem mācību atbalstu\n",
        "    title: \"TODO: a goal\"\n",
    );
    let out = check_exact(&fx, &["to-be-filled"]);
    assert_eq!(out.only("to-be-filled")["message"], "to be filled: TODO: a goal");
}

#[test]
fn file_level_finding_can_be_silenced_by_a_comment() {
    let fx = Fixture::valid()
        .patch("goals", "level: indicated", "level: targeted")
        .patch(
            "goals",
            "goals:\n",
            "# pmp: allow level-without-goal -- this programme has no indicated-level goal\ngoals:\n",
        );
    check_exact(&fx, &[]);
}

#[test]
fn invalid_dates_are_invalid_values_at_the_date() {
    let fx = Fixture::valid().patch("plan", "start: \"2025-09\"", "start: \"2025-13\"");
    let out = check_exact(&fx, &["invalid-value"]);
    let d = out.only("invalid-value");
    assert_at(d, PLAN, fx.pos("plan", "\"2025-13\""));
    assert!(
        d["message"].as_str().unwrap().contains("month 13 does not exist"),
        "{d}"
    );

    let fx = Fixture::valid().patch("programme", "date: 2025-01-30", "date: 2025-02-30");
    let out = check_exact(&fx, &["invalid-value"]);
    assert_at(
        out.only("invalid-value"),
        PROGRAMME,
        fx.pos("programme", "2025-02-30"),
    );
}

#[test]
fn invalid_calendar_date_names_the_field_and_value() {
    let fx = Fixture::valid().patch("programme", "date: 2025-01-30", "date: 2025-02-30");
    let out = check_exact(&fx, &["invalid-value"]);
    let d = out.only("invalid-value");
    assert_eq!(d["path"], "adoption.date");
    assert!(d["message"].as_str().unwrap().contains("2025-02-30"), "{d}");
}

#[test]
fn twice_yearly_with_the_same_month_twice() {
    let fx = Fixture::valid().patch("monitoring", "months: [3, 10]", "months: [3, 3]");
    let out = check_exact(&fx, &["invalid-timing"]);
    let d = out.only("invalid-timing");
    let (line, col) = fx.pos("monitoring", "[3, 3]");
    assert_at(d, MONITORING, (line, col + 4));
    assert_eq!(d["message"], "twice a year names the same month twice");
}

#[test]
fn typo_in_a_marked_cell_is_located() {
    let fx = Fixture::valid().patch("situation", "mark: vacancy, text:", "mark: vacancy, txt:");
    let out = fx.check();
    assert_eq!(out.diagnostics().len(), 1, "{}", out.pretty());
    let d = &out.diagnostics()[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], SITUATION);
    assert_eq!(d["line"], fx.pos("situation", "txt").0);
    // The typo'd key itself: the cell is a marked cell (a mapping), so the finding is about its
    // unknown field `txt` (the path used to stop at the cell, from a misleading wrong-type).
    assert_eq!(d["path"], format!("{T2}.rows[1].cells[1].txt"));
}

#[test]
fn typo_in_a_marked_cell_is_an_unknown_field() {
    let fx = Fixture::valid().patch("situation", "mark: vacancy, text:", "mark: vacancy, txt:");
    let out = check_exact(&fx, &["unknown-field"]);
    let d = out.only("unknown-field");
    assert_at(d, SITUATION, fx.pos("situation", "txt"));
    assert!(help(d).contains("did you mean `text`?"), "{d}");
    let fx = Fixture::valid().patch("situation", "mark: vacancy,", "mark: vacancyy,");
    let out = check_exact(&fx, &["invalid-value"]);
    assert!(help(out.only("invalid-value")).contains("did you mean `vacancy`?"));
}

// ---------------------------------------------------------------- smaller fixes, pinned

#[test]
fn duplicate_id_entity_has_the_title() {
    let fx = Fixture::valid().patch("plan", "  - id: a-3-1\n", "  - id: a-2-1\n");
    let out = check_exact(&fx, &["duplicate-id"]);
    let d = out.only("duplicate-id");
    // The second of the two, named by its own title so the two can be told apart.
    assert_eq!(d["entity"]["title"], "Individuālie atbalsta plāni", "{d}");
}

#[test]
fn file_level_allow_that_silences_nothing_says_so() {
    let fx = Fixture::valid().patch(
        "goals",
        "goals:\n",
        "# pmp: allow level-without-goal -- kept for a later amendment\ngoals:\n",
    );
    let out = check_exact(&fx, &["unused-suppression"]);
    let d = out.only("unused-suppression");
    assert_at(d, GOALS, (2, 1));
    assert_eq!(
        d["message"],
        "`# pmp: allow level-without-goal` silences nothing in the whole file or on line 3"
    );
}

#[test]
fn allow_below_the_opening_comments_does_not_reach_line_1() {
    // Only the comments right under the schema line speak for the whole file; one further
    // down is about the next line only.
    let fx = Fixture::valid()
        .patch("goals", "level: indicated", "level: targeted")
        .patch(
            "goals",
            "  - id: g1\n",
            "  # pmp: allow level-without-goal -- no indicated-level goal\n  - id: g1\n",
        );
    check_exact(&fx, &["level-without-goal", "unused-suppression"]);
}

#[test]
fn sarif_has_no_empty_logical_location() {
    // level-without-goal is about the whole file (no path); unknown-id has one.
    let fx = Fixture::valid()
        .patch("goals", "level: indicated", "level: targeted")
        .patch("plan", "goal: g3", "goal: g9");
    let out = fx.run(&["check", "demo", "--format", "sarif"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rule = |r: &serde_json::Value| r["ruleId"].as_str().unwrap().to_string();
    assert!(
        results.iter().any(|r| rule(r) == "level-without-goal"),
        "{}",
        out.stdout
    );
    for r in results {
        let loc = &r["locations"][0];
        match loc.get("logicalLocations") {
            None => assert_eq!(rule(r), "level-without-goal", "{r}"),
            Some(l) => assert_ne!(l[0]["fullyQualifiedName"], "", "{r}"),
        }
        if rule(r) == "unknown-id" {
            assert_eq!(
                loc["logicalLocations"][0]["fullyQualifiedName"], "activities[2].goal",
                "{r}"
            );
        }
    }
}

#[test]
fn a_date_in_the_wrong_form_names_the_field() {
    let fx = Fixture::valid().patch("programme", "date: 2025-01-30", "date: 30.01.2025");
    let out = check_exact(&fx, &["invalid-value"]);
    let d = out.only("invalid-value");
    assert_at(d, PROGRAMME, fx.pos("programme", "30.01.2025"));
    assert_eq!(d["path"], "adoption.date");
    assert_eq!(
        d["message"],
        "adoption.date must be a date written YYYY-MM-DD, found `30.01.2025`"
    );
    assert!(help(d).contains("2025-01-30"), "{d}");
}

#[test]
fn wrong_type_has_a_help_line() {
    let fx = Fixture::valid().patch("plan", "years: [2026, 2027]", "years: 2026-2027");
    let out = check_exact(&fx, &["wrong-type"]);
    let d = out.only("wrong-type");
    assert!(d["path"].as_str().unwrap().ends_with(".years"), "{d}");
    assert!(help(d).contains("a list is written"), "{d}");
}

#[test]
fn schema_findings_name_their_entity() {
    let fx = Fixture::valid().patch("situation", "mark: vacancy, text:", "mark: vacancy, txt:");
    let out = check_exact(&fx, &["unknown-field"]);
    let d = out.only("unknown-field");
    assert_eq!(d["entity"]["kind"], "table", "{d}");
    assert_eq!(d["entity"]["id"], "t-1-2", "{d}");
}

// ---------------------------------------------------------------- what a careful reader checks

#[test]
fn target_against_direction() {
    // i1 should rise (92.5 -> 94 -> 96); a 2026 target under the baseline moves it back.
    let fx = || {
        Fixture::valid().patch(
            "indicators",
            "    unit: percent\n    goals: [g1]\n",
            "    unit: percent\n    goals: [g1]\n    direction: rise\n",
        )
    };
    check_exact(&fx(), &[]);
    let out = check_exact(
        &fx().patch("indicators", "{year: 2026, value: 94}", "{year: 2026, value: 90}"),
        &["target-against-direction"],
    );
    let d = out.only("target-against-direction");
    assert_eq!(d["path"], "indicators[0].targets[0].value");
    assert_eq!(
        d["message"],
        "the 2026 target 90 lets the indicator move away from its baseline 92.5, though it should rise"
    );
    // A later target that asks for less than the one before it.
    let out = check_exact(
        &fx().patch("indicators", "{year: 2028, value: 96}", "{year: 2028, value: 93}"),
        &["target-against-direction"],
    );
    assert!(
        out.only("target-against-direction")["message"]
            .as_str()
            .unwrap()
            .contains("asks for less than the 2026 target 94")
    );
    // A bound that allows the wrong way: `< 95` for an indicator that should rise.
    let out = check_exact(
        &fx().patch(
            "indicators",
            "{year: 2026, value: 94}",
            "{year: 2026, value: 95, bound: below}",
        ),
        &["target-against-direction"],
    );
    assert!(
        out.only("target-against-direction")["message"]
            .as_str()
            .unwrap()
            .contains("< 95")
    );
    // With no direction stated, the first target's step shows it: a later target that asks
    // for less is reported; the first step itself is not judged, the zigzag after it is.
    let plain = Fixture::valid().patch("indicators", "{year: 2028, value: 96}", "{year: 2028, value: 93}");
    check_exact(&plain, &["target-against-direction"]);
    let zigzag = Fixture::valid().patch("indicators", "{year: 2026, value: 94}", "{year: 2026, value: 90}");
    // (The fixture's 2025 result, 93, now moves away from a target of 90 too.)
    let out = check_exact(&zigzag, &["moving-away-from-target", "target-against-direction"]);
    assert_eq!(
        out.only("target-against-direction")["path"],
        "indicators[0].targets[1].value"
    );
}

#[test]
fn target_not_milestone() {
    let fx = Fixture::valid().patch("indicators", "{year: 2026, value: 94}", "{year: 2027, value: 94}");
    let out = check_exact(&fx, &["target-not-milestone"]);
    let d = out.only("target-not-milestone");
    assert_at(d, INDICATORS, fx.pos("indicators", "2027"));
    assert_eq!(
        d["message"],
        "a target for 2027, which is not a milestone year (2026, 2028)"
    );
}

#[test]
fn duplicate_target() {
    let fx = Fixture::valid().patch("indicators", "{year: 2028, value: 96}", "{year: 2026, value: 96}");
    let out = check_exact(&fx, &["duplicate-target"]);
    let d = out.only("duplicate-target");
    assert_at(d, INDICATORS, fx.pos_nth("indicators", "2026, value", 1));
    assert_eq!(d["severity"], "error");
}

#[test]
fn value_text_mismatch() {
    let fx = Fixture::valid().patch(
        "indicators",
        "{value: 92.5, year: 2024}",
        "{value: 92.5, year: 2024, text: \"92,5 % (2024)\"}",
    );
    check_exact(&fx, &[]);
    let fx = fx.patch("indicators", "92,5 % (2024)", "95,2 % (2024)");
    let out = check_exact(&fx, &["value-text-mismatch"]);
    let d = out.only("value-text-mismatch");
    assert_eq!(d["path"], "indicators[0].baseline.value");
    assert_eq!(
        d["message"],
        "the value 92.5 is not the figure the cell prints: „95,2 % (2024)”"
    );
}

#[test]
fn number_style() {
    // A printed baseline with a decimal point.
    let fx = Fixture::valid().patch(
        "indicators",
        "{value: 92.5, year: 2024}",
        "{value: 92.5, year: 2024, text: \"92.5% (2024.g.)\"}",
    );
    let out = check_exact(&fx, &["number-style"]);
    assert_eq!(
        out.only("number-style")["message"],
        "„92.5” is written with a decimal point, the programme writes decimal commas"
    );
    // A figure typed as text in a table, with a decimal comma: one finding, not a row-length
    // or total error.
    let fx = Fixture::valid().patch(
        "situation",
        "[Sociālais pedagogs, 1]",
        "[Sociālais pedagogs, \"1,0\"]",
    );
    let out = check_exact(&fx, &["number-style", "total-mismatch"]);
    let d = out.only("number-style");
    assert_eq!(d["path"], "sections[0].tables[1].rows[0].cells[1]");
    assert!(help(d).contains("write it with a decimal point, `1.0`"), "{d}");
}

#[test]
fn number_style_thousands_read_as_decimals() {
    // Whole numbers of pupils, one written `1.200` (a thousands point): not 1,2 pupils.
    let fx = Fixture::valid().patch(
        "situation",
        "[Cēsu vidusskola, 20, 30, 50, 60]",
        "[Cēsu vidusskola, 1.020, 30, 50, 60]",
    );
    let out = check_exact(&fx, &["number-style", "total-mismatch", "total-mismatch"]);
    let d = out.only("number-style");
    assert_eq!(
        d["message"],
        "1.020 in column „Zēni” of whole numbers looks like 1020 with a thousands separator"
    );
}

#[test]
fn duplicate_column_label() {
    let fx = Fixture::valid().patch(
        "situation",
        "label: Meitenes, group: Dzimums",
        "label: Zēni, group: Dzimums",
    );
    let out = check_exact(&fx, &["duplicate-column-label"]);
    let d = out.only("duplicate-column-label");
    assert_eq!(d["path"], "sections[0].tables[0].columns[2].label");
    assert_eq!(
        d["message"],
        "columns `boys` and `girls` have the same label: „Zēni” and „Zēni”"
    );
    // One letter apart: a typo of the same word.
    let fx = Fixture::valid().patch(
        "situation",
        "label: Meitenes, group: Dzimums",
        "label: Zēnii, group: Dzimums",
    );
    check_exact(&fx, &["duplicate-column-label"]);
    // Labels that differ by a figure are different columns.
    let fx = Fixture::valid()
        .patch(
            "situation",
            "label: Zēni, group: Dzimums",
            "label: 1.-3. klase, group: Dzimums",
        )
        .patch(
            "situation",
            "label: Meitenes, group: Dzimums",
            "label: 4.-9. klase, group: Dzimums",
        );
    check_exact(&fx, &[]);
}

#[test]
fn caption_years_mismatch() {
    let fx = Fixture::valid()
        .patch(
            "situation",
            "caption: Atbalsta personāls",
            "caption: Atbalsta personāls, 2021.-2022.g.",
        )
        .patch(
            "situation",
            "{id: rate, label: Likmes}",
            "{id: rate, label: \"2020\"}",
        );
    let out = check_exact(&fx, &["caption-years-mismatch"]);
    let d = out.only("caption-years-mismatch");
    assert_eq!(
        d["message"],
        "the caption names 2021–2022, but the table also has 2020 (column „2020”)"
    );
    let fx = fx.patch("situation", "label: \"2020\"", "label: \"2021\"");
    check_exact(&fx, &[]);
}

#[test]
fn percent_out_of_range_in_a_table() {
    let fx = Fixture::valid().patch(
        "situation",
        "[Ausmas pamatskola, 40, 35, 75, 46.7]",
        "[Ausmas pamatskola, 40, 35, 75, 467]",
    );
    let out = check_exact(&fx, &["percent-mismatch", "percent-out-of-range"]);
    assert_eq!(
        out.only("percent-out-of-range")["path"],
        "sections[0].tables[0].rows[0].cells[4]"
    );
}

#[test]
fn duplicate_activity_title() {
    let fx = Fixture::valid().patch(
        "plan",
        "title: Konsultācijas mācību priekšmetos",
        "title: Karjeras dienas",
    );
    check_exact(&fx, &[]); // another goal: not a duplicate
    let fx = fx.patch(
        "plan",
        "    goal: g2\n    title: Karjeras dienas",
        "    goal: g1\n    title: Karjeras  dienas",
    );
    let out = check_exact(
        &fx,
        &[
            "activity-under-wrong-goal",
            "duplicate-activity-title",
            "goal-without-activity",
        ],
    );
    let d = out.only("duplicate-activity-title");
    assert_eq!(d["path"], "activities[1].title");
}

/// A table of counts and percentages over three school years with no base column.
fn yearly_shares(last_year: &str) -> Fixture {
    let table = format!(
        r#"        notes: ["* vakance"]
      - id: t-1-3
        number: "1.3."
        caption: Riska rādītāji
        columns:
          - {{id: what, label: Rādītājs, role: label}}
          - {{id: n1, label: skaits, group: "2021/2022"}}
          - {{id: p1, label: "%", group: "2021/2022", role: percent}}
          - {{id: n2, label: skaits, group: "2022/2023"}}
          - {{id: p2, label: "%", group: "2022/2023", role: percent}}
          - {{id: n3, label: skaits, group: "2023/2024"}}
          - {{id: p3, label: "%", group: "2023/2024", role: percent}}
        rows:
          - cells: [Kavējumi, 30, 1.0, 33, 1.1, {last_year}]
          - cells: [Otrais gads, 60, 2.0, 63, 2.1, 66, 2.2]
"#
    );
    Fixture::valid().patch("situation", "        notes: [\"* vakance\"]\n", &table)
}

#[test]
fn implied_base_mismatch() {
    // 30/1,0 %, 33/1,1 % and 36/1,2 % all imply about 3 000 pupils.
    check_exact(&yearly_shares("36, 1.2"), &[]);
    // 36/2,4 % implies 1 500: half the population the row is a share of in the other years.
    let out = check_exact(&yearly_shares("36, 2.4"), &["implied-base-mismatch"]);
    let d = out.only("implied-base-mismatch");
    assert_eq!(d["path"], "sections[0].tables[2].rows[0].cells[6]");
    assert_eq!(
        d["message"],
        "in „2023/2024” the percentages of 1 row imply another base than the same rows in the other years"
    );
    assert!(
        help(d).contains("„Kavējumi”: about 1501 here, 3007 in the other years"),
        "{d}"
    );
}

#[test]
fn a_continuation_row_is_not_a_second_activity() {
    // The source merges the number and title cells over two rows of one activity: the second
    // row is transcribed unnumbered, right after the first.
    let second = "  - id: a-1-1-b\n    goal: g1\n    title: Karjeras dienas\n    results: [Vecāki piedalās]\n    responsible: [IP]\n    years: [2026]\n    funding: [pašvaldības budžets]\n    tasks:\n      - {id: t-b, title: Vecāku diena, executor: [Skolas], supervisor: [IP], start: 2026}\n    resources:\n      human: [pedagogi]\n";
    let fx = Fixture::valid().patch("plan", "  - id: a-2-1\n", &format!("{second}  - id: a-2-1\n"));
    check_exact(&fx, &[]);
    // Numbered, it is a second activity with the same title.
    let fx = fx.patch(
        "plan",
        "  - id: a-1-1-b\n",
        "  - id: a-1-1-b\n    number: \"1.2.\"\n",
    );
    check_exact(&fx, &["duplicate-activity-title"]);
}

#[test]
fn one_stray_activity_is_not_a_renumbering() {
    // Only one of goal g1's activities is off: that is one misnumbered activity, even when
    // another goal's activity happens to be off by the same step.
    let extra = "  - id: a-1-2\n    number: \"1.2.\"\n    goal: g1\n    title: Vecāku sapulces\n    results: [Vecāki informēti]\n    responsible: [IP]\n    years: [2026]\n    funding: [pašvaldības budžets]\n    tasks:\n      - {id: t-c, title: Sapulces, executor: [Skolas], supervisor: [IP], start: 2026}\n    resources:\n      human: [pedagogi]\n";
    let fx = Fixture::valid()
        .patch("plan", "  - id: a-2-1\n", &format!("{extra}  - id: a-2-1\n"))
        .patch("plan", "number: \"1.2.\"", "number: \"2.2.\"")
        .patch("plan", "number: \"2.1.\"", "number: \"3.1.\"");
    let out = check_exact(
        &fx,
        &[
            "activity-under-wrong-goal",
            "activity-under-wrong-goal",
            "duplicate-number",
            "number-gap",
        ],
    );
    for d in out
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "activity-under-wrong-goal")
    {
        assert!(d["message"].as_str().unwrap().starts_with("activity "), "{d}");
    }
}

#[test]
fn a_duplicate_both_tables_share_is_one_finding() {
    // goals.yaml numbers g3 as 2. (a duplicate); table 2.3. prints g2 under another title
    // only, so its numbering is the same and the duplicate is reported once.
    let fx = Fixture::valid()
        .patch("goals", "    number: \"3.\"\n", "    number: \"2.\"\n")
        .patch(
            "goals",
            "      - Mazāk nesekmīgu vērtējumu\n",
            "      - Mazāk nesekmīgu vērtējumu\n    printed:\n      - table: \"2.3.\"\n        number: \"2.\"\n        title: Mācību atbalsts\n",
        );
    let out = check_exact(
        &fx,
        &["activity-under-wrong-goal", "duplicate-number", "printed-variant"],
    );
    out.assert_no("number-gap");
}

#[test]
fn number_style_of_a_printed_cell() {
    // A figure that keeps its printed text, printed with a decimal point: one finding for the
    // column, however many cells it has.
    let fx = Fixture::valid().patch(
        "situation",
        "[Sociālais pedagogs, 1]",
        "[Sociālais pedagogs, {value: 1.0, text: \"1.0 lik.\"}]",
    );
    let out = check_exact(&fx, &["number-style"]);
    assert_eq!(
        out.only("number-style")["message"],
        "„1.0” in column „Likmes” is printed with a decimal point, the programme writes decimal commas"
    );
    check_exact(&fx.patch("situation", "1.0 lik.", "1,0 lik."), &[]);
}

#[test]
fn total_cell_empty() {
    let fx = Fixture::valid().patch(
        "situation",
        "[Cēsu vidusskola, 20, 30, 50, 60]",
        "[Cēsu vidusskola, 20, 30, null, 60]",
    );
    // The row's own total is empty: reported; the column totals below still add up without it.
    let out = check_exact(&fx, &["total-cell-empty", "total-mismatch", "total-mismatch"]);
    let d = out.only("total-cell-empty");
    assert_eq!(d["path"], "sections[0].tables[0].rows[3].cells[3]");
    assert_eq!(
        d["message"],
        "„Kopā” of „Cēsu vidusskola” is empty, though what it adds up comes to 50"
    );
    // Nothing to add up: an empty total is consistent.
    let fx = Fixture::valid().patch(
        "situation",
        "[Cēsu vidusskola, 20, 30, 50, 60]",
        "[Cēsu vidusskola, null, null, null, null]",
    );
    let out = check_exact(
        &fx,
        &[
            "total-mismatch",
            "total-mismatch",
            "total-mismatch",
            "total-mismatch",
        ],
    );
    out.assert_no("total-cell-empty");
}

#[test]
fn responsible_differs() {
    // The resource plan names a body the action plan gives no role in the activity.
    let fx = Fixture::valid().patch(
        "plan",
        "      responsible: [SD]\n      support: [telpas]\n",
        "      responsible: [Skolas]\n      support: [telpas]\n",
    );
    let out = check_exact(&fx, &["responsible-differs"]);
    let d = out.only("responsible-differs");
    assert_eq!(d["path"], "activities[2].resources.responsible");
    // The body that acquires the resource need not run the activity: an involved body, a
    // task's supervisor, or the same body by another form is no contradiction.
    for body in ["IP", "Demo novada Sociālais dienests"] {
        let fx = Fixture::valid().patch(
            "plan",
            "      responsible: [SD]\n      support: [telpas]\n",
            &format!("      responsible: [{body}]\n      support: [telpas]\n"),
        );
        check_exact(&fx, &[]);
    }
}

#[test]
fn comma_split_sentence_in_a_flow_list() {
    let fx = Fixture::valid().patch(
        "plan",
        "results: [Visi 7.–9. klašu izglītojamie piedalās karjeras dienās]",
        "results: [Sagatavoti mentori, kas sniedz atbalstu, Visi 7.–9. klašu izglītojamie piedalās karjeras dienās]",
    );
    let out = check_exact(&fx, &["comma-split"]);
    let d = out.only("comma-split");
    assert_at(d, "demo/plan.yaml", fx.pos("plan", "kas sniedz"));
    assert_eq!(d["path"], "activities[0].results[1]");
    assert_eq!(d["severity"], "warning");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("the list item „kas sniedz atbalstu” looks like the rest of „Sagatavoti mentori”"),
        "{d}"
    );
    // The item after it starts with a capital: a new result, not a cut.
    assert_eq!(out.diagnostics().len(), 1);
}

#[test]
fn comma_split_leaves_quoted_block_and_lower_case_lists_alone() {
    for results in [
        "results: [\"Sagatavoti mentori, kas sniedz atbalstu\"]",
        "results:\n      - Sagatavoti mentori\n      - kas sniedz atbalstu",
        "results: [sagatavoti mentori, sniegts atbalsts]",
    ] {
        let fx = Fixture::valid().patch(
            "plan",
            "results: [Visi 7.–9. klašu izglītojamie piedalās karjeras dienās]",
            results,
        );
        check_exact(&fx, &[]);
    }
}

// ---------------------------------------------------------------- issue 21: what a rule can know

#[test]
fn a_funding_cell_printed_as_a_dash_states_no_funding_is_needed() {
    // The resource plan's funding cell prints „-”: stated, not missing.
    let fx = Fixture::valid().patch("plan", "    funding: [valsts budžets]\n", "");
    let out = check_exact(&fx, &["activity-without-funding"]);
    assert_eq!(
        out.only("activity-without-funding")["path"],
        "activities[1].funding"
    );
    let fx = fx.patch(
        "plan",
        "      human: [pedagogi]\n",
        "      human: [pedagogi]\n      funding: [\"-\"]\n",
    );
    check_exact(&fx, &[]);
}

#[test]
fn a_bound_target_in_the_direction_s_sense_is_a_ceiling_not_a_move() {
    let fx = || {
        Fixture::valid().patch(
            "indicators",
            "    unit: percent\n    goals: [g1]\n",
            "    unit: percent\n    goals: [g1]\n    direction: rise\n",
        )
    };
    // `> 90` for an indicator that should rise from 92.5: a floor it already meets.
    check_exact(
        &fx().patch(
            "indicators",
            "{year: 2026, value: 94}",
            "{year: 2026, value: 90, bound: above}",
        ),
        &[],
    );
    // The same figure without the bound asks it to fall.
    check_exact(
        &fx().patch("indicators", "{year: 2026, value: 94}", "{year: 2026, value: 90}"),
        &["target-against-direction"],
    );
}

#[test]
fn a_finding_on_an_inferred_direction_says_it_is_inferred() {
    let fx = |basis: &str| {
        Fixture::valid()
            .patch(
                "indicators",
                "    unit: percent\n    goals: [g1]\n",
                &format!("    unit: percent\n    goals: [g1]\n    direction: rise\n{basis}"),
            )
            .patch("indicators", "{year: 2026, value: 94}", "{year: 2026, value: 90}")
    };
    let inferred = "    direction_basis: inferred\n";
    let out = check_exact(&fx(inferred), &["target-against-direction"]);
    let m = out.only("target-against-direction")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        m.ends_with(
            "(the direction is the transcriber's inference: the source does not state it for this indicator)"
        ),
        "{m}"
    );
    for stated in ["", "    direction_basis: stated\n"] {
        let out = check_exact(&fx(stated), &["target-against-direction"]);
        let m = out.only("target-against-direction")["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(m.ends_with("though it should rise"), "{m}");
    }
}

/// A table with one row per subject and the school year as a row group (Jelgava 1.7).
fn subject_shares(maths: &str) -> Fixture {
    let table = format!(
        r#"        notes: ["* vakance"]
      - id: t-1-7
        number: "1.7."
        caption: Nepietiekami vērtējumi
        columns:
          - {{id: gads, label: Mācību gads, role: label}}
          - {{id: prieksmets, label: Mācību priekšmeti, role: label}}
          - {{id: skaits, label: Izglītojamo skaits}}
          - {{id: ipatsvars, label: Izglītojamo īpatsvars, role: percent}}
        rows:
          - {{cells: ["2020./2021.", Matemātika, {maths}], group: "2020./2021."}}
          - {{cells: [null, Latviešu valoda, 27, 0.91], group: "2020./2021."}}
          - {{cells: [null, Angļu valoda, 23, 0.78], group: "2020./2021."}}
          - {{cells: [null, Krievu valoda, 11, 0.37], group: "2020./2021."}}
"#
    );
    Fixture::valid().patch("situation", "        notes: [\"* vakance\"]\n", &table)
}

#[test]
fn implied_base_mismatch_in_a_table_grouped_by_year_in_rows() {
    // 63 of about 2 960 pupils is 2,13 %: every row implies one base.
    check_exact(&subject_shares("63, 2.13"), &[]);
    // 63 / 2,20 % implies 2 864: another base than the other three rows of the year.
    let out = check_exact(&subject_shares("63, 2.20"), &["implied-base-mismatch"]);
    let d = out.only("implied-base-mismatch");
    assert_eq!(d["path"], "sections[0].tables[2].rows[0].cells[3]");
    let m = d["message"].as_str().unwrap();
    assert!(
        m.starts_with("the counts and percentages of „2020./2021.” imply two bases for one population:"),
        "{m}"
    );
    assert!(
        m.contains("Matemātika” about 2864") && m.contains("„Krievu valoda” about 29"),
        "{m}"
    );
}

#[test]
fn comma_split_reads_the_resource_plan_s_lists() {
    let fx = Fixture::valid().patch(
        "plan",
        "      human: [karjeras konsultanti]\n",
        "      human: [lektori, kas apmāca pedagogus]\n",
    );
    let out = check_exact(&fx, &["comma-split"]);
    assert_eq!(
        out.only("comma-split")["path"],
        "activities[0].resources.human[1]"
    );
    let fx = Fixture::valid().patch(
        "plan",
        "      human: [karjeras konsultanti]\n",
        "      human: [\"lektori, kas apmāca pedagogus\", karjeras konsultanti]\n",
    );
    check_exact(&fx, &[]);
}

// ---------------------------------------------------------------- relations of docs/invariants.md

#[test]
fn baseline_measured_after_a_target() {
    // i3's baseline is measured in 2024, before its 2028 target; measured in 2028 … fine too,
    // but after a 2026 target it is not.
    let fx = Fixture::valid().patch("indicators", "{year: 2028, value: 25}", "{year: 2026, value: 25}");
    check_exact(&fx, &[]);
    let fx = fx.patch(
        "indicators",
        "baseline: {value: 15, year: 2024}",
        "baseline: {value: 15, year: 2027}",
    );
    let out = check_exact(&fx, &["baseline-after-target"]);
    let d = out.only("baseline-after-target");
    assert_eq!(d["path"], "indicators[2].baseline.year");
    assert_eq!(
        d["message"],
        "the baseline is measured in 2027, after the 2026 target"
    );
}

#[test]
fn duplicate_title() {
    let fx = Fixture::valid().patch(
        "goals",
        "title: Riska grupas izglītojamie saņem mācību atbalstu",
        "title: visi izglītojamie  saņem karjeras atbalstu.",
    );
    let out = check_exact(&fx, &["duplicate-title"]);
    let d = out.only("duplicate-title");
    assert_eq!(d["path"], "goals[1].title");
    assert!(
        d["message"].as_str().unwrap().starts_with(
            "a goal titled „visi izglītojamie  saņem karjeras atbalstu.” is already written on line 6"
        ),
        "{d}"
    );
    // Two monitoring steps with one title, too.
    let fx = Fixture::valid().patch("monitoring", "title: Gala pārskats", "title: Ikgadējais pārskats");
    assert_eq!(
        check_exact(&fx, &["duplicate-title"]).only("duplicate-title")["path"],
        "events[3].title"
    );
}

#[test]
fn task_outside_activity_years() {
    // a-3-1 runs in 2026-2027; its task ends in 2028.
    let fx = Fixture::valid().patch(
        "plan",
        "        start: 2026\n        end: 2027\n",
        "        start: 2026\n        end: 2028\n",
    );
    let out = check_exact(&fx, &["task-outside-activity-years"]);
    let d = out.only("task-outside-activity-years");
    assert_eq!(d["path"], "activities[2].tasks[0].end");
    let (line, col) = fx.pos("plan", "end: 2028");
    assert_at(d, "demo/plan.yaml", (line, col + 5));
    // Within the years: nothing.
    let fx = Fixture::valid().patch(
        "plan",
        "        start: 2026\n        end: 2027\n",
        "        start: 2027\n        end: 2027\n",
    );
    check_exact(&fx, &[]);
}

#[test]
fn timing_text_mismatch() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "timing: {every: yearly, month: 9}",
        "timing: {every: yearly, month: 10, text: Reizi gadā septembrī}",
    );
    let out = check_exact(&fx, &["timing-text-mismatch"]);
    let d = out.only("timing-text-mismatch");
    assert_eq!(d["path"], "events[1].timing.month");
    assert_eq!(
        d["message"],
        "the stored timing (month 10) is not the one its text „Reizi gadā septembrī” states"
    );
    // The month the text names.
    let fx = Fixture::valid().patch(
        "monitoring",
        "timing: {every: yearly, month: 9}",
        "timing: {every: yearly, month: 9, text: Reizi gadā septembrī}",
    );
    check_exact(&fx, &[]);
    // A task's end year against its printed deadline.
    let fx = Fixture::valid().patch(
        "plan",
        "        start: 2026\n        end: 2027\n",
        "        start: 2026\n        end: 2027\n        timing: 2026.-2028.\n",
    );
    assert_eq!(
        check_exact(&fx, &["timing-text-mismatch"]).only("timing-text-mismatch")["path"],
        "activities[2].tasks[0].end"
    );
}

#[test]
fn date_order() {
    let amendment = |date: &str| {
        Fixture::valid().patch(
            "programme",
            "annotation:",
            &format!("amendments:\n  - decision: {{body: Demo novada pašvaldības dome, date: {date}}}\n    summary: Precizēti rādītāji\nannotation:"),
        )
    };
    let out = check_exact(&amendment("2024-12-30"), &["date-order"]);
    let d = out.only("date-order");
    assert_eq!(d["path"], "amendments[0].decision.date");
    assert_eq!(
        d["message"],
        "the amendment is dated 2024-12-30, before the adoption (2025-01-30)"
    );
    check_exact(&amendment("2026-01-30"), &[]);
}

#[test]
fn decision_in_future() {
    // Today is 2026-11-22 in every test run.
    let fx = Fixture::valid().patch("programme", "  date: 2025-01-30", "  date: 2052-01-30");
    let out = check_exact(&fx, &["decision-in-future"]);
    let d = out.only("decision-in-future");
    assert_eq!(d["path"], "adoption.date");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("the adopting decision is dated 2052-01-30, after today"),
        "{d}"
    );
    let fx = Fixture::valid().patch("programme", "  date: 2025-01-30", "  date: 2026-11-22");
    check_exact(&fx, &[]);
}

#[test]
fn event_without_responsible() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "    responsible: [SD, IP]\n",
        "    responsible: []\n",
    );
    let out = check_exact(&fx, &["event-without-responsible"]);
    let d = out.only("event-without-responsible");
    assert_eq!(d["path"], "events[2].responsible");
    assert_at(
        d,
        "demo/monitoring.yaml",
        fx.pos("monitoring", "Darba grupas sanāksmes"),
    );
}

#[test]
fn count_exceeds_base() {
    let fx = Fixture::valid().patch(
        "situation",
        "        count: 50\n        base: 200\n",
        "        count: 250\n        base: 200\n",
    );
    let out = check_exact(&fx, &["count-exceeds-base", "percent-mismatch"]);
    let d = out.only("count-exceeds-base");
    assert_eq!(d["path"], "sections[0].facts[0].count");
    assert_eq!(d["message"], "the count 250 is larger than its base 200");
    // A count equal to its base is the whole population.
    let fx = Fixture::valid()
        .patch(
            "situation",
            "        count: 50\n        base: 200\n",
            "        count: 200\n        base: 200\n",
        )
        .patch("situation", "        percent: 25\n", "        percent: 100\n");
    check_exact(&fx, &[]);
}

#[test]
fn result_differs() {
    let fx = Fixture::valid()
        .patch(
            "plan",
            "results: [Visi 7.–9. klašu izglītojamie piedalās karjeras dienās]",
            "results: [30 % izglītojamo piedalās karjeras dienās]",
        )
        .patch(
            "plan",
            "      human: [karjeras konsultanti]\n",
            "      result: 60% izglītojamo piedalās\n      human: [karjeras konsultanti]\n",
        );
    let out = check_exact(&fx, &["result-differs"]);
    let d = out.only("result-differs");
    assert_eq!(d["path"], "activities[0].resources.result");
    assert_eq!(
        d["message"],
        "the resource plan states 60 % in the result of „Karjeras dienas”, the plan's table 30 %"
    );
    let fx = Fixture::valid()
        .patch(
            "plan",
            "results: [Visi 7.–9. klašu izglītojamie piedalās karjeras dienās]",
            "results: [30 % izglītojamo piedalās karjeras dienās]",
        )
        .patch(
            "plan",
            "      human: [karjeras konsultanti]\n",
            "      result: 30% izglītojamo piedalās\n      human: [karjeras konsultanti]\n",
        );
    check_exact(&fx, &[]);
}
