//! Whole-document analysis throughput, on the sample stories and on a 10,000-word story built
//! from them. Run: `cargo bench --bench analysis`. Criterion reports the median time and the
//! throughput in bytes per second (one core: the analysis is single-threaded).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use copydesk::analysis::{DocKind, Settings, analyze, markdown, text};

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

    // The stages that stand alone: tokenizing (every byte, every keystroke) and finding the
    // prose of a Markdown document.
    let mut st = c.benchmark_group("stage");
    st.throughput(Throughput::Bytes(long.len() as u64));
    st.bench_function("tokenize/10000-words", |b| {
        b.iter(|| text::tokenize(black_box(&long)))
    });
    st.throughput(Throughput::Bytes(long_md.len() as u64));
    st.bench_function("markdown-prose/10000-words.md", |b| {
        b.iter(|| markdown::prose(black_box(&long_md)))
    });
    st.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
