//! `pmp check`: load programmes, run the rules, report, and exit 0, 1 or 2.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{CheckArgs, CheckFormat, Color, Deny};
use pmp::check;
use pmp::config::Configs;
use pmp::diag::{self, Applicability, Code, Report, Severity};
use pmp::load;
use pmp::model::Part;

use super::{Error, Outcome};
use pmp::i18n::Text;
use pmp::tr;

/// Today's date for rules that need one: `PMP_TODAY` (YYYY-MM-DD) if set, else the system's.
pub fn today() -> Result<chrono::NaiveDate, Text> {
    match std::env::var("PMP_TODAY") {
        Ok(s) => chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            tr!(
                en("PMP_TODAY=`{s}`: {e}"),
                lv("PMP_TODAY=`{s}`: tas nav datums formā GGGG-MM-DD ({e})"),
            )
        }),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

fn list_rules() -> String {
    let mut out = String::new();
    let width = Code::ALL.iter().map(|c| c.as_str().len()).max().unwrap_or(0);
    let lang = pmp::i18n::ui();
    for c in Code::ALL {
        out.push_str(&format!(
            "{:<width$}  {:<12}{:<8} {}\n",
            c.as_str(),
            c.family().name(),
            c.default_severity().as_str(),
            pmp::diag::explain::explain(*c, lang).summary
        ));
    }
    out
}

/// Splits the paths given into folders to discover programmes in, and files (for editors and
/// pre-commit): a file stands for its programme, the nearest folder at or above it with a
/// `programme.yaml`, and only findings in the files given are reported. The files are
/// returned canonical, to compare with the files findings point into.
fn split_files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, BTreeSet<PathBuf>), Text> {
    let mut folders = Vec::new();
    let mut files = BTreeSet::new();
    for p in paths {
        if !p.is_file() {
            // Folders, and paths that do not exist: discovery reports those.
            folders.push(p.clone());
            continue;
        }
        let shown = p.display();
        let canonical = std::fs::canonicalize(p).map_err(|e| tr!(en("{shown}: {e}"), lv("{shown}: {e}")))?;
        // The programme folder, as a path like the one given (relative stays relative), so
        // findings name files the way the user wrote them.
        let mut dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut found = None;
        for _ in canonical.ancestors().skip(1) {
            let shown = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.clone()
            };
            if shown.join(Part::Manifest.file_name()).is_file() {
                found = Some(shown);
                break;
            }
            dir = if dir.as_os_str().is_empty() || dir.ends_with("..") {
                dir.join("..")
            } else {
                dir.parent().map(Path::to_path_buf).unwrap_or_default()
            };
        }
        let Some(folder) = found else {
            let m = Part::Manifest.file_name();
            return Err(tr!(
                en("{shown}: not in a programme folder (no {m} in its folder or above)"),
                lv("{shown}: fails nav programmas mapē (ne tā mapē, ne augstāk nav {m})"),
            ));
        };
        folders.push(folder);
        files.insert(canonical);
    }
    Ok((folders, files))
}

pub fn run(args: CheckArgs) -> Result<Outcome, Error> {
    if args.list_rules {
        print!("{}", list_rules());
        return Ok(Outcome::Clean);
    }
    let selection = diag::Selection::parse(&args.select, &args.ignore)?;
    if args.statistics
        && !matches!(
            args.format,
            CheckFormat::Human | CheckFormat::Concise | CheckFormat::Json
        )
    {
        return Err(tr!(
            en("--statistics prints text or JSON: use it with --format human, concise or json"),
            lv("--statistics izdrukā tekstu vai JSON: lietojiet to ar --format human, concise vai json"),
        )
        .into());
    }
    let today = today()?;
    let (folders, files) = split_files(&args.paths)?;
    let dirs = match load::discover_noting(&folders) {
        Ok((d, skipped)) => {
            for s in &skipped {
                eprintln!("{}", load::skipped_note(s));
            }
            d
        }
        Err(e) => return Err(e.into()),
    };
    // Programmes also given as folders are reported whole, whatever files were named too.
    let whole: Vec<PathBuf> = if files.is_empty() {
        Vec::new()
    } else {
        let given: Vec<PathBuf> = args.paths.iter().filter(|p| !p.is_file()).cloned().collect();
        load::discover(&given)
            .unwrap_or_default()
            .iter()
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .collect()
    };
    if dirs.is_empty() {
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        let shown = shown.join(", ");
        return Err(Error::no_programme(&shown.to_string()));
    }
    let configs = Configs::for_programmes(args.config.as_deref(), &dirs)?;
    // One check, its findings kept as this run reports them: in the files named, selected.
    let check_once = || {
        let mut checked = check::pipeline::run_configured(&dirs, today, &|dir| configs.get(dir));
        if !files.is_empty() {
            let sources = &checked.sources;
            checked.diagnostics.retain(|d| {
                sources
                    .get(d.loc.file)
                    .and_then(|f| std::fs::canonicalize(&f.path).ok())
                    .is_some_and(|p| files.contains(&p) || whole.iter().any(|w| p.starts_with(w)))
            });
        }
        selection.apply(&mut checked.diagnostics);
        checked
    };
    let checked = if args.fix || args.diff {
        let wanted = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let fixed = pmp::fix::fix(wanted, check_once);
        if args.diff {
            print!("{}", pmp::fix::diff(&fixed.files));
            return Ok(if fixed.files.is_empty() {
                Outcome::Clean
            } else {
                Outcome::Findings
            });
        }
        if let Err(e) = pmp::fix::write(&fixed.files) {
            return Err(match e {
                pmp::fix::WriteError::Changed(p) => {
                    let p = p.display();
                    tr!(
                        en("{p} changed on disk while it was being fixed; nothing was written, run again"),
                        lv("{p} tika mainīts diskā labošanas laikā; nekas netika ierakstīts, palaidiet vēlreiz"),
                    )
                    .into()
                }
                pmp::fix::WriteError::Io(p, e) => Error::io(&p, &e),
            });
        }
        let (n, f) = (fixed.applied, fixed.files.len());
        let lang = pmp::i18n::ui();
        eprintln!(
            "{}",
            match lang {
                pmp::i18n::Lang::En => format!("fixed {n} finding(s) in {f} file(s)"),
                pmp::i18n::Lang::Lv => format!(
                    "{} {} {f} {}",
                    lang.plural(n, "labots", "laboti"),
                    lang.count(n, "konstatējums", "konstatējumi"),
                    lang.plural(f, "failā", "failos"),
                ),
            }
        );
        fixed.checked
    } else {
        check_once()
    };
    let report = Report {
        sources: &checked.sources,
        programmes: checked.programmes,
        files: checked.files,
        diagnostics: &checked.diagnostics,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    if args.statistics {
        let stats = diag::select::statistics(report.diagnostics);
        if args.format == CheckFormat::Json {
            print!("{}", diag::select::statistics_json(&stats));
        } else {
            let lang = pmp::i18n::ui();
            print!("{}", diag::select::statistics_text(&stats, lang));
            if !args.quiet {
                println!("{}", diag::report_summary(&report, lang));
            }
        }
    } else if args.quiet {
        print!("{}", diag::render_findings(&report, args.format.into(), color));
    } else {
        print!("{}", diag::render(&report, args.format.into(), color));
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Clean)
    }
}
