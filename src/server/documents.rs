//! Open documents: their text (a rope), version and kind, and the analysis of the last version
//! analysed. Edits are applied here, synchronously and in the order the client sent them (see
//! `Ordered` in `mod.rs`); nothing here awaits.

use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use rustc_hash::FxHashMap;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::position::{Encoding, Lines, to_span};
use crate::analysis::{Analysis, DocKind};

/// One analysed version of a document, with the configuration and library it was analysed
/// under.
pub struct Snapshot {
    pub version: i32,
    pub text: String,
    /// Line starts of `text`: positions convert without a rope.
    pub lines: Lines,
    pub analysis: Analysis,
    pub kind: Option<DocKind>,
    pub config: crate::config::Config,
    pub loaded: Arc<crate::workspace::Loaded>,
}

impl Snapshot {
    pub fn range(
        &self,
        span: crate::analysis::Span,
        enc: Encoding,
    ) -> tower_lsp_server::ls_types::Range {
        self.lines.range(&self.text, span, enc)
    }
    pub fn span(
        &self,
        range: tower_lsp_server::ls_types::Range,
        enc: Encoding,
    ) -> crate::analysis::Span {
        self.lines.span(&self.text, range, enc)
    }
    pub fn offset(&self, pos: tower_lsp_server::ls_types::Position, enc: Encoding) -> usize {
        self.lines.offset(&self.text, pos, enc)
    }
}

pub struct Document {
    /// The text, while it is being edited. Once the analysis of the current version is stored,
    /// its snapshot holds the same text and the rope is dropped (an editor with fifty stories
    /// open would otherwise hold each one twice); the next change rebuilds it from there.
    /// Invariant: `rope` is `None` only while `snapshot` is of the current `version`.
    rope: Option<Rope>,
    pub version: i32,
    /// `None` for languages copydesk does not read (they get no findings).
    pub kind: Option<DocKind>,
    /// Bumped by every change; a scheduled analysis runs only if it is still the newest.
    pub generation: u64,
    /// Changed since it was opened: someone is typing in it.
    pub edited: bool,
    pub snapshot: Option<Arc<Snapshot>>,
}

impl Document {
    /// The current text, as a rope (shared with the document's while it is being edited).
    fn text(&self) -> Rope {
        match (&self.rope, &self.snapshot) {
            (Some(r), _) => r.clone(),
            (None, Some(s)) => Rope::from_str(&s.text),
            (None, None) => {
                debug_assert!(false, "a document without a rope has a snapshot");
                Rope::new()
            }
        }
    }
}

/// The kind of document for an LSP language id.
pub fn kind_for(language_id: &str) -> Option<DocKind> {
    match language_id {
        "markdown" => Some(DocKind::Markdown),
        "plaintext" | "text" => Some(DocKind::Text),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// didChange for a document that is not open.
    NotOpen,
    /// A version not newer than the one applied: ignored.
    Stale { current: i32, got: i32 },
}

#[derive(Default)]
pub struct Documents {
    map: Mutex<FxHashMap<String, Document>>,
}

impl Documents {
    fn lock(&self) -> MutexGuard<'_, FxHashMap<String, Document>> {
        // A panic while holding the lock cannot leave a half-applied edit behind (edits are
        // applied to a clone and swapped in), so the data is still good: keep serving.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Opens (or reopens) a document; returns its generation.
    pub fn open(&self, uri: &str, language_id: &str, version: i32, text: &str) -> u64 {
        let mut map = self.lock();
        let generation = map.get(uri).map_or(0, |d| d.generation) + 1;
        map.insert(
            uri.to_string(),
            Document {
                rope: Some(Rope::from_str(text)),
                version,
                kind: kind_for(language_id),
                generation,
                edited: false,
                snapshot: None,
            },
        );
        generation
    }

    /// Applies a didChange; returns the new generation.
    pub fn change(
        &self,
        uri: &str,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<u64, ChangeError> {
        let mut map = self.lock();
        let doc = map.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        if version <= doc.version {
            return Err(ChangeError::Stale {
                current: doc.version,
                got: version,
            });
        }
        // Apply to a copy (cheap: ropes share their nodes), then swap it in.
        let mut rope = doc.text();
        for ch in changes {
            match ch.range {
                None => rope = Rope::from_str(&ch.text),
                Some(range) => {
                    let span = to_span(&rope, range, enc);
                    let (a, b) = (rope.byte_to_char(span.start), rope.byte_to_char(span.end));
                    rope.remove(a..b);
                    rope.insert(a, &ch.text);
                }
            }
        }
        doc.rope = Some(rope);
        doc.edited = true;
        doc.version = version;
        doc.generation += 1;
        Ok(doc.generation)
    }

    pub fn close(&self, uri: &str) -> bool {
        self.lock().remove(uri).is_some()
    }

    /// The current text, version, kind and generation.
    pub fn current(&self, uri: &str) -> Option<(Rope, i32, Option<DocKind>, u64)> {
        self.lock()
            .get(uri)
            .map(|d| (d.text(), d.version, d.kind, d.generation))
    }

    /// Whether the document has been changed since it was opened.
    pub fn edited(&self, uri: &str) -> bool {
        self.lock().get(uri).is_some_and(|d| d.edited)
    }

    pub fn generation(&self, uri: &str) -> Option<u64> {
        self.lock().get(uri).map(|d| d.generation)
    }

    pub fn version(&self, uri: &str) -> Option<i32> {
        self.lock().get(uri).map(|d| d.version)
    }

    /// The analysis of the current version, if there is one.
    pub fn snapshot(&self, uri: &str) -> Option<Arc<Snapshot>> {
        let map = self.lock();
        let d = map.get(uri)?;
        d.snapshot.clone().filter(|s| s.version == d.version)
    }

    /// Keeps an analysis if it is of the current version; returns whether it was kept. Unless
    /// `keep_rope`, the document's rope goes: the snapshot holds the same text.
    pub fn store(&self, uri: &str, snap: Arc<Snapshot>, keep_rope: bool) -> bool {
        let mut map = self.lock();
        let old = match map.get_mut(uri) {
            Some(d) if d.version == snap.version => {
                if !keep_rope {
                    d.rope = None;
                }
                d.snapshot.replace(snap)
            }
            _ => return false,
        };
        // The old analysis (thousands of allocations in a long story) is freed after the lock
        // is released: edits arriving meanwhile need not wait for it. On the blocking pool when
        // there is one: freeing a long story's analysis took 0.2 ms, which the publication of
        // the new one need not wait for either.
        drop(map);
        match (old, tokio::runtime::Handle::try_current()) {
            (Some(old), Ok(rt)) if Arc::strong_count(&old) == 1 => {
                rt.spawn_blocking(move || drop(old));
            }
            (old, _) => drop(old),
        }
        true
    }

    /// Drops a document's rope if its snapshot holds the current text.
    pub fn release_rope(&self, uri: &str) {
        if let Some(d) = self.lock().get_mut(uri)
            && d.snapshot.as_ref().is_some_and(|s| s.version == d.version)
        {
            d.rope = None;
        }
    }

    /// Drops every analysis (a sources or config file changed) and returns each document with
    /// its new generation, to be analysed again.
    pub fn invalidate_all(&self) -> Vec<(String, u64)> {
        let mut map = self.lock();
        map.iter_mut()
            .map(|(u, d)| {
                d.rope = Some(d.text());
                d.snapshot = None;
                d.generation += 1;
                (u.clone(), d.generation)
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_stale_versions_are_ignored() {
        let docs = Documents::default();
        docs.open(
            "file:///a.txt",
            "plaintext",
            1,
            "Peskov said.\r\nPutin 🙂 agreed.",
        );
        docs.change(
            "file:///a.txt",
            2,
            &[edit(0, 0, 0, 6, "Dmitry Peskov")],
            Encoding::Utf16,
        )
        .unwrap();
        // After the emoji (2 UTF-16 units) on line 1.
        docs.change(
            "file:///a.txt",
            3,
            &[edit(1, 8, 1, 8, " also")],
            Encoding::Utf16,
        )
        .unwrap();
        let (rope, v, kind, _) = docs.current("file:///a.txt").unwrap();
        assert_eq!(
            rope.to_string(),
            "Dmitry Peskov said.\r\nPutin 🙂 also agreed."
        );
        assert_eq!((v, kind), (3, Some(DocKind::Text)));
        assert_eq!(
            docs.change(
                "file:///a.txt",
                3,
                &[edit(0, 0, 0, 0, "X")],
                Encoding::Utf16
            ),
            Err(ChangeError::Stale { current: 3, got: 3 })
        );
        assert_eq!(
            docs.change("file:///b.txt", 1, &[], Encoding::Utf16),
            Err(ChangeError::NotOpen)
        );
    }

    #[test]
    fn out_of_range_edits_clamp_instead_of_failing() {
        let docs = Documents::default();
        docs.open("u", "markdown", 1, "ab");
        docs.change("u", 2, &[edit(7, 3, 9, 9, "!")], Encoding::Utf8)
            .unwrap();
        docs.change("u", 3, &[edit(0, 9, 0, 1, "-")], Encoding::Utf8)
            .unwrap();
        assert_eq!(
            docs.current("u").unwrap().0.to_string(),
            "a-",
            "a reversed range covers \"b!\""
        );
    }

    #[test]
    fn other_languages_are_tracked_without_a_kind() {
        let docs = Documents::default();
        docs.open("u", "rust", 1, "fn main() {}");
        assert_eq!(docs.current("u").unwrap().2, None);
        assert!(docs.close("u") && docs.is_empty());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::server::position::{Encoding, to_offset};
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::{Position, Range};

    proptest! {
        /// Any sequence of range edits, positions anywhere (also past the end, inside surrogate
        /// pairs and CRLF), gives the text a plain reference model gives.
        #[test]
        fn edits_match_a_reference_model(
            start in "[a-z🙂\r\n ]{0,30}",
            edits in proptest::collection::vec((0u32..6, 0u32..40, 0u32..6, 0u32..40, "[a-zé🙂\r\n]{0,6}", any::<bool>()), 1..25),
            utf8 in any::<bool>(),
        ) {
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let docs = Documents::default();
            docs.open("u", "plaintext", 0, &start);
            let mut model = start.clone();
            for (v, (l0, c0, l1, c1, text, analysed)) in edits.into_iter().enumerate() {
                // Sometimes the version was analysed before the edit (its rope then lives in
                // the snapshot).
                if analysed {
                    prop_assert!(docs.store("u", snapshot_of(&docs, "u"), false));
                }
                let range = Range::new(Position::new(l0, c0), Position::new(l1, c1));
                // The model: the same clamping rules, on a String.
                let rope = Rope::from_str(&model);
                let (a, b) = (to_offset(&rope, range.start, enc), to_offset(&rope, range.end, enc));
                let (a, b) = (a.min(b), a.max(b));
                model.replace_range(a..b, &text);
                let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text };
                docs.change("u", v as i32 + 1, &[change], enc).unwrap();
                prop_assert_eq!(docs.current("u").unwrap().0.to_string(), model.clone());
            }
        }
    }

    fn snapshot_of(docs: &Documents, uri: &str) -> Arc<Snapshot> {
        let (rope, version, kind, _) = docs.current(uri).unwrap();
        let text = String::from(&rope);
        Arc::new(Snapshot {
            version,
            lines: Lines::new(&text),
            analysis: crate::analysis::Analysis::default(),
            text,
            kind,
            config: crate::config::Config::default(),
            loaded: Arc::default(),
        })
    }

    #[test]
    fn the_text_survives_the_rope_being_dropped_for_the_snapshot() {
        let docs = Documents::default();
        let uri = "file:///a.txt";
        docs.open(uri, "plaintext", 1, "Peskov said.\r\nPutin 🙂 agreed.");
        // The analysis of version 1 holds the text; the rope goes.
        assert!(docs.store(uri, snapshot_of(&docs, uri), false));
        assert!(docs.lock().get(uri).unwrap().rope.is_none());
        assert_eq!(
            String::from(&docs.current(uri).unwrap().0),
            "Peskov said.\r\nPutin 🙂 agreed."
        );
        // An edit rebuilds it from the snapshot's text.
        let at = tower_lsp_server::ls_types::Position::new(1, 9);
        let insert = TextDocumentContentChangeEvent {
            range: Some(tower_lsp_server::ls_types::Range::new(at, at)),
            range_length: None,
            text: "also ".into(),
        };
        docs.change(uri, 2, &[insert], Encoding::Utf16).unwrap();
        assert_eq!(
            String::from(&docs.current(uri).unwrap().0),
            "Peskov said.\r\nPutin 🙂 also agreed."
        );
        // A snapshot of an older version is not kept, and the rope stays.
        let old = Arc::new(Snapshot {
            version: 1,
            ..Arc::try_unwrap(snapshot_of(&docs, uri)).ok().unwrap()
        });
        assert!(!docs.store(uri, old, false));
        assert!(docs.lock().get(uri).unwrap().rope.is_some());
        // A document being typed in keeps its rope until it is released.
        assert!(docs.store(uri, snapshot_of(&docs, uri), true));
        assert!(docs.lock().get(uri).unwrap().rope.is_some());
        docs.release_rope(uri);
        assert!(docs.lock().get(uri).unwrap().rope.is_none());
        // Dropping every analysis brings the rope back first.
        assert!(docs.store(uri, snapshot_of(&docs, uri), false));
        docs.invalidate_all();
        assert!(docs.snapshot(uri).is_none());
        assert_eq!(
            String::from(&docs.current(uri).unwrap().0),
            "Peskov said.\r\nPutin 🙂 also agreed."
        );
    }
}
