//! The analysis: a news story's text in, one [`Analysis`] value out.
//!
//! Pure: no I/O, no clock, no LSP or JSON types. The same text, kind and settings always give the
//! same result. Every range is a byte range into the text that was passed in.
//!
//! Stages, in order (each a module): [`markdown`] (what is prose), [`text`] (tokens, paragraphs,
//! sentences), [`quotes`], [`people`], [`attribution`], [`claims`], then one module per finding
//! code under [`checks`].

pub mod attribution;
pub mod checks;
pub mod citations;
pub mod claims;
pub mod incremental;
pub mod lexicon;
pub mod markdown;
pub mod people;
pub mod quotes;
pub mod text;

use std::ops::Range;

use lexicon::{CueClass, Lex};
use text::Tokens;

/// A byte range into the document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn overlaps(&self, o: &Span) -> bool {
        self.start < o.end && o.start < self.end
    }
    pub fn contains(&self, o: &Span) -> bool {
        self.start <= o.start && o.end <= self.end
    }
}

/// `v.partition_point(pred)` where `pred` is known to hold for every element before `from`: a
/// galloping search forward from `from`, costing the logarithm of the distance to the answer.
/// For lookups near a known place (a cue's token from its sentence's first token, a block's
/// tokens after the last block's): a binary search of a long story's whole token list misses
/// the cache at nearly every step (perf: a fifth of attribution's time at 100,000 words).
pub(crate) fn partition_from<T>(v: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    let n = v.len();
    let mut lo = from.min(n);
    let mut step = 1;
    // `pred` holds for every element before `lo`.
    while lo < n {
        let hi = (lo + step).min(n);
        if !pred(&v[hi - 1]) {
            return lo + v[lo..hi - 1].partition_point(pred);
        }
        lo = hi;
        step *= 2;
    }
    lo
}

/// Spans (of quotes) indexed so that "which of them hold this span" costs a binary search and a
/// short walk instead of a scan of them all (a long story has thousands of quotes and thousands
/// of attributions to test against them).
pub(crate) struct SpanIndex {
    /// The spans by start, each with its item.
    by_start: Vec<(Span, usize)>,
    /// `max_end[k]`: the furthest end among `by_start[..=k]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub(crate) fn new(items: impl IntoIterator<Item = (usize, Span)>) -> SpanIndex {
        let mut by_start: Vec<(Span, usize)> = items.into_iter().map(|(i, s)| (s, i)).collect();
        by_start.sort_by_key(|(s, _)| s.start);
        let max_end = by_start
            .iter()
            .scan(0, |m, (s, _)| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        SpanIndex { by_start, max_end }
    }

    /// The items whose span contains `span`.
    pub(crate) fn holding(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let k = self
            .by_start
            .partition_point(|(s, _)| s.start <= span.start);
        (0..k)
            .rev()
            .take_while(move |&j| self.max_end[j] >= span.end)
            .map(move |j| self.by_start[j])
            .filter(move |(s, _)| s.contains(&span))
            .map(|(_, i)| i)
    }
}

/// How the document is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    Text,
    Markdown,
}

impl DocKind {
    /// The kind for a file name: Markdown for `.md`/`.markdown`, plain text otherwise.
    pub fn from_path(path: &str) -> DocKind {
        let p = path.to_ascii_lowercase();
        if p.ends_with(".md")
            || p.ends_with(".markdown")
            || p.ends_with(".mdown")
            || p.ends_with(".mkd")
        {
            DocKind::Markdown
        } else {
            DocKind::Text
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    Body,
    /// The story's headline, or a short title-like line.
    Headline,
    /// A Markdown heading.
    Heading,
    /// A line that is only a date.
    Dateline,
    Byline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentenceKind {
    Body,
    Headline,
    Heading,
    Dateline,
    Byline,
    /// "Image: ...", "Photo: ...".
    Caption,
    Question,
}

impl SentenceKind {
    /// Sentences that never carry a claim.
    pub fn is_furniture(self) -> bool {
        !matches!(self, SentenceKind::Body)
    }
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    pub sentences: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub kind: SentenceKind,
    pub paragraph: usize,
    pub tokens: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// A whole sentence or more of someone's words.
    Full,
    /// Some words inside the reporter's sentence.
    Partial,
    /// A short phrase in quote marks that nobody is said to have said.
    Scare,
    /// The name of a work, a product, a slogan or a term being introduced ("named 'Robogee'").
    Title,
}

#[derive(Clone, Debug)]
pub struct Quote {
    pub span: Span,
    pub inner: Span,
    pub kind: QuoteKind,
    /// The person quoted, an index into [`Analysis::people`].
    pub speaker: Option<usize>,
    /// The attribution that gives the quote its source, an index into [`Analysis::attributions`].
    pub attribution: Option<usize>,
    pub nested: bool,
    /// Runs on across a paragraph break.
    pub continued: bool,
    pub words: usize,
    /// Token range between the marks.
    pub tokens: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// Given name and surname ("Dmitry Peskov").
    Full,
    /// Surname alone ("Peskov"), also with a title ("Mr. Peskov").
    Short,
}

#[derive(Clone, Debug)]
pub struct Mention {
    /// The name itself, without title or possessive.
    pub span: Span,
    pub kind: MentionKind,
    /// The title before the name in this mention ("Press Secretary").
    pub title: Option<Span>,
    pub possessive: bool,
    pub sentence: usize,
}

#[derive(Clone, Debug)]
pub struct Person {
    /// The fullest form of the name in the story.
    pub name: String,
    /// Titles, roles and affiliations the story gives, in order of appearance.
    pub roles: Vec<String>,
    /// Every mention, in document order.
    pub mentions: Vec<Mention>,
    /// Other spellings of the name seen in the story, with their mentions' indices.
    pub variants: Vec<(String, Vec<usize>)>,
}

impl Person {
    pub fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

/// Who an attribution's source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A named person.
    Named,
    /// A named organisation, body or document.
    Organisation,
    /// An unnamed person; see [`Attribution::described`].
    Anonymous,
    /// "Experts", "critics", "reportedly".
    Vague,
    /// The reporter's own observation.
    Reporter,
    /// A pronoun; [`Attribution::person`] holds whom it refers to, when known.
    Pronoun,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Organisation => "organisation",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Vague => "vague",
            SourceKind::Reporter => "reporter",
            SourceKind::Pronoun => "pronoun",
        }
    }
}

/// A few spans, the first one inline.
pub type Spans = smallvec::SmallVec<[Span; 1]>;

#[derive(Clone, Debug)]
pub struct Attribution {
    pub cue: Span,
    pub class: CueClass,
    /// The cue's base form ("say" for "said"); "according to" for that phrase.
    pub lemma: &'static str,
    pub source: Option<Span>,
    /// What is attributed; almost always one span, kept inline (no allocation of its own).
    pub content: Spans,
    pub person: Option<usize>,
    pub kind: SourceKind,
    /// An anonymous source that says why it is unnamed or how it knows.
    pub described: bool,
    pub sentence: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// Figures, statistics, counts, amounts.
    Figure,
    /// Causes and effects.
    Causal,
    /// Predictions and speculation.
    Prediction,
    /// Allegations of wrongdoing.
    Allegation,
    /// Opinion or evaluation stated as fact.
    Characterization,
    /// What someone thinks, wants or feels.
    Motive,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Figure => "figure",
            ClaimKind::Causal => "causal",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Allegation => "allegation",
            ClaimKind::Characterization => "characterization",
            ClaimKind::Motive => "motive",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimStatus {
    Attributed,
    Anonymous,
    Vague,
    Unattributed,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Attributed => "attributed",
            ClaimStatus::Anonymous => "anonymous",
            ClaimStatus::Vague => "vague",
            ClaimStatus::Unattributed => "unattributed",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Claim {
    /// The sentence that makes the claim.
    pub span: Span,
    pub kind: ClaimKind,
    pub status: ClaimStatus,
    pub sentence: usize,
    /// The words that make it a claim ("tens of thousands", "could").
    pub trigger: Span,
    /// The attribution that sources it, if any.
    pub attribution: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" | "information" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// Every finding code. The names are stable: editors, CI and `copydesk.toml` refer to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    UnattributedClaim,
    UnattributedQuote,
    VagueAttribution,
    AnonymousSource,
    LoadedAttributionVerb,
    ScareQuote,
    Editorializing,
    FirstReference,
    NameVariant,
    UnknownSource,
    UnusedSource,
}

impl Code {
    pub const ALL: [Code; 11] = [
        Code::UnattributedClaim,
        Code::UnattributedQuote,
        Code::VagueAttribution,
        Code::AnonymousSource,
        Code::LoadedAttributionVerb,
        Code::ScareQuote,
        Code::Editorializing,
        Code::FirstReference,
        Code::NameVariant,
        Code::UnknownSource,
        Code::UnusedSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnattributedClaim => "unattributed-claim",
            Code::UnattributedQuote => "unattributed-quote",
            Code::VagueAttribution => "vague-attribution",
            Code::AnonymousSource => "anonymous-source",
            Code::LoadedAttributionVerb => "loaded-attribution-verb",
            Code::ScareQuote => "scare-quote",
            Code::Editorializing => "editorializing",
            Code::FirstReference => "first-reference",
            Code::NameVariant => "name-variant",
            Code::UnknownSource => "unknown-source",
            Code::UnusedSource => "unused-source",
        }
    }

    /// Where the README explains the code (its section's anchor is the code).
    pub fn help_uri(self) -> String {
        format!(
            "https://github.com/copydesk/copydesk/blob/main/README.md#{}",
            self.as_str()
        )
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The severity a finding has unless the configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnattributedClaim | Code::UnattributedQuote => Severity::Warning,
            Code::VagueAttribution | Code::AnonymousSource => Severity::Warning,
            Code::LoadedAttributionVerb | Code::NameVariant | Code::UnknownSource => {
                Severity::Warning
            }
            Code::UnusedSource => Severity::Hint,
            Code::ScareQuote | Code::FirstReference => Severity::Info,
            Code::Editorializing => Severity::Hint,
        }
    }

    /// One line on what the code is about.
    pub fn summary(self) -> &'static str {
        match self {
            Code::UnattributedClaim => "a claim that needs a source has none",
            Code::UnattributedQuote => "a quotation with no speaker",
            Code::VagueAttribution => "a source that is gestured at but not identified",
            Code::AnonymousSource => "an unnamed source without the description AP asks for",
            Code::LoadedAttributionVerb => "an attribution verb that judges the speaker",
            Code::ScareQuote => "a phrase in quote marks that nobody is said to have said",
            Code::Editorializing => "an opinion word in news copy",
            Code::FirstReference => "a person's first mention lacks the full name",
            Code::NameVariant => "one person's name spelled two ways",
            Code::UnknownSource => "a citation whose id is not in the story's sources",
            Code::UnusedSource => "a source in the library that the story never cites",
        }
    }
}

/// A note attached to a finding that points elsewhere in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// What is missing and what would fix it, addressed to the reporter.
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
}

/// What the user's configuration changes in the analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// More speech verbs (any form, lowercase).
    pub speech_verbs: Vec<String>,
    /// More vague-source words ("pundits").
    pub vague_sources: Vec<String>,
    /// Words that are names (lowercase).
    pub names: Vec<String>,
    /// Words that are never part of a name (lowercase).
    pub not_names: Vec<String>,
    /// Codes switched off.
    pub disabled: Vec<Code>,
    /// Severities set by the user.
    pub severities: Vec<(Code, Severity)>,
    /// The ids of the story's source library, when it has one.
    pub source_ids: Option<Vec<String>>,
    /// The newsroom people file: the authority on spellings.
    pub people: Vec<KnownName>,
    /// The word that starts an ignore marker; "copydesk-ignore" when empty.
    pub ignore_word: String,
}

/// A person in the newsroom people file, as the analysis needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownName {
    pub name: String,
    /// Spellings the newsroom does not use ("Zelensky").
    pub rejected: Vec<String>,
}

impl Settings {
    pub fn enabled(&self, code: Code) -> bool {
        !self.disabled.contains(&code)
    }
    pub fn ignore_word(&self) -> &str {
        if self.ignore_word.is_empty() {
            "copydesk-ignore"
        } else {
            &self.ignore_word
        }
    }

    pub fn severity(&self, code: Code) -> Severity {
        self.severities
            .iter()
            .rev()
            .find(|(c, _)| *c == code)
            .map_or(code.default_severity(), |(_, s)| *s)
    }
}

/// Everything copydesk knows about one document.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    pub people: Vec<Person>,
    pub attributions: Vec<Attribution>,
    pub claims: Vec<Claim>,
    /// In document order.
    pub findings: Vec<Finding>,
    /// Citations in the text.
    pub citations: Vec<citations::Citation>,
    /// Footnote definitions (`[^id]: ...`) in a Markdown document.
    pub footnote_defs: Vec<String>,
    /// Ignore markers left by the reporter.
    pub ignores: Vec<citations::IgnoreMarker>,
}

impl Analysis {
    /// Frees the spare capacity of every list: an editor keeps an analysis for each open
    /// document, and growth by doubling leaves up to half of each list unused.
    fn shrink(&mut self) {
        self.paragraphs.shrink_to_fit();
        self.sentences.shrink_to_fit();
        self.quotes.shrink_to_fit();
        self.people.shrink_to_fit();
        for p in &mut self.people {
            p.mentions.shrink_to_fit();
        }
        self.attributions.shrink_to_fit();
        self.claims.shrink_to_fit();
        self.findings.shrink_to_fit();
        self.citations.shrink_to_fit();
    }

    /// The person with a mention at byte `offset`, and that mention's index.
    pub fn person_at(&self, offset: usize) -> Option<(usize, usize)> {
        self.people.iter().enumerate().find_map(|(p, person)| {
            person
                .mentions
                .iter()
                .position(|m| m.span.start <= offset && offset <= m.span.end)
                .map(|m| (p, m))
        })
    }

    /// The sentence holding byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end < offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

/// The document as the stages see it: prose text, tokens and structure.
pub struct Doc<'a> {
    /// The text with non-prose bytes blanked (Markdown), or the text itself.
    pub text: &'a str,
    pub t: Tokens,
    pub lex: Lex<'a>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// For each token, the sentence that holds it.
    pub sentence_of: Vec<u32>,
    /// For each token, whether it is inside a quotation (someone else's words); filled once
    /// the quotes are known.
    pub quoted: Vec<bool>,
    /// For each sentence, what its own tokens say about claims; filled with `quoted`.
    pub locals: Locals,
}

/// The claim-local facts of each sentence: computed for this analysis, or shared with the
/// incremental memo (cloning each sentence's facts out of it cost an allocation a sentence).
pub enum Locals {
    Owned(Vec<claims::Local>),
    Shared(Vec<std::sync::Arc<claims::Local>>),
}

impl std::ops::Index<usize> for Locals {
    type Output = claims::Local;

    fn index(&self, si: usize) -> &claims::Local {
        match self {
            Locals::Owned(v) => &v[si],
            Locals::Shared(v) => &v[si],
        }
    }
}

impl Doc<'_> {
    pub fn tok_text(&self, i: usize) -> &str {
        let t = &self.t.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }
    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn range_text(&self, r: Range<usize>) -> &str {
        if r.is_empty() {
            return "";
        }
        &self.text[self.t.toks[r.start].start as usize..self.t.toks[r.end - 1].end as usize]
    }
    pub fn range_span(&self, r: Range<usize>) -> Span {
        if r.is_empty() {
            let at = self
                .t
                .toks
                .get(r.start)
                .map_or(self.text.len(), |t| t.start as usize);
            return Span::new(at, at);
        }
        Span::new(
            self.t.toks[r.start].start as usize,
            self.t.toks[r.end - 1].end as usize,
        )
    }
}

fn build_doc<'a>(
    text: &'a str,
    blocks: Vec<text::RawBlock>,
    lex: Lex<'a>,
    memo: &mut Option<&mut incremental::Memo>,
) -> Doc<'a> {
    let t = match memo {
        Some(m) => m.tokenize(text),
        None => text::tokenize(text),
    };
    let mut paragraphs = Vec::with_capacity(blocks.len());
    // Capacities from typical news prose (about 22 tokens a sentence), so that the long lists
    // of a long story are not copied as they grow; `Analysis::shrink` trims what is kept.
    let mut sentences = Vec::with_capacity(t.len() / 16 + 1);
    let mut sentence_of = vec![u32::MAX; t.len()];
    // Blocks come in text order and no token spans the blank between two: a block's tokens are
    // searched for from the last block's end (from the start, should a block ever overlap the
    // last).
    let (mut e, mut last_end) = (0, 0);
    for (pi, b) in blocks.iter().enumerate() {
        let from = if b.span.start >= last_end { e } else { 0 };
        let s = t.starting_at(from, b.span.start);
        e = t.ending_after(s, b.span.end);
        last_end = b.span.end;
        if s >= e {
            continue;
        }
        let index = paragraphs.len();
        let first = sentences.len();
        let owned;
        let structure: &BlockStructure = match memo {
            Some(m) => m.block(&t, s..e, pi, b.heading, || {
                block_structure(text, &t, s..e, pi, b.heading).moved(s, 0)
            }),
            None => {
                owned = block_structure(text, &t, s..e, pi, b.heading).moved(s, 0);
                &owned
            }
        };
        let kind = structure.kind;
        for (r, skind) in &structure.sentences {
            let r = r.start + s..r.end + s;
            let si = sentences.len() as u32;
            for x in r.clone() {
                sentence_of[x] = si;
            }
            sentences.push(Sentence {
                span: Span::new(
                    t.toks[r.start].start as usize,
                    t.toks[r.end - 1].end as usize,
                ),
                kind: *skind,
                paragraph: index,
                tokens: r,
            });
        }
        paragraphs.push(Paragraph {
            span: Span::new(t.toks[s].start as usize, t.toks[e - 1].end as usize),
            kind,
            sentences: first..sentences.len(),
        });
    }
    let doc = Doc {
        text,
        t,
        lex,
        paragraphs,
        sentences,
        sentence_of,
        quoted: Vec::new(),
        locals: Locals::Owned(Vec::new()),
    };
    if let Some(m) = memo {
        m.structure(&doc);
    }
    doc
}

/// A paragraph's kind and its sentences with their kinds (token ranges relative to the
/// paragraph's first token when kept in the incremental memo).
#[derive(Clone, Debug)]
pub(crate) struct BlockStructure {
    kind: ParagraphKind,
    sentences: Vec<(Range<usize>, SentenceKind)>,
}

impl BlockStructure {
    fn moved(mut self, from: usize, to: usize) -> BlockStructure {
        for (r, _) in &mut self.sentences {
            *r = r.start - from + to..r.end - from + to;
        }
        self
    }
}

/// The structure of the paragraph whose tokens are `r` (block `pi` of the text).
fn block_structure(
    text: &str,
    t: &Tokens,
    r: Range<usize>,
    pi: usize,
    heading: bool,
) -> BlockStructure {
    let (s, e) = (r.start, r.end);
    let kind = text::paragraph_kind(text, t, s..e, pi, heading);
    #[allow(clippy::single_range_in_vec_init)] // one sentence: the whole paragraph
    let mut ranges = if kind == ParagraphKind::Body {
        text::split_sentences(text, t, s..e)
    } else {
        vec![s..e]
    };
    // A dateline ("MOSCOW —") stands apart from the sentence it opens.
    if kind == ParagraphKind::Body && !ranges.is_empty() {
        let d = text::dateline_len(t, ranges[0].clone());
        if d > 0 && d < ranges[0].len() {
            let r0 = ranges[0].clone();
            ranges[0] = r0.start + d..r0.end;
            ranges.insert(0, r0.start..r0.start + d);
        }
    }
    let sentences = ranges
        .into_iter()
        .enumerate()
        .map(|(k, r)| {
            let skind = match kind {
                ParagraphKind::Body if k == 0 && text::dateline_len(t, r.clone()) == r.len() => {
                    SentenceKind::Dateline
                }
                ParagraphKind::Body => text::sentence_kind(t, r.clone()),
                ParagraphKind::Headline => SentenceKind::Headline,
                ParagraphKind::Heading => SentenceKind::Heading,
                ParagraphKind::Dateline => SentenceKind::Dateline,
                ParagraphKind::Byline => SentenceKind::Byline,
            };
            (r, skind)
        })
        .collect();
    BlockStructure { kind, sentences }
}

/// What the engine finds besides prose: citations, footnote definitions, ignore markers.
struct Extras {
    citations: Vec<citations::Citation>,
    footnote_defs: Vec<String>,
    ignores: Vec<citations::IgnoreMarker>,
}

/// Analyses one document.
pub fn analyze(text: &str, kind: DocKind, settings: &Settings) -> Analysis {
    analyze_with(text, kind, settings, None)
}

/// [`analyze`], taking what it can from a per-paragraph memo when one is given (the
/// incremental analysis).
fn analyze_with(
    text: &str,
    kind: DocKind,
    settings: &Settings,
    mut memo: Option<&mut incremental::Memo>,
) -> Analysis {
    let lex = Lex::new(settings);
    let word = settings.ignore_word();
    match kind {
        DocKind::Text => {
            let ignores = citations::ignore_markers(text, word, false);
            let extras = Extras {
                citations: citations::find(text, None),
                footnote_defs: Vec::new(),
                ignores,
            };
            // Markers are not prose: blank them (offsets stay).
            let masked: std::borrow::Cow<str> = if extras.ignores.is_empty() {
                text.into()
            } else {
                let mut b = text.as_bytes().to_vec();
                for m in &extras.ignores {
                    for x in &mut b[m.span.start..m.span.end] {
                        if *x != b'\n' {
                            *x = b' ';
                        }
                    }
                }
                String::from_utf8(b).map_or(text.into(), Into::into)
            };
            let blocks = match memo.as_deref_mut() {
                // Found from the line starts the incremental tokenizer cuts the text at.
                Some(m) => text::plain_blocks_at(&masked, m.line_starts(&masked)),
                None => text::plain_blocks(&masked),
            };
            let doc = build_doc(&masked, blocks, lex, &mut memo);
            run(doc, extras, memo)
        }
        DocKind::Markdown => {
            let p = markdown::prose(text);
            let extras = Extras {
                citations: citations::find(text, Some(&p)),
                footnote_defs: p.footnote_defs.clone(),
                ignores: citations::ignore_markers(text, word, true),
            };
            let blocks = p
                .blocks
                .iter()
                .map(|b| text::RawBlock {
                    span: b.span,
                    heading: b.heading,
                })
                .collect();
            let doc = build_doc(&p.masked, blocks, lex, &mut memo);
            run(doc, extras, memo)
        }
    }
}

/// The sentence a citation or marker at `pos` belongs to: the one holding it, else the last one
/// that starts before it (`Prices fell.[^1]` cites for "Prices fell.").
fn sentence_before(sentences: &[Sentence], pos: usize) -> Option<usize> {
    sentences
        .partition_point(|s| s.span.start <= pos)
        .checked_sub(1)
}

/// The claim-local facts of sentences `r` (see [`claims::Local`]).
fn sentence_locals(doc: &Doc, r: Range<usize>) -> Vec<claims::Local> {
    doc.sentences[r]
        .iter()
        .map(|s| claims::Local::of(&doc.t, &doc.lex.base.opinion, &s.tokens, &doc.quoted))
        .collect()
}

/// The quote marks of the document's paragraphs.
fn quote_marks(doc: &Doc, memo: Option<&mut incremental::Memo>) -> Vec<quotes::QuoteMark> {
    let para_ranges: Vec<Range<usize>> = doc
        .paragraphs
        .iter()
        .map(|p| {
            doc.sentences[p.sentences.start].tokens.start
                ..doc.sentences[p.sentences.end - 1].tokens.end
        })
        .collect();
    quotes::find_with(doc.text, &doc.t, &para_ranges, memo)
}

fn run(mut doc: Doc<'_>, extras: Extras, mut memo: Option<&mut incremental::Memo>) -> Analysis {
    let (mut a, sources) = before_claims(&mut doc, extras, memo.as_deref_mut());
    a.claims = claims::find(&doc, &a, &sources);
    a.findings = checks::run(&doc, &a);
    a.shrink();
    if let Some(m) = memo {
        m.keep_tokens(std::mem::take(&mut doc.t));
    }
    a
}

/// Claims' sources by sentence (see [`attribution::Found::sentence_sources`]).
type Sources = Vec<Option<(ClaimStatus, usize)>>;

/// Every stage before the claims: quotes, people, attributions (citations among them), and the
/// sentences' claim-local facts.
fn before_claims(
    doc: &mut Doc<'_>,
    extras: Extras,
    mut memo: Option<&mut incremental::Memo>,
) -> (Analysis, Sources) {
    let marks = quote_marks(doc, memo.as_deref_mut());
    let people = people::find(doc, &marks, memo.as_deref_mut());
    let mut attrs = attribution::find(doc, &marks, &people, memo.as_deref_mut());
    // A sentence that cites a source is sourced.
    for c in &extras.citations {
        let Some(si) = sentence_before(&doc.sentences, c.span.start) else {
            continue;
        };
        attrs.attributions.push(Attribution {
            cue: c.span,
            class: CueClass::Evidence,
            lemma: "cite",
            source: None,
            content: smallvec::smallvec![doc.sentences[si].span],
            person: None,
            kind: SourceKind::Organisation,
            described: false,
            sentence: si,
        });
        let ai = attrs.attributions.len() - 1;
        if attrs.sentence_sources[si].is_none_or(|(st, _)| st != ClaimStatus::Attributed) {
            attrs.sentence_sources[si] = Some((ClaimStatus::Attributed, ai));
        }
    }
    // Keep attributions in document order (later stages rely on it), and every index into them
    // pointing at the same attribution.
    let mut order: Vec<usize> = (0..attrs.attributions.len()).collect();
    order.sort_by_key(|&i| {
        (
            attrs.attributions[i].sentence,
            attrs.attributions[i].cue.start,
        )
    });
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    if order.iter().enumerate().any(|(new, &old)| new != old) {
        // Moved, not cloned: each attribution owns its content spans.
        let mut old: Vec<Option<Attribution>> = std::mem::take(&mut attrs.attributions)
            .into_iter()
            .map(Some)
            .collect();
        attrs.attributions = order
            .iter()
            .map(|&i| old[i].take().expect("a permutation takes each once"))
            .collect();
    }
    for (_, a) in attrs.sentence_sources.iter_mut().flatten() {
        *a = new_index[*a];
    }
    for q in &mut attrs.quotes {
        if let Some(a) = &mut q.attribution {
            *a = new_index[*a];
        }
    }
    let a = Analysis {
        paragraphs: doc.paragraphs.clone(),
        sentences: doc.sentences.clone(),
        quotes: attrs.quotes,
        people: people.people,
        attributions: attrs.attributions,
        claims: Vec::new(),
        findings: Vec::new(),
        citations: extras.citations,
        footnote_defs: extras.footnote_defs,
        ignores: extras.ignores,
    };
    doc.quoted = claims::quoted_tokens(doc, &a);
    doc.locals = match memo {
        Some(m) => Locals::Shared(m.locals(doc)),
        None => Locals::Owned(sentence_locals(doc, 0..doc.sentences.len())),
    };
    (a, attrs.sentence_sources)
}

/// The stages one by one, for the benchmarks (`benches/analysis.rs`); not an API.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Tokens and structure of a plain-text document.
    pub fn doc<'a>(text: &'a str, settings: &'a Settings) -> Doc<'a> {
        build_doc(
            text,
            text::plain_blocks(text),
            Lex::new(settings),
            &mut None,
        )
    }
    pub fn quotes(doc: &Doc) -> Vec<quotes::QuoteMark> {
        quote_marks(doc, None)
    }
    pub fn people(doc: &Doc, marks: &[quotes::QuoteMark]) -> people::People {
        people::find(doc, marks, None)
    }
    pub fn attribution(
        doc: &Doc,
        marks: &[quotes::QuoteMark],
        people: &people::People,
    ) -> attribution::Found {
        attribution::find(doc, marks, people, None)
    }
    /// Everything before the claims (and fills `doc`'s claim-local facts).
    pub fn before_claims(doc: &mut Doc) -> (Analysis, Vec<Option<(ClaimStatus, usize)>>) {
        let extras = Extras {
            citations: Vec::new(),
            footnote_defs: Vec::new(),
            ignores: Vec::new(),
        };
        super::before_claims(doc, extras, None)
    }
    pub fn claims(doc: &Doc, a: &Analysis, sources: &[Option<(ClaimStatus, usize)>]) -> Vec<Claim> {
        claims::find(doc, a, sources)
    }
    pub fn checks(doc: &Doc, a: &Analysis) -> Vec<Finding> {
        checks::run(doc, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_documents() {
        for text in ["", " ", "\n\n\n", "\r\n", "```\ncode\n```"] {
            for kind in [DocKind::Text, DocKind::Markdown] {
                let a = analyze(text, kind, &Settings::default());
                assert!(a.findings.is_empty(), "{text:?}");
                assert!(a.people.is_empty());
            }
        }
    }

    #[test]
    fn every_prefix_and_suffix_of_the_seed_analyses_without_panic() {
        let seed = include_str!("../../seeds/peace-talks.txt");
        let cuts: Vec<usize> = (0..=seed.len())
            .filter(|&i| seed.is_char_boundary(i))
            .step_by(19)
            .collect();
        for &i in &cuts {
            for kind in [DocKind::Text, DocKind::Markdown] {
                let a = analyze(&seed[..i], kind, &Settings::default());
                for f in &a.findings {
                    assert!(
                        f.span.end <= i
                            && seed.is_char_boundary(f.span.start)
                            && seed.is_char_boundary(f.span.end)
                    );
                }
                analyze(&seed[i..], kind, &Settings::default());
            }
        }
        for tail in [
            "Peskov's",
            "\"Mohib",
            "' Matthew Ingram",
            "Mr.",
            "U.S",
            "said",
            "according to",
            "\"x\" -",
        ] {
            analyze(tail, DocKind::Text, &Settings::default());
        }
    }

    #[test]
    fn doc_kind_from_path() {
        assert_eq!(DocKind::from_path("a/story.MD"), DocKind::Markdown);
        assert_eq!(DocKind::from_path("story.markdown"), DocKind::Markdown);
        assert_eq!(DocKind::from_path("story.txt"), DocKind::Text);
    }

    #[test]
    fn settings_override_severity_and_disable() {
        let s = Settings {
            disabled: vec![Code::ScareQuote],
            severities: vec![(Code::Editorializing, Severity::Warning)],
            ..Settings::default()
        };
        assert!(!s.enabled(Code::ScareQuote));
        assert_eq!(s.severity(Code::Editorializing), Severity::Warning);
        assert_eq!(s.severity(Code::NameVariant), Severity::Warning);
        assert_eq!(Code::parse("name-variant"), Some(Code::NameVariant));
    }

    #[test]
    fn structure_of_a_story() {
        let text = "Talks set to begin\n\nFriday, July 21, 2017\n\nMOSCOW — Peskov said talks began. They end.\n";
        let a = analyze(text, DocKind::Text, &Settings::default());
        let kinds: Vec<SentenceKind> = a.sentences.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Headline,
                SentenceKind::Dateline,
                SentenceKind::Dateline,
                SentenceKind::Body,
                SentenceKind::Body
            ]
        );
        assert_eq!(
            &text[a.sentences[3].span.start..a.sentences[3].span.end],
            "Peskov said talks began."
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The galloping search finds what a binary search of the whole slice finds, from any
        /// start at or before the answer.
        #[test]
        fn partition_from_is_partition_point(
            mut v in proptest::collection::vec(0u32..1000, 0..300),
            x in 0u32..1100,
            back in 0usize..400,
        ) {
            v.sort_unstable();
            let want = v.partition_point(|&y| y < x);
            let from = want.saturating_sub(back);
            prop_assert_eq!(partition_from(&v, from, |&y| y < x), want);
        }
    }

    fn newsy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("Peskov"),
                Just(" said "),
                Just("\""),
                Just("“"),
                Just("”"),
                Just("'"),
                Just("’"),
                Just("Mr."),
                Just("U.S."),
                Just(" "),
                Just("\n\n"),
                Just("\r\n"),
                Just("."),
                Just(","),
                Just("According to"),
                Just("experts say"),
                Just("10,000"),
                Just("🙂"),
                Just("[@x]"),
                Just("[^1]"),
                Just("```"),
                Just("# "),
                Just("<!-- copydesk-ignore scare-quote -->"),
                Just("---\n"),
                Just("could"),
                Just("Zelensky"),
                Just("Zelenskyy"),
                Just("-"),
                Just("\u{0}"),
            ],
            0..80,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn analysis_never_panics_and_spans_are_in_bounds(text in newsy(), md in any::<bool>()) {
            let kind = if md { DocKind::Markdown } else { DocKind::Text };
            let a = analyze(&text, kind, &Settings::default());
            for f in &a.findings {
                prop_assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
            for p in &a.people {
                for m in &p.mentions {
                    prop_assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start));
                }
            }
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,200}", md in any::<bool>()) {
            let kind = if md { DocKind::Markdown } else { DocKind::Text };
            analyze(&text, kind, &Settings::default());
        }
    }
}
