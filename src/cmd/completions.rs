//! `pmp completions SHELL` and `pmp man`: shell completion scripts and manual pages, both
//! generated from the clap definitions in `cli.rs`, so they always list the same commands
//! and flags as `--help`.

use std::io::Write as _;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};

use super::{Error, Outcome};

pub fn completions(args: CompletionsArgs) -> Result<Outcome, Error> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "pmp", &mut out);
    if let Err(e) = std::io::stdout().write_all(&out) {
        return Err(Error::io(&"stdout", &e));
    }
    Ok(Outcome::Clean)
}

/// The roff text of one page.
fn page(cmd: clap::Command) -> Result<Vec<u8>, std::io::Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(out)
}

pub fn man(args: ManArgs) -> Result<Outcome, Error> {
    let mut cmd = Cli::command();
    cmd.build();
    let Some(dir) = args.out else {
        return match page(cmd).and_then(|p| std::io::stdout().write_all(&p)) {
            Ok(()) => Ok(Outcome::Clean),
            Err(e) => Err(Error::io(&"stdout", &e)),
        };
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Err(Error::io(&dir, &e));
    }
    let mut pages = vec![("pmp.1".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        // A subcommand's page is named and titled as the command it documents: `pmp-check`.
        let name = format!("pmp-{}", sub.get_name());
        let page = sub.clone().name(name.clone()).version(env!("CARGO_PKG_VERSION"));
        pages.push((format!("{name}.1"), page));
    }
    for (file, cmd) in pages {
        let path = dir.join(&file);
        let written = page(cmd)
            .map_err(|e| e.to_string())
            .and_then(|text| pmp::fsutil::write_atomic(&path, &text).map_err(|e| e.to_string()));
        if let Err(e) = written {
            return Err(Error::io(&path, &e));
        }
    }
    Ok(Outcome::Clean)
}
