//! The LSP handlers: hover, code actions, commands, completion, definition, links, pulled
//! diagnostics, symbols, references, highlights, rename.

use super::*;

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
        let create = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create));
        self.shared.create_files.store(create, Ordering::Relaxed);
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
            capabilities: super::capabilities::server(enc),
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
            // A cursor (an empty range) touching a finding asks for it; a selection asks for the
            // findings it overlaps, not for a neighbour that merely ends where it starts.
            .filter(|f| {
                if range.is_empty() {
                    f.span.start <= range.start && range.start <= f.span.end
                } else {
                    f.span.start < range.end && range.start < f.span.end
                }
            })
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
        if params.command == actions::LEDGER_COMMAND {
            let uri = params
                .arguments
                .first()
                .and_then(Value::as_str)
                .and_then(|u| u.parse::<Uri>().ok());
            let Some(uri) = uri else {
                return Err(jsonrpc::Error::invalid_params(
                    "copydesk.server.ledger takes a document URI",
                ));
            };
            let Some(snap) = self.snapshot(&uri).await else {
                return Err(jsonrpc::Error::invalid_params(format!(
                    "{} is not open, or is not a story copydesk reads",
                    uri.as_str()
                )));
            };
            let mut ledger = crate::ledger::ledger(uri.as_str(), &snap.analysis);
            ledger["text"] = Value::String(snap.text.clone());
            return Ok(Some(ledger));
        }
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
        let applied_text = new_text.clone();
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
        // A client that cannot create files (eglot) gets the edit alone: it opens the new file
        // in a buffer and inserts the text there.
        let changes = if old.is_some() || !self.shared.create_files.load(Ordering::Relaxed) {
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
            Ok(r) if r.applied => {
                // Analyse again under the new configuration now: a client may leave the edit
                // in an unsaved buffer, and one may not report file changes.
                let mtime = super::state::mtime(&path);
                self.shared
                    .config_edits
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(
                        path,
                        super::state::ConfigEdit {
                            text: applied_text,
                            mtime,
                        },
                    );
                self.shared
                    .configs
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .clear();
                self.shared.reanalyse_all();
                Ok(None)
            }
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

    async fn inlay_hint(&self, params: InlayHintParams) -> jsonrpc::Result<Option<Vec<InlayHint>>> {
        if !self.shared.speaker_hints() {
            return Ok(None);
        }
        let Some(snap) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let range = snap.span(params.range, enc);
        Ok(Some(convert::speaker_hints(&snap, range, enc)))
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
pub(super) fn words_in(text: &str, span: crate::analysis::Span) -> Vec<(usize, &str)> {
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
pub(super) fn word_of_person(
    snap: &Snapshot,
    offset: usize,
) -> Option<(usize, crate::analysis::Span)> {
    let (p, m) = snap.analysis.person_at(offset)?;
    let span = snap.analysis.people[p].mentions[m].span;
    let words = words_in(&snap.text, span);
    let (i, w) = words
        .iter()
        .find(|(i, w)| *i <= offset && offset <= i + w.len())
        .or(words.last())?;
    Some((p, crate::analysis::Span::new(*i, i + w.len())))
}
