//! A programme folder as it was at a git revision (`REV:PATH`), read through the `git`
//! command into a temporary folder so the normal loader reads it.
//!
//! One `git cat-file --batch` run reads the folder's tree and its files, whatever their number
//! (`REV:./PATH`, so PATH is relative to the current folder, as for any other argument). Only
//! when that fails does a `git rev-parse` tell a missing revision from a missing path.

use crate::i18n::Text;
use crate::tr;
use std::io::{BufRead, BufReader, Read, Write};
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
    Unavailable(Text),
    /// The revision does not exist in the repository.
    Revision(Text),
    /// The path is not a folder at that revision.
    Path(Text),
    /// Anything else `git` or the file system refused.
    Failed(String),
}

impl GitError {
    /// What to tell the user, in both languages (git's own words are the same in both).
    pub fn into_text(self) -> Text {
        match self {
            GitError::Unavailable(m) | GitError::Revision(m) | GitError::Path(m) => m,
            GitError::Failed(m) => tr!(en("{m}"), lv("git kļūda: {m}")),
        }
    }
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::Unavailable(m) | GitError::Revision(m) | GitError::Path(m) => m.fmt(f),
            // git's own words, or a failure of the pipe to it.
            GitError::Failed(m) => f.write_str(m),
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

/// What one `git` run printed, and whether it succeeded.
struct Ran {
    ok: bool,
    out: Vec<u8>,
    err: String,
}

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Result<Ran, GitError> {
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
        GitError::Unavailable(tr!(
            en("cannot run git ({e}); reading a revision needs the git command"),
            lv("git nevar palaist ({e}); lai nolasītu versiju, vajadzīga komanda git"),
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
    Ok(Ran {
        ok: status.success(),
        out,
        err: err.trim().to_string(),
    })
}

/// Runs git and returns what it printed, or what it complained of.
fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Result<Vec<u8>, GitError> {
    let ran = run(dir, args, stdin)?;
    if ran.ok {
        Ok(ran.out)
    } else {
        Err(GitError::Failed(ran.err))
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

/// The object ids' length in bytes inside a tree object (SHA-1 or SHA-256 repositories).
fn oid_bytes(hex_len: usize) -> usize {
    hex_len / 2
}

/// One `git cat-file --batch` conversation: ask for an object, read it.
struct Batch {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: BufReader<std::process::ChildStdout>,
}

/// An object read from the batch: its id, type and content.
struct Object {
    oid: String,
    kind: String,
    data: Vec<u8>,
}

impl Batch {
    fn start(cwd: &Path) -> Result<Batch, GitError> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(cwd)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                GitError::Unavailable(tr!(
                    en("cannot run git ({e}); reading a revision needs the git command"),
                    lv("git nevar palaist ({e}); lai nolasītu versiju, vajadzīga komanda git"),
                ))
            })?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(GitError::Failed("git cat-file: no pipes".into()));
        };
        Ok(Batch {
            child,
            input,
            output: BufReader::new(output),
        })
    }

    /// The object `name` names, `None` when git says it is missing. `max` bounds its size.
    fn get(&mut self, name: &str, max: usize) -> Result<Option<Object>, GitError> {
        let broken = |e: std::io::Error| GitError::Failed(format!("git cat-file: {e}"));
        writeln!(self.input, "{name}")
            .and_then(|()| self.input.flush())
            .map_err(broken)?;
        let mut header = Vec::new();
        self.output.read_until(b'\n', &mut header).map_err(broken)?;
        if header.is_empty() {
            return Err(GitError::Failed("git cat-file stopped".into()));
        }
        let header = String::from_utf8_lossy(&header).trim_end().to_string();
        let parts: Vec<&str> = header.split(' ').collect();
        let [oid, kind, size] = parts[..] else {
            return Ok(None);
        };
        let size: usize = size
            .parse()
            .map_err(|_| GitError::Failed(format!("git cat-file: {header}")))?;
        if size > max {
            return Err(GitError::Failed(format!(
                "{name} is larger than {} MiB, the most pmp reads",
                max >> 20
            )));
        }
        let mut data = vec![0; size + 1];
        self.output.read_exact(&mut data).map_err(broken)?;
        data.pop();
        Ok(Some(Object {
            oid: oid.to_string(),
            kind: kind.to_string(),
            data,
        }))
    }

    /// Ends the conversation; what git said on stderr if it failed.
    fn finish(self) -> String {
        let Batch { mut child, input, .. } = self;
        drop(input);
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let _ = child.wait();
        err.trim().to_string()
    }
}

/// The entries of a tree object: mode, name and object id (hex).
fn tree_entries(data: &[u8], oid_len: usize) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(nul) = rest.iter().position(|b| *b == 0) {
        let head = String::from_utf8_lossy(&rest[..nul]).into_owned();
        let Some(raw) = rest.get(nul + 1..nul + 1 + oid_len) else {
            break;
        };
        let oid: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        if let Some((mode, name)) = head.split_once(' ') {
            out.push((mode.to_string(), name.to_string(), oid));
        }
        rest = &rest[nul + 1 + oid_len..];
    }
    out
}

/// Why `REV:PATH` is missing: no repository, no such revision, or no such path.
fn missing(cwd: &Path, rev: &str, path: &str) -> GitError {
    let spec = format!("{rev}^{{commit}}");
    let args = [
        "rev-parse",
        "--show-toplevel",
        "--verify",
        "--quiet",
        "--end-of-options",
        spec.as_str(),
    ];
    match run(cwd, &args, None) {
        Err(e) => e,
        Ok(r) if r.out.is_empty() => {
            let (cwd, err) = (cwd.display(), &r.err);
            GitError::Unavailable(tr!(
                en("{cwd} is not inside a git repository ({err})"),
                lv("{cwd} neatrodas git repozitorijā ({err})"),
            ))
        }
        Ok(r) if !r.ok => {
            let top = String::from_utf8_lossy(&r.out)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            GitError::Revision(tr!(
                en("`{rev}` is not a revision of the git repository at {top}"),
                lv("`{rev}` nav git repozitorija {top} versija"),
            ))
        }
        Ok(_) => GitError::Path(tr!(
            en("{rev}:{path} does not exist at revision {rev}"),
            lv("{rev}:{path} versijā {rev} neeksistē"),
        )),
    }
}

/// Most files and subfolders a programme folder read from git may hold.
const MAX_ENTRIES: usize = 1000;

/// Copies the folder `path` (relative to `cwd`) as it is at revision `rev` into a temporary
/// folder. One `git cat-file --batch` reads the folder's tree and every file in it.
pub fn read_tree(cwd: &Path, rev: &str, path: &str) -> Result<TempTree, GitError> {
    // The batch reads one request per line: a line break would make the rest a second
    // request, and every answer after it would belong to the wrong question.
    if rev.contains(['\n', '\r', '\0']) {
        return Err(GitError::Revision(tr!(
            en("{rev:?}: a revision cannot contain a line break or NUL"),
            lv("{rev:?}: versijas nosaukumā nevar būt rindas pārnesuma vai NUL"),
        )));
    }
    if path.contains(['\n', '\r', '\0']) {
        return Err(GitError::Path(tr!(
            en("{path:?}: a path read from git cannot contain a line break or NUL"),
            lv("{path:?}: ceļā, ko lasa no git, nevar būt rindas pārnesuma vai NUL"),
        )));
    }
    let rel = join_repo_path("", path).ok_or_else(|| {
        GitError::Path(tr!(
            en("{path}: give a path relative to the current folder"),
            lv("{path}: norādiet ceļu attiecībā pret pašreizējo mapi"),
        ))
    })?;
    let mut batch = Batch::start(cwd)?;
    let root_obj = match batch.get(&format!("{rev}:./{rel}"), MAX_FILE_BYTES) {
        Ok(Some(o)) => o,
        Ok(None) => {
            let _ = batch.finish();
            return Err(missing(cwd, rev, path));
        }
        Err(e) => {
            let err = batch.finish();
            return Err(if err.contains("not a git repository") {
                let cwd = cwd.display();
                GitError::Unavailable(tr!(
                    en("{cwd} is not inside a git repository ({err})"),
                    lv("{cwd} neatrodas git repozitorijā ({err})"),
                ))
            } else {
                e
            });
        }
    };
    if root_obj.kind != "tree" {
        let _ = batch.finish();
        return Err(GitError::Path(tr!(
            en("{rev}:{path} is a file, not a folder"),
            lv("{rev}:{path} ir fails, nevis mape"),
        )));
    }
    let oid_len = oid_bytes(root_obj.oid.len());
    let root = temp_root()?;
    let name = Path::new(&rel)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "programme".into());
    let tree = TempTree {
        dir: root.join(name),
        root,
    };
    let io = |p: &Path, e: std::io::Error| GitError::Failed(format!("{}: {e}", p.display()));
    std::fs::create_dir_all(&tree.dir).map_err(|e| io(&tree.dir, e))?;
    // Folders still to read: their place in the temporary folder and their tree's content.
    let mut pending = vec![(tree.dir.clone(), root_obj.data)];
    let mut seen = 0usize;
    while let Some((dir, data)) = pending.pop() {
        for (mode, entry, oid) in tree_entries(&data, oid_len) {
            seen += 1;
            if seen > MAX_ENTRIES {
                // Reading on would drop files without a word: the programme read would be
                // another than the one at that revision, and every difference a false one.
                let _ = batch.finish();
                return Err(GitError::Path(tr!(
                    en(
                        "{rev}:{path} holds more than {MAX_ENTRIES} files and folders, more than a programme folder read from git may have; nothing was compared"
                    ),
                    lv(
                        "{rev}:{path} ir vairāk nekā {MAX_ENTRIES} failu un mapju, vairāk, nekā drīkst būt no git lasītā programmas mapē; nekas netika salīdzināts"
                    ),
                )));
            }
            if entry.contains(['/', '\\']) || entry == ".." || entry == "." {
                continue;
            }
            let target = dir.join(&entry);
            match mode.as_str() {
                "40000" => {
                    if let Some(sub) = batch.get(&oid, MAX_FILE_BYTES)? {
                        std::fs::create_dir_all(&target).map_err(|e| io(&target, e))?;
                        pending.push((target, sub.data));
                    }
                }
                "100644" | "100755" => {
                    let label = format!("{rev}:{path}/{entry}");
                    if let Some(blob) = batch.get(&oid, MAX_FILE_BYTES).map_err(|e| match e {
                        GitError::Failed(m) => GitError::Failed(m.replacen(&oid, &label, 1)),
                        other => other,
                    })? {
                        std::fs::write(&target, blob.data).map_err(|e| io(&target, e))?;
                    }
                }
                // Symbolic links and submodules are not part of a programme.
                _ => {}
            }
        }
    }
    let _ = batch.finish();
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
