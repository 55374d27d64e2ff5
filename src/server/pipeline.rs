//! Analysis on the blocking pool: debounce, analyse the current version against its memo,
//! publish only if the document has not changed since.

use super::*;

/// For the panic-isolation test (`tests/hostile.rs`): with `COPYDESK_INJECT_PANIC=word` in the
/// environment, analysing a document that contains `word` panics, as a bug in the engine would.
pub(super) fn injected_panic(text: &str) -> bool {
    static WORD: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    WORD.get_or_init(|| {
        std::env::var("COPYDESK_INJECT_PANIC")
            .ok()
            .filter(|w| !w.is_empty())
    })
    .as_deref()
    .is_some_and(|w| text.contains(w))
}

impl Shared {
    /// Analyses the current version of `uri` (off the async threads) and keeps the result.
    pub(super) async fn analyse(self: &Arc<Self>, uri: &str) -> Option<Arc<Snapshot>> {
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
    pub(super) async fn refresh(self: &Arc<Self>, uri: String) {
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
    pub(super) fn schedule(self: &Arc<Self>, uri: String, generation: u64) {
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

    pub(super) fn waiting(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Everything changed (configuration, sources): analyse again, and ask a pulling client to
    /// pull again.
    pub(super) fn reanalyse_all(self: &Arc<Self>) {
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
}
