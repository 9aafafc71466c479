//! `pmp lsp`: a language server over standard input and output (lsp-server and lsp-types,
//! synchronous, as ruff's server is: a whole-programme check takes milliseconds).
//!
//! On opening or changing any file of a programme (a folder with `programme.yaml`), the whole
//! programme is checked again from the editor's buffers: each open file's unsaved text stands
//! in for the file on disk through the loader's [`crate::load::overlay`], the rest is read from
//! disk. Every finding is published on the file it belongs to, and a file that no longer has
//! any gets an empty list. Messages speak the language of the workspace's `pmp.toml`, else of
//! the client's locale, else of the environment.
//!
//! Besides findings: hover on a finding shows its rule's explanation (`pmp explain`), hover on
//! an id or institution name shows what it names ([`symbols`]); go to definition on an id;
//! completion of ids and institution names where a field expects one; code actions apply a
//! finding's fix or add a `# pmp: allow CODE -- reason` line. The server never writes a file:
//! edits go to the editor, which applies them to its buffer. A buffer that does not parse is
//! a finding like any other; a failure inside a request is answered with an error, never a
//! crash.

mod position;
pub mod symbols;

use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, GotoDefinition, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    CodeDescription, CompletionItem, CompletionItemKind, CompletionOptions, CompletionParams,
    CompletionResponse, DiagnosticSeverity, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents,
    HoverParams, HoverProviderCapability, InitializeParams, Location, MarkupContent, MarkupKind,
    NumberOrString, OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Url, WorkspaceEdit,
};

use crate::check;
use crate::config::{Config, Configs};
use crate::diag::{Applicability, Diagnostic, Severity};
use crate::i18n::{self, Lang};
use crate::load::{self, overlay::Overlay};
use crate::model::{Part, Programme, Sources};

pub use position::{offset, position};
use symbols::Symbols;

/// One open document: its text as the editor has it.
#[derive(Debug)]
struct Doc {
    text: Arc<str>,
}

/// The last check of one programme, with what hover, definition and completion read.
#[derive(Debug)]
pub struct Checked {
    pub dir: PathBuf,
    pub programme: Programme,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub symbols: Symbols,
}

impl Checked {
    /// The file id of `path` in this check.
    fn file_id(&self, path: &Path) -> Option<crate::model::FileId> {
        self.sources
            .files
            .iter()
            .find(|(_, f)| f.path == path)
            .map(|(id, _)| *id)
    }

    fn text(&self, file: crate::model::FileId) -> &str {
        self.sources.get(file).map_or("", |f| f.text.as_str())
    }

    /// The byte range a finding underlines.
    fn span(&self, d: &Diagnostic) -> (usize, usize) {
        let text = self.text(d.loc.file);
        if d.loc.is_unknown() || text.is_empty() {
            return (0, 0);
        }
        let start = (d.loc.offset as usize).min(text.len());
        if !text.is_char_boundary(start) {
            return (start, start);
        }
        (
            start,
            (start + crate::diag::label_len(text, start)).min(text.len()),
        )
    }
}

/// The server's state: open documents, the last check of each programme, and what was
/// published where.
pub struct Server {
    docs: HashMap<PathBuf, Doc>,
    checks: HashMap<PathBuf, Checked>,
    /// The files of each programme that have findings published.
    published: HashMap<PathBuf, BTreeSet<Url>>,
    /// The facts each programme's rules read (the adopted git revision, the pictures in the
    /// folder), gathered on the first check and again when its manifest's adoption changes
    /// or a file is saved: they come from git and the disk, not from the buffers.
    facts: HashMap<PathBuf, (String, check::Facts)>,
    today: chrono::NaiveDate,
    pub lang: Lang,
}

impl Server {
    pub fn new(today: chrono::NaiveDate, lang: Lang) -> Server {
        Server {
            docs: HashMap::new(),
            checks: HashMap::new(),
            published: HashMap::new(),
            facts: HashMap::new(),
            today,
            lang,
        }
    }

    /// Opens or changes a document: its text stands in for the file from now on.
    pub fn set_text(&mut self, path: PathBuf, text: &str) {
        self.docs.insert(
            path,
            Doc {
                text: Arc::from(text),
            },
        );
    }

    /// Closes a document: the file on disk counts again.
    pub fn close(&mut self, path: &Path) {
        self.docs.remove(path);
    }

    /// The programme folder a file belongs to: the nearest folder at or above it with a
    /// `programme.yaml` on disk or open in the editor.
    pub fn programme_of(&self, path: &Path) -> Option<PathBuf> {
        path.ancestors().skip(1).find_map(|d| {
            let manifest = d.join(Part::Manifest.file_name());
            (self.docs.contains_key(&manifest) || manifest.is_file()).then(|| d.to_path_buf())
        })
    }

    /// Checks the programme in `dir` from the buffers and the disk, and keeps the result.
    pub fn check(&mut self, dir: &Path) -> &Checked {
        let mut overlay = Overlay::new();
        for (path, doc) in &self.docs {
            if path.starts_with(dir) {
                overlay.insert(path.clone(), Arc::clone(&doc.text));
            }
        }
        let dirs = [dir.to_path_buf()];
        let loaded = load::overlay::with_overlay(Arc::new(overlay), || load::load_map(&dirs, |l| l));
        let load::LoadedProgramme {
            sources,
            programme,
            mut sink,
            ..
        } = loaded.into_iter().next().unwrap_or_default();
        let key = adoption_key(&programme);
        let stale = self.facts.get(dir).is_none_or(|(k, _)| *k != key);
        if stale {
            self.facts
                .insert(dir.to_path_buf(), (key, check::Facts::gather(&programme)));
        }
        let facts = self.facts.get(dir).map(|(_, f)| f);
        let none = check::Facts::default();
        check::programme(&programme, self.today, facts.unwrap_or(&none), &mut sink);
        check::text_rules(&programme, &sources, &mut sink);
        check::fixes::attach(&programme, &sources, &mut sink);
        let config = Configs::for_programmes(None, &dirs)
            .ok()
            .map(|c| c.get(dir).clone())
            .unwrap_or_default();
        let diagnostics = check::finish(&sources, &config, sink.diagnostics);
        let symbols = Symbols::of(&programme);
        self.checks.insert(
            dir.to_path_buf(),
            Checked {
                dir: dir.to_path_buf(),
                programme,
                sources,
                diagnostics,
                symbols,
            },
        );
        &self.checks[dir]
    }

    /// Forgets the facts gathered from the disk (a file was saved).
    pub fn saved(&mut self, dir: &Path) {
        self.facts.remove(dir);
    }

    /// The programme's last check, checking it first if there is none.
    fn checked(&mut self, dir: &Path) -> &Checked {
        if !self.checks.contains_key(dir) {
            self.check(dir);
        }
        &self.checks[dir]
    }

    /// The `publishDiagnostics` of the last check of `dir`: every file with findings, and an
    /// empty list for each file that had some and has none now.
    pub fn diagnostics_of(&mut self, dir: &Path) -> Vec<PublishDiagnosticsParams> {
        let lang = self.lang;
        let Some(c) = self.checks.get(dir) else {
            return Vec::new();
        };
        let mut by_file: std::collections::BTreeMap<Url, Vec<lsp_types::Diagnostic>> =
            std::collections::BTreeMap::new();
        for d in &c.diagnostics {
            let Some(f) = c.sources.get(d.loc.file) else {
                continue;
            };
            let Ok(url) = Url::from_file_path(&f.path) else {
                continue;
            };
            by_file.entry(url).or_default().push(lsp_diagnostic(c, d, lang));
        }
        let now: BTreeSet<Url> = by_file.keys().cloned().collect();
        let before = self
            .published
            .insert(dir.to_path_buf(), now.clone())
            .unwrap_or_default();
        let mut out: Vec<PublishDiagnosticsParams> = by_file
            .into_iter()
            .map(|(uri, diagnostics)| PublishDiagnosticsParams::new(uri, diagnostics, None))
            .collect();
        out.extend(
            before
                .difference(&now)
                .map(|uri| PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None)),
        );
        out
    }

    /// Hover at `pos` in `path`: a finding's rule explained, or what an id names.
    pub fn hover(&mut self, path: &Path, pos: lsp_types::Position) -> Option<Hover> {
        let dir = self.programme_of(path)?;
        let lang = self.lang;
        let c = self.checked(&dir);
        let file = c.file_id(path)?;
        let text = c.text(file);
        let at = offset(text, pos);
        let mut parts = Vec::new();
        for d in c.diagnostics.iter().filter(|d| d.loc.file == file) {
            let (s, e) = c.span(d);
            if (s..=e.max(s + 1)).contains(&at) || (d.loc.line.saturating_sub(1) == pos.line && s == e) {
                parts.push(format!(
                    "**{}** `{}`\n\n{}",
                    d.message.get(lang),
                    d.code.as_str(),
                    crate::diag::explain::markdown_one(d.code, lang)
                ));
            }
        }
        if parts.is_empty()
            && let Some(word) = symbols::reference_at(text, at)
            && let Some(s) = c.symbols.lookup(&word)
        {
            parts.push(s.markdown(lang));
        }
        (!parts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// Where the id or institution at `pos` is defined.
    pub fn definition(&mut self, path: &Path, pos: lsp_types::Position) -> Option<Location> {
        let dir = self.programme_of(path)?;
        let c = self.checked(&dir);
        let file = c.file_id(path)?;
        let text = c.text(file);
        let word = symbols::reference_at(text, offset(text, pos))?;
        let s = c.symbols.lookup(&word)?;
        let f = c.sources.get(s.loc.file)?;
        let target = &f.text;
        let start = s.loc.offset as usize;
        let end = (start + crate::diag::label_len(target, start.min(target.len()))).min(target.len());
        Some(Location::new(
            Url::from_file_path(&f.path).ok()?,
            position::range(target, start, end),
        ))
    }

    /// The ids or institution names a field at `pos` may hold.
    pub fn completion(&mut self, path: &Path, pos: lsp_types::Position) -> Vec<CompletionItem> {
        let Some(dir) = self.programme_of(path) else {
            return Vec::new();
        };
        let part = part_of_path(path);
        let lang = self.lang;
        let c = self.checked(&dir);
        let Some(file) = c.file_id(path) else {
            return Vec::new();
        };
        let text = c.text(file);
        let Some(kind) = symbols::expected_at(text, offset(text, pos), part) else {
            return Vec::new();
        };
        let mut items = Vec::new();
        for (i, s) in c.symbols.of_kind(kind).enumerate() {
            let detail = match &s.number {
                Some(n) => format!("{} {n} {}", s.kind_in(lang), s.title),
                None => format!("{} {}", s.kind_in(lang), s.title),
            };
            if kind == "institution" {
                // The name and each short form; the short forms first, as plans write them.
                for (j, spelling) in s.aliases.iter().chain(std::iter::once(&s.title)).enumerate() {
                    items.push(CompletionItem {
                        label: spelling.clone(),
                        kind: Some(CompletionItemKind::VALUE),
                        detail: Some(format!("{} `{}`: {}", s.kind_in(lang), s.id, s.title)),
                        insert_text: Some(yaml_plain_or_quoted(spelling)),
                        sort_text: Some(format!("{i:05}{j:03}")),
                        ..CompletionItem::default()
                    });
                }
            } else {
                items.push(CompletionItem {
                    label: s.id.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(detail),
                    sort_text: Some(format!("{i:05}")),
                    ..CompletionItem::default()
                });
            }
        }
        items
    }

    /// Code actions for the findings on the lines of `range`: each fix (the safe ones
    /// preferred), and a `# pmp: allow` line for each finding's code.
    pub fn code_actions(&mut self, path: &Path, range: lsp_types::Range) -> Vec<CodeActionOrCommand> {
        let Some(dir) = self.programme_of(path) else {
            return Vec::new();
        };
        let lang = self.lang;
        let c = self.checked(&dir);
        let Some(file) = c.file_id(path) else {
            return Vec::new();
        };
        let Ok(uri) = Url::from_file_path(path) else {
            return Vec::new();
        };
        let text = c.text(file);
        let (first, last) = (range.start.line + 1, range.end.line + 1);
        let mut out = Vec::new();
        let mut allowed = BTreeSet::new();
        for d in c
            .diagnostics
            .iter()
            .filter(|d| d.loc.file == file && d.loc.line.max(1) >= first && d.loc.line.max(1) <= last)
        {
            let diag = lsp_diagnostic(c, d, lang);
            if let Some(fix) = d
                .fix
                .as_ref()
                .filter(|f| f.applicability != Applicability::DisplayOnly)
            {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit::new(position::range(text, e.start, e.end), e.content.clone()))
                    .collect();
                let mark = match (fix.applicability, lang) {
                    (Applicability::Safe, _) => "",
                    (_, Lang::En) => " (unsafe: check it)",
                    (_, Lang::Lv) => " (nedrošs: pārbaudiet)",
                };
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{}{mark}", fix.title.get(lang)),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
            if d.code.unreadable() || !allowed.insert((d.loc.line, d.code)) {
                continue;
            }
            let (at, indent) = allow_place(text, d);
            let reason = match lang {
                Lang::En => "reason",
                Lang::Lv => "iemesls",
            };
            let line = format!("{indent}# pmp: allow {} -- {reason}\n", d.code.as_str());
            let title = match lang {
                Lang::En => format!("Allow `{}` here, with a reason", d.code.as_str()),
                Lang::Lv => format!("Atļaut `{}` šeit, norādot iemeslu", d.code.as_str()),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag]),
                edit: Some(WorkspaceEdit::new(HashMap::from([(
                    uri.clone(),
                    vec![TextEdit::new(position::range(text, at, at), line)],
                )]))),
                is_preferred: Some(false),
                ..CodeAction::default()
            }));
        }
        out
    }
}

/// Where a `# pmp: allow` line for finding `d` goes, and its indentation: on a line of its own
/// above the finding's line, or, for a finding about the whole file (line 1), right under the
/// schema line.
fn allow_place<'t>(text: &'t str, d: &Diagnostic) -> (usize, &'t str) {
    let line = d.loc.line.max(1);
    if line == 1 {
        let at = text.find('\n').map_or(text.len(), |i| i + 1);
        return (at, "");
    }
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let rest = &text[start..];
    let indent = &rest[..rest.len() - rest.trim_start_matches(' ').len()];
    // A list item's comment lines up with the item's dash.
    (start, indent)
}

/// The part a file is, by its name (`results/2025.yaml` is results).
fn part_of_path(path: &Path) -> Option<Part> {
    let name = path.file_name()?.to_string_lossy();
    if path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == Part::RESULTS_DIR)
    {
        return Some(Part::Results);
    }
    Part::ALL.into_iter().find(|p| p.file_name() == name)
}

/// What decides whether a programme's facts must be gathered again: its adoption.
fn adoption_key(p: &Programme) -> String {
    let Some(m) = &p.manifest else {
        return String::new();
    };
    let mut key = m
        .adopted_revision
        .as_ref()
        .map(|r| r.value.clone())
        .unwrap_or_default();
    for a in &m.amendments {
        key.push('\n');
        key.push_str(a.revision.as_ref().map_or("", |r| r.value.as_str()));
    }
    key
}

/// A name as YAML writes it in a `[…]` list or after `key: `: plain when it can be.
fn yaml_plain_or_quoted(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !s.contains([',', '[', ']', '{', '}', '#', ':'])
        && s.trim() == s;
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A finding as an LSP diagnostic.
fn lsp_diagnostic(c: &Checked, d: &Diagnostic, lang: Lang) -> lsp_types::Diagnostic {
    let text = c.text(d.loc.file);
    let (s, e) = c.span(d);
    let mut message = d.message.get(lang).to_string();
    if let Some(h) = &d.help {
        let label = match lang {
            Lang::En => "help",
            Lang::Lv => "padoms",
        };
        message.push_str(&format!("\n{label}: {}", h.get(lang)));
    }
    lsp_types::Diagnostic {
        range: position::range(text, s, e),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: Url::parse(&crate::diag::rule_page(d.code, lang))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("pmp".to_string()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

/// The language of the server's messages: the workspace's `pmp.toml`, else the client's
/// locale (`lv`, `lv-LV`), else the environment (`LC_ALL`, `LANG` …).
pub fn language(root: Option<&Path>, locale: Option<&str>) -> Lang {
    let config = root
        .and_then(|r| Config::discover(None, r).ok())
        .and_then(|c| c.lang);
    let client = locale.map(|l| {
        if l.to_ascii_lowercase().starts_with("lv") {
            Lang::Lv
        } else {
            Lang::En
        }
    });
    config.or(client).unwrap_or_else(|| i18n::resolve(None, None))
}

/// Serves one client over standard input and output until it asks to exit. `today` dates
/// recorded completions, as for `pmp check`.
pub fn serve(today: chrono::NaiveDate) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (connection, io) = Connection::stdio();
    serve_on(&connection, today)?;
    drop(connection);
    io.join()?;
    Ok(())
}

/// [`serve`] over any connection.
pub fn serve_on(
    connection: &Connection,
    today: chrono::NaiveDate,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["[".into(), ",".into(), " ".into(), ":".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| u.to_file_path().ok());
    let lang = language(root.as_deref(), params.locale.as_deref());
    i18n::set_ui(lang);
    let result = lsp_types::InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "pmp".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server::new(today, lang);
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let id = req.id.clone();
                let response = match std::panic::catch_unwind(AssertUnwindSafe(|| server.request(req))) {
                    Ok(r) => r,
                    Err(_) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "pmp failed on this request".into(),
                    ),
                };
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) => {
                let published = std::panic::catch_unwind(AssertUnwindSafe(|| server.notification(n)));
                match published {
                    Ok(list) => {
                        for p in list {
                            connection.sender.send(Message::Notification(Notification::new(
                                PublishDiagnostics::METHOD.into(),
                                p,
                            )))?;
                        }
                    }
                    Err(_) => {
                        let log = lsp_types::LogMessageParams {
                            typ: lsp_types::MessageType::ERROR,
                            message: "pmp failed to check the programme after this change".into(),
                        };
                        connection.sender.send(Message::Notification(Notification::new(
                            lsp_types::notification::LogMessage::METHOD.into(),
                            log,
                        )))?;
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

impl Server {
    /// Answers one request.
    fn request(&mut self, req: Request) -> Response {
        fn parse<P: serde::de::DeserializeOwned>(req: &Request) -> Result<P, Box<Response>> {
            serde_json::from_value(req.params.clone()).map_err(|e| {
                Box::new(Response::new_err(
                    req.id.clone(),
                    ErrorCode::InvalidParams as i32,
                    e.to_string(),
                ))
            })
        }
        fn ok(id: RequestId, v: impl serde::Serialize) -> Response {
            Response::new_ok(id, serde_json::to_value(v).unwrap_or(serde_json::Value::Null))
        }
        let path_of = |u: &Url| u.to_file_path().ok();
        let id = req.id.clone();
        match req.method.as_str() {
            HoverRequest::METHOD => match parse::<HoverParams>(&req) {
                Ok(p) => {
                    let at = p.text_document_position_params;
                    let h = path_of(&at.text_document.uri).and_then(|path| self.hover(&path, at.position));
                    ok(id, h)
                }
                Err(r) => *r,
            },
            GotoDefinition::METHOD => match parse::<GotoDefinitionParams>(&req) {
                Ok(p) => {
                    let at = p.text_document_position_params;
                    let l =
                        path_of(&at.text_document.uri).and_then(|path| self.definition(&path, at.position));
                    ok(id, l.map(GotoDefinitionResponse::Scalar))
                }
                Err(r) => *r,
            },
            Completion::METHOD => match parse::<CompletionParams>(&req) {
                Ok(p) => {
                    let at = p.text_document_position;
                    let items = path_of(&at.text_document.uri)
                        .map(|path| self.completion(&path, at.position))
                        .unwrap_or_default();
                    ok(id, CompletionResponse::Array(items))
                }
                Err(r) => *r,
            },
            CodeActionRequest::METHOD => match parse::<CodeActionParams>(&req) {
                Ok(p) => {
                    let actions = path_of(&p.text_document.uri)
                        .map(|path| self.code_actions(&path, p.range))
                        .unwrap_or_default();
                    ok(id, actions)
                }
                Err(r) => *r,
            },
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("pmp lsp does not answer {}", req.method),
            ),
        }
    }

    /// Handles one notification; returns the diagnostics to publish.
    fn notification(&mut self, n: Notification) -> Vec<PublishDiagnosticsParams> {
        let touched: Option<PathBuf> = match n.method.as_str() {
            DidOpenTextDocument::METHOD => serde_json::from_value::<DidOpenTextDocumentParams>(n.params)
                .ok()
                .and_then(|p| {
                    let path = p.text_document.uri.to_file_path().ok()?;
                    self.set_text(path.clone(), &p.text_document.text);
                    Some(path)
                }),
            DidChangeTextDocument::METHOD => serde_json::from_value::<DidChangeTextDocumentParams>(n.params)
                .ok()
                .and_then(|p| {
                    let path = p.text_document.uri.to_file_path().ok()?;
                    // Full synchronisation: the last change holds the whole text.
                    let text = p.content_changes.into_iter().last()?.text;
                    self.set_text(path.clone(), &text);
                    Some(path)
                }),
            DidCloseTextDocument::METHOD => serde_json::from_value::<DidCloseTextDocumentParams>(n.params)
                .ok()
                .and_then(|p| {
                    let path = p.text_document.uri.to_file_path().ok()?;
                    self.close(&path);
                    Some(path)
                }),
            DidSaveTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
                    .ok()
                    .and_then(|p| {
                        let path = p.text_document.uri.to_file_path().ok()?;
                        if let Some(dir) = self.programme_of(&path) {
                            self.saved(&dir);
                        }
                        Some(path)
                    })
            }
            _ => None,
        };
        let Some(path) = touched else { return Vec::new() };
        let Some(dir) = self.programme_of(&path) else {
            return Vec::new();
        };
        self.check(&dir);
        let mut out = self.diagnostics_of(&dir);
        // The file just opened or changed always hears back, with an empty list when clean:
        // the editor then knows the check of its text is done.
        // It goes first.
        if let Ok(uri) = Url::from_file_path(&path) {
            match out.iter().position(|p| p.uri == uri) {
                Some(i) => {
                    let own = out.remove(i);
                    out.insert(0, own);
                }
                None => out.insert(0, PublishDiagnosticsParams::new(uri, Vec::new(), None)),
            }
        }
        out
    }
}
