//! Code actions: one keystroke from a finding to its fix. Every edit is a `TextDocumentEdit`
//! carrying the analysed version, so nothing applies to a document that changed since.

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::documents::Snapshot;
use super::position::Encoding;
use crate::analysis::checks::{self, CiteSource, FixContext};
use crate::analysis::{DocKind, Finding, Span};
use crate::config::Config;
use crate::workspace::Loaded;

pub const DISABLE_COMMAND: &str = "copydesk.disableCode";
/// The claim ledger of an open story (its URI the argument): the ledger JSON of `copydesk
/// analyze` for the editor's text under the story's configuration, with that `text`.
pub const LEDGER_COMMAND: &str = "copydesk.server.ledger";

struct Ctx<'a> {
    snap: &'a Snapshot,
    uri: &'a Uri,
    enc: Encoding,
}

impl Ctx<'_> {
    fn edit(
        &self,
        title: String,
        diag: &Diagnostic,
        edits: Vec<(Span, String)>,
        preferred: bool,
    ) -> CodeActionOrCommand {
        let edits = edits
            .into_iter()
            .map(|(span, new_text)| {
                OneOf::Left(TextEdit {
                    range: self.snap.range(span, self.enc),
                    new_text,
                })
            })
            .collect();
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            edit: Some(WorkspaceEdit {
                changes: None,
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: self.uri.clone(),
                        version: Some(self.snap.version),
                    },
                    edits,
                }])),
                change_annotations: None,
            }),
            command: None,
            is_preferred: Some(preferred),
            disabled: None,
            data: None,
        })
    }
}

/// The library's entries as the fixes read them.
fn cite_sources(loaded: &Loaded) -> Vec<CiteSource> {
    loaded
        .library
        .sources
        .iter()
        .map(|s| CiteSource {
            id: s.id.clone(),
            title: s.title.clone(),
            who: s.who.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
            words: s.words(),
        })
        .collect()
}

/// The code actions for the findings in `findings` (those under the cursor or selection): each
/// finding's fixes, as its check declares them (`analysis::checks`), made versioned LSP edits,
/// then the command that disables its code in the workspace.
pub fn actions(
    snap: &Snapshot,
    uri: &Uri,
    enc: Encoding,
    kind: DocKind,
    config: &Config,
    loaded: &Loaded,
    findings: &[(Finding, Diagnostic)],
) -> Vec<CodeActionOrCommand> {
    let cx = Ctx { snap, uri, enc };
    let settings = loaded.settings(config);
    let sources = cite_sources(loaded);
    let fx = FixContext {
        text: &snap.text,
        analysis: &snap.analysis,
        markdown: kind == DocKind::Markdown,
        settings: &settings,
        citations: &config.citations,
        sources: &sources,
    };
    let mut out = Vec::new();
    for (f, diag) in findings {
        for fix in checks::fixes(&fx, f) {
            out.push(cx.edit(fix.title, diag, fix.edits, fix.preferred));
        }
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Disable {} in this workspace", f.code.as_str()),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            edit: None,
            command: Some(Command {
                title: format!("Disable {} in this workspace", f.code.as_str()),
                command: DISABLE_COMMAND.into(),
                arguments: Some(vec![json!(f.code.as_str()), json!(uri.as_str())]),
            }),
            is_preferred: None,
            disabled: None,
            data: None,
        }));
    }
    out
}

/// The edit to `copydesk.toml` (text `old`, or none) that disables `code`.
pub fn disable_in_config(old: Option<&str>, code: &str) -> String {
    let Some(old) = old else {
        return format!("[checks]\ndisable = [\"{code}\"]\n");
    };
    let mut lines: Vec<String> = old.lines().map(str::to_string).collect();
    let checks = lines.iter().position(|l| l.trim() == "[checks]");
    if let Some(c) = checks {
        let end = lines[c + 1..]
            .iter()
            .position(|l| l.trim_start().starts_with('['))
            .map_or(lines.len(), |e| c + 1 + e);
        if let Some(d) = (c + 1..end).find(|&i| lines[i].trim_start().starts_with("disable")) {
            let line = &lines[d];
            if line.contains(&format!("\"{code}\"")) {
                return old.to_string();
            }
            if let Some(open) = line.find('[') {
                let rest = line[open + 1..].trim_start();
                let sep = if rest.starts_with(']') { "" } else { ", " };
                lines[d] = format!("{}\"{code}\"{sep}{}", &line[..open + 1], rest);
            }
        } else {
            lines.insert(c + 1, format!("disable = [\"{code}\"]"));
        }
    } else {
        if !lines.last().is_none_or(|l| l.trim().is_empty()) {
            lines.push(String::new());
        }
        lines.push("[checks]".into());
        lines.push(format!("disable = [\"{code}\"]"));
    }
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabling_in_copydesk_toml() {
        assert_eq!(
            disable_in_config(None, "scare-quote"),
            "[checks]\ndisable = [\"scare-quote\"]\n"
        );
        assert_eq!(
            disable_in_config(
                Some("debounce_ms = 10\n\n[checks]\ndisable = [\"editorializing\"]\n"),
                "scare-quote"
            ),
            "debounce_ms = 10\n\n[checks]\ndisable = [\"scare-quote\", \"editorializing\"]\n"
        );
        assert_eq!(
            disable_in_config(Some("[checks]\nfail_on = \"error\"\n"), "x"),
            "[checks]\ndisable = [\"x\"]\nfail_on = \"error\"\n"
        );
        assert_eq!(
            disable_in_config(Some("[lexicon]\nnames = []\n"), "x"),
            "[lexicon]\nnames = []\n\n[checks]\ndisable = [\"x\"]\n"
        );
        assert_eq!(
            disable_in_config(Some("[checks]\ndisable = []\n"), "x"),
            "[checks]\ndisable = [\"x\"]\n"
        );
        let once = disable_in_config(Some("[checks]\ndisable = [\"x\"]\n"), "x");
        assert_eq!(once, "[checks]\ndisable = [\"x\"]\n");
    }
}
