//! A programme folder as it was at a git revision (`REV:PATH`), read through the `git`
//! command into a temporary folder so the normal loader reads it.
//!
//! Three `git` runs, whatever the folder's size: `rev-parse` (repository, prefix, commit),
//! `ls-tree` (the folder's files) and `cat-file --batch` (their contents).

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::load::MAX_FILE_BYTES;

/// What a `pmp diff` argument names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// A folder on disk.
    Folder(PathBuf),
    /// A folder at a git revision: `REV:PATH`, PATH relative to the current folder.
    Revision { rev: String, path: String },
}

impl Spec {
    /// `REV:PATH` unless the argument is an existing path (a folder may contain `:`).
    pub fn parse(arg: &str) -> Spec {
        if !Path::new(arg).exists()
            && let Some((rev, path)) = arg.split_once(':')
            && !rev.is_empty()
        {
            let path = if path.is_empty() { "." } else { path };
            return Spec::Revision {
                rev: rev.to_string(),
                path: path.to_string(),
            };
        }
        Spec::Folder(PathBuf::from(arg))
    }
}

/// Why a revision could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// No `git` command, or the folder is not inside a git repository.
    Unavailable(String),
    /// The revision does not exist in the repository.
    Revision(String),
    /// The path is not a folder at that revision.
    Path(String),
    /// Anything else `git` or the file system refused.
    Failed(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::Unavailable(m) | GitError::Revision(m) | GitError::Path(m) | GitError::Failed(m) => {
                f.write_str(m)
            }
        }
    }
}

/// A temporary folder holding a programme read from git; removed when dropped.
#[derive(Debug)]
pub struct TempTree {
    root: PathBuf,
    /// The programme folder inside it.
    pub dir: PathBuf,
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Result<Vec<u8>, GitError> {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_LITERAL_PATHSPECS", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        GitError::Unavailable(format!(
            "cannot run git ({e}); reading a revision needs the git command"
        ))
    })?;
    // Feed stdin from another thread so a large answer cannot block the writer.
    let writer = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => {
            let bytes = bytes.to_vec();
            Some(std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let mut out = Vec::new();
    if let Some(mut o) = child.stdout.take() {
        let _ = o.read_to_end(&mut out);
    }
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if let Some(w) = writer {
        let _ = w.join();
    }
    let status = child.wait().map_err(|e| GitError::Failed(format!("git: {e}")))?;
    if status.success() {
        Ok(out)
    } else {
        Err(GitError::Failed(err.trim().to_string()))
    }
}

/// `base` joined with `rel`, `.` and `..` resolved, as a repository path (`a/b`). `None`
/// when it leaves the repository.
fn join_repo_path(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<String> = base
        .split('/')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// A fresh, empty temporary folder.
fn temp_root() -> Result<PathBuf, GitError> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let base = std::env::temp_dir();
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let p = base.join(format!("pmp-rev-{}-{n}", std::process::id()));
        match std::fs::create_dir(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(GitError::Failed(format!("{}: {e}", p.display()))),
        }
    }
    Err(GitError::Failed("cannot create a temporary folder".into()))
}

/// Copies the folder `path` (relative to `cwd`) as it is at revision `rev` into a temporary
/// folder.
pub fn read_tree(cwd: &Path, rev: &str, path: &str) -> Result<TempTree, GitError> {
    let located =
        git(cwd, &["rev-parse", "--show-toplevel", "--show-prefix"], None).map_err(|e| match e {
            GitError::Failed(m) => {
                GitError::Unavailable(format!("{} is not inside a git repository ({m})", cwd.display()))
            }
            other => other,
        })?;
    let located = String::from_utf8_lossy(&located);
    let mut lines = located.lines();
    let top = PathBuf::from(lines.next().unwrap_or_default());
    let prefix = lines.next().unwrap_or_default();
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
        None,
    )
    .map_err(|_| {
        GitError::Revision(format!(
            "`{rev}` is not a revision of the git repository at {}",
            top.display()
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let full = join_repo_path(prefix, path)
        .ok_or_else(|| GitError::Path(format!("{path} lies outside the git repository")))?;
    let mut args = vec!["ls-tree", "-r", "-z", "-l", commit.as_str()];
    if !full.is_empty() {
        args.extend(["--", full.as_str()]);
    }
    let listing = git(&top, &args, None)?;
    let inside = if full.is_empty() {
        String::new()
    } else {
        format!("{full}/")
    };
    let mut files: Vec<(String, String)> = Vec::new();
    let mut is_file = false;
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split_whitespace().collect();
        let [_mode, kind, oid, size] = meta[..] else {
            continue;
        };
        if name == full {
            is_file = true;
        }
        let Some(rel) = name.strip_prefix(&inside) else {
            continue;
        };
        if kind != "blob" {
            continue;
        }
        if size.parse::<usize>().is_ok_and(|s| s > MAX_FILE_BYTES) {
            return Err(GitError::Failed(format!(
                "{rev}:{name} is larger than {} MiB, the most pmp reads",
                MAX_FILE_BYTES >> 20
            )));
        }
        files.push((oid.to_string(), rel.to_string()));
    }
    if files.is_empty() {
        let what = if is_file {
            "is a file, not a folder"
        } else {
            "does not exist"
        };
        return Err(GitError::Path(format!("{rev}:{path} {what} at revision {rev}")));
    }
    let request: String = files.iter().map(|(oid, _)| format!("{oid}\n")).collect();
    let blobs = git(&top, &["cat-file", "--batch"], Some(request.as_bytes()))?;
    let root = temp_root()?;
    let name = Path::new(&full)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "programme".into());
    let tree = TempTree {
        dir: root.join(name),
        root,
    };
    let mut rest = &blobs[..];
    for (_, rel) in &files {
        // Each answer: "<oid> blob <size>\n<content>\n".
        let nl = rest
            .iter()
            .position(|b| *b == b'\n')
            .ok_or_else(|| GitError::Failed("git cat-file answered short".into()))?;
        let header = String::from_utf8_lossy(&rest[..nl]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| GitError::Failed(format!("git cat-file: {header}")))?;
        let body = rest
            .get(nl + 1..nl + 1 + size)
            .ok_or_else(|| GitError::Failed("git cat-file answered short".into()))?;
        rest = rest.get(nl + 2 + size..).unwrap_or_default();
        let target = tree.dir.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| GitError::Failed(format!("{}: {e}", parent.display())))?;
        }
        std::fs::write(&target, body).map_err(|e| GitError::Failed(format!("{}: {e}", target.display())))?;
    }
    Ok(tree)
}

/// Whether revision `a` is an ancestor of (or the same as) revision `b`.
pub fn is_ancestor(cwd: &Path, a: &str, b: &str) -> bool {
    git(
        cwd,
        &["merge-base", "--is-ancestor", "--end-of-options", a, b],
        None,
    )
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(
            Spec::parse("v1:programmes/x"),
            Spec::Revision {
                rev: "v1".into(),
                path: "programmes/x".into()
            }
        );
        assert_eq!(
            Spec::parse("HEAD~1:"),
            Spec::Revision {
                rev: "HEAD~1".into(),
                path: ".".into()
            }
        );
        assert_eq!(Spec::parse("programmes/x"), Spec::Folder("programmes/x".into()));
    }

    #[test]
    fn repo_paths() {
        assert_eq!(join_repo_path("programmes/", "x"), Some("programmes/x".into()));
        assert_eq!(join_repo_path("a/b/", "../c/./d"), Some("a/c/d".into()));
        assert_eq!(join_repo_path("", "."), Some(String::new()));
        assert_eq!(join_repo_path("", ".."), None);
    }
}
