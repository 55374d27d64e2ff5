//! The server's shared state: open documents, the client's settings, configuration and
//! library caches, the memos of the documents being typed in.

use super::*;

/// Debounce before publishing when neither the client nor `copydesk.toml` says.
pub const DEFAULT_DEBOUNCE_MS: u64 = 75;
pub(super) const UNSET: u64 = u64::MAX;
pub(super) type ConfigCache =
    rustc_hash::FxHashMap<PathBuf, (std::time::Instant, Result<Config, config::ConfigError>)>;
pub(super) const NOT_A_PERSON: &str =
    "copydesk renames people only: put the cursor on a person's name";

/// State shared by the handlers and the ordering wrapper.
pub struct Shared {
    pub(super) docs: Documents,
    pub(super) client: Client,
    pub(super) encoding: AtomicU8,
    /// From the client (initializationOptions or settings); `UNSET` when it said nothing.
    pub(super) client_debounce_ms: AtomicU64,
    /// The rest of the client's settings (checks, citations), laid over `copydesk.toml`.
    pub(super) client_settings: Mutex<Value>,
    pub(super) shutdown: AtomicBool,
    /// The client pulls diagnostics (`textDocument/diagnostic`): then nothing is pushed, or it
    /// would show every finding twice (VS Code keeps pulled and pushed ones apart).
    pub(super) pull: AtomicBool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    pub(super) pull_refresh: AtomicBool,
    /// The client's workspace edits can create files (`resourceOperations` has "create").
    pub(super) create_files: AtomicBool,
    /// Serialises publishing, so that a check of the version and its publication are not
    /// interleaved with another document version's.
    pub(super) publish: tokio::sync::Mutex<()>,
    /// Configuration errors already shown to the user.
    pub(super) shown: Mutex<HashSet<String>>,
    pub(super) libraries: Libraries,
    /// Configurations by folder, with when they were read.
    pub(super) configs: Mutex<ConfigCache>,
    /// `copydesk.toml` texts the editor applied from "Disable CODE in this workspace", by path,
    /// with the file's modification time then: used until the file on disk changes, so the
    /// finding goes at once even where the edit sits in an unsaved buffer.
    pub(super) config_edits: Mutex<std::collections::HashMap<PathBuf, ConfigEdit>>,
    /// Workspace folders.
    pub(super) roots: Mutex<Vec<PathBuf>>,
    /// The per-paragraph memos of the documents edited last, most recent last (see
    /// [`Memos`]).
    pub(super) memos: Mutex<Memos>,
    /// Documents with an analysis waiting for the debounce to pass.
    pub(super) waiting: Mutex<HashSet<String>>,
    /// Frames for stdout (see `output`): diagnostics are published through here.
    pub(super) out: std::sync::mpsc::Sender<output::Frame>,
    /// Gives freed memory back once the server is idle.
    pub(super) trimmer: Arc<memory::Trimmer>,
}

/// A configuration text applied by the editor and the file's modification time when it was.
pub(super) struct ConfigEdit {
    pub(super) text: String,
    pub(super) mtime: Option<std::time::SystemTime>,
}

/// The modification time of `path`, if it exists.
pub(super) fn mtime(path: &std::path::Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// How many documents keep a per-paragraph memo: the ones being typed in. A memo holds the
/// tokens of every line of its document; keeping one for each of 50 open stories would cost
/// more memory than it saves time (a story reopened or switched to is analysed whole once).
pub(super) const MEMOS: usize = 4;

/// Per-paragraph memos by document, least recently used first.
#[derive(Default)]
pub(super) struct Memos(Vec<(String, Incremental)>);

impl Memos {
    pub(super) fn take(&mut self, uri: &str) -> Incremental {
        match self.0.iter().position(|(u, _)| u == uri) {
            Some(i) => self.0.remove(i).1,
            None => Incremental::new(),
        }
    }
    /// Keeps `uri`'s memo; returns the document whose memo made room for it.
    pub(super) fn put(&mut self, uri: &str, memo: Incremental) -> Option<String> {
        self.0.retain(|(u, _)| u != uri);
        let evicted = (self.0.len() >= MEMOS).then(|| self.0.remove(0).0);
        self.0.push((uri.to_string(), memo));
        evicted
    }
    pub(super) fn forget(&mut self, uri: &str) {
        self.0.retain(|(u, _)| u != uri);
    }
}

/// The local path of a `file:` URI.
pub(super) fn file_path(uri: &str) -> Option<PathBuf> {
    Uri::from_str(uri)
        .ok()?
        .to_file_path()
        .map(|p| p.into_owned())
}

impl Shared {
    pub(super) fn encoding(&self) -> Encoding {
        if self.encoding.load(Ordering::Relaxed) == 8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub(super) fn memos(&self) -> std::sync::MutexGuard<'_, Memos> {
        self.memos.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn log(&self, typ: MessageType, msg: String) {
        eprintln!("copydesk: {msg}");
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(typ, msg).await });
    }

    /// The configuration for a document: the nearest `copydesk.toml`; defaults (and a message to
    /// the user, once) when it is broken.
    pub(super) fn config_for(&self, uri: &str) -> Config {
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
    pub(super) fn load_config(
        &self,
        path: &std::path::Path,
    ) -> Result<Config, config::ConfigError> {
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
        let c = self
            .applied_config(path)
            .unwrap_or_else(|| config::load_for(path));
        cache.insert(dir, (std::time::Instant::now(), c.clone()));
        c
    }

    /// The configuration the editor applied for the `copydesk.toml` that governs `path`, while
    /// the file on disk is as it was then.
    fn applied_config(
        &self,
        path: &std::path::Path,
    ) -> Option<Result<Config, config::ConfigError>> {
        let mut edits = self.config_edits.lock().unwrap_or_else(|p| p.into_inner());
        // The nearest applied file above `path` (it may not exist on disk yet) ...
        let applied = edits
            .keys()
            .filter(|k| k.parent().is_some_and(|d| path.starts_with(d)))
            .max_by_key(|k| k.components().count())?
            .clone();
        // ... unless a nearer one exists on disk.
        if config::find_upward(path)
            .is_some_and(|f| f.components().count() > applied.components().count())
        {
            return None;
        }
        let edit = &edits[&applied];
        if edit.mtime != mtime(&applied) {
            edits.remove(&applied);
            return None;
        }
        Some(config::parse(&edit.text, &applied))
    }

    /// Whether the client wants the speaker after quotes whose tag is far from them
    /// (`inlayHints.speakers` in its copydesk settings; on unless set to false).
    pub(super) fn speaker_hints(&self) -> bool {
        self.client_settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pointer("/inlayHints/speakers")
            .and_then(Value::as_bool)
            .unwrap_or(true)
    }

    /// Shows a problem to the user once (the same text is not repeated).
    pub(super) fn warn_once(&self, msg: String) {
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

    pub(super) fn roots(&self) -> Vec<PathBuf> {
        self.roots.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(super) fn debounce(&self, uri: &str) -> Duration {
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
}
