//! Analysis throughput: the whole document (the sample stories, and 10,000- and 100,000-word
//! stories built from them), each stage on its own, and the incremental analysis after one
//! keystroke. Run: `cargo bench --bench analysis`. Criterion reports the median time and the
//! throughput in bytes per second (one core: the analysis is single-threaded).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use copydesk::analysis::incremental::Incremental;
use copydesk::analysis::{DocKind, Settings, analyze, markdown, stages, text};

#[path = "story.rs"]
mod story;

const SEEDS: [(&str, &str, DocKind); 3] = [
    (
        "peace-talks.txt",
        include_str!("../seeds/peace-talks.txt"),
        DocKind::Text,
    ),
    (
        "council-budget.md",
        include_str!("../seeds/council-budget.md"),
        DocKind::Markdown,
    ),
    (
        "harbor-strike.txt",
        include_str!("../seeds/harbor-strike.txt"),
        DocKind::Text,
    ),
];

fn bench(c: &mut Criterion) {
    let settings = Settings::default();
    // Load the lexicons outside the measurement.
    analyze("warm up", DocKind::Text, &settings);
    let mut g = c.benchmark_group("analyze");
    for (name, text, kind) in SEEDS {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| analyze(black_box(text), kind, &settings))
        });
    }
    let long = story::story(10_000);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("10000-words", |b| {
        b.iter(|| analyze(black_box(&long), DocKind::Text, &settings))
    });
    let long_md = format!("---\ntitle: x\n---\n\n# Story\n\n{long}");
    g.throughput(Throughput::Bytes(long_md.len() as u64));
    g.bench_function("10000-words.md", |b| {
        b.iter(|| analyze(black_box(&long_md), DocKind::Markdown, &settings))
    });
    g.finish();

    // Each stage on its own, on the 10,000-word story, given the earlier stages' output.
    let mut st = c.benchmark_group("stage");
    st.throughput(Throughput::Bytes(long.len() as u64));
    st.bench_function("tokenize/10000-words", |b| {
        b.iter(|| text::tokenize(black_box(&long)))
    });
    st.bench_function("structure/10000-words", |b| {
        b.iter(|| stages::doc(black_box(&long), &settings))
    });
    let mut doc = stages::doc(&long, &settings);
    let marks = stages::quotes(&doc);
    let people = stages::people(&doc, &marks);
    st.bench_function("quotes/10000-words", |b| {
        b.iter(|| stages::quotes(black_box(&doc)))
    });
    st.bench_function("people/10000-words", |b| {
        b.iter(|| stages::people(black_box(&doc), &marks))
    });
    st.bench_function("attribution/10000-words", |b| {
        b.iter(|| stages::attribution(black_box(&doc), &marks, &people))
    });
    let (mut a, sources) = stages::before_claims(&mut doc);
    st.bench_function("claims/10000-words", |b| {
        b.iter(|| stages::claims(black_box(&doc), &a, &sources))
    });
    a.claims = stages::claims(&doc, &a, &sources);
    st.bench_function("checks/10000-words", |b| {
        b.iter(|| stages::checks(black_box(&doc), &a))
    });
    st.throughput(Throughput::Bytes(long_md.len() as u64));
    st.bench_function("markdown-prose/10000-words.md", |b| {
        b.iter(|| markdown::prose(black_box(&long_md)))
    });
    st.finish();

    // One keystroke, analysed incrementally: the memo holds the story and each iteration types
    // one more character into it, alternately at the end and in the middle, so that every text
    // analysed is new (a bench that went back to the same few texts measured the memo at its
    // best, about a third faster than real typing). Inserting into the `String` is timed too:
    // about 30 µs at 100,000 words, under half a percent.
    let mut inc = c.benchmark_group("keystroke");
    for words in [10_000, 100_000] {
        let base = story::story(words);
        let mut text = base.clone();
        let mut memo = Incremental::new();
        memo.analyze(&text, DocKind::Text, &settings);
        let mut k = 0usize;
        inc.throughput(Throughput::Bytes(base.len() as u64));
        inc.bench_function(format!("incremental/{words}-words"), |b| {
            b.iter(|| {
                k += 1;
                let at = if k.is_multiple_of(2) {
                    text.len() - 2
                } else {
                    text.floor_char_boundary(text.len() / 2)
                };
                text.insert(at, if k.is_multiple_of(7) { ' ' } else { 'e' });
                memo.analyze(black_box(&text), DocKind::Text, &settings)
            })
        });
        inc.bench_function(format!("whole/{words}-words"), |b| {
            b.iter(|| analyze(black_box(&base), DocKind::Text, &settings))
        });
    }
    inc.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
