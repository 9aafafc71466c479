//! The `pmp` binary: parse the command line, run the command, exit with its code.
//!
//! `cli` defines the commands and flags (clap), `cmd` runs them on the library (`pmp`) and is
//! the only code that prints; neither is part of the library.

mod cli;
mod cli_lv;
mod cmd;

use clap::{CommandFactory, FromArgMatches};

/// mimalloc rather than glibc's allocator: the render's threads each start a glibc arena that
/// grows one `mprotect` call at a time (about 2,400 calls for one render), and a check of many
/// programmes allocates millions of small strings. Measured in benches/README.md.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // clap prints help while it parses: the language must be known first.
    let mut command = cli::Cli::command();
    let latvian = cli_lv::ui_lang(&args) == pmp::i18n::Lang::Lv;
    if latvian {
        command.build();
        command = cli_lv::latvian(command);
    }
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cmd::run(cli),
        // Help and version are printed as they are; a usage mistake in the interface's language.
        Err(e) if latvian && e.use_stderr() => {
            eprint!("{}", cli_lv::error_text(&e.render().to_string()));
            std::process::ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        Err(e) => e.exit(),
    }
}
