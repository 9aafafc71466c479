//! The `pmp` binary: parse the command line, run the command, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = pmp::cli::Cli::parse();
    pmp::cmd::run(cli)
}
