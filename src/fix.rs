//! `pmp check --fix` and `--diff`: apply the fixes findings carry, check again, and repeat
//! until no fix is left to apply (or [`MAX_ROUNDS`] rounds), all in memory: each round reads
//! the texts fixed so far through a [`crate::load::overlay`], so nothing is written until the
//! end, and with `--diff` nothing at all.
//!
//! Only fixes of findings the run reports are applied (`--select`/`--ignore` and `pmp.toml`
//! have already left the others out), and only those of the applicability asked for: safe
//! fixes, or safe and unsafe ones (`--unsafe-fixes`). [`write`] replaces the changed files as
//! one atomic set, and only if each still holds the text that was checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::pipeline::Checked;
use crate::diag::fix::apply;
use crate::diag::{Applicability, Diagnostic};
use crate::load::overlay::{Overlay, with_overlay};

/// The most rounds of fixing and checking again: a fix can uncover the next finding (the
/// parser stops at the first syntax error), but never an endless chain.
pub const MAX_ROUNDS: usize = 10;

/// What fixing produced.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Each file that changes: its text as read, and as fixed (both without a byte order mark).
    pub files: BTreeMap<PathBuf, (String, String)>,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// The check of the fixed texts: what is left.
    pub checked: Checked,
}

/// Checks with `check` (which runs the pipeline and filters the findings as the run reports
/// them), applies the fixes up to `wanted`, and checks again, until nothing is left to fix.
pub fn fix(wanted: Applicability, check: impl Fn() -> Checked) -> Fixed {
    let mut overlay = Overlay::new();
    let mut originals: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut applied = 0;
    let mut round = 0;
    let checked = loop {
        let checked = if overlay.is_empty() {
            check()
        } else {
            with_overlay(Arc::new(overlay.clone()), &check)
        };
        round += 1;
        let fixes = fixes_of(&checked.diagnostics, wanted);
        if fixes.is_empty() || round > MAX_ROUNDS {
            break checked;
        }
        let sources = &checked.sources;
        let (texts, n) = apply(fixes, |id| sources.get(id).map(|f| f.text.as_str()));
        if n == 0 || texts.is_empty() {
            break checked;
        }
        applied += n;
        for (id, text) in texts {
            let Some(f) = sources.get(id) else { continue };
            originals.entry(f.path.clone()).or_insert_with(|| f.text.clone());
            overlay.insert(f.path.clone(), text);
        }
    };
    let files = originals
        .into_iter()
        .filter_map(|(path, old)| {
            let new = overlay.get(&path)?.to_string();
            (new != old).then_some((path, (old, new)))
        })
        .collect();
    Fixed {
        files,
        applied,
        checked,
    }
}

/// The fixes of `diagnostics` that apply at `wanted`, with their files.
fn fixes_of(
    diagnostics: &[Diagnostic],
    wanted: Applicability,
) -> Vec<(crate::model::FileId, &crate::diag::Fix)> {
    diagnostics
        .iter()
        .filter_map(|d| {
            d.fix
                .as_ref()
                .filter(|f| f.applies(wanted))
                .map(|f| (d.loc.file, f))
        })
        .collect()
}

/// Why the fixed files were not written.
#[derive(Debug)]
pub enum WriteError {
    /// A file changed on disk while it was being fixed: nothing was written.
    Changed(PathBuf),
    /// Reading or writing failed: nothing was written.
    Io(PathBuf, std::io::Error),
}

/// Writes the fixed files as one atomic set, each through its links to the file it names,
/// keeping a byte order mark the file starts with. A file whose text on disk is no longer the
/// one that was fixed stops the whole set.
pub fn write(files: &BTreeMap<PathBuf, (String, String)>) -> Result<(), WriteError> {
    let mut set = Vec::with_capacity(files.len());
    for (path, (old, new)) in files {
        let target = std::fs::canonicalize(path).map_err(|e| WriteError::Io(path.clone(), e))?;
        let bytes = crate::load::read_file(&target).map_err(|e| WriteError::Io(path.clone(), e))?;
        let bom = bytes.starts_with("\u{feff}".as_bytes());
        let on_disk = if bom { &bytes[3..] } else { &bytes[..] };
        if on_disk != old.as_bytes() {
            return Err(WriteError::Changed(path.clone()));
        }
        let mut out = Vec::with_capacity(new.len() + 3);
        if bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        out.extend_from_slice(new.as_bytes());
        set.push((target, out));
    }
    crate::fsutil::write_all_atomic(&set).map_err(|e| WriteError::Io(e.path, e.error))
}

/// The unified diff of every fixed file, paths as the loader named them.
pub fn diff(files: &BTreeMap<PathBuf, (String, String)>) -> String {
    files
        .iter()
        .map(|(path, (old, new))| crate::diag::fix::unified_diff(&display(path), old, new))
        .collect()
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
