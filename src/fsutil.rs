//! Writing files safely: every output goes to a temporary file in the target's folder and is
//! renamed over the target only when complete, so an interrupted run never leaves half a file.
//!
//! Temporary files get unpredictable names and are created exclusively (`O_EXCL`, through the
//! `tempfile` crate), so a symlink planted where a temporary might go is never followed. A
//! replaced file keeps its permissions; a new one, or one that replaces a symbolic link, gets
//! the usual ones (0666 less the umask), never the permissions of what the link points at.
//! A temporary is removed on every error path. [`write_all_atomic`] writes a set of files
//! (`pmp render --format all`): all temporaries first (written and flushed in parallel, since
//! a small set's write is bound by the `fsync`s), then the renames, and when a rename
//! fails the files already renamed are put back, so a failure leaves the old set.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::{Builder, TempPath};

/// Most characters a programme id may have: with `-2026.docx` and the temporary's `.` and
/// `.XXXXXX.tmp` around it, a document's name stays well under the 255 bytes a file system allows.
pub const MAX_STEM: usize = 200;

/// Whether a programme id can name its documents' files inside the output folder: 1 to
/// [`MAX_STEM`] ASCII letters, digits, `-`, `_` and `.`, not starting with `.` (no hidden file,
/// no `..`). The one rule `check` reports and `render` and `report` refuse by.
pub fn safe_file_stem(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_STEM
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !RESERVED_STEMS.iter().any(|r| id.eq_ignore_ascii_case(r))
}

/// Names a folder's hand-written files go by. pmp cannot tell its own earlier `README.md`
/// from one a person wrote, so a programme id may not be one of these: rendered into the
/// programme's folder (the default `--out .`), its documents would replace them.
pub const RESERVED_STEMS: [&str; 7] = [
    "readme",
    "index",
    "license",
    "licence",
    "changelog",
    "contributing",
    "notice",
];

/// The path `target` will have once written, with its folder resolved (`..`, links), but not
/// the file itself: a write replaces a link there, it does not follow it.
fn resolved(target: &Path) -> PathBuf {
    let name = target.file_name().map(Path::new).unwrap_or(Path::new(""));
    match std::fs::canonicalize(folder(target)) {
        Ok(dir) => dir.join(name),
        Err(_) => target.to_path_buf(),
    }
}

/// Whether writing `target` would replace a file a programme is made of: one of `sources`
/// (every file its load read: parts, results, CSV tables), or any YAML, CSV or `pmp.toml`
/// file inside one of the programme folders `dirs`, loaded or not. An output never does.
pub fn is_programme_file(target: &Path, dirs: &[&Path], sources: &[&Path]) -> bool {
    let at = resolved(target);
    if sources
        .iter()
        .any(|s| std::fs::canonicalize(s).is_ok_and(|s| s == at))
    {
        return true;
    }
    let input_kind = at.file_name().is_some_and(|n| n == "pmp.toml")
        || at
            .extension()
            .is_some_and(|e| ["yaml", "yml", "csv"].iter().any(|k| e.eq_ignore_ascii_case(k)));
    input_kind
        && dirs
            .iter()
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .any(|d| at.starts_with(d))
}

/// The folder a target lives in (`.` for a bare file name).
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.NAME.` for the temporaries of `path`, so a listing shows whose they are.
fn prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// A file written in full to a temporary beside its target, not yet in place. Dropping it
/// removes the temporary.
pub struct Staged {
    tmp: TempPath,
    target: PathBuf,
}

impl Staged {
    /// Writes `bytes` to a new temporary beside `path`, flushed to disk, with the permissions
    /// `path` has (or the usual ones when it does not exist yet).
    pub fn new(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
        let name = prefix(path);
        let mut b = Builder::new();
        b.prefix(&name).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The mode of a plain create: open(2) takes the umask off.
            b.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = b.tempfile_in(folder(path))?;
        tmp.write_all(bytes)?;
        // The target's own permissions, never those of what a link planted there points at.
        if let Ok(m) = std::fs::symlink_metadata(path)
            && m.is_file()
        {
            tmp.as_file().set_permissions(m.permissions())?;
        }
        tmp.as_file().sync_all()?;
        Ok(Staged {
            tmp: tmp.into_temp_path(),
            target: path.to_path_buf(),
        })
    }

    /// The file this will replace.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the temporary over the target. On failure the temporary is removed.
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.persist(&self.target).map_err(|e| e.error)
    }
}

/// Writes `bytes` to `path` atomically (temporary file, flush, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    Staged::new(path, bytes)?.commit()
}

/// A write of one file of a set that failed: which file, and why.
#[derive(Debug)]
pub struct SetError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for SetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

/// Writes every `(path, bytes)` so that either all files are replaced or none is: every
/// temporary is written and flushed first, several at once ([`stage_all`]; a full disk or a
/// read-only folder fails here, before any target changes), then each is renamed over its
/// target. Before the renames each existing
/// target is kept under a hard link beside it; if a rename fails, the targets already
/// replaced get their old contents back and the new ones are removed. The set is left mixed
/// only if the process dies during the renames, or a restore fails as well.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), SetError> {
    let at = |path: &Path| {
        let path = path.to_path_buf();
        move |error| SetError { path, error }
    };
    let staged = stage_all(files)
        .into_iter()
        .zip(files)
        .map(|(s, (path, _))| s.map_err(at(path)))
        .collect::<Result<Vec<_>, _>>()?;
    // The old contents, kept by a second name until every rename has succeeded. On a file
    // system without hard links there is no backup, and a failed rename cannot be undone.
    let mut backups: Vec<Option<TempPath>> = Vec::with_capacity(staged.len());
    for s in &staged {
        let backup = match std::fs::symlink_metadata(s.target()) {
            Ok(m) if m.is_file() => Builder::new()
                .prefix(&prefix(s.target()).as_str())
                .suffix(".old")
                .make_in(folder(s.target()), |p| std::fs::hard_link(s.target(), p))
                .ok()
                .map(|f| f.into_temp_path()),
            _ => None,
        };
        backups.push(backup);
    }
    let mut done: Vec<(PathBuf, Option<TempPath>)> = Vec::new();
    let mut backups = backups.into_iter();
    for s in staged {
        let target = s.target().to_path_buf();
        let backup = backups.next().flatten();
        if let Err(error) = s.commit() {
            for (t, b) in done.into_iter().rev() {
                let _ = match b {
                    Some(b) => b.persist(&t).map_err(|e| e.error),
                    None => std::fs::remove_file(&t),
                };
            }
            return Err(SetError { path: target, error });
        }
        done.push((target, backup));
    }
    // Every file is in place: the backups (dropped here) are removed.
    Ok(())
}

/// At most this many files of a set are staged at once.
const STAGING_THREADS: usize = 8;

/// Stages every file of a set ([`Staged::new`]: write and `fsync` a temporary), several at
/// once: the `fsync`s are what a small set's write waits for, and the disk serves them
/// together. The results come back in the order of `files`. Each temporary is written and
/// flushed in full before any target is touched, exactly as when staged one by one; a failed
/// file does not stop the others, and the caller drops them all.
fn stage_all(files: &[(PathBuf, Vec<u8>)]) -> Vec<std::io::Result<Staged>> {
    let stage = |chunk: &[(PathBuf, Vec<u8>)]| -> Vec<std::io::Result<Staged>> {
        chunk.iter().map(|(p, b)| Staged::new(p, b)).collect()
    };
    if files.len() <= 1 {
        return stage(files);
    }
    let per_thread = files.len().div_ceil(STAGING_THREADS);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(per_thread)
            .map(|chunk| {
                // A thread that cannot be started stages its files here instead.
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || stage(chunk))
                    .map_err(|_| chunk)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h {
                Ok(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(chunk) => stage(chunk),
            })
            .collect()
    })
}

/// Creates `path` with `bytes` only if it does not exist yet; never replaces a file.
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of the entries in `dir`, sorted.
    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_old_predictable_name_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = tmp.path().join("out.md");
        // The name the earlier code used: `.NAME.PID.tmp`, opened without O_EXCL.
        let planted = tmp.path().join(format!(".out.md.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&planted)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let planted_name = planted.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            listing(tmp.path()),
            [planted_name.as_str(), "out.md", "victim.txt"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out.html");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&target, b"new").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A new file is created as a plain create would be: what File::create gives.
        let plain = tmp.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let want = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let fresh = tmp.path().join("fresh.md");
        write_atomic(&fresh, b"x").unwrap();
        let got = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, want);
    }

    #[test]
    fn a_part_of_a_programme_is_no_place_for_an_output() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("prog");
        std::fs::create_dir_all(dir.join("results")).unwrap();
        std::fs::write(dir.join("plan.yaml"), "x").unwrap();
        std::fs::write(tmp.path().join("table.csv"), "x").unwrap();
        let sources = [dir.join("plan.yaml"), tmp.path().join("table.csv")];
        let sources: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
        let dirs = [dir.as_path()];
        for t in [
            dir.join("plan.yaml"),
            dir.join("results/../plan.yaml"),
            dir.join("new.YAML"),
            dir.join("results/2031.yml"),
            dir.join("pmp.toml"),
            tmp.path().join("table.csv"),
        ] {
            assert!(is_programme_file(&t, &dirs, &sources), "{}", t.display());
        }
        for t in [
            dir.join("plan.md"),
            dir.join("cal.ics"),
            tmp.path().join("other.yaml"),
        ] {
            assert!(!is_programme_file(&t, &dirs, &sources), "{}", t.display());
        }
        assert!(!safe_file_stem("README") && !safe_file_stem("index") && safe_file_stem("readme-2025"));
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_at_the_target_lends_it_no_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let open = tmp.path().join("open-to-all");
        std::fs::write(&open, "x").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        let plain = tmp.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let want = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let files: Vec<(PathBuf, Vec<u8>)> = ["p.md", "p.html", "p.docx"]
            .iter()
            .map(|n| (tmp.path().join(n), b"new".to_vec()))
            .collect();
        for (p, _) in &files {
            std::os::unix::fs::symlink(&open, p).unwrap();
        }
        write_all_atomic(&files).unwrap();
        for (p, _) in &files {
            let m = std::fs::symlink_metadata(p).unwrap();
            assert!(m.is_file(), "{}", p.display());
            assert_eq!(m.permissions().mode() & 0o777, want, "{}", p.display());
        }
        assert_eq!(std::fs::read_to_string(&open).unwrap(), "x");
    }

    #[test]
    fn a_failed_rename_puts_the_old_set_back_and_leaves_no_temporaries() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            tmp.path().join("p.md"),
            tmp.path().join("p.html"),
            tmp.path().join("p.docx"),
        );
        std::fs::write(&a, "old md").unwrap();
        std::fs::write(&c, "old docx").unwrap();
        // A folder where the second file goes: its temporary is written, its rename fails.
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("keep"), "x").unwrap();
        let files = vec![
            (a.clone(), b"new md".to_vec()),
            (b.clone(), b"new html".to_vec()),
            (c.clone(), b"new docx".to_vec()),
        ];
        let err = write_all_atomic(&files).unwrap_err();
        assert_eq!(err.path, b);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old md");
        assert_eq!(std::fs::read_to_string(&c).unwrap(), "old docx");
        assert_eq!(listing(tmp.path()), ["p.docx", "p.html", "p.md"]);
        // Without the failure, all are replaced and nothing else is left.
        std::fs::remove_dir_all(&b).unwrap();
        write_all_atomic(&files).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new html");
        assert_eq!(std::fs::read_to_string(&c).unwrap(), "new docx");
        assert_eq!(listing(tmp.path()), ["p.docx", "p.html", "p.md"]);
    }

    #[test]
    fn a_failed_staging_changes_nothing_and_leaves_no_temporaries() {
        let tmp = tempfile::tempdir().unwrap();
        let mut files: Vec<(PathBuf, Vec<u8>)> = (0..12)
            .map(|i| {
                (
                    tmp.path().join(format!("f{i:02}")),
                    format!("new {i}").into_bytes(),
                )
            })
            .collect();
        // The seventh file's folder does not exist: its temporary cannot be created, while
        // the files before and after it (staged by other threads) were written and flushed.
        let missing = tmp.path().join("no-such-folder").join("f06");
        files[6].0 = missing.clone();
        for (p, _) in &files {
            if p != &missing {
                std::fs::write(p, "old").unwrap();
            }
        }
        let err = write_all_atomic(&files).unwrap_err();
        assert_eq!(err.path, missing);
        let want: Vec<String> = (0..12).filter(|&i| i != 6).map(|i| format!("f{i:02}")).collect();
        assert_eq!(listing(tmp.path()), want);
        for name in &want {
            assert_eq!(std::fs::read_to_string(tmp.path().join(name)).unwrap(), "old");
        }
    }

    #[test]
    fn a_set_larger_than_the_staging_threads_is_written_file_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = (0..3 * STAGING_THREADS + 1)
            .map(|i| {
                (
                    tmp.path().join(format!("f{i:02}")),
                    format!("new {i}").into_bytes(),
                )
            })
            .collect();
        write_all_atomic(&files).unwrap();
        for (i, (p, _)) in files.iter().enumerate() {
            assert_eq!(std::fs::read_to_string(p).unwrap(), format!("new {i}"));
        }
        assert_eq!(listing(tmp.path()).len(), files.len());
    }

    #[test]
    fn a_new_file_of_a_failed_set_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("n.md"), tmp.path().join("n.html"));
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("keep"), "x").unwrap();
        let files = vec![(a.clone(), b"new".to_vec()), (b.clone(), b"new".to_vec())];
        assert!(write_all_atomic(&files).is_err());
        assert!(!a.exists());
        assert_eq!(listing(tmp.path()), ["n.html"]);
    }
}
