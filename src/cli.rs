//! The command line: commands and flags, defined once; help text comes from here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "pmp",
    version,
    about = "Check, render and track early-school-leaving (PMP) prevention programmes",
    long_about = "pmp reads a PMP prevention programme written as YAML files (a folder per programme) \
                  and checks it: schema, references, numbering, period, coverage, indicators and data-table totals.\n\n\
                  Exit codes: 0 no errors, 1 errors found (or warnings with --deny warnings), 2 usage, I/O or internal failure."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages, and of the documents `render` and `report` write: lv or en
    /// (default: `lang` in pmp.toml, else Latvian when LC_ALL, LC_MESSAGES or LANG starts with
    /// `lv`, else English; documents default to Latvian).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate and cross-check programmes; every finding names file, line and column.
    Check(CheckArgs),
    /// Print the JSON Schema of a part's file (or write all of them to a folder).
    Schema(SchemaArgs),
    /// Create a new programme folder with every part, ready to fill in.
    Init(InitArgs),
    /// Expand monitoring events and dated tasks into a calendar (iCalendar, Markdown or JSON).
    Calendar(CalendarArgs),
    /// What is due soon and what is overdue in the monitoring calendar; exit 1 when overdue.
    Due(DueArgs),
    /// Render the council's document (Markdown, HTML, Word) from a programme; checks run first.
    Render(RenderArgs),
    /// Write the annual report of a year from its results (Markdown, HTML, Word, JSON); without --year, list the years and what each lacks.
    Report(ReportArgs),
    /// The yearly round by spreadsheet: workbooks for the responsible bodies to fill in, and their answers merged into results/YYYY.yaml.
    #[command(subcommand)]
    Sheet(SheetCommand),
    /// Compare two revisions of a programme (folders or REV:PATH): added, removed and changed entities.
    Diff(DiffArgs),
    /// Print a programme, or one part file, as canonical line-oriented text (for `git diff` textconv).
    Show(ShowArgs),
    /// Explain a rule: what it finds, why it matters, a wrong and a corrected example, how to silence it.
    Explain(ExplainArgs),
    /// Write a programme folder from the municipality's Word document (.docx), then check it.
    #[command(
        long_about = "Reads the Word document, builds the outline from its headings, keeps its prose as written and \
                      recognises its tables by their headers (goals, indicators, action plan, SVID); every other table \
                      stays a data table. Writes IMPORT.md (where each heading, table and figure went, and what needs \
                      a person), then checks the programme as `pmp check` does.\n\n\
                      Exit codes: 0 no errors, 1 the check found errors, 2 the file cannot be read or the folder not written."
    )]
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder.
    Man(ManArgs),
    /// Run the language server on standard input and output, for editors: findings as you type, hover, go to definition, completion, fixes.
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Programme folders, folders of programme folders, or files of programmes (their
    /// programmes are checked, and only the findings in those files reported).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Configuration file for every programme (default: each programme's nearest pmp.toml, in its folder or above).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print only the findings: no summary line (human output), nothing when there are none.
    #[arg(short, long)]
    pub quiet: bool,
    /// List every rule with its code, family, default severity and description, then exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Report only these rule codes or families (comma-separated or repeated), e.g.
    /// `--select tables,unknown-id`. Findings that a file cannot be read are always reported.
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = RuleName { families: true }, hide_possible_values = true)]
    pub select: Vec<String>,
    /// Leave out these rule codes or families (comma-separated or repeated); wins over --select.
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = RuleName { families: true }, hide_possible_values = true)]
    pub ignore: Vec<String>,
    /// Print the number of findings per rule code instead of the findings (text, or JSON with --format json).
    #[arg(long)]
    pub statistics: bool,
    /// Apply the safe fixes of the findings reported, writing the files (atomically), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too (check what they change).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, and change nothing; exit 1 when there is something to fix.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

/// A rule code or family on the command line (`--select`, `--ignore`; `families: false` for
/// `pmp explain CODE`, a code alone): any text is taken (an unknown one is reported with a
/// suggestion), and the shells complete the known ones.
#[derive(Debug, Clone, Copy)]
pub struct RuleName {
    pub families: bool,
}

impl RuleName {
    fn names(self) -> Vec<&'static str> {
        if self.families {
            pmp::diag::select::Selector::names()
        } else {
            pmp::diag::Code::ALL.iter().map(|c| c.as_str()).collect()
        }
    }
}

impl clap::builder::TypedValueParser for RuleName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.names().into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The part: programme, institutions, situation, svid, goals, indicators, plan, monitoring, results.
    #[arg(default_value = "programme")]
    pub part: String,
    /// Write every part's schema as <DIR>/<part>.schema.json instead of printing one.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// json: the JSON Schema; md: the field reference of every part (docs/format.md).
    #[arg(long, value_enum, default_value_t = SchemaFormat::Json)]
    pub format: SchemaFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (its name becomes the programme id).
    pub dir: PathBuf,
    /// The municipality, as it names itself (e.g. "Ogres novads").
    #[arg(long)]
    pub municipality: String,
    /// First year of the period.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub from: i32,
    /// Last year of the period.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub to: i32,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The programme folder.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CalendarFormat::Ics)]
    pub format: CalendarFormat,
    /// Keep only entries this institution (id, name or short form) is responsible for or supervises.
    #[arg(long, value_name = "ID")]
    pub institution: Option<String>,
    /// Keep entries that end on or after this date (YYYY-MM-DD, YYYY-MM or YYYY: its first day).
    #[arg(long, value_name = "DATE", value_parser = pmp::calendar::first_day_arg)]
    pub from: Option<chrono::NaiveDate>,
    /// Keep entries that start on or before this date (YYYY-MM-DD, YYYY-MM or YYYY: its last day).
    #[arg(long, value_name = "DATE", value_parser = pmp::calendar::last_day_arg)]
    pub to: Option<chrono::NaiveDate>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    /// iCalendar (RFC 5545), for calendar applications.
    Ics,
    /// A Markdown table per month.
    Md,
    /// JSON (`"version": 1`), documented in the README.
    Json,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Programme folders, or folders of programme folders.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The day to judge from (YYYY-MM-DD); default: PMP_TODAY, else the system date.
    #[arg(long, value_name = "DATE", value_parser = pmp::calendar::date_arg)]
    pub today: Option<chrono::NaiveDate>,
    /// How many days ahead count as due.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DueFormat::Text)]
    pub format: DueFormat,
    /// Text output: only the programmes with something due or overdue, no summary line; nothing when nothing is.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    /// One line per item, for people.
    Text,
    /// JSON (`"version": 1`), documented in the README.
    Json,
    /// GitHub workflow commands: `::error` overdue, `::warning` due.
    Github,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A programme folder, or a folder of programme folders (each is rendered).
    pub path: PathBuf,
    /// Which documents to write.
    #[arg(long, value_enum, default_value_t = RenderFormat::All)]
    pub format: RenderFormat,
    /// Folder the documents are written to, as <programme-id>.<md|html|docx>.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Language of the document (from the global `--lang`; Latvian unless it says `en`).
    #[arg(skip)]
    pub lang: pmp::i18n::Lang,
    /// Folder with document.md.tera and/or document.html.tera replacing the built-in templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A Word document whose styles, page size and margins, header and footer the Word file
    /// takes (the municipality's own template).
    #[arg(long, value_name = "FILE.docx")]
    pub reference_doc: Option<PathBuf>,
    /// Render even when the checks find errors; the findings stay out of the documents, and stderr says how many there are.
    #[arg(long)]
    pub allow_errors: bool,
    /// Add an annex with a chart of every indicator that has figures (the programme's own text
    /// prints none).
    #[arg(long)]
    pub indicator_charts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Md,
    Html,
    Docx,
    All,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The programme folder.
    pub path: PathBuf,
    /// The year reported on (its results are results/YYYY.yaml); without it, the years with
    /// results are listed with what each lacks.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: Option<i32>,
    /// Which documents to write.
    #[arg(long, value_enum, default_value_t = ReportFormat::All)]
    pub format: ReportFormat,
    /// Folder the documents are written to, as <programme-id>-<year>.<md|html|docx|json>.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Language of the report (from the global `--lang`; Latvian unless it says `en`).
    #[arg(skip)]
    pub lang: pmp::i18n::Lang,
    /// Write the report even when the checks find errors in the programme or its results.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Docx,
    Json,
    All,
}

#[derive(Debug, Subcommand)]
#[command(disable_help_subcommand = true)]
pub enum SheetCommand {
    /// Write a year's workbooks: one per responsible body (or one for all), the plan's rows it answers for, results already recorded filled in.
    Export(SheetExportArgs),
    /// Read returned workbooks (.xlsx, .ods) and merge their answers into results/YYYY.yaml; every problem is a finding naming workbook, sheet and cell.
    Import(SheetImportArgs),
}

#[derive(Debug, Args)]
pub struct SheetExportArgs {
    /// The programme folder.
    pub path: PathBuf,
    /// The year the round collects.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: i32,
    /// One workbook with every row, for all bodies, instead of one per body.
    #[arg(long)]
    pub all: bool,
    /// Folder the workbooks are written to, as <programme-id>-<year>-<body>.xlsx.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SheetImportArgs {
    /// The programme folder.
    pub path: PathBuf,
    /// The returned workbooks (.xlsx or .ods).
    #[arg(required = true, value_name = "WORKBOOK")]
    pub workbooks: Vec<PathBuf>,
    /// The year the round collects.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: i32,
    /// Replace a recorded value that a workbook gives differently (without it, each is an error).
    #[arg(long)]
    pub overwrite: bool,
    /// Report what the workbooks say, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old revision: a programme folder, or REV:PATH to read PATH at a git revision.
    pub old: String,
    /// The new revision: a programme folder, or REV:PATH.
    pub new: String,
    /// Output format: text, md (the amendment annex, in Latvian) or json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when any change is substantive (needs a council decision), 0 when none.
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A programme folder, or one part file (e.g. plan.yaml) to print only that part.
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Word document (.docx; convert .doc, .rtf and .odt with `soffice --headless --convert-to docx`).
    pub file: PathBuf,
    /// The programme folder to create (its name becomes the programme id); never an existing, non-empty one.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule code, e.g. total-mismatch (`pmp check --list-rules` lists them).
    #[arg(required_unless_present = "all", value_parser = RuleName { families: false }, hide_possible_values = true)]
    pub code: Option<String>,
    /// Every rule, in `--list-rules` order.
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
    /// Output format: text for the terminal, md for the rule reference (docs/rules.md).
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Md,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `pmp completions bash > ~/.local/share/bash-completion/completions/pmp`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `pmp lsp` takes no arguments: the editor starts it and speaks LSP on its standard input
/// and output.
#[derive(Debug, Args)]
pub struct LspArgs {}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write pmp.1 and pmp-<command>.1 for every command into this folder instead of printing pmp.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `--lang`: the library's [`pmp::i18n::Lang`], as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Lv,
    En,
}

impl From<LangArg> for pmp::i18n::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Lv => pmp::i18n::Lang::Lv,
            LangArg::En => pmp::i18n::Lang::En,
        }
    }
}

/// `pmp check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings with the lines around them, for people.
    Human,
    /// One line per finding: `file:line:col: severity[code] message`.
    Concise,
    /// The stable JSON contract (`"version": 1`).
    Json,
    /// GitHub workflow commands that annotate a pull request.
    Github,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
}

impl From<CheckFormat> for pmp::diag::Format {
    fn from(f: CheckFormat) -> Self {
        match f {
            CheckFormat::Human => pmp::diag::Format::Human,
            CheckFormat::Concise => pmp::diag::Format::Concise,
            CheckFormat::Json => pmp::diag::Format::Json,
            CheckFormat::Github => pmp::diag::Format::Github,
            CheckFormat::Sarif => pmp::diag::Format::Sarif,
        }
    }
}

/// `pmp diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Changes grouped by part, for the terminal.
    Text,
    /// The amendment annex: a table per part, old and new side by side, in Latvian.
    Md,
    /// The stable JSON contract (`"version": 1`).
    Json,
}

impl From<DiffFormat> for pmp::diff::Format {
    fn from(f: DiffFormat) -> Self {
        match f {
            DiffFormat::Text => pmp::diff::Format::Text,
            DiffFormat::Md => pmp::diff::Format::Md,
            DiffFormat::Json => pmp::diff::Format::Json,
        }
    }
}
