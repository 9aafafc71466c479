//! `pmp completions SHELL` and `pmp man`: shell completion scripts and manual pages, both
//! generated from the clap definitions in `cli.rs`, so they always list the same commands
//! and flags as `--help`.

use std::io::Write as _;

use clap::CommandFactory;

use pmp::i18n::{self, Lang};

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

/// The EXIT STATUS section of a command's page (`pmp` for the main page), in `lang`.
fn exit_status(name: &str, lang: Lang) -> String {
    let one = match (name, lang) {
        ("pmp-due", Lang::En) => "something in the monitoring calendar is overdue.",
        ("pmp-due", Lang::Lv) => "uzraudzības kalendārā kaut kas ir nokavēts.",
        ("pmp-diff", Lang::En) => "with --exit-code, a change is substantive.",
        ("pmp-diff", Lang::Lv) => "ar --exit-code: kāda izmaiņa ir būtiska.",
        (_, Lang::En) => "the checks found errors (or warnings, with --deny warnings).",
        (_, Lang::Lv) => "pārbaudē atrastas kļūdas (vai brīdinājumi ar --deny warnings).",
    };
    let (heading, zero, two) = match lang {
        Lang::En => (
            "EXIT STATUS",
            "success: nothing of the kind below.",
            "usage error, a file or folder that cannot be read or written, or an internal failure.",
        ),
        Lang::Lv => (
            "IZEJAS KODS",
            "izdevās, un nekas no turpmāk minētā nav noticis.",
            "nepareizs lietojums, failu vai mapi nevar nolasīt vai ierakstīt, vai iekšēja kļūda.",
        ),
    };
    format!(".SH \"{heading}\"\n.TP\n\\fB0\\fR\n{zero}\n.TP\n\\fB1\\fR\n{one}\n.TP\n\\fB2\\fR\n{two}\n")
}

/// The ENVIRONMENT section, the same on every page, in `lang`.
fn environment(lang: Lang) -> String {
    let items: [(&str, &str); 3] = match lang {
        Lang::En => [
            (
                "PMP_TODAY",
                "The date (YYYY-MM-DD) taken as today by the rules, pmp due and pmp calendar; default: the system date.",
            ),
            (
                "LC_ALL, LC_MESSAGES, LANG",
                "The first one set that starts with lv makes messages Latvian, unless --lang or pmp.toml's lang says otherwise.",
            ),
            (
                "NO_COLOR",
                "When set, human output has no colour unless --color always asks for it.",
            ),
        ],
        Lang::Lv => [
            (
                "PMP_TODAY",
                "Datums (GGGG-MM-DD), ko noteikumi, pmp due un pmp calendar uzskata par šodienu; pēc noklusējuma – sistēmas datums.",
            ),
            (
                "LC_ALL, LC_MESSAGES, LANG",
                "Ja pirmais iestatītais sākas ar lv, paziņojumi ir latviešu valodā, ja vien --lang vai pmp.toml lauks lang nenosaka citu.",
            ),
            (
                "NO_COLOR",
                "Ja iestatīts, cilvēkam domātajā izvadē nav krāsu, ja vien tās neprasa --color always.",
            ),
        ],
    };
    let heading = match lang {
        Lang::En => "ENVIRONMENT",
        Lang::Lv => "VIDES MAINĪGIE",
    };
    let mut out = format!(".SH \"{heading}\"\n");
    for (name, text) in items {
        out.push_str(&format!(".TP\n\\fB{name}\\fR\n{text}\n"));
    }
    out
}

/// The roff text of one page: clap_mangen's sections, then EXIT STATUS and ENVIRONMENT, then
/// the version; the headings in Latvian when the interface is.
fn page(cmd: clap::Command, lang: Lang) -> Result<Vec<u8>, std::io::Error> {
    let name = cmd.get_name().to_string();
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subcommands = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if has_args {
        man.render_options_section(&mut out)?;
    }
    if has_subcommands {
        man.render_subcommands_section(&mut out)?;
    }
    out.extend_from_slice(exit_status(&name, lang).as_bytes());
    out.extend_from_slice(environment(lang).as_bytes());
    man.render_version_section(&mut out)?;
    Ok(match lang {
        Lang::En => out,
        Lang::Lv => crate::cli_lv::man_headings(&String::from_utf8_lossy(&out)).into_bytes(),
    })
}

pub fn man(args: ManArgs) -> Result<Outcome, Error> {
    // No `help` command on the pages: it has no page of its own to refer to.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let lang = i18n::ui();
    if lang == Lang::Lv {
        cmd = crate::cli_lv::latvian(cmd);
    }
    let Some(dir) = args.out else {
        return match page(cmd, lang).and_then(|p| std::io::stdout().write_all(&p)) {
            Ok(()) => Ok(Outcome::Clean),
            Err(e) => Err(Error::io(&"stdout", &e)),
        };
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Err(Error::io(&dir, &e));
    }
    let mut pages = vec![("pmp.1".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        // A subcommand's page is named and titled as the command it documents: `pmp-check`.
        let name = format!("pmp-{}", sub.get_name());
        let page = sub.clone().name(name.clone()).version(env!("CARGO_PKG_VERSION"));
        pages.push((format!("{name}.1"), page));
    }
    for (file, cmd) in pages {
        let path = dir.join(&file);
        let written = page(cmd, lang)
            .map_err(|e| e.to_string())
            .and_then(|text| pmp::fsutil::write_atomic(&path, &text).map_err(|e| e.to_string()));
        if let Err(e) = written {
            return Err(Error::io(&path, &e));
        }
    }
    Ok(Outcome::Clean)
}
