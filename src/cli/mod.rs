//! The command line: `check` (findings for people and CI) and `analyze` (the claim ledger).
//! A thin layer: it reads files and configuration, calls the analysis, and prints.

pub mod analyze;
pub mod check;

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::analysis::{Analysis, DocKind, analyze as run_analysis};
use crate::config::{self, Config};
use crate::workspace::Libraries;

/// File extensions copydesk reads when given a folder.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// An error that makes the command exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn wanted(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Expands the command line's paths: files as given, `-` (standard input) as given, folders to
/// their story files in sorted order (hidden folders, `target` and `node_modules` skipped).
/// Returns the files and a warning for each folder that holds no story.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>), UsageError> {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        if p.as_os_str() == STDIN {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let n = e.file_name().to_string_lossy();
                    e.depth() == 0 || !(n.starts_with('.') || n == "target" || n == "node_modules")
                })
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && wanted(e.path()))
                .map(|e| e.into_path())
                .collect();
            found.sort();
            if found.is_empty() {
                warnings.push(format!(
                    "{}: no stories here (copydesk reads .{} files)",
                    p.display(),
                    EXTENSIONS.join(", .")
                ));
            }
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(UsageError(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
    }
    Ok((out, warnings))
}

/// A story read from disk, analysed under the configuration that applies to it.
pub struct Checked {
    pub path: PathBuf,
    pub text: String,
    pub config: Config,
    pub analysis: Analysis,
}

/// Reads and analyses stories the way the language server does: each under the
/// `copydesk.toml` that applies to it, with its source library and people file
/// ([`crate::workspace`]), so that `check` reports `unknown-source`, `unused-source` and the
/// people file's `name-variant` as the editor shows them.
pub struct Checker {
    libraries: Libraries,
    /// The folders named on the command line: like an editor's workspace folders, where a
    /// library or people file is looked for besides the story's own folder.
    roots: Vec<PathBuf>,
    /// Problems met in configuration, library and people files, each once.
    warnings: std::cell::RefCell<Vec<String>>,
    /// Where standard input's story stands (`--stdin-filename`): its kind and the
    /// `copydesk.toml` that applies to it; `stdin.txt` in the current folder by default.
    pub stdin_name: PathBuf,
}

impl Checker {
    pub fn new(paths: &[PathBuf]) -> Checker {
        Checker {
            libraries: Libraries::default(),
            roots: paths
                .iter()
                .filter(|p| p.is_dir())
                .filter_map(|p| p.canonicalize().ok())
                .collect(),
            warnings: Default::default(),
            stdin_name: PathBuf::from("stdin.txt"),
        }
    }

    /// The problems met so far in library and people files (each once, in the order met).
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut self.warnings.borrow_mut())
    }

    /// Reads and analyses one file (`-`: standard input, as [`Checker::stdin_name`]).
    pub fn check_file(&self, path: &Path) -> Result<Checked, UsageError> {
        let stdin = path.as_os_str() == STDIN;
        let bytes = if stdin {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
                .map(|_| b)
                .map_err(|e| UsageError(format!("standard input: cannot read: {e}")))?
        } else {
            std::fs::read(path)
                .map_err(|e| UsageError(format!("{}: cannot read: {e}", path.display())))?
        };
        let path = if stdin { &self.stdin_name } else { path };
        // NUL bytes near the start: an image, an archive, a word-processor file.
        if bytes[..bytes.len().min(8192)].contains(&0) {
            return Err(UsageError(format!(
                "{}: not a story file (binary data); copydesk reads plain text and Markdown",
                path.display()
            )));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            UsageError(format!(
                "{}: not UTF-8 text (invalid byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        let config = config::load_for(path).map_err(|e| UsageError(e.to_string()))?;
        let kind = DocKind::from_path(&path.to_string_lossy());
        let mut roots = self.roots.clone();
        if let Some(dir) = config.path.as_deref().and_then(Path::parent)
            && let Ok(dir) = dir.canonicalize()
            && !roots.contains(&dir)
        {
            roots.push(dir);
        }
        let doc = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let loaded = self.libraries.for_document(
            Some(&doc),
            &text,
            kind == DocKind::Markdown,
            &config,
            &roots,
        );
        {
            let mut w = self.warnings.borrow_mut();
            for e in &loaded.errors {
                let m = format!("{e} (the other entries are loaded)");
                if !w.contains(&m) {
                    w.push(m);
                }
            }
        }
        let settings = loaded.settings(&config);
        // A bug in the analysis must not take the other files down with it.
        let analysis = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_analysis(&text, kind, &settings)
        }))
        .map_err(|_| {
            UsageError(format!(
                "{}: internal error while analysing this file (please report it)",
                path.display()
            ))
        })?;
        Ok(Checked {
            path: path.to_path_buf(),
            text,
            config,
            analysis,
        })
    }
}

/// Byte offsets to 1-based lines and character columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: crate::analysis::text::line_starts(text),
        }
    }

    /// (line, column), both 1-based; the column counts characters.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col = text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_and_crlf() {
        let text = "ab\r\nç🙂d\nx";
        let li = LineIndex::new(text);
        assert_eq!(li.position(text, 0), (1, 1));
        assert_eq!(li.position(text, 4), (2, 1));
        assert_eq!(li.position(text, text.find('d').unwrap()), (2, 3));
        assert_eq!(li.position(text, text.len()), (3, 2));
    }
}
