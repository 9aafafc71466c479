//! From paths on disk to loaded programmes, with every problem collected as a finding.
//!
//! [`discover`] finds programme folders (a folder with a `programme.yaml`, or a folder of
//! such folders). [`load`] reads them in parallel: each file is checked for size, binary
//! content and UTF-8 before it is parsed (`yaml.rs`), CSV tables are read beside their YAML
//! (`csv.rs`) and never from outside the programme folder. Only regular files are opened
//! (links resolved first): a FIFO, a device, a folder or a looping link in place of a part
//! is a finding, never a hang, and a part that links outside the folder is not read.
//! Nothing here stops at the first problem: a file that fails leaves its part empty and the
//! rest of the programme is loaded.

mod csv;
pub mod fast;
pub mod overlay;
pub mod yaml;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Sink};
use crate::i18n::Text;
use crate::model::{FileId, Loc, Part, Programme, SourceFile, Sources};
use crate::tr;

/// Largest file pmp reads; larger ones are reported, not read.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Each programme gets a block of this many file ids, so programmes load in parallel without
/// sharing a counter and file ids stay deterministic.
const FILES_PER_PROGRAMME: u32 = 256;

/// A failure that is not about the content of a programme: a path that does not exist, a
/// folder that cannot be read. Exit code 2.
#[derive(Debug)]
pub struct LoadError(pub Text);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How many folders below a given path discovery looks for programmes.
pub const MAX_DEPTH: usize = 4;

/// Finds the programme folders under `paths`, sorted and without duplicates.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    discover_noting(paths).map(|(found, _)| found)
}

/// [`discover`], and the folders it did not look into because they lie more than
/// [`MAX_DEPTH`] folders below a given path (for the commands to mention).
pub fn discover_noting(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), LoadError> {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if !p.exists() {
            let p = p.display();
            return Err(LoadError(tr!(
                en("{p}: no such file or folder"),
                lv("{p}: šāda faila vai mapes nav"),
            )));
        }
        if !p.is_dir() {
            let p = p.display();
            return Err(LoadError(tr!(
                en("{p}: not a folder; give a programme folder or a folder of programme folders"),
                lv("{p}: tā nav mape; norādiet programmas mapi vai mapi, kurā ir programmu mapes"),
            )));
        }
        walk(p, 0, &mut found, &mut skipped)?;
    }
    found.sort();
    found.dedup();
    skipped.sort();
    skipped.dedup();
    Ok((found, skipped))
}

fn walk(
    dir: &Path,
    depth: usize,
    found: &mut Vec<PathBuf>,
    skipped: &mut Vec<PathBuf>,
) -> Result<(), LoadError> {
    // Anything named programme.yaml (even a FIFO or a broken link) makes a programme folder:
    // the loader then says what is wrong with it, rather than the folder being skipped.
    if std::fs::symlink_metadata(dir.join(Part::Manifest.file_name())).is_ok() {
        found.push(dir.to_path_buf());
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        // Below the depth limit a folder is only looked at to say what was not searched.
        Err(_) if depth >= MAX_DEPTH => return Ok(()),
        Err(e) => {
            let d = dir.display();
            return Err(LoadError(tr!(en("{d}: {e}"), lv("{d}: {e}"))));
        }
    };
    let mut subdirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            !n.starts_with('.') && n != "target" && n != "node_modules"
        })
        .map(|e| e.path())
        .collect();
    subdirs.sort();
    if depth >= MAX_DEPTH {
        skipped.extend(subdirs);
        return Ok(());
    }
    for d in subdirs {
        walk(&d, depth + 1, found, skipped)?;
    }
    Ok(())
}

/// Everything one `load` produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Sources,
    pub programmes: Vec<Programme>,
    pub sink: Sink,
}

/// The note a command prints for a folder [`discover_noting`] did not look into.
pub fn skipped_note(dir: &Path) -> Text {
    let d = dir.display();
    tr!(
        en(
            "note: {d} was not searched for programmes: it is more than {MAX_DEPTH} folders below the path given; give it (or a folder nearer to it) as the path"
        ),
        lv(
            "piezīme: mapē {d} programmas netika meklētas, jo tā ir vairāk nekā {MAX_DEPTH} mapju līmeņus zem norādītā ceļa; norādiet to (vai tuvāku mapi) kā ceļu"
        ),
    )
}

/// Loads every programme folder, in parallel, in the order given.
pub fn load(dirs: &[PathBuf]) -> Loaded {
    load_and(dirs, |_, _, _| {})
}

/// Loads every programme folder in parallel and runs `then` on each right after it loads, in
/// the same worker (the checker uses this to check programmes in parallel too).
pub fn load_and<F>(dirs: &[PathBuf], then: F) -> Loaded
where
    F: Fn(&Programme, &Sources, &mut Sink) + Sync,
{
    let results = load_map(dirs, |mut one| {
        then(&one.programme, &one.sources, &mut one.sink);
        one
    });
    let mut loaded = Loaded::default();
    for r in results {
        loaded.sources.files.extend(r.sources.files);
        loaded.programmes.push(r.programme);
        loaded.sink.extend(r.sink);
    }
    loaded
}

/// One programme folder as loaded: its files (ids unique across the run), its model and the
/// loader's findings.
#[derive(Debug, Default)]
pub struct LoadedProgramme {
    pub sources: Sources,
    pub programme: Programme,
    pub sink: Sink,
    /// How long reading and parsing its files took.
    pub took: std::time::Duration,
}

/// Loads every programme folder in parallel and hands each to `f` in the worker that loaded
/// it; returns what `f` returned, in the order of `dirs`. One worker per available core; each
/// takes the next folder not yet taken, so a slow programme never holds up a fixed share of the
/// others. What `f` does not return is dropped in the worker, not kept until the end.
pub fn load_map<T, F>(dirs: &[PathBuf], f: F) -> Vec<T>
where
    T: Send,
    F: Fn(LoadedProgramme) -> T + Sync,
{
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    crate::par::map_ordered(dirs, threads, |i, dir| {
        let base = u32::try_from(i).unwrap_or(u32::MAX / FILES_PER_PROGRAMME) * FILES_PER_PROGRAMME;
        let started = std::time::Instant::now();
        let pl = load_programme(dir, base);
        let took = started.elapsed();
        f(LoadedProgramme {
            sources: Sources { files: pl.files },
            programme: pl.programme,
            sink: pl.sink,
            took,
        })
    })
}

/// One programme's files, model and findings.
#[derive(Debug, Default)]
struct ProgrammeLoad {
    base: FileId,
    files: BTreeMap<FileId, SourceFile>,
    programme: Programme,
    sink: Sink,
}

impl ProgrammeLoad {
    fn add_file(&mut self, path: PathBuf, text: String) -> Option<FileId> {
        let n = u32::try_from(self.files.len()).ok()?;
        if n >= FILES_PER_PROGRAMME {
            return None;
        }
        let id = self.base + n;
        self.files.insert(id, SourceFile { path, text });
        Some(id)
    }
}

fn load_programme(dir: &Path, base: FileId) -> ProgrammeLoad {
    let mut pl = ProgrammeLoad {
        base,
        programme: Programme {
            dir: dir.to_path_buf(),
            ..Programme::default()
        },
        ..ProgrammeLoad::default()
    };
    // Resolved only if a part is a link.
    let canonical_dir = std::cell::OnceCell::new();
    for part in Part::ALL {
        let path = dir.join(part.file_name());
        let probed = probe(&path);
        if let Probe::Missing = probed {
            if part.required()
                && let Some(id) = pl.add_file(path, String::new())
            {
                pl.sink.push(
                    Diagnostic::new(
                        Code::MissingFile,
                        Loc::new(id, 1, 1, 0),
                        tr!(
                            en("the programme has no {}", part.file_name()),
                            lv("programmai nav faila {}", part.file_name()),
                        ),
                    )
                    .help(tr!(
                        en("create {} (`pmp init` writes every part)", part.file_name()),
                        lv(
                            "izveidojiet {} (`pmp init` izveido visas daļas)",
                            part.file_name()
                        ),
                    )),
                );
            }
            continue;
        }
        if let Probe::NotAFile(msg) = probed {
            if let Some(id) = pl.add_file(path, String::new()) {
                pl.programme.files.push((part, id));
                pl.sink.push(
                    Diagnostic::new(Code::NotAFile, Loc::new(id, 1, 1, 0), msg).help(tr!(
                        en("a part is a regular YAML file in the programme folder; replace this with one"),
                        lv("programmas daļa ir parasts YAML fails programmas mapē; aizstājiet šo ar tādu"),
                    )),
                );
            }
            continue;
        }
        // A part that is no link lies where the folder does: only a link can lead outside.
        let link = matches!(probed, Probe::File { link: true });
        if link
            && !inside(
                &path,
                canonical_dir.get_or_init(|| dir.canonicalize().ok()).as_deref(),
            )
        {
            if let Some(id) = pl.add_file(path, String::new()) {
                pl.programme.files.push((part, id));
                pl.sink.push(
                    Diagnostic::new(
                        Code::PathOutsideProgramme,
                        Loc::new(id, 1, 1, 0),
                        tr!(
                            en("{} is a link that resolves outside the programme folder; it is not read", part.file_name()),
                            lv("{} ir saite uz vietu ārpus programmas mapes; tā netiek lasīta", part.file_name()),
                        ),
                    )
                    .help(tr!(
                        en("keep every part inside the programme folder: copy the file here instead of linking to it"),
                        lv("glabājiet visas daļas programmas mapē: iekopējiet failu šeit, nevis veidojiet saiti"),
                    )),
                );
            }
            continue;
        }
        let read = read_part(
            &mut pl,
            part,
            path,
            || {
                (
                    tr!(
                        en("{} is empty", part.file_name()),
                        lv("fails {} ir tukšs", part.file_name())
                    ),
                    tr!(
                        en(
                            "a part holds a YAML mapping; write its fields or delete the file if the part is optional"
                        ),
                        lv(
                            "failā jābūt daļas laukiem (piemēram, `{}:`); aizpildiet tos vai izdzēsiet failu, ja daļa nav obligāta",
                            main_field(part)
                        ),
                    ),
                )
            },
            |id, text, pl| parse_part(part, id, text, pl),
        );
        if read.is_none() {
            break;
        }
    }
    unknown_files(dir, &mut pl);
    load_results(dir, &mut pl);
    pl
}

/// Reads the yearly results files, `results/YYYY.yaml`, in year order. A file not named after
/// a year is reported and skipped; one that does not parse leaves its year out.
fn load_results(dir: &Path, pl: &mut ProgrammeLoad) {
    let rdir = dir.join(Part::RESULTS_DIR);
    let Ok(entries) = std::fs::read_dir(&rdir) else {
        return;
    };
    // Every entry named like a YAML file, whatever it is: a folder, a FIFO or a broken link
    // named `2026.yaml` is reported (`not-a-file`), not taken for a year without results.
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    let part = Part::Results;
    for path in paths {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let year = (stem.len() == 4 && path.extension().is_some_and(|e| e == "yaml"))
            .then(|| stem.parse::<i32>().ok())
            .flatten();
        let Some(year) = year else {
            let name = path
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(id) = pl.add_file(path, String::new()) {
                pl.sink.push(
                    Diagnostic::new(
                        Code::UnknownFile,
                        Loc::new(id, 1, 1, 0),
                        tr!(
                            en(
                                "{}/{name} is not named after a year and is ignored",
                                Part::RESULTS_DIR
                            ),
                            lv(
                                "{}/{name} nav nosaukts pēc gada, tāpēc netiek ņemts vērā",
                                Part::RESULTS_DIR
                            ),
                        ),
                    )
                    .help(tr!(
                        en("name a year's results file after the year: results/2025.yaml"),
                        lv("gada rezultātu failu nosauciet pēc gada: results/2025.yaml"),
                    )),
                );
            }
            continue;
        };
        let read = read_part(
            pl,
            part,
            path,
            || {
                (
                    tr!(
                        en("{} is empty", Part::results_file(year)),
                        lv("fails {} ir tukšs", Part::results_file(year)),
                    ),
                    tr!(
                        en(
                            "a results file holds a YAML mapping with at least `programme` and `year`; delete it if the year has no results yet"
                        ),
                        lv(
                            "rezultātu failā jābūt vismaz laukiem `programme` un `year`; izdzēsiet to, ja gadam rezultātu vēl nav"
                        ),
                    ),
                )
            },
            |id, text, pl| {
                if let Some(data) = yaml::parse(id, part, text, &mut pl.sink) {
                    pl.programme
                        .results
                        .insert(year, crate::model::YearResults { file: id, data });
                }
            },
        );
        if read.is_none() {
            break;
        }
        pl.programme.result_files.insert(year);
    }
}

/// Reads one part file (a part or a year's results) into the programme's sources: an
/// unreadable file or an empty one is a finding (`empty` gives that finding's message and
/// help), a file with content has its schema line checked and goes to `parse`. The id is
/// taken before parsing (CSV tables read while parsing take the next ones) and the text is
/// moved into the sources afterwards, never copied. `None` when the run has no ids left.
fn read_part(
    pl: &mut ProgrammeLoad,
    part: Part,
    path: PathBuf,
    empty: impl FnOnce() -> (Text, Text),
    parse: impl FnOnce(FileId, &str, &mut ProgrammeLoad),
) -> Option<FileId> {
    let (text, problem) = read_text(&path);
    let text = text.unwrap_or_default();
    let id = pl.add_file(path, String::new())?;
    pl.programme.files.push((part, id));
    if let Some((code, loc_line, loc_col, msg)) = problem {
        let offset = yaml::offset_of(&text, loc_line, loc_col);
        pl.sink.push(
            Diagnostic::new(code, Loc::new(id, loc_line, loc_col, offset), msg).help(unreadable_help(code)),
        );
    } else if !has_content(&text) {
        let (message, help) = empty();
        pl.sink
            .push(Diagnostic::new(Code::EmptyFile, Loc::new(id, 1, 1, 0), message).help(help));
    } else {
        check_header(part, id, &text, &mut pl.sink);
        parse(id, &text, pl);
    }
    if let Some(f) = pl.files.get_mut(&id) {
        f.text = text;
    }
    Some(id)
}

fn parse_part(part: Part, id: FileId, text: &str, pl: &mut ProgrammeLoad) {
    let sink = &mut pl.sink;
    let p = &mut pl.programme;
    match part {
        Part::Manifest => p.manifest = yaml::parse(id, part, text, sink),
        Part::Institutions => p.institutions = yaml::parse(id, part, text, sink),
        Part::Situation => p.situation = yaml::parse(id, part, text, sink),
        Part::Svid => p.svid = yaml::parse(id, part, text, sink),
        Part::Goals => p.goals = yaml::parse(id, part, text, sink),
        Part::Indicators => p.indicators = yaml::parse(id, part, text, sink),
        Part::Plan => p.plan = yaml::parse(id, part, text, sink),
        Part::Monitoring => p.monitoring = yaml::parse(id, part, text, sink),
        // Results files are read by `load_results`, one per year.
        Part::Results => {}
    }
    if part == Part::Situation {
        csv::load_tables(pl);
    }
}

/// What stands at a path a programme names, found without opening it (opening a FIFO
/// blocks until someone writes to it).
pub(crate) enum Probe {
    /// Nothing: not even a broken link.
    Missing,
    /// A regular file, or (`link`) a link that resolves to one.
    File { link: bool },
    /// Something that is not read, and why (a folder, a FIFO, a device, a socket, a broken or
    /// looping link).
    NotAFile(Text),
}

/// Looks at `path` (links followed) without opening it.
pub(crate) fn probe(path: &Path) -> Probe {
    if overlay::text_of(path).is_some() {
        return Probe::File { link: false };
    }
    let name = path.display();
    let link = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Probe::Missing,
        Err(e) => return Probe::NotAFile(unreadable(&name, &e)),
        Ok(m) => m,
    };
    if link.is_file() {
        return Probe::File { link: false };
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Probe::File { link: true },
        Ok(m) => {
            let (en, lv) = kind_of(&m.file_type());
            Probe::NotAFile(tr!(
                en("{name} is {en}, not a regular file"),
                lv("{name} ir {lv}, nevis parasts fails"),
            ))
        }
        Err(e) if link.file_type().is_symlink() && is_loop(&e) => Probe::NotAFile(tr!(
            en("{name} is a symbolic link that loops (following it leads back to a link already followed)"),
            lv(
                "{name} ir simboliskā saite, kas veido cilpu (sekojot tai, atkal nonāk pie jau izietas saites)"
            ),
        )),
        Err(e) if link.file_type().is_symlink() && e.kind() == std::io::ErrorKind::NotFound => {
            let target = std::fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            Probe::NotAFile(tr!(
                en("{name} is a symbolic link to `{target}`, which does not exist"),
                lv("{name} ir simboliskā saite uz `{target}`, kas neeksistē"),
            ))
        }
        Err(e) => Probe::NotAFile(unreadable(&name, &e)),
    }
}

/// „… cannot be read: <the system's reason>”.
fn unreadable(name: &impl std::fmt::Display, e: &std::io::Error) -> Text {
    tr!(en("{name} cannot be read: {e}"), lv("{name} nevar nolasīt: {e}"))
}

#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

/// What kind of thing a file type that is not a regular file is, in words (English, Latvian).
fn kind_of(t: &std::fs::FileType) -> (&'static str, &'static str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return ("a FIFO (named pipe)", "FIFO (nosaukta programmkanāla) fails");
        }
        if t.is_char_device() {
            return ("a character device", "rakstzīmju ierīce");
        }
        if t.is_block_device() {
            return ("a block device", "bloka ierīce");
        }
        if t.is_socket() {
            return ("a socket", "ligzda (socket)");
        }
    }
    if t.is_dir() {
        ("a folder", "mape")
    } else {
        ("something other than a file", "kaut kas cits, nevis fails")
    }
}

/// Whether `path`, links resolved, lies inside `dir` (already canonical). When either cannot
/// be resolved the question is left to the read, which reports why.
pub(crate) fn inside(path: &Path, dir: Option<&Path>) -> bool {
    match (path.canonicalize(), dir) {
        (Ok(p), Some(d)) => p.starts_with(d),
        _ => true,
    }
}

/// Opens `path` for reading only if it is a regular file. On Unix the file is opened without
/// blocking, so a FIFO swapped in after [`probe`] looked cannot hang the open either; the
/// open file is then checked again.
fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    let t = meta.file_type();
    if !t.is_file() {
        let (en, lv) = kind_of(&t);
        let msg = tr!(
            en("it is {en}, not a regular file"),
            lv("tas ir {lv}, nevis parasts fails")
        );
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            msg.to_string(),
        ));
    }
    Ok((file, meta.len()))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] (for the files around a programme:
/// `pmp.toml`, templates, a single part for `pmp show`). A FIFO, a device or a folder is an
/// error, never a hang or an endless read.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    if let Probe::NotAFile(msg) = probe(path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            msg.to_string(),
        ));
    }
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        let mib = MAX_FILE_BYTES >> 20;
        let msg = tr!(
            en("larger than {mib} MiB, the most pmp reads"),
            lv("lielāks par {mib} MiB, vairāk pmp nelasa"),
        );
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            msg.to_string(),
        ));
    }
    Ok(bytes)
}

/// Reads a file as UTF-8 text within the size limit. On failure returns the finding's code,
/// line, column and message (and the text when it is known).
#[allow(clippy::type_complexity)]
fn read_text(path: &Path) -> (Option<String>, Option<(Code, u32, u32, Text)>) {
    let name = path.display();
    // An editor's buffer or a text fixed in memory stands in for the file.
    let bytes = match overlay::text_of(path) {
        Some(text) => text.as_bytes().to_vec(),
        None => match read_bytes(path) {
            Ok(bytes) => bytes,
            Err(problem) => return (None, Some(problem)),
        },
    };
    text_of_bytes(&name, bytes)
}

/// A file's bytes within the size limit, or why they cannot be read.
fn read_bytes(path: &Path) -> Result<Vec<u8>, (Code, u32, u32, Text)> {
    let name = path.display();
    let (file, len) = match open_regular(path) {
        Ok(f) => f,
        // Not a regular file, or not one that opens (no permission, gone, a broken link): the
        // file cannot be read, which is no safety limit.
        Err(e) => {
            return Err((Code::NotAFile, 1, 1, unreadable(&name, &e)));
        }
    };
    // Sized from the file's length (at most the limit), so the read does not grow the buffer.
    let size = len.min(MAX_FILE_BYTES as u64 + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    if let Err(e) = file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes) {
        return Err((Code::NotAFile, 1, 1, unreadable(&name, &e)));
    }
    Ok(bytes)
}

/// A file's bytes as UTF-8 text within the size limit, or the finding that says why not
/// (with the text up to the problem, when it is known).
#[allow(clippy::type_complexity)]
fn text_of_bytes(
    name: &impl std::fmt::Display,
    bytes: Vec<u8>,
) -> (Option<String>, Option<(Code, u32, u32, Text)>) {
    if bytes.len() > MAX_FILE_BYTES {
        return (
            None,
            Some((Code::InputLimit, 1, 1, {
                let mib = MAX_FILE_BYTES >> 20;
                tr!(
                    en("{name} is larger than {mib} MiB, the most pmp reads"),
                    lv("{name} ir lielāks par {mib} MiB, vairāk pmp nelasa"),
                )
            })),
        );
    }
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let (line, col) = line_col_of_byte(&bytes, pos);
        return (
            None,
            Some((
                Code::BinaryFile,
                line,
                col,
                tr!(
                    en("{name} is a binary file (a NUL byte at line {line})"),
                    lv("{name} ir binārs fails ({line}. rindā ir NUL baits)"),
                ),
            )),
        );
    }
    // Validated with SIMD (several times std's speed on Latvian text); on an error std's own
    // check finds the position for the message.
    let text = if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated `bytes` as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    };
    match text {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            (Some(s), None)
        }
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, col) = line_col_of_byte(&bytes, pos);
            let valid = String::from_utf8_lossy(&bytes[..pos]).into_owned();
            (
                Some(valid),
                Some((Code::NotUtf8, line, col, {
                    let byte = bytes[pos];
                    tr!(
                        en("{name} is not valid UTF-8 (byte 0x{byte:02x} at line {line}, column {col})"),
                        lv(
                            "{name} nav derīgs UTF-8 teksts (baits 0x{byte:02x} {line}. rindas {col}. kolonnā)"
                        ),
                    )
                })),
            )
        }
    }
}

/// What to do about a part file that could not be read as text.
fn unreadable_help(code: Code) -> Text {
    match code {
        Code::BinaryFile => tr!(
            en(
                "a programme's parts are UTF-8 text; save the file again as plain text, or replace it with the YAML part"
            ),
            lv(
                "programmas daļas ir UTF-8 teksts; saglabājiet failu vēlreiz kā vienkāršu tekstu vai aizstājiet to ar YAML daļu"
            ),
        ),
        Code::NotUtf8 => tr!(
            en("save the file as UTF-8 (editors offer it under \"Save as\" or \"Encoding\")"),
            lv("saglabājiet failu UTF-8 kodējumā (redaktoros to piedāvā „Saglabāt kā” vai „Kodējums”)"),
        ),
        Code::NotAFile => tr!(
            en("replace it with a regular file"),
            lv("aizstājiet to ar parastu failu")
        ),
        _ => tr!(
            en(
                "check that the file exists, is readable and is smaller than 8 MiB; split large tables into CSV files"
            ),
            lv(
                "pārbaudiet, vai fails eksistē, ir lasāms un mazāks par 8 MiB; lielas tabulas sadaliet CSV failos"
            ),
        ),
    }
}

/// The 1-based line and column (in characters) of byte `pos` of `bytes`.
fn line_col_of_byte(bytes: &[u8], pos: usize) -> (u32, u32) {
    let before = &bytes[..pos];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// Whether the text holds anything but blank lines and comments.
fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    })
}

/// The header line editors use to find the schema.
pub fn schema_header(part: Part) -> String {
    // Results files sit one folder deeper, in `results/`.
    let up = if part == Part::Results {
        "../../../"
    } else {
        "../../"
    };
    format!(
        "# yaml-language-server: $schema={up}schemas/{}.schema.json",
        part.name()
    )
}

fn check_header(part: Part, id: FileId, text: &str, sink: &mut Sink) {
    let first = text.lines().next().unwrap_or("");
    let ok = first.starts_with("# yaml-language-server: $schema=")
        && first
            .trim_end()
            .ends_with(&format!("{}.schema.json", part.name()));
    if !ok {
        sink.push(
            Diagnostic::new(
                Code::SchemaHeader,
                Loc::new(id, 1, 1, 0),
                if part == Part::Results {
                    tr!(
                        en("the results file does not start with its schema line"),
                        lv("rezultātu fails nesākas ar savas shēmas rindu"),
                    )
                } else {
                    let f = part.file_name();
                    tr!(
                        en("{f} does not start with its schema line"),
                        lv("fails {f} nesākas ar savas shēmas rindu"),
                    )
                },
            )
            .help({
                let h = schema_header(part);
                tr!(
                    en("make the first line `{h}` (the path relative to this file)"),
                    lv("pirmajā rindā ierakstiet `{h}` (ceļš attiecībā pret šo failu)"),
                )
            }),
        );
    }
}

fn unknown_files(dir: &Path, pl: &mut ProgrammeLoad) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    names.sort();
    for p in names {
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let known = Part::from_name(&stem).is_some() && p.extension().is_some_and(|e| e == "yaml");
        if !known {
            let known_names: Vec<String> = Part::ALL.iter().map(|p| p.file_name()).collect();
            let file_name = p
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut d = Diagnostic::new(
                Code::UnknownFile,
                Loc::new(0, 1, 1, 0),
                tr!(
                    en("{file_name} is not a part of a programme and is ignored"),
                    lv("{file_name} nav programmas daļa, tāpēc netiek ņemts vērā"),
                ),
            );
            d = match crate::diag::did_you_mean(&file_name, known_names.iter().map(String::as_str)) {
                Some(s) => d.help(tr!(en("did you mean `{s}`?"), lv("vai domājāt `{s}`?"))),
                None => {
                    let names = known_names.join(", ");
                    d.help(tr!(
                        en("the parts are: {names}"),
                        lv("programmas daļas ir: {names}")
                    ))
                }
            };
            if let Some(id) = pl.add_file(p, String::new()) {
                d.loc.file = id;
                pl.sink.push(d);
            }
        }
    }
}

/// The field a part's file is mostly about (`goals:`, `activities:`), to name in advice.
fn main_field(part: Part) -> &'static str {
    match part {
        Part::Manifest => "id",
        Part::Institutions => "institutions",
        Part::Situation => "sections",
        Part::Svid => "strengths",
        Part::Goals => "goals",
        Part::Indicators => "indicators",
        Part::Plan => "activities",
        Part::Monitoring => "events",
        Part::Results => "programme",
    }
}
