//! `copydesk lsp`: the language server, over stdio, on tower-lsp-server.
//!
//! A thin layer over the engine. Documents live in ropes (`documents.rs`); positions convert in
//! the negotiated encoding (`position.rs`); analyses become LSP types in `convert.rs`.
//!
//! Ordering: tower-lsp runs handlers concurrently, so two didChange notifications could be
//! applied out of order (ebkalderon/tower-lsp#284, tower-lsp-server#36). `Ordered` wraps the
//! service and applies didOpen/didChange/didClose synchronously inside `call()`, in the order
//! the messages arrive, before any handler runs; the handlers for those notifications do nothing.

pub mod convert;
pub mod documents;
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
use self::position::{Encoding, to_offset, to_range};
use crate::analysis::{Analysis, analyze};
use crate::config::{self, Config};

/// Debounce before publishing when neither the client nor `copydesk.toml` says.
pub const DEFAULT_DEBOUNCE_MS: u64 = 75;
const UNSET: u64 = u64::MAX;

/// State shared by the handlers and the ordering wrapper.
pub struct Shared {
    docs: Documents,
    client: Client,
    encoding: AtomicU8,
    /// From the client (initializationOptions or settings); `UNSET` when it said nothing.
    client_debounce_ms: AtomicU64,
    shutdown: AtomicBool,
    /// Serialises publishing, so that a check of the version and its publication are not
    /// interleaved with another document version's.
    publish: tokio::sync::Mutex<()>,
    /// Configuration errors already shown to the user.
    shown: Mutex<HashSet<String>>,
}

impl Shared {
    fn encoding(&self) -> Encoding {
        if self.encoding.load(Ordering::Relaxed) == 8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    fn log(&self, typ: MessageType, msg: String) {
        eprintln!("copydesk: {msg}");
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(typ, msg).await });
    }

    /// The configuration for a document: the nearest `copydesk.toml`; defaults (and a message to
    /// the user, once) when it is broken.
    fn config_for(&self, uri: &str) -> Config {
        let Some(path) = file_path(uri) else {
            return Config::default();
        };
        match config::load_for(&path) {
            Ok(c) => c,
            Err(e) => {
                let msg = format!("{e} (using the default settings until it is fixed)");
                let new = self
                    .shown
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(msg.clone());
                if new {
                    eprintln!("copydesk: {msg}");
                    let client = self.client.clone();
                    tokio::spawn(
                        async move { client.show_message(MessageType::WARNING, msg).await },
                    );
                }
                Config::default()
            }
        }
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
        let settings = self.config_for(uri).settings;
        let text = rope.to_string();
        let job = tokio::task::spawn_blocking(move || {
            let analysis = match kind {
                Some(k) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    analyze(&text, k, &settings)
                }))
                .ok(),
                None => Some(Analysis::default()),
            };
            (text, analysis)
        });
        let (text, analysis) = job.await.ok()?;
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
            rope,
            text,
            analysis,
        });
        self.docs.store(uri, snap.clone());
        Some(snap)
    }

    /// Analyses and publishes, unless the document changed meanwhile.
    async fn refresh(self: &Arc<Self>, uri: String) {
        let Some(snap) = self.analyse(&uri).await else {
            return;
        };
        let Ok(lsp_uri) = Uri::from_str(&uri) else {
            return;
        };
        let diags = convert::diagnostics(&snap, &lsp_uri, self.encoding());
        let _guard = self.publish.lock().await;
        if self.docs.version(&uri) == Some(snap.version) {
            self.client
                .publish_diagnostics(lsp_uri, diags, Some(snap.version))
                .await;
        }
    }

    /// Publishes after the debounce, if no newer change arrived in between.
    fn schedule(self: &Arc<Self>, uri: String, generation: u64) {
        let me = self.clone();
        tokio::spawn(async move {
            let wait = me.debounce(&uri);
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            if me.docs.generation(&uri) == Some(generation) {
                me.refresh(uri).await;
            }
        });
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
                    let client = self.client.clone();
                    let me = self.clone();
                    tokio::spawn(async move {
                        let _guard = me.publish.lock().await;
                        client
                            .publish_diagnostics(p.text_document.uri, Vec::new(), None)
                            .await;
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

    /// The person under the cursor: (snapshot, person, mention).
    async fn person_at(&self, uri: &Uri, pos: Position) -> Option<(Arc<Snapshot>, usize, usize)> {
        let snap = self.snapshot(uri).await?;
        let offset = to_offset(&snap.rope, pos, self.shared.encoding());
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
        self.shared.encoding.store(
            if enc == Encoding::Utf8 { 8 } else { 16 },
            Ordering::Relaxed,
        );
        if let Some(opts) = &params.initialization_options {
            self.shared.set_client_settings(opts);
        }
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
        let Some(snap) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let offset = to_offset(&snap.rope, pos, enc);
        let (value, span) = if let Some((p, m)) = snap.analysis.person_at(offset) {
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
            range: Some(to_range(&snap.rope, span, enc)),
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
        let enc = self.shared.encoding();
        Ok(Some(
            snap.analysis.people[p]
                .mentions
                .iter()
                .map(|m| Location {
                    uri: uri.clone(),
                    range: to_range(&snap.rope, m.span, enc),
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
        let enc = self.shared.encoding();
        Ok(Some(
            snap.analysis.people[p]
                .mentions
                .iter()
                .map(|m| DocumentHighlight {
                    range: to_range(&snap.rope, m.span, enc),
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
        let refuse = || {
            jsonrpc::Error::invalid_params(
                "copydesk renames people only: put the cursor on a person's name",
            )
        };
        let Some(snap) = self.snapshot(&params.text_document.uri).await else {
            return Err(refuse());
        };
        let offset = to_offset(&snap.rope, params.position, enc);
        let (_, word) = word_of_person(&snap, offset).ok_or_else(refuse)?;
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: to_range(&snap.rope, word, enc),
            placeholder: snap.text[word.start..word.end].to_string(),
        }))
    }

    async fn rename(&self, params: RenameParams) -> jsonrpc::Result<Option<WorkspaceEdit>> {
        let enc = self.shared.encoding();
        let uri = params.text_document_position.text_document.uri;
        let Some(snap) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let offset = to_offset(&snap.rope, params.text_document_position.position, enc);
        let Some((p, word)) = word_of_person(&snap, offset) else {
            return Err(jsonrpc::Error::invalid_params(
                "copydesk renames people only: put the cursor on a person's name",
            ));
        };
        let spelling = &snap.text[word.start..word.end];
        let mut edits = Vec::new();
        for m in &snap.analysis.people[p].mentions {
            for (i, w) in words_in(&snap.text, m.span) {
                if w == spelling {
                    edits.push(OneOf::Left(TextEdit {
                        range: to_range(
                            &snap.rope,
                            crate::analysis::Span::new(i, i + w.len()),
                            enc,
                        ),
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
    rt.block_on(async {
        let mut shared_slot: Option<Arc<Shared>> = None;
        let (service, socket) = LspService::new(|client| {
            let shared = Arc::new(Shared {
                docs: Documents::default(),
                client,
                encoding: AtomicU8::new(16),
                client_debounce_ms: AtomicU64::new(UNSET),
                shutdown: AtomicBool::new(false),
                publish: tokio::sync::Mutex::new(()),
                shown: Mutex::new(HashSet::new()),
            });
            shared_slot = Some(shared.clone());
            Backend { shared }
        });
        let shared = shared_slot.expect("LspService::new calls the constructor");
        let ordered = Ordered {
            inner: service,
            shared: shared.clone(),
        };
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(ordered)
            .await;
        if shared.shutdown.load(Ordering::SeqCst) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    })
}
