//! The workspace layer: which `copydesk.toml`, source library and people file apply to a
//! story, loaded and cached per file, and the analysis `Settings` they make. Used by both
//! `copydesk check` and the language server, so that both see the same findings.
//!
//! Locations, in order: `sources = [...]` and `people = "..."` in `copydesk.toml`; a Markdown
//! story's front matter `bibliography:`; otherwise `sources.toml`, `sources.json` and `*.bib`
//! beside the story and at the workspace root, and `people.toml` there. Files are re-read when
//! their modification time changes, or when the client reports a change (watched files).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rustc_hash::FxHashMap;

use crate::analysis::Settings;
use crate::config::Config;
use crate::sources::people::{self, PersonEntry};
use crate::sources::{Library, LoadError, Source};

/// What applies to one document.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub people: Vec<PersonEntry>,
    /// Problems in any of the files, to show the user.
    pub errors: Vec<LoadError>,
}

impl Loaded {
    /// The analysis settings for a story: the configuration's, with the library's source ids
    /// (so that citations are checked against them) and the people file's spellings.
    pub fn settings(&self, config: &Config) -> Settings {
        let mut settings = config.settings.clone();
        if !self.library.sources.is_empty() {
            settings.source_ids = Some(self.library.sources.iter().map(|s| s.id.clone()).collect());
        }
        settings.people = self.people.iter().map(PersonEntry::known_name).collect();
        settings
    }
}

#[derive(Clone)]
enum Contents {
    Sources(Vec<Source>, Vec<LoadError>),
    People(Vec<PersonEntry>, Vec<LoadError>),
}

/// How long a lookup of a folder's library files is trusted before the folder is listed again
/// (a keystroke must not list the folder; a client without watched files still sees new files).
const FRESH: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Default)]
pub struct Libraries {
    cache: Mutex<FxHashMap<PathBuf, (Option<SystemTime>, Contents)>>,
    /// Library files found in a folder, and when they were looked for.
    listed: Mutex<FxHashMap<PathBuf, (std::time::Instant, Vec<PathBuf>)>>,
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// The `bibliography:` entries of a Markdown story's front matter. A few lines of YAML are read
/// by hand: this one key (a string or a list) is all copydesk needs from it, and a YAML crate
/// would parse every keystroke's front matter in full.
pub fn front_matter_bibliography(text: &str) -> Vec<String> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut in_list = false;
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            break;
        }
        let unquote = |s: &str| s.trim().trim_matches(['"', '\'']).to_string();
        if let Some(v) = t.strip_prefix("bibliography:") {
            let v = v.trim();
            if v.is_empty() {
                in_list = true;
            } else if let Some(inner) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                out.extend(inner.split(',').map(unquote).filter(|s| !s.is_empty()));
            } else {
                out.push(unquote(v));
            }
            continue;
        }
        if in_list {
            match t.trim_start().strip_prefix("- ") {
                Some(item) => out.push(unquote(item)),
                None => in_list = false,
            }
        }
    }
    out
}

impl Libraries {
    /// Forgets every cached file (the client reported a change).
    pub fn clear(&self) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.listed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// `sources.toml`, `sources.json`, `*.bib` and `people.toml` in `dir`, listed at most every
    /// `FRESH`.
    fn library_files(&self, dir: &Path) -> Vec<PathBuf> {
        let mut listed = self.listed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((t, files)) = listed.get(dir)
            && t.elapsed() < FRESH
        {
            return files.clone();
        }
        let mut v = Vec::new();
        for name in ["sources.toml", "sources.json"] {
            let p = dir.join(name);
            if p.is_file() {
                v.push(p);
            }
        }
        if let Ok(rd) = std::fs::read_dir(dir) {
            let mut bibs: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "bib") && p.is_file())
                .collect();
            bibs.sort();
            v.extend(bibs);
        }
        let people = dir.join("people.toml");
        if people.is_file() {
            v.push(people);
        }
        listed.insert(dir.to_path_buf(), (std::time::Instant::now(), v.clone()));
        v
    }

    fn read(&self, path: &Path, people_file: bool) -> Contents {
        let now = mtime(path);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((t, c)) = cache.get(path)
            && *t == now
        {
            return c.clone();
        }
        let c = if people_file {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let (p, e) = people::parse(&text, path);
                    Contents::People(p, e)
                }
                Err(e) => Contents::People(
                    Vec::new(),
                    vec![LoadError {
                        file: path.into(),
                        line: 0,
                        message: format!("cannot read: {e}"),
                    }],
                ),
            }
        } else {
            let mut lib = Library::default();
            lib.load(path);
            Contents::Sources(lib.sources, lib.errors)
        };
        cache.insert(path.to_path_buf(), (now, c.clone()));
        c
    }

    /// The library and people file for a document at `doc` (None: an unsaved document).
    pub fn for_document(
        &self,
        doc: Option<&Path>,
        text: &str,
        markdown: bool,
        config: &Config,
        roots: &[PathBuf],
    ) -> Loaded {
        let dir = doc.and_then(Path::parent).map(Path::to_path_buf);
        let mut dirs: Vec<PathBuf> = dir.iter().cloned().collect();
        for r in roots {
            if !dirs.contains(r) {
                dirs.push(r.clone());
            }
        }
        let mut files: Vec<PathBuf> = match &config.sources {
            Some(list) => list.clone(),
            None => {
                let bib = if markdown {
                    front_matter_bibliography(text)
                } else {
                    Vec::new()
                };
                if !bib.is_empty() {
                    let base = dir.clone().unwrap_or_default();
                    bib.iter().map(|b| base.join(b)).collect()
                } else {
                    dirs.iter()
                        .flat_map(|d| self.library_files(d))
                        .filter(|p| p.file_name().is_none_or(|n| n != "people.toml"))
                        .collect()
                }
            }
        };
        files.dedup();
        let mut loaded = Loaded::default();
        // Only files inside the document's folder, a workspace folder or copydesk.toml's folder
        // are read: a story's front matter (which may come from anyone) must not make the
        // server read ~/.ssh or another project's files.
        let allowed: Vec<PathBuf> = dirs
            .iter()
            .map(PathBuf::as_path)
            .chain(config.path.as_deref().and_then(Path::parent))
            .filter_map(|d| d.canonicalize().ok())
            .collect();
        let inside = |f: &Path, loaded: &mut Loaded| match f.canonicalize() {
            Ok(c) if !allowed.iter().any(|a| c.starts_with(a)) => {
                loaded.errors.push(LoadError {
                    file: f.to_path_buf(),
                    line: 0,
                    message: "outside the workspace: not read".into(),
                });
                false
            }
            // A missing file: reading it reports that.
            _ => true,
        };
        files.retain(|f| inside(f, &mut loaded));
        for f in &files {
            if let Contents::Sources(sources, errors) = self.read(f, false) {
                for s in sources {
                    if loaded.library.get(&s.id).is_none() {
                        loaded.library.sources.push(s);
                    }
                }
                loaded.errors.extend(errors);
            }
        }
        let people_file = config.people.clone().or_else(|| {
            dirs.iter()
                .flat_map(|d| self.library_files(d))
                .find(|p| p.file_name().is_some_and(|n| n == "people.toml"))
        });
        if let Some(pf) = people_file
            && inside(&pf, &mut loaded)
            && let Contents::People(p, e) = self.read(&pf, true)
        {
            loaded.people = p;
            loaded.errors.extend(e);
        }
        loaded.library.errors = loaded.errors.clone();
        loaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_forms() {
        assert_eq!(
            front_matter_bibliography("---\ntitle: x\nbibliography: refs.bib\n---\nText"),
            ["refs.bib"]
        );
        assert_eq!(
            front_matter_bibliography("---\nbibliography: [a.bib, \"b.json\"]\n---\n"),
            ["a.bib", "b.json"]
        );
        assert_eq!(
            front_matter_bibliography("---\nbibliography:\n  - a.bib\n  - b.bib\ntitle: y\n---\n"),
            ["a.bib", "b.bib"]
        );
        assert!(front_matter_bibliography("No front matter\nbibliography: x.bib").is_empty());
    }
}
