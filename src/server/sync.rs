//! Document synchronisation: didOpen/didChange/didClose applied in arrival order, before any
//! handler runs (`Ordered`), and the client's settings.

use super::*;

/// Applies document notifications in order before handing every message to tower-lsp.
pub struct Ordered {
    pub(super) inner: LspService<Backend>,
    pub(super) shared: Arc<Shared>,
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

impl Shared {
    /// Applies a document notification, synchronously, in arrival order.
    pub(super) fn apply(self: &Arc<Self>, req: &Request) {
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

    pub(super) fn set_client_settings(&self, v: &Value) {
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
