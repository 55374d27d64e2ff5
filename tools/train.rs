//! Trains copydesk's cue model from PolNeAR's annotated attributions.
//!
//!     cargo run --release --example train -- ../shared/eval            # tune: hold out months
//!     cargo run --release --example train -- ../shared/eval --hold nyt # tune: hold out a publisher
//!     cargo run --release --example train -- ../shared/eval --final    # write the shipped model
//!
//! Reads `polnear_train.jsonl` (840 articles with gold source / cue / content spans) from the
//! folder given, leaves out the 63 articles of `polnear_labels_dev.jsonl` (their sentence labels
//! score the analysis, so the model never sees them) and, without `--final`, the articles of
//! August and September 2016 too, on which it reports how well the model does. With `--final`
//! it trains on every article but those 63 and writes
//! `src/analysis/lexicon/lists/learned_cue_words.txt` and `src/analysis/models/cues.model`.
//! Same data, same files: the order of examples is fixed and the arithmetic is sequential.
//!
//! No text from the corpus is written: the word list holds single words, the model hashed
//! feature weights.

use copydesk::analysis::attribution::{CueModel, cue_examples, may_learn};
use copydesk::analysis::text::TokKind;
use copydesk::analysis::{Settings, stages};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// 2^17 hashed weights: 256 KiB in the binary (2^18 was no better on the held-out months, 2^16
/// worse).
const BITS: u32 = 17;
/// Passes over the examples: past four the held-out F1 fell (overfitting), even averaged.
const EPOCHS: usize = 4;
const RATE: f64 = 0.2;
/// A word joins the learned candidates when it was part of at least this many gold cues...
const MIN_CUE: u32 = 3;
/// ...and of a gold cue in at least this share of its uses.
const MIN_RATE: f64 = 0.08;

struct Article {
    id: String,
    text: String,
    /// Gold cue spans, in bytes.
    cues: Vec<(usize, usize)>,
}

fn load(path: &Path) -> Vec<Article> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            let text = v["text"].as_str().unwrap_or("").to_string();
            // Gold offsets are code points; the engine's are bytes.
            let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            byte_at.push(text.len());
            let cues = v["attributions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| {
                            let c = x["cue"].as_array()?;
                            let s = c.first()?.as_u64()? as usize;
                            let e = c.get(1)?.as_u64()? as usize;
                            Some((*byte_at.get(s)?, *byte_at.get(e)?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            Article {
                id: v["id"].as_str().unwrap_or("").to_string(),
                text,
                cues,
            }
        })
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The words that were part of gold cues often enough (and are not in the cue lexicon).
fn learn_words(train: &[&Article], settings: &Settings) -> Vec<String> {
    let mut seen: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for a in train {
        let doc = stages::doc(&a.text, settings);
        let t = &doc.t;
        for i in 0..t.len() {
            if t.kind(i) != TokKind::Word {
                continue;
            }
            let sp = t.toks[i].span();
            let e = seen.entry(t.lower(i).to_string()).or_default();
            e.0 += 1;
            if a.cues.iter().any(|&c| overlaps((sp.start, sp.end), c)) {
                e.1 += 1;
            }
        }
    }
    let lex = Settings::default();
    let lexicon = copydesk::analysis::lexicon::Lex::new(&lex);
    seen.into_iter()
        .filter(|(w, (n, c))| {
            *c >= MIN_CUE
                && f64::from(*c) >= MIN_RATE * f64::from(*n)
                && may_learn(w)
                && lexicon.cue(w).is_none()
        })
        .map(|(w, _)| w)
        .collect()
}

/// One article's examples: features and whether the word is part of a gold cue.
fn examples(
    a: &Article,
    settings: &Settings,
    learned: &HashSet<&'static str>,
) -> Vec<(Vec<u32>, bool, bool)> {
    let doc = stages::doc(&a.text, settings);
    let marks = stages::quotes(&doc);
    let people = stages::people(&doc, &marks);
    let lookup = |w: &str| learned.get(w).copied();
    cue_examples(&doc, &marks, &people, &lookup)
        .into_iter()
        .map(|x| {
            let gold = a
                .cues
                .iter()
                .any(|&c| overlaps((x.span.start, x.span.end), c));
            (x.features, gold, x.rule)
        })
        .collect()
}

/// Logistic regression by AdaGrad over hashed features, examples in a fixed order.
fn train(data: &[(Vec<u32>, bool, bool)]) -> Vec<f32> {
    let n = 1usize << BITS;
    let mask = (n - 1) as u32;
    let mut w = vec![0f64; n];
    let mut g2 = vec![1e-8f64; n];
    // The average of the weights over every step (kept lazily: a bucket's sum is brought up to
    // date when it changes), which generalises better than the last weights.
    let mut sum = vec![0f64; n];
    let mut last = vec![0u64; n];
    let mut step: u64 = 0;
    // A fixed shuffle: a linear congruential walk over the examples.
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for epoch in 0..EPOCHS {
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        let mut loss = 0.0;
        for &e in &order {
            let (f, y, _) = &data[e];
            let z: f64 = f.iter().map(|&h| w[(h & mask) as usize]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if *y { 1.0 } else { 0.0 };
            loss -= if y > 0.5 {
                p.max(1e-12).ln()
            } else {
                (1.0 - p).max(1e-12).ln()
            };
            let g = p - y;
            step += 1;
            for &h in f {
                let b = (h & mask) as usize;
                sum[b] += w[b] * (step - last[b]) as f64;
                last[b] = step;
                let gi = g;
                g2[b] += gi * gi;
                w[b] -= RATE * gi / g2[b].sqrt();
            }
        }
        eprintln!("epoch {epoch}: mean loss {:.4}", loss / data.len() as f64);
    }
    (0..n)
        .map(|b| ((sum[b] + w[b] * (step - last[b]) as f64) / step.max(1) as f64) as f32)
        .collect()
}

/// Precision, recall and F1 over candidates at a threshold.
fn prf(
    model: &CueModel,
    data: &[(Vec<u32>, bool, bool)],
    threshold: Option<f32>,
) -> (f64, f64, f64) {
    let (mut tp, mut sys, mut gold) = (0u32, 0u32, 0u32);
    for (f, y, rule) in data {
        let on = match threshold {
            Some(th) => model.score(f) > th,
            None => *rule,
        };
        sys += u32::from(on);
        gold += u32::from(*y);
        tp += u32::from(on && *y);
    }
    let p = f64::from(tp) / f64::from(sys.max(1));
    let r = f64::from(tp) / f64::from(gold.max(1));
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .map_or("../shared/eval", String::as_str),
    );
    let final_run = args.iter().any(|a| a == "--final");
    let all = load(&dir.join("polnear_train.jsonl"));
    let labelled: HashSet<String> = load(&dir.join("polnear_labels_dev.jsonl"))
        .into_iter()
        .map(|a| a.id)
        .collect();
    // Ids read "publisher_2016-08-26_slug".
    // `--hold PUBLISHER` holds out one publisher's articles instead of the late months.
    let publisher = args
        .iter()
        .position(|a| a == "--hold")
        .and_then(|k| args.get(k + 1).cloned());
    let late = |a: &Article| match &publisher {
        Some(p) => a.id.split('_').next() == Some(p.as_str()),
        None => a.id.split('_').nth(1).is_some_and(|d| d >= "2016-08"),
    };
    let (train_set, held): (Vec<&Article>, Vec<&Article>) = all
        .iter()
        .filter(|a| !labelled.contains(&a.id))
        .partition(|a| final_run || !late(a));
    eprintln!(
        "{} training articles, {} held out",
        train_set.len(),
        held.len()
    );
    let settings = Settings::default();
    let words = learn_words(&train_set, &settings);
    eprintln!("{} learned candidate words", words.len());
    let learned: HashSet<&'static str> = words
        .iter()
        .map(|w| &*Box::leak(w.clone().into_boxed_str()))
        .collect();
    let data: Vec<_> = train_set
        .iter()
        .flat_map(|a| examples(a, &settings, &learned))
        .collect();
    eprintln!(
        "{} candidates, {} of them cues",
        data.len(),
        data.iter().filter(|x| x.1).count()
    );
    let weights = train(&data);
    let model = CueModel::from_bytes(&CueModel::to_bytes(&weights, 0.0)).expect("a model");
    let given = args
        .iter()
        .position(|a| a == "--threshold")
        .and_then(|k| args.get(k + 1)?.parse::<f32>().ok());
    let threshold = if let Some(th) = given {
        th
    } else if final_run {
        // Chosen on the held-out months (see the README): the best F1 there.
        0.0
    } else {
        let test: Vec<_> = held
            .iter()
            .flat_map(|a| examples(a, &settings, &learned))
            .collect();
        let (p, r, f) = prf(&model, &test, None);
        eprintln!("held out, the rules alone: P {p:.3} R {r:.3} F1 {f:.3} (candidates)");
        let mut best = (0.0, 0.0f32);
        for k in -12..=12 {
            let th = k as f32 * 0.25;
            let (p, r, f) = prf(&model, &test, Some(th));
            eprintln!("held out, threshold {th:+.2}: P {p:.3} R {r:.3} F1 {f:.3}");
            if f > best.0 {
                best = (f, th);
            }
        }
        eprintln!("best threshold {:+.2}", best.1);
        best.1
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = root.join("src/analysis/lexicon/lists/learned_cue_words.txt");
    let header: String = std::fs::read_to_string(&list)
        .unwrap_or_default()
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut body = header;
    for w in &words {
        body.push_str(w);
        body.push('\n');
    }
    std::fs::write(&list, body).expect("write the word list");
    std::fs::write(
        root.join("src/analysis/models/cues.model"),
        CueModel::to_bytes(&weights, threshold),
    )
    .expect("write the model");
    eprintln!(
        "wrote {} and src/analysis/models/cues.model (threshold {threshold})",
        list.display()
    );
}
