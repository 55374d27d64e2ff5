//! What the fixes of several checks share: the sentence a finding is about, where its full stop
//! is, and the two ways a claim gets a source (attributing it to a person in the story, citing
//! an entry of the story's library), plus the "to come" marker.

use super::{CiteSource, Fix, FixContext};
use crate::analysis::{CitationStyle, Finding, Span};

impl FixContext<'_> {
    /// The sentence a finding is about.
    pub(crate) fn sentence(&self, f: &Finding) -> Span {
        self.analysis.sentence_span(f.span)
    }

    /// Where the sentence's final full stop is (if it ends with one, possibly inside a quote).
    fn final_stop(&self, s: Span) -> Option<usize> {
        let t = &self.text[s.start..s.end];
        let trimmed = t.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')']);
        trimmed
            .ends_with(['.', '!', '?'])
            .then(|| s.start + trimmed.len() - 1)
    }

    /// Text inserted before the final full stop (or at the end when there is none).
    fn before_stop(&self, s: Span, insert: String) -> (Span, String) {
        match self.final_stop(s) {
            Some(p) if self.text.as_bytes()[p] == b'.' && p + 1 == s.end => {
                (Span::new(p, p), insert)
            }
            _ => (Span::new(s.end, s.end), insert),
        }
    }

    /// ", Peskov said." in AP style: after a closing quote, the quote's full stop becomes a
    /// comma.
    fn attribute(&self, s: Span, name: &str) -> Vec<(Span, String)> {
        let text = self.text;
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
        match self.final_stop(s) {
            Some(p) if text.as_bytes()[p] == b'.' => {
                vec![(Span::new(p, p + 1), format!(", {name} said."))]
            }
            Some(p) => vec![(Span::new(p, p), format!(", {name} said"))],
            None => vec![(Span::new(s.end, s.end), format!(", {name} said."))],
        }
    }

    /// The citation of `src` at the end of sentence `s`, in the house style.
    fn cite(&self, s: Span, src: &CiteSource) -> Vec<(Span, String)> {
        if !self.markdown {
            return vec![self.before_stop(s, format!(" {}", fill(&self.citations.plain, src)))];
        }
        match self.citations.style {
            CitationStyle::Pandoc => vec![self.before_stop(s, format!(" [@{}]", src.id))],
            CitationStyle::Link => match &src.url {
                Some(url) => vec![self.before_stop(s, format!(" ([{}]({url}))", src.label()))],
                None => vec![self.before_stop(s, format!(" [@{}]", src.id))],
            },
            CitationStyle::Footnote => {
                let mut edits = vec![(Span::new(s.end, s.end), format!("[^{}]", src.id))];
                let text = self.text;
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
}

impl CiteSource {
    /// A short human label: the title, else who, else the id.
    pub fn label(&self) -> &str {
        self.title
            .as_deref()
            .or(self.who.as_deref())
            .unwrap_or(&self.id)
    }
}

/// A person's name with their first role ("Press Secretary Dmitry Peskov"), for a first
/// reference; the bare name when the role is long or missing.
pub(crate) fn full_reference(person: &crate::analysis::Person) -> String {
    match person
        .roles
        .first()
        .filter(|r| r.split_whitespace().count() <= 4)
    {
        Some(r) => format!("{r} {}", person.name),
        None => person.name.clone(),
    }
}

/// The fixes of a claim or quote with no source: attribute it to a person in the story
/// (nearest earlier mention first, then the most quoted), cite a library entry (most relevant
/// first), or mark it as needing a source.
pub(crate) fn source_it(cx: &FixContext, f: &Finding, out: &mut Vec<Fix>) {
    let a = cx.analysis;
    let s = cx.sentence(f);
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
        let name = if dist != usize::MAX {
            person.surname().to_string()
        } else {
            full_reference(person)
        };
        out.push(Fix::new(
            format!("Attribute to {}", person.name),
            cx.attribute(s, &name),
        ));
    }
    let sentence_text = &cx.text[s.start..s.end];
    let mut sources: Vec<&CiteSource> = cx.sources.iter().collect();
    sources.sort_by_key(|src| std::cmp::Reverse(relevance(src, sentence_text)));
    for src in sources.into_iter().take(8) {
        out.push(Fix::new(
            format!("Cite {} ({})", src.label(), src.id),
            cx.cite(s, src),
        ));
    }
    // Once marked, not again.
    if !sentence_text.contains(cx.citations.tk.as_str()) {
        out.push(Fix::new(
            format!("Mark as needing a source ({})", cx.citations.tk),
            vec![cx.before_stop(s, format!(" {}", cx.citations.tk))],
        ));
    }
}

/// The "ignore here" marker after the finding's sentence: every code offers it.
pub(crate) fn ignore_here(cx: &FixContext, f: &Finding) -> Fix {
    let s = cx.sentence(f);
    let word = cx.settings.ignore_word();
    let marker = if cx.markdown {
        format!(" <!-- {word} {} -->", f.code.as_str())
    } else {
        format!(" [{word} {}]", f.code.as_str())
    };
    Fix::new(
        format!("Ignore {} here", f.code.as_str()),
        vec![(Span::new(s.end, s.end), marker)],
    )
}

/// A plain-text citation from its template (`{title}`, `{who}`, `{date}`, `{url}`, `{id}`).
fn fill(template: &str, s: &CiteSource) -> String {
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

/// How relevant a source is to a sentence: shared words, names and bodies.
pub fn relevance(source: &CiteSource, sentence: &str) -> usize {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect();
    let mut score = source.words.iter().filter(|w| words.contains(w)).count();
    if sentence.to_lowercase().contains(&source.id.to_lowercase()) {
        score += 3;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevance_counts_shared_words() {
        let s = CiteSource {
            id: "imf".into(),
            title: Some("World Economic Outlook".into()),
            who: Some("International Monetary Fund".into()),
            words: vec![
                "world".into(),
                "economic".into(),
                "outlook".into(),
                "international".into(),
                "monetary".into(),
                "fund".into(),
            ],
            ..Default::default()
        };
        assert!(
            relevance(&s, "The Monetary Fund expects economic growth.")
                > relevance(&s, "The mayor spoke.")
        );
    }
}
