//! `copydesk lsp`: the language server, over stdio, on tower-lsp-server.
//!
//! A thin layer over the engine. Documents live in ropes (`documents.rs`); positions convert in
//! the negotiated encoding (`position.rs`); analyses become LSP types in `convert.rs`.
//!
//! Ordering: tower-lsp runs handlers concurrently, so two didChange notifications could be
//! applied out of order (ebkalderon/tower-lsp#284, tower-lsp-server#36). `Ordered` wraps the
//! service and applies didOpen/didChange/didClose synchronously inside `call()`, in the order
//! the messages arrive, before any handler runs; the handlers for those notifications do nothing.

pub mod actions;
pub mod convert;
pub mod documents;
pub mod framing;

pub mod memory;
pub mod output;
pub mod position;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use serde_json::Value;
use tower::Service;
use tower_lsp_server::jsonrpc::{self, Request, Response};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ExitedError, LanguageServer, LspService, Server};

use self::documents::{ChangeError, Documents, Snapshot};
use self::position::Encoding;
use crate::analysis::incremental::Incremental;
use crate::analysis::{Analysis, DocKind, Span};
use crate::config::{self, Config};
use crate::workspace::Libraries;

/// Debounce before publishing when neither the client nor `copydesk.toml` says.
pub const DEFAULT_DEBOUNCE_MS: u64 = 75;
const UNSET: u64 = u64::MAX;
type ConfigCache =
    rustc_hash::FxHashMap<PathBuf, (std::time::Instant, Result<Config, config::ConfigError>)>;
const NOT_A_PERSON: &str = "copydesk renames people only: put the cursor on a person's name";

/// State shared by the handlers and the ordering wrapper.
pub struct Shared {
    docs: Documents,
    client: Client,
    encoding: AtomicU8,
    /// From the client (initializationOptions or settings); `UNSET` when it said nothing.
    client_debounce_ms: AtomicU64,
    /// The rest of the client's settings (checks, citations), laid over `copydesk.toml`.
    client_settings: Mutex<Value>,
    shutdown: AtomicBool,
    /// The client pulls diagnostics (`textDocument/diagnostic`): then nothing is pushed, or it
    /// would show every finding twice (VS Code keeps pulled and pushed ones apart).
    pull: AtomicBool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    pull_refresh: AtomicBool,
    /// Serialises publishing, so that a check of the version and its publication are not
    /// interleaved with another document version's.
    publish: tokio::sync::Mutex<()>,
    /// Configuration errors already shown to the user.
    shown: Mutex<HashSet<String>>,
    libraries: Libraries,
    /// Configurations by folder, with when they were read.
    configs: Mutex<ConfigCache>,
    /// Workspace folders.
    roots: Mutex<Vec<PathBuf>>,
    /// The per-paragraph memos of the documents edited last, most recent last (see
    /// [`Memos`]).
    memos: Mutex<Memos>,
    /// Documents with an analysis waiting for the debounce to pass.
    waiting: Mutex<HashSet<String>>,
    /// Frames for stdout (see `output`): diagnostics are published through here.
    out: std::sync::mpsc::Sender<output::Frame>,
    /// Gives freed memory back once the server is idle.
    trimmer: Arc<memory::Trimmer>,
}

/// For the panic-isolation test (`tests/hostile.rs`): with `COPYDESK_INJECT_PANIC=word` in the
/// environment, analysing a document that contains `word` panics, as a bug in the engine would.
fn injected_panic(text: &str) -> bool {
    static WORD: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    WORD.get_or_init(|| {
        std::env::var("COPYDESK_INJECT_PANIC")
            .ok()
            .filter(|w| !w.is_empty())
    })
    .as_deref()
    .is_some_and(|w| text.contains(w))
}

/// How many documents keep a per-paragraph memo: the ones being typed in. A memo holds the
/// tokens of every line of its document; keeping one for each of 50 open stories would cost
/// more memory than it saves time (a story reopened or switched to is analysed whole once).
const MEMOS: usize = 4;

/// Per-paragraph memos by document, least recently used first.
#[derive(Default)]
struct Memos(Vec<(String, Incremental)>);

impl Memos {
    fn take(&mut self, uri: &str) -> Incremental {
        match self.0.iter().position(|(u, _)| u == uri) {
            Some(i) => self.0.remove(i).1,
            None => Incremental::new(),
        }
    }
    /// Keeps `uri`'s memo; returns the document whose memo made room for it.
    fn put(&mut self, uri: &str, memo: Incremental) -> Option<String> {
        self.0.retain(|(u, _)| u != uri);
        let evicted = (self.0.len() >= MEMOS).then(|| self.0.remove(0).0);
        self.0.push((uri.to_string(), memo));
        evicted
    }
    fn forget(&mut self, uri: &str) {
        self.0.retain(|(u, _)| u != uri);
    }
}

impl Shared {
    fn encoding(&self) -> Encoding {
        if self.encoding.load(Ordering::Relaxed) == 8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    fn memos(&self) -> std::sync::MutexGuard<'_, Memos> {
        self.memos.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn log(&self, typ: MessageType, msg: String) {
        eprintln!("copydesk: {msg}");
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(typ, msg).await });
    }

    /// The configuration for a document: the nearest `copydesk.toml`; defaults (and a message to
    /// the user, once) when it is broken.
    fn config_for(&self, uri: &str) -> Config {
        let mut c = match file_path(uri).map(|p| self.load_config(&p)) {
            None => Config::default(),
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                self.warn_once(format!(
                    "{e} (using the default settings until it is fixed)"
                ));
                Config::default()
            }
        };
        let settings = self
            .client_settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Err(msg) = config::overlay_client(&mut c, &settings) {
            self.warn_once(format!("copydesk settings: {msg}"));
        }
        c
    }

    /// `config::load_for`, remembered per folder for two seconds (a keystroke must not walk
    /// the folders up to the root and re-read the file; a change is seen within two seconds, or
    /// at once through watched files).
    fn load_config(&self, path: &std::path::Path) -> Result<Config, config::ConfigError> {
        let dir = path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let mut cache = self.configs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((t, c)) = cache.get(&dir)
            && t.elapsed() < Duration::from_secs(2)
        {
            return c.clone();
        }
        let c = config::load_for(path);
        cache.insert(dir, (std::time::Instant::now(), c.clone()));
        c
    }

    /// Shows a problem to the user once (the same text is not repeated).
    fn warn_once(&self, msg: String) {
        let new = self
            .shown
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(msg.clone());
        if new {
            eprintln!("copydesk: {msg}");
            let client = self.client.clone();
            tokio::spawn(async move { client.show_message(MessageType::WARNING, msg).await });
        }
    }

    fn roots(&self) -> Vec<PathBuf> {
        self.roots.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn debounce(&self, uri: &str) -> Duration {
        let client = self.client_debounce_ms.load(Ordering::Relaxed);
        let ms = if client != UNSET {
            client
        } else {
            self.config_for(uri)
                .debounce_ms
                .unwrap_or(DEFAULT_DEBOUNCE_MS)
        };
        Duration::from_millis(ms.min(10_000))
    }

    /// Analyses the current version of `uri` (off the async threads) and keeps the result.
    async fn analyse(self: &Arc<Self>, uri: &str) -> Option<Arc<Snapshot>> {
        if let Some(s) = self.docs.snapshot(uri) {
            return Some(s);
        }
        let (rope, version, kind, _) = self.docs.current(uri)?;
        let config = self.config_for(uri);
        // Sized to the text (`to_string` goes through `Display` and doubles its way up, leaving up
        // to twice the text's size allocated in every snapshot).
        let text = String::from(&rope);
        let loaded = Arc::new(self.libraries.for_document(
            file_path(uri).as_deref(),
            &text,
            kind == Some(DocKind::Markdown),
            &config,
            &self.roots(),
        ));
        for e in &loaded.errors {
            self.warn_once(format!("{e} (the other entries are loaded)"));
        }
        let too_big = rope.len_bytes() > config.max_document_bytes;
        if too_big {
            self.warn_once(format!(
                "{uri} is {:.1} MB: copydesk analyses documents up to {} MB (max_document_mb in copydesk.toml); no findings are shown for it",
                rope.len_bytes() as f64 / 1_048_576.0,
                config.max_document_bytes >> 20
            ));
        }
        let settings = loaded.settings(&config);
        // Documents being typed in are analysed against their memo; a document only opened is
        // analysed whole, without building one (fifty open stories need no fifty memos, and a
        // memo built and thrown away leaves the allocator's pages fragmented).
        let edited = self.docs.edited(uri);
        let mut memo = edited.then(|| self.memos().take(uri));
        let job = tokio::task::spawn_blocking(move || {
            let analysis = match kind {
                _ if too_big => Some(Analysis::default()),
                Some(k) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    if injected_panic(&text) {
                        panic!("panic injected by COPYDESK_INJECT_PANIC");
                    }
                    match &mut memo {
                        Some(m) => m.analyze(&text, k, &settings),
                        None => crate::analysis::analyze(&text, k, &settings),
                    }
                }))
                .ok(),
                None => Some(Analysis::default()),
            };
            (text, analysis, memo)
        });
        let (text, analysis, memo) = job.await.ok()?;
        // A memo that saw a panic may be half updated: it is not kept.
        let typing = analysis.is_some() && !too_big && memo.is_some();
        if typing
            && let Some(memo) = memo
            && let Some(evicted) = self.memos().put(uri, memo)
        {
            // No longer among the documents being typed in: its text can live in its snapshot.
            self.docs.release_rope(&evicted);
        }
        let analysis = match analysis {
            Some(a) => a,
            None => {
                // A bug in the engine: this document gets a message, the others keep working.
                let msg = format!(
                    "internal error while analysing {uri}; its findings are not shown (please report it)"
                );
                self.log(MessageType::ERROR, msg.clone());
                let client = self.client.clone();
                tokio::spawn(async move { client.show_message(MessageType::ERROR, msg).await });
                Analysis::default()
            }
        };
        let snap = Arc::new(Snapshot {
            version,
            lines: position::Lines::new(&text),
            text,
            analysis,
            kind,
            config,
            loaded,
        });
        // The documents being typed in keep their rope (rebuilding it from the snapshot at every
        // keystroke would cost a copy of the story); the others keep their text only once.
        self.docs.store(uri, snap.clone(), typing);
        self.trimmer.after_analysis();
        Some(snap)
    }

    /// Analyses and publishes, unless the document changed meanwhile.
    async fn refresh(self: &Arc<Self>, uri: String) {
        let Some(snap) = self.analyse(&uri).await else {
            return;
        };
        if self.pull.load(Ordering::Relaxed) {
            return;
        }
        let Ok(lsp_uri) = Uri::from_str(&uri) else {
            return;
        };
        let frame = convert::publish_frame(&snap, &lsp_uri, self.encoding());
        let _guard = self.publish.lock().await;
        if self.docs.version(&uri) == Some(snap.version) {
            let _ = self.out.send(frame);
        }
    }

    /// Publishes once the document has been quiet for the debounce. One waiting task per
    /// document: a change that finds one waiting only bumps the generation it watches (a burst
    /// of 10,000 changes must not leave 10,000 sleeping tasks behind).
    fn schedule(self: &Arc<Self>, uri: String, generation: u64) {
        if !self.waiting().insert(uri.clone()) {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move {
            let wait = me.debounce(&uri);
            let mut seen = Some(generation);
            if !wait.is_zero() {
                loop {
                    tokio::time::sleep(wait).await;
                    let now = me.docs.generation(&uri);
                    if now == seen {
                        break;
                    }
                    seen = now;
                }
            }
            // From here on a change schedules anew; this refresh reads the newest text.
            me.waiting().remove(&uri);
            if seen.is_some() {
                me.refresh(uri).await;
            }
        });
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Everything changed (configuration, sources): analyse again, and ask a pulling client to
    /// pull again.
    fn reanalyse_all(self: &Arc<Self>) {
        for (uri, g) in self.docs.invalidate_all() {
            self.schedule(uri, g);
        }
        if self.pull.load(Ordering::Relaxed) && self.pull_refresh.load(Ordering::Relaxed) {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    /// Applies a document notification, synchronously, in arrival order.
    fn apply(self: &Arc<Self>, req: &Request) {
        let method = req.method();
        if !matches!(
            method,
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
        ) {
            return;
        }
        let Some(params) = req.params().cloned() else {
            return;
        };
        match method {
            "textDocument/didOpen" => {
                match serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    Ok(p) => {
                        let uri = p.text_document.uri.to_string();
                        let g = self.docs.open(
                            &uri,
                            &p.text_document.language_id,
                            p.text_document.version,
                            &p.text_document.text,
                        );
                        self.schedule(uri, g);
                    }
                    Err(e) => self.log(
                        MessageType::WARNING,
                        format!("ignoring a malformed didOpen: {e}"),
                    ),
                }
            }
            "textDocument/didChange" => {
                match serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                    Ok(p) => {
                        let uri = p.text_document.uri.to_string();
                        match self.docs.change(&uri, p.text_document.version, &p.content_changes, self.encoding()) {
                        Ok(g) => self.schedule(uri, g),
                        Err(ChangeError::Stale { current, got }) => self.log(
                            MessageType::INFO,
                            format!("ignoring version {got} of {uri}: version {current} is already applied"),
                        ),
                        Err(ChangeError::NotOpen) => {
                            self.log(MessageType::WARNING, format!("didChange for {uri}, which is not open: ignored"))
                        }
                    }
                    }
                    Err(e) => self.log(
                        MessageType::WARNING,
                        format!("ignoring a malformed didChange: {e}"),
                    ),
                }
            }
            _ => match serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                Ok(p) => {
                    self.docs.close(p.text_document.uri.as_str());
                    self.memos().forget(p.text_document.uri.as_str());
                    let me = self.clone();
                    let frame = output::notification(
                        "textDocument/publishDiagnostics",
                        &PublishDiagnosticsParams {
                            uri: p.text_document.uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    );
                    tokio::spawn(async move {
                        let _guard = me.publish.lock().await;
                        let _ = me.out.send(frame);
                    });
                }
                Err(e) => self.log(
                    MessageType::WARNING,
                    format!("ignoring a malformed didClose: {e}"),
                ),
            },
        }
    }

    fn set_client_settings(&self, v: &Value) {
        // Accept {"debounceMs": n}, {"copydesk": {"debounceMs": n}} and the snake_case spelling.
        let v = v.get("copydesk").unwrap_or(v);
        if let Some(ms) = v
            .get("debounceMs")
            .or_else(|| v.get("debounce_ms"))
            .and_then(Value::as_u64)
        {
            self.client_debounce_ms.store(ms, Ordering::Relaxed);
        }
        *self
            .client_settings
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = v.clone();
    }
}

/// The local path of a `file:` URI.
fn file_path(uri: &str) -> Option<PathBuf> {
    Uri::from_str(uri)
        .ok()?
        .to_file_path()
        .map(|p| p.into_owned())
}

pub struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.shared.analyse(uri.as_str()).await
    }

    /// The document's analysis and the byte offset of a position in it.
    async fn at(&self, uri: &Uri, pos: Position) -> Option<(Arc<Snapshot>, usize)> {
        let snap = self.snapshot(uri).await?;
        let offset = snap.offset(pos, self.shared.encoding());
        Some((snap, offset))
    }

    /// The ranges of every mention of person `p`.
    fn mention_ranges(&self, snap: &Snapshot, p: usize) -> Vec<Range> {
        let enc = self.shared.encoding();
        snap.analysis.people[p]
            .mentions
            .iter()
            .map(|m| snap.range(m.span, enc))
            .collect()
    }

    /// The person under the cursor: (snapshot, person, mention).
    async fn person_at(&self, uri: &Uri, pos: Position) -> Option<(Arc<Snapshot>, usize, usize)> {
        let (snap, offset) = self.at(uri, pos).await?;
        let (p, m) = snap.analysis.person_at(offset)?;
        Some((snap, p, m))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let enc = Encoding::negotiate(offered);
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        self.shared.pull.store(pull, Ordering::Relaxed);
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        self.shared.pull_refresh.store(refresh, Ordering::Relaxed);
        self.shared.encoding.store(
            if enc == Encoding::Utf8 { 8 } else { 16 },
            Ordering::Relaxed,
        );
        if let Some(opts) = &params.initialization_options {
            self.shared.set_client_settings(opts);
        }
        #[allow(deprecated)] // rootUri: older clients send only that
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(
                params
                    .root_uri
                    .as_ref()
                    .and_then(|u| u.to_file_path())
                    .map(|p| p.into_owned()),
            );
        }
        *self.shared.roots.lock().unwrap_or_else(|p| p.into_inner()) = roots;
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![actions::DISABLE_COMMAND.into()],
                    work_done_progress_options: Default::default(),
                }),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["@".into(), "^".into()]),
                    ..Default::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some("copydesk".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: Default::default(),
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Reload when a sources, people or config file changes (clients that allow it).
        let client = self.shared.client.clone();
        tokio::spawn(async move {
            let watchers = serde_json::json!({"watchers": [
                {"globPattern": "**/{sources.toml,sources.json,people.toml,copydesk.toml}"},
                {"globPattern": "**/*.{bib,json}"},
            ]});
            let reg = Registration {
                id: "copydesk-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: Some(watchers),
            };
            let _ = client.register_capability(vec![reg]).await;
        });
        let enc = match self.shared.encoding() {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        };
        self.shared.log(
            MessageType::INFO,
            format!(
                "copydesk {} ready (positions in {enc}; checks: {})",
                env!("CARGO_PKG_VERSION"),
                convert::codes().join(", ")
            ),
        );
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    // Applied by `Ordered` before these handlers run.
    async fn did_open(&self, _: DidOpenTextDocumentParams) {}
    async fn did_change(&self, _: DidChangeTextDocumentParams) {}
    async fn did_close(&self, _: DidCloseTextDocumentParams) {}

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.shared.set_client_settings(&params.settings);
        self.shared.reanalyse_all();
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.shared.libraries.clear();
        self.shared
            .configs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        self.shared
            .shown
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        self.shared.reanalyse_all();
    }

    async fn code_action(
        &self,
        params: CodeActionParams,
    ) -> jsonrpc::Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let enc = self.shared.encoding();
        let Some(snap) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let Some(kind) = snap.kind else {
            return Ok(None);
        };
        let range = snap.span(params.range, enc);
        let found: Vec<(crate::analysis::Finding, Diagnostic)> = snap
            .analysis
            .findings
            .iter()
            .filter(|f| f.span.start <= range.end && range.start <= f.span.end)
            .map(|f| (f.clone(), convert::diagnostic(&snap, &uri, f, enc)))
            .collect();
        if found.is_empty() {
            return Ok(None);
        }
        Ok(Some(actions::actions(
            &snap,
            &uri,
            enc,
            kind,
            &snap.config,
            &snap.loaded,
            &found,
        )))
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> jsonrpc::Result<Option<LSPAny>> {
        if params.command != actions::DISABLE_COMMAND {
            return Err(jsonrpc::Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let code = params
            .arguments
            .first()
            .and_then(Value::as_str)
            .and_then(crate::analysis::Code::parse);
        let Some(code) = code else {
            return Err(jsonrpc::Error::invalid_params(
                "copydesk.disableCode takes a finding code and a document URI",
            ));
        };
        let doc = params
            .arguments
            .get(1)
            .and_then(Value::as_str)
            .and_then(file_path);
        // The nearest copydesk.toml, else a new one at the workspace root (or beside the story).
        let existing = doc.as_deref().and_then(config::find_upward);
        let path = existing
            .clone()
            .or_else(|| {
                self.shared
                    .roots()
                    .first()
                    .map(|r| r.join(config::FILE_NAME))
            })
            .or_else(|| {
                doc.as_deref()
                    .and_then(|d| d.parent())
                    .map(|d| d.join(config::FILE_NAME))
            });
        let Some(path) = path else {
            return Err(jsonrpc::Error::invalid_params(
                "no folder to write copydesk.toml in: save the story first",
            ));
        };
        let Some(cfg_uri) = Uri::from_file_path(&path) else {
            return Err(jsonrpc::Error::internal_error());
        };
        // Edit the open buffer if the editor has the file open, else the file on disk.
        let open = self.shared.docs.current(cfg_uri.as_str());
        let (old, version) = match &open {
            Some((rope, v, _, _)) => (Some(String::from(rope)), Some(*v)),
            None => (
                existing
                    .as_deref()
                    .and_then(|p| std::fs::read_to_string(p).ok()),
                None,
            ),
        };
        let new_text = actions::disable_in_config(old.as_deref(), code.as_str());
        let whole = match &old {
            Some(t) => {
                position::Lines::new(t).range(t, Span::new(0, t.len()), self.shared.encoding())
            }
            None => Range::default(),
        };
        let edit = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: cfg_uri.clone(),
                version,
            },
            edits: vec![OneOf::Left(TextEdit {
                range: whole,
                new_text,
            })],
        };
        let changes = if old.is_some() {
            DocumentChanges::Edits(vec![edit])
        } else {
            DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: cfg_uri,
                    options: None,
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(edit),
            ])
        };
        let ws = WorkspaceEdit {
            changes: None,
            document_changes: Some(changes),
            change_annotations: None,
        };
        match self.shared.client.apply_edit(ws).await {
            Ok(r) if r.applied => Ok(None),
            Ok(r) => Err(jsonrpc::Error::invalid_params(format!(
                "the editor did not apply the change to copydesk.toml: {}",
                r.failure_reason.unwrap_or_default()
            ))),
            Err(e) => Err(e),
        }
    }

    async fn completion(
        &self,
        params: CompletionParams,
    ) -> jsonrpc::Result<Option<CompletionResponse>> {
        let tdp = params.text_document_position;
        let Some((snap, offset)) = self.at(&tdp.text_document.uri, tdp.position).await else {
            return Ok(None);
        };
        let line_start = snap.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &snap.text[line_start..offset];
        let typed_len: usize = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || "_-:.".contains(*c))
            .map(char::len_utf8)
            .sum();
        let typed = &before[before.len() - typed_len..];
        let head = &before[..before.len() - typed_len];
        let footnote = head.ends_with("[^");
        let pandoc =
            head.ends_with('@') && head.rfind('[').is_some_and(|o| !head[o..].contains(']'));
        if !footnote && !pandoc {
            return Ok(None);
        }
        let typed_l = typed.to_lowercase();
        let mut items: Vec<CompletionItem> = snap
            .loaded
            .library
            .sources
            .iter()
            .filter(|s| s.id.to_lowercase().starts_with(&typed_l))
            .map(|s| {
                let detail = [
                    s.title.as_deref(),
                    s.who.as_deref(),
                    s.date.as_deref(),
                    s.url.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
                CompletionItem {
                    label: s.id.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(detail),
                    ..Default::default()
                }
            })
            .collect();
        if footnote {
            for id in &snap.analysis.footnote_defs {
                if id.to_lowercase().starts_with(&typed_l) && !items.iter().any(|i| &i.label == id)
                {
                    items.push(CompletionItem {
                        label: id.clone(),
                        kind: Some(CompletionItemKind::REFERENCE),
                        detail: Some("footnote in this story".into()),
                        ..Default::default()
                    });
                }
            }
        }
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<GotoDefinitionResponse>> {
        let tdp = params.text_document_position_params;
        let Some((snap, offset)) = self.at(&tdp.text_document.uri, tdp.position).await else {
            return Ok(None);
        };
        let cited = snap
            .analysis
            .citations
            .iter()
            .find(|c| c.span.start <= offset && offset <= c.span.end);
        let Some(id) = cited.and_then(|c| c.id.clone()) else {
            return Ok(None);
        };
        if let Some(src) = snap.loaded.library.get(&id) {
            let Some(u) = Uri::from_file_path(&src.file) else {
                return Ok(None);
            };
            let line = src.line.saturating_sub(1) as u32;
            let at = Range::new(Position::new(line, 0), Position::new(line, 0));
            return Ok(Some(GotoDefinitionResponse::Scalar(Location {
                uri: u,
                range: at,
            })));
        }
        // A footnote defined in the story itself.
        if let Some(at) = snap.text.find(&format!("[^{id}]:")) {
            let r = snap.range(Span::new(at, at + id.len() + 4), self.shared.encoding());
            return Ok(Some(GotoDefinitionResponse::Scalar(Location {
                uri: tdp.text_document.uri,
                range: r,
            })));
        }
        Ok(None)
    }

    async fn document_link(
        &self,
        params: DocumentLinkParams,
    ) -> jsonrpc::Result<Option<Vec<DocumentLink>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let links = snap
            .analysis
            .citations
            .iter()
            .filter_map(|c| {
                let from_library = || {
                    c.id.as_ref()
                        .and_then(|id| snap.loaded.library.get(id))
                        .and_then(|s| s.url.clone())
                };
                let url = c.url.clone().or_else(from_library)?;
                Some(DocumentLink {
                    range: snap.range(c.span, enc),
                    target: Uri::from_str(&url).ok(),
                    tooltip: Some(url),
                    data: None,
                })
            })
            .collect();
        Ok(Some(links))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> jsonrpc::Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = match self.snapshot(&uri).await {
            Some(snap) => convert::diagnostics(&snap, &uri, self.shared.encoding()),
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn hover(&self, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let pos = params.text_document_position_params.position;
        let enc = self.shared.encoding();
        let Some((snap, offset)) = self.at(&uri, pos).await else {
            return Ok(None);
        };
        let citation = snap
            .analysis
            .citations
            .iter()
            .find(|c| c.span.start <= offset && offset <= c.span.end);
        let cited = citation.and_then(|c| {
            c.id.as_ref()
                .and_then(|id| snap.loaded.library.get(id))
                .map(|s| (c, s))
        });
        let (value, span) = if let Some((c, src)) = cited {
            (convert::source_hover(src), c.span)
        } else if let Some((p, m)) = snap.analysis.person_at(offset) {
            (
                convert::person_hover(&snap, p),
                snap.analysis.people[p].mentions[m].span,
            )
        } else if let Some(f) = snap
            .analysis
            .findings
            .iter()
            .filter(|f| f.span.start <= offset && offset <= f.span.end)
            .min_by_key(|f| f.span.len())
        {
            (convert::finding_hover(f), f.span)
        } else {
            return Ok(None);
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(snap.range(span, enc)),
        }))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(convert::outline(
            &snap,
            self.shared.encoding(),
        ))))
    }

    async fn references(&self, params: ReferenceParams) -> jsonrpc::Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri;
        let Some((snap, p, _)) = self
            .person_at(&uri, params.text_document_position.position)
            .await
        else {
            return Ok(None);
        };
        let ranges = self.mention_ranges(&snap, p);
        Ok(Some(
            ranges
                .into_iter()
                .map(|range| Location {
                    uri: uri.clone(),
                    range,
                })
                .collect(),
        ))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> jsonrpc::Result<Option<Vec<DocumentHighlight>>> {
        let tdp = params.text_document_position_params;
        let Some((snap, p, _)) = self.person_at(&tdp.text_document.uri, tdp.position).await else {
            return Ok(None);
        };
        let ranges = self.mention_ranges(&snap, p);
        Ok(Some(
            ranges
                .into_iter()
                .map(|range| DocumentHighlight {
                    range,
                    kind: Some(DocumentHighlightKind::TEXT),
                })
                .collect(),
        ))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> jsonrpc::Result<Option<PrepareRenameResponse>> {
        let enc = self.shared.encoding();
        let refuse = || jsonrpc::Error::invalid_params(NOT_A_PERSON);
        let Some((snap, offset)) = self.at(&params.text_document.uri, params.position).await else {
            return Err(refuse());
        };
        let (_, word) = word_of_person(&snap, offset).ok_or_else(refuse)?;
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: snap.range(word, enc),
            placeholder: snap.text[word.start..word.end].to_string(),
        }))
    }

    async fn rename(&self, params: RenameParams) -> jsonrpc::Result<Option<WorkspaceEdit>> {
        let enc = self.shared.encoding();
        let uri = params.text_document_position.text_document.uri;
        let Some((snap, offset)) = self.at(&uri, params.text_document_position.position).await
        else {
            return Ok(None);
        };
        let Some((p, word)) = word_of_person(&snap, offset) else {
            return Err(jsonrpc::Error::invalid_params(NOT_A_PERSON));
        };
        let spelling = &snap.text[word.start..word.end];
        let mut edits = Vec::new();
        for m in &snap.analysis.people[p].mentions {
            for (i, w) in words_in(&snap.text, m.span) {
                if w == spelling {
                    edits.push(OneOf::Left(TextEdit {
                        range: snap.range(crate::analysis::Span::new(i, i + w.len()), enc),
                        new_text: params.new_name.clone(),
                    }));
                }
            }
        }
        Ok(Some(WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: Some(snap.version),
                },
                edits,
            }])),
            change_annotations: None,
        }))
    }
}

/// The words of `span` in `text`, with their byte offsets.
fn words_in(text: &str, span: crate::analysis::Span) -> Vec<(usize, &str)> {
    let s = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((span.start + st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// The person at `offset` and the word of their name under it.
fn word_of_person(snap: &Snapshot, offset: usize) -> Option<(usize, crate::analysis::Span)> {
    let (p, m) = snap.analysis.person_at(offset)?;
    let span = snap.analysis.people[p].mentions[m].span;
    let words = words_in(&snap.text, span);
    let (i, w) = words
        .iter()
        .find(|(i, w)| *i <= offset && offset <= i + w.len())
        .or(words.last())?;
    Some((p, crate::analysis::Span::new(*i, i + w.len())))
}

/// Applies document notifications in order before handing every message to tower-lsp.
pub struct Ordered {
    inner: LspService<Backend>,
    shared: Arc<Shared>,
}

impl Service<Request> for Ordered {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = <LspService<Backend> as Service<Request>>::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        self.shared.apply(&req);
        self.inner.call(req)
    }
}

/// Serves LSP over stdin/stdout until `exit`; 0 if `shutdown` came first, 1 if not.
pub fn run() -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: cannot start the server: {e}");
            return ExitCode::from(2);
        }
    };
    let (frames, finish) = output::start(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    let code = rt.block_on(async {
        let mut shared_slot: Option<Arc<Shared>> = None;
        let (service, socket) = LspService::new(|client| {
            let shared = Arc::new(Shared {
                docs: Documents::default(),
                client,
                encoding: AtomicU8::new(16),
                client_debounce_ms: AtomicU64::new(UNSET),
                client_settings: Mutex::new(Value::Null),
                shutdown: AtomicBool::new(false),
                pull: AtomicBool::new(false),
                pull_refresh: AtomicBool::new(false),
                publish: tokio::sync::Mutex::new(()),
                shown: Mutex::new(HashSet::new()),
                libraries: Libraries::default(),
                configs: Mutex::new(Default::default()),
                roots: Mutex::new(Vec::new()),
                memos: Mutex::default(),
                waiting: Mutex::default(),
                out: frames.clone(),
                trimmer: Arc::default(),
            });
            shared_slot = Some(shared.clone());
            Backend { shared }
        });
        let shared = shared_slot.expect("LspService::new calls the constructor");
        let ordered = Ordered {
            inner: service,
            shared: shared.clone(),
        };
        // Frames pass the guard before tower-lsp reads them (see `framing`).
        let (guarded, reader) = tokio::io::duplex(1 << 20);
        tokio::spawn(framing::guard(tokio::io::stdin(), guarded));
        Server::new(reader, output::Out::new(frames.clone()), socket)
            .serve(ordered)
            .await;
        if shared.shutdown.load(Ordering::SeqCst) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    });
    // The frame guard may still be blocked reading stdin (clients need not close it after
    // `exit`): do not wait for it, or the server would outlive `exit`.
    rt.shutdown_background();
    // Everything said before `exit` reaches the client (unless it stopped reading).
    finish.finish(Duration::from_secs(2));
    code
}
