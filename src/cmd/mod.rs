//! One file per subcommand; each takes its parsed arguments and returns the exit code.
//! Only this layer writes to the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod calendar;
mod check;
mod completions;
mod diff;
mod due;
mod explain;
mod init;
mod reference;
mod render;
mod report;
mod schema;
mod show;

use std::process::ExitCode;

use crate::cli::{Cli, Command, RenderArgs, ReportArgs};
use crate::config::Config;
use crate::i18n::{self, Lang};
use crate::tr;

/// Exit codes, as documented in the README.
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
    i18n::set_ui(i18n::resolve(cli.lang, config));
    let document = cli.lang.unwrap_or(Lang::Lv);
    let code = match cli.command {
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
        Command::Diff(args) => diff::run(args),
        Command::Show(args) => show::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    };
    ExitCode::from(code)
}

/// Makes sure `--out` names a folder (creating it), the check every command that writes
/// documents (`render`, `report`) makes before it writes any. `Err` is the exit code.
pub(crate) fn prepare_out(out: &std::path::Path) -> Result<(), u8> {
    if std::fs::metadata(out).is_ok_and(|m| !m.is_dir()) {
        let o = out.display();
        return Err(fail(tr!(
            en("--out {o}: this is a file; --out names the folder the documents are written into"),
            lv("--out {o}: tas ir fails, bet --out jānorāda mape, kurā rakstīt dokumentus"),
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| fail(format!("{}: {e}", out.display())))
}

/// Writes the documents of one command (`render`, `report`) into the folder `out` as one set:
/// all or nothing, so a failure leaves every document as it was. `Err` is the exit code.
pub(crate) fn write_documents(
    out: &std::path::Path,
    files: &[(std::path::PathBuf, Vec<u8>)],
) -> Result<(), u8> {
    prepare_out(out)?;
    crate::fsutil::write_all_atomic(files).map_err(|e| {
        fail(tr!(
            en("{e}; no document was replaced"),
            lv("{e}; neviens dokuments netika aizstāts"),
        ))
    })
}

/// Prints a failure of the tool itself (not a finding) and returns exit code 2.
pub(crate) fn fail(msg: impl std::fmt::Display) -> u8 {
    let label = match i18n::ui() {
        Lang::En => "error",
        Lang::Lv => "kļūda",
    };
    eprintln!("{label}: {msg}");
    FAILURE
}
