//! The engine's output types: what an [`Analysis`] holds (spans, paragraphs, sentences,
//! quotes, people, attributions, claims, findings) and the [`Settings`] it is run with. Plain
//! data: every stage builds them, none of them knows a stage.

use std::ops::Range;

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
        surname_of(&self.name)
    }
}

/// A full name's surname: its last word that is not a suffix ("Luther Stan Pate IV" is a
/// Pate, "Martin Luther King Jr." a King); a ruler with an epithet goes by the given name
/// ("Peter the Great" is "Peter").
fn surname_of(name: &str) -> &str {
    if let Some((given, _)) = name.split_once(" the ") {
        return given;
    }
    name.rsplit(' ')
        .find(|w| !NAME_SUFFIXES.iter().any(|x| x.eq_ignore_ascii_case(w)))
        .unwrap_or(name)
}

/// `lexicon/lists/suffixes.txt`, here because the model is below the lexicon; a lexicon test
/// keeps the two the same.
pub(crate) const NAME_SUFFIXES: &[&str] = &[
    "ii", "iii", "iv", "jr", "jr.", "sr", "sr.", "vi", "vii", "viii",
];

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
    /// The newsroom's "to come" marker for a missing source; "[TK: source]" when empty. A
    /// claim or quote whose sentence holds it is a source to come: info, not a warning.
    pub tk: String,
}

/// A person in the newsroom people file, as the analysis needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownName {
    pub name: String,
    /// Spellings the newsroom does not use ("Zelensky").
    pub rejected: Vec<String>,
}

impl KnownName {
    /// The surname: the name's last word that is not a suffix.
    pub fn surname(&self) -> &str {
        surname_of(&self.name)
    }

    /// Whether `spelling` (a full name or a surname) is this person's, accepted or rejected.
    pub fn knows(&self, spelling: &str) -> bool {
        KnownName::spells(&self.name, &self.rejected, spelling)
    }

    /// Whether `spelling` is the full name or surname of `name`, or one of its `rejected`
    /// spellings (or their surnames); case does not matter. Shared with the people file's
    /// entries, which hold the same two fields.
    pub fn spells(name: &str, rejected: &[String], spelling: &str) -> bool {
        let s = spelling.to_lowercase();
        let surname = name.rsplit(' ').next().unwrap_or(name);
        name.to_lowercase() == s
            || surname.to_lowercase() == s
            || rejected.iter().any(|r| {
                r.to_lowercase() == s || r.rsplit(' ').next().is_some_and(|x| x.to_lowercase() == s)
            })
    }
}

impl Settings {
    pub fn enabled(&self, code: Code) -> bool {
        !self.disabled.contains(&code)
    }
    pub fn tk(&self) -> &str {
        if self.tk.is_empty() {
            "[TK: source]"
        } else {
            &self.tk
        }
    }

    pub fn ignore_word(&self) -> &str {
        if self.ignore_word.is_empty() {
            "copydesk-ignore"
        } else {
            &self.ignore_word
        }
    }

    /// The severity the user set for `code`, if any (the default is the check's own:
    /// `Settings::severity` in `checks`).
    pub fn severity_set(&self, code: Code) -> Option<Severity> {
        self.severities
            .iter()
            .rev()
            .find(|(c, _)| *c == code)
            .map(|(_, s)| *s)
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
    pub citations: Vec<Citation>,
    /// Footnote definitions (`[^id]: ...`) in a Markdown document.
    pub footnote_defs: Vec<String>,
    /// Ignore markers left by the reporter.
    pub ignores: Vec<IgnoreMarker>,
}

impl Analysis {
    /// Frees the spare capacity of every list: an editor keeps an analysis for each open
    /// document, and growth by doubling leaves up to half of each list unused.
    pub(crate) fn shrink(&mut self) {
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
    /// The span of the sentence that holds `span`'s start; `span` itself outside sentences.
    pub fn sentence_span(&self, span: Span) -> Span {
        self.sentence_at(span.start)
            .map_or(span, |i| self.sentences[i].span)
    }

    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        // The sentence that starts at `offset` wins over one that ends there ("war.The": no
        // space between them); an offset just after a sentence still belongs to it.
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        if i < self.sentences.len() && self.sentences[i].span.start <= offset {
            return Some(i);
        }
        i.checked_sub(1)
            .filter(|&p| self.sentences[p].span.end == offset)
    }
}

/// A citation in the text (see `citations`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CitationKind {
    /// `[@id]`; one citation a key.
    Pandoc,
    /// `[^id]`.
    Footnote,
    /// `[text](url)`.
    Link,
    /// `(Source: ...)`.
    Plain,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub span: Span,
    pub kind: CitationKind,
    /// The source id (Pandoc, footnote).
    pub id: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreMarker {
    pub span: Span,
    pub codes: Vec<Code>,
}

/// What kind of attribution a cue verb expresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Said, told, wrote, announced...
    Speech,
    /// A speech verb that judges the speaker ("claimed", "admitted"); AP prefers "said".
    Loaded,
    /// Believes, thinks, expects...
    Thought,
    /// Wants, plans, refuses...
    Intention,
    /// Shows, found: a document or study as the source.
    Evidence,
}

impl CueClass {
    /// The class named in `cues.txt`.
    pub(crate) fn parse(s: &str) -> Option<CueClass> {
        Some(match s {
            "speech" => CueClass::Speech,
            "loaded" => CueClass::Loaded,
            "thought" => CueClass::Thought,
            "intention" => CueClass::Intention,
            "evidence" => CueClass::Evidence,
            _ => return None,
        })
    }

    /// Does a source behind this cue make a claim sourced? Speech and evidence do; a claim
    /// about what someone thinks or wants is itself a claim that needs a source.
    pub fn sources_claims(self) -> bool {
        matches!(
            self,
            CueClass::Speech | CueClass::Loaded | CueClass::Evidence
        )
    }

    /// Does a cue of this class and lemma hold a view on what follows ("believe", "expect",
    /// "fear", "blame"), as against a wish or a plan ("want", "plan", "hope to")? An unnamed
    /// group's view is a vague source for the claim it holds ("Some strategists think the
    /// party will lose").
    pub fn holds_view(self, lemma: &str) -> bool {
        self.holds_fixed_view(lemma) || self.feels(lemma) || self.names_view(lemma)
    }

    /// Does a cue of this class and lemma name a view as a noun ("concern", "a widespread
    /// recognition")? It holds one only on a "that" clause after it: "There is growing concern
    /// that the deal will collapse", not "amid concerns about his health".
    pub fn names_view(self, lemma: &str) -> bool {
        self == CueClass::Thought
            && matches!(
                lemma,
                "concern" | "concerns" | "anxiety" | "belief" | "consensus" | "recognition"
            )
    }

    /// Does a cue of this class and lemma name a feeling ("are concerned", "have been upset",
    /// "were angry")? A feeling holds a view only on a clause after it ("that ...", "about
    /// ..."): "Voters are angry" says nothing that needs a source.
    pub fn feels(self, lemma: &str) -> bool {
        self == CueClass::Thought
            && matches!(
                lemma,
                "concerned" | "upset" | "angry" | "alarmed" | "frustrated" | "furious"
            )
    }

    /// [`CueClass::holds_view`] without the feelings and view nouns, which hold a view only
    /// on a clause after them: the verbs and adjectives that hold one whatever follows.
    pub fn holds_fixed_view(self, lemma: &str) -> bool {
        self == CueClass::Thought
            && matches!(
                lemma,
                "believe"
                    | "think"
                    | "feel"
                    | "know"
                    | "expect"
                    | "fear"
                    | "worry"
                    | "doubt"
                    | "suspect"
                    | "wonder"
                    | "consider"
                    | "assume"
                    // Learned cue words (each its own lemma) that assign blame or credit
                    // or hold a view: "critics blame", "officials have attributed", "some
                    // Democrats are concerned that".
                    | "blame"
                    | "blamed"
                    | "blaming"
                    | "attributed"
                    | "credited"
                    | "convinced"
                    | "confident"
                    | "skeptical"
                    | "optimistic"
                    // ... or judge: "his critics denounced him", "opponents dismissed the plan".
                    | "denounced"
                    | "lambasted"
                    | "dismissed"
            )
    }
}

/// How citation code actions write a citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CitationStyle {
    /// `[@id]`
    #[default]
    Pandoc,
    /// `[^id]`, with the footnote's definition appended when missing.
    Footnote,
    /// `[title](url)`
    Link,
}

/// Citation settings (`[citations]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citations {
    pub style: CitationStyle,
    /// The plain-text citation, with `{title}`, `{who}`, `{date}`, `{url}`, `{id}`.
    pub plain: String,
    /// The newsroom's "to come" marker for a missing source.
    pub tk: String,
}

impl Default for Citations {
    fn default() -> Citations {
        Citations {
            style: CitationStyle::Pandoc,
            plain: "(Source: {title}, {date})".into(),
            tk: "[TK: source]".into(),
        }
    }
}
