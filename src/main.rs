//! The `pmp` binary: parse the command line, run the command, exit with its code.
//!
//! `cli` defines the commands and flags (clap), `cmd` runs them on the library (`pmp`) and is
//! the only code that prints; neither is part of the library.

mod cli;
mod cmd;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cmd::run(cli::Cli::parse())
}
