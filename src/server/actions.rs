//! Code actions: one keystroke from a finding to its fix. Every edit is a `TextDocumentEdit`
//! carrying the analysed version, so nothing applies to a document that changed since.

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::documents::Snapshot;
use super::position::Encoding;
use crate::analysis::{Code, DocKind, Finding, Span};
use crate::config::{CitationStyle, Config};
use crate::sources::Source;
use crate::sources::relevance;
use crate::workspace::Loaded;

pub const DISABLE_COMMAND: &str = "copydesk.disableCode";

struct Ctx<'a> {
    snap: &'a Snapshot,
    uri: &'a Uri,
    enc: Encoding,
    config: &'a Config,
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

    fn text(&self) -> &str {
        &self.snap.text
    }

    /// The sentence a finding is about.
    fn sentence(&self, f: &Finding) -> Span {
        let a = &self.snap.analysis;
        a.sentence_at(f.span.start)
            .map_or(f.span, |i| a.sentences[i].span)
    }

    /// Where the sentence's final full stop is (if it ends with one, possibly inside a quote).
    fn final_stop(&self, s: Span) -> Option<usize> {
        let t = &self.text()[s.start..s.end];
        let trimmed = t.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')']);
        trimmed
            .ends_with(['.', '!', '?'])
            .then(|| s.start + trimmed.len() - 1)
    }

    /// Text inserted before the final full stop (or at the end when there is none).
    fn before_stop(&self, s: Span, insert: String) -> (Span, String) {
        match self.final_stop(s) {
            Some(p) if self.text().as_bytes()[p] == b'.' && p + 1 == s.end => {
                (Span::new(p, p), insert)
            }
            _ => (Span::new(s.end, s.end), insert),
        }
    }
}

fn neutral_verb(word: &str) -> String {
    let l = word.to_lowercase();
    let said = if l.ends_with("ing") {
        "saying"
    } else if l.ends_with("ed") || matches!(l.as_str(), "brought" | "thought") {
        "said"
    } else if l.ends_with('s') {
        "says"
    } else {
        "say"
    };
    if word.chars().next().is_some_and(char::is_uppercase) {
        let mut c = said.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        said.to_string()
    }
}

fn fill(template: &str, s: &Source) -> String {
    let mut out = template.to_string();
    for (k, v) in [
        ("{title}", s.title.as_deref().unwrap_or(&s.id)),
        ("{who}", s.who.as_deref().unwrap_or("")),
        ("{date}", s.date.as_deref().unwrap_or("n.d.")),
        ("{url}", s.url.as_deref().unwrap_or("")),
        ("{id}", &s.id),
    ] {
        out = out.replace(k, v);
    }
    out.replace(", )", ")").replace(" ,", ",")
}

/// The code actions for the findings in `findings` (those under the cursor or selection).
pub fn actions(
    snap: &Snapshot,
    uri: &Uri,
    enc: Encoding,
    kind: DocKind,
    config: &Config,
    loaded: &Loaded,
    findings: &[(Finding, Diagnostic)],
) -> Vec<CodeActionOrCommand> {
    let cx = Ctx {
        snap,
        uri,
        enc,
        config,
    };
    let a = &snap.analysis;
    let text = cx.text();
    let markdown = kind == DocKind::Markdown;
    let mut out = Vec::new();
    for (f, diag) in findings {
        match f.code {
            Code::UnattributedClaim | Code::UnattributedQuote | Code::VagueAttribution => {
                let s = cx.sentence(f);
                // Attribute to a person: nearest earlier mention first, then the most quoted.
                let mut people: Vec<(usize, usize, usize)> = a
                    .people
                    .iter()
                    .enumerate()
                    .map(|(p, person)| {
                        let before = person
                            .mentions
                            .iter()
                            .filter(|m| m.span.end <= s.start)
                            .map(|m| s.start - m.span.end)
                            .min()
                            .unwrap_or(usize::MAX);
                        let quoted = a.quotes.iter().filter(|q| q.speaker == Some(p)).count();
                        (p, before, quoted)
                    })
                    .collect();
                people.sort_by_key(|&(_, d, q)| (d, std::cmp::Reverse(q)));
                for &(p, dist, _) in people.iter().take(5) {
                    let person = &a.people[p];
                    let introduced = dist != usize::MAX;
                    let name = if introduced {
                        person.surname().to_string()
                    } else {
                        match person
                            .roles
                            .first()
                            .filter(|r| r.split_whitespace().count() <= 4)
                        {
                            Some(r) => format!("{r} {}", person.name),
                            None => person.name.clone(),
                        }
                    };
                    let edits = attribute(&cx, s, &name);
                    out.push(cx.edit(format!("Attribute to {}", person.name), diag, edits, false));
                }
                // Cite a source, most relevant first.
                let sentence_text = &text[s.start..s.end];
                let mut sources: Vec<&Source> = loaded.library.sources.iter().collect();
                sources.sort_by_key(|src| std::cmp::Reverse(relevance(src, sentence_text)));
                for src in sources.into_iter().take(8) {
                    out.push(cx.edit(
                        format!("Cite {} ({})", src.label(), src.id),
                        diag,
                        cite(&cx, s, src, markdown),
                        false,
                    ));
                }
                out.push(cx.edit(
                    format!("Mark as needing a source ({})", config.citations.tk),
                    diag,
                    vec![cx.before_stop(s, format!(" {}", config.citations.tk))],
                    false,
                ));
            }
            Code::LoadedAttributionVerb => {
                let word = &text[f.span.start..f.span.end];
                let said = neutral_verb(word);
                out.push(cx.edit(
                    format!("Replace '{word}' with '{said}'"),
                    diag,
                    vec![(f.span, said)],
                    true,
                ));
            }
            Code::NameVariant => {
                if let Some((p, _)) = a.person_at(f.span.start) {
                    let person = &a.people[p];
                    let here = &text[f.span.start..f.span.end];
                    let entry = loaded
                        .people
                        .iter()
                        .find(|e| e.knows(here) || e.knows(person.surname()));
                    let good = entry
                        .map_or_else(|| person.surname().to_string(), |e| e.surname().to_string());
                    let last = here.rsplit(' ').next().unwrap_or(here);
                    let at = f.span.end - last.len();
                    if last != good {
                        out.push(cx.edit(
                            format!("Spell it '{good}'"),
                            diag,
                            vec![(Span::new(at, f.span.end), good.clone())],
                            true,
                        ));
                    }
                }
            }
            Code::FirstReference => {
                if let Some((p, _)) = a.person_at(f.span.start) {
                    let person = &a.people[p];
                    let full = match person
                        .roles
                        .first()
                        .filter(|r| r.split_whitespace().count() <= 4)
                    {
                        Some(r) => format!("{r} {}", person.name),
                        None => person.name.clone(),
                    };
                    out.push(cx.edit(
                        format!("Use the full name: '{full}'"),
                        diag,
                        vec![(f.span, full)],
                        true,
                    ));
                }
            }
            _ => {}
        }
        // Ignore here, and disable in the workspace: for every code.
        let s = cx.sentence(f);
        let word = config.settings.ignore_word();
        let marker = if markdown {
            format!(" <!-- {word} {} -->", f.code.as_str())
        } else {
            format!(" [{word} {}]", f.code.as_str())
        };
        out.push(cx.edit(
            format!("Ignore {} here", f.code.as_str()),
            diag,
            vec![(Span::new(s.end, s.end), marker)],
            false,
        ));
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

/// ", Peskov said." in AP style: after a closing quote, the quote's full stop becomes a comma.
fn attribute(cx: &Ctx, s: Span, name: &str) -> Vec<(Span, String)> {
    let text = cx.text();
    let t = &text[s.start..s.end];
    let closing = t
        .chars()
        .last()
        .filter(|c| matches!(c, '"' | '\u{201D}' | '\'' | '\u{2019}'));
    if let Some(q) = closing {
        let before_quote = s.end - q.len_utf8();
        if text[..before_quote].ends_with('.') {
            return vec![(
                Span::new(before_quote - 1, s.end),
                format!(",{q} {name} said."),
            )];
        }
        return vec![(Span::new(s.end, s.end), format!(" {name} said."))];
    }
    match cx.final_stop(s) {
        Some(p) if text.as_bytes()[p] == b'.' => {
            vec![(Span::new(p, p + 1), format!(", {name} said."))]
        }
        Some(p) => vec![(Span::new(p, p), format!(", {name} said"))],
        None => vec![(Span::new(s.end, s.end), format!(", {name} said."))],
    }
}

fn cite(cx: &Ctx, s: Span, src: &Source, markdown: bool) -> Vec<(Span, String)> {
    if !markdown {
        return vec![cx.before_stop(s, format!(" {}", fill(&cx.config.citations.plain, src)))];
    }
    match cx.config.citations.style {
        CitationStyle::Pandoc => vec![cx.before_stop(s, format!(" [@{}]", src.id))],
        CitationStyle::Link => match &src.url {
            Some(url) => vec![cx.before_stop(s, format!(" ([{}]({url}))", src.label()))],
            None => vec![cx.before_stop(s, format!(" [@{}]", src.id))],
        },
        CitationStyle::Footnote => {
            let mut edits = vec![(Span::new(s.end, s.end), format!("[^{}]", src.id))];
            let text = cx.text();
            if !text.contains(&format!("[^{}]:", src.id)) {
                let mut def = String::new();
                if !text.ends_with('\n') {
                    def.push('\n');
                }
                if !text.ends_with("\n\n") {
                    def.push('\n');
                }
                let parts: Vec<&str> = [
                    src.title.as_deref(),
                    src.who.as_deref(),
                    src.date.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect();
                def.push_str(&format!("[^{}]: {}", src.id, parts.join(", ")));
                if let Some(u) = &src.url {
                    def.push_str(&format!(". <{u}>"));
                }
                def.push('\n');
                edits.push((Span::new(text.len(), text.len()), def));
            }
            edits
        }
    }
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
    fn neutral_verbs_keep_tense_and_case() {
        assert_eq!(neutral_verb("conceded"), "said");
        assert_eq!(neutral_verb("Claims"), "Says");
        assert_eq!(neutral_verb("insisting"), "saying");
        assert_eq!(neutral_verb("admit"), "say");
    }

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
