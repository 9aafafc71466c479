//! One file per subcommand; each takes its parsed arguments and returns its [`Outcome`] or
//! an [`Error`], and [`run`] turns that into the exit code. Only this layer writes to the
//! terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod calendar;
mod check;
mod completions;
mod diff;
mod due;
mod explain;
mod import;
mod init;
mod lsp;
mod reference;
mod render;
mod report;
mod schema;
mod sheet;
mod show;

use std::process::ExitCode;

use crate::cli::{Cli, Command, RenderArgs, ReportArgs};
use pmp::config::Config;
use pmp::i18n::{self, Lang, Text};
use pmp::tr;

/// What a command that ran to its end found: nothing to report (exit 0), or findings that
/// fail the run (exit 1: errors, warnings under `--deny warnings`, something overdue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
}

/// A failure of the command itself, not a finding (exit 2): a path that does not exist, no
/// programme, a broken `pmp.toml`, an I/O error. What it says is in both languages, with a
/// help line when there is something to do.
#[derive(Debug)]
pub struct Error {
    pub message: Text,
    pub help: Option<Text>,
}

impl Error {
    /// A file-system failure at `path`: the system's own words.
    pub fn io(path: &impl AsRef<std::path::Path>, e: &impl std::fmt::Display) -> Self {
        let p = path.as_ref().display();
        tr!(en("{p}: {e}"), lv("{p}: {e}")).into()
    }

    /// No programme in the paths given (`shown`).
    pub fn no_programme(shown: &str) -> Self {
        Error::from(tr!(
            en("no programme found in {shown}"),
            lv("{shown}: programma nav atrasta"),
        ))
        .help(tr!(
            en("a programme is a folder with a programme.yaml; `pmp init` creates one"),
            lv("programma ir mape ar failu programme.yaml; to izveido `pmp init`"),
        ))
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }
}

impl From<Text> for Error {
    fn from(message: Text) -> Self {
        Error { message, help: None }
    }
}

impl From<pmp::render::RenderError> for Error {
    fn from(e: pmp::render::RenderError) -> Self {
        tr!(en("{e}"), lv("dokumentu nevar sagatavot: {e}")).into()
    }
}

impl From<pmp::load::LoadError> for Error {
    fn from(e: pmp::load::LoadError) -> Self {
        e.0.into()
    }
}

/// Exit codes, as documented in the README: decided here, once.
pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const FAILURE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    // The language of messages: --lang, else pmp.toml's (the nearest from here; a file that
    // does not read is reported by the command that uses it), else the locale.
    let config = std::env::current_dir()
        .ok()
        .and_then(|cwd| Config::discover(None, &cwd).ok())
        .and_then(|c| c.lang);
    let flag: Option<Lang> = cli.lang.map(Lang::from);
    i18n::set_ui(i18n::resolve(flag, config));
    let document = flag.unwrap_or(Lang::Lv);
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Init(args) => init::run(args),
        Command::Calendar(args) => calendar::run(args),
        Command::Due(args) => due::run(args),
        Command::Render(args) => render::run(RenderArgs {
            lang: document,
            ..args
        }),
        Command::Report(args) => report::run(ReportArgs {
            lang: document,
            ..args
        }),
        Command::Sheet(cmd) => sheet::run(cmd),
        Command::Diff(args) => diff::run(args),
        Command::Show(args) => show::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Import(args) => import::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
        Command::Lsp(args) => lsp::run(args),
    };
    ExitCode::from(exit_code(result))
}

/// The exit code of a command's result; a failure is printed (`error: …` / `kļūda: …`).
fn exit_code(result: Result<Outcome, Error>) -> u8 {
    match result {
        Ok(Outcome::Clean) => OK,
        Ok(Outcome::Findings) => FINDINGS,
        Err(e) => {
            print_error(&e);
            FAILURE
        }
    }
}

/// Prints a failure: `error: …` / `kļūda: …`, and its help line.
pub(crate) fn print_error(e: &Error) {
    let (label, hint) = match i18n::ui() {
        Lang::En => ("error", "help"),
        Lang::Lv => ("kļūda", "padoms"),
    };
    // A message may quote what the user or a file gave (an argument, an id, a line of
    // pmp.toml): its control characters are shown, not sent to the terminal.
    let shown = |t: &Text| pmp::diag::visible_controls(&t.to_string()).into_owned();
    eprintln!("{label}: {}", shown(&e.message));
    if let Some(h) = &e.help {
        eprintln!("  {hint}: {}", shown(h));
    }
}

/// Makes sure `--out` names a folder (creating it), the check every command that writes
/// documents (`render`, `report`) makes before it writes any.
pub(crate) fn prepare_out(out: &std::path::Path) -> Result<(), Error> {
    if std::fs::metadata(out).is_ok_and(|m| !m.is_dir()) {
        let o = out.display();
        return Err(tr!(
            en("--out {o}: this is a file; --out names the folder the documents are written into"),
            lv("--out {o}: tas ir fails, bet --out jānorāda mape, kurā rakstīt dokumentus"),
        )
        .into());
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(&out, &e))
}

/// Writes the documents of one command (`render`, `report`) into the folder `out` as one set:
/// all or nothing, so a failure leaves every document as it was.
pub(crate) fn write_documents(
    out: &std::path::Path,
    files: &[(std::path::PathBuf, Vec<u8>)],
) -> Result<(), Error> {
    prepare_out(out)?;
    pmp::fsutil::write_all_atomic(files).map_err(|e| {
        tr!(
            en("{e}; no document was replaced"),
            lv("{e}; neviens dokuments netika aizstāts"),
        )
        .into()
    })
}

/// Refuses (exit 2) to write any of `targets` over a file a programme is made of: a file
/// its load read, or a YAML, CSV or `pmp.toml` file in one of the programme folders `dirs`.
pub(crate) fn refuse_programme_files(
    targets: &[&std::path::Path],
    dirs: &[&std::path::Path],
    sources: &pmp::model::Sources,
) -> Result<(), Error> {
    let read: Vec<&std::path::Path> = sources.files.values().map(|f| f.path.as_path()).collect();
    match targets
        .iter()
        .find(|t| pmp::fsutil::is_programme_file(t, dirs, &read))
    {
        None => Ok(()),
        Some(t) => {
            let t = t.display();
            Err(Error::from(tr!(
                en("{t} is a file of the programme; an output never replaces one; nothing was written"),
                lv("{t} ir programmas fails, un rezultāts to nekad neaizstāj; nekas netika ierakstīts"),
            ))
            .help(tr!(
                en("write the output elsewhere (another file name or --out folder)"),
                lv("ierakstiet rezultātu citur (citā failā vai --out mapē)"),
            )))
        }
    }
}

/// Writes to stdout; a reader that stops early (`| head`, a pager) is not an error.
pub(crate) fn write_out(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
