//! The `pmp` binary: parse the command line, run the command, exit with its code.
//!
//! `cli` defines the commands and flags (clap), `cmd` runs them on the library (`pmp`) and is
//! the only code that prints; neither is part of the library.

mod cli;
mod cmd;

use clap::Parser;

/// mimalloc rather than glibc's allocator: the render's threads each start a glibc arena that
/// grows one `mprotect` call at a time (about 2,400 calls for one render), and a check of many
/// programmes allocates millions of small strings. Measured in benches/README.md.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cmd::run(cli::Cli::parse())
}
