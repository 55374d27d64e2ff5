//! The analysis on arbitrary text, plain and Markdown: never panics, every range in bounds and on
//! character boundaries.
#![no_main]

use copydesk::analysis::{DocKind, Settings, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let kind = if first & 1 == 0 {
        DocKind::Text
    } else {
        DocKind::Markdown
    };
    let a = analyze(&text, kind, &Settings::default());
    let ok = |s: copydesk::analysis::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for f in &a.findings {
        assert!(ok(f.span), "{:?}", f);
        for r in &f.related {
            assert!(ok(r.span));
        }
    }
    for p in &a.people {
        for m in &p.mentions {
            assert!(ok(m.span));
        }
    }
    for s in &a.sentences {
        assert!(ok(s.span));
    }
});
