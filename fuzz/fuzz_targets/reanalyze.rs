//! The incremental analysis after an arbitrary edit gives what a fresh analysis gives.
#![no_main]

use copydesk::analysis::incremental::Incremental;
use copydesk::analysis::{DocKind, Settings, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let kind = if data[0] & 1 == 0 {
        DocKind::Text
    } else {
        DocKind::Markdown
    };
    // The rest: the first text, then edits "at, delete, insert-length, insert".
    let text = String::from_utf8_lossy(&data[4..]).into_owned();
    let split = text.floor_char_boundary(data[1] as usize * text.len() / 256);
    let (mut doc, edits) = (text[..split].to_string(), &text[split..]);
    let settings = Settings::default();
    let mut inc = Incremental::new();
    inc.analyze(&doc, kind, &settings);
    let mut rest = edits;
    let mut seed = data[2] as usize;
    // At most 32 edits an input: each costs two whole analyses, and a long tail of edits finds
    // nothing a new input would not (with no limit the target ran 2 inputs a second).
    let mut left = 32;
    while !rest.is_empty() && left > 0 {
        left -= 1;
        let n = rest.floor_char_boundary((seed % 13).min(rest.len()));
        let n = if n == 0 { rest.ceil_char_boundary(1) } else { n };
        let at = doc.floor_char_boundary(seed.wrapping_mul(2654435761) % (doc.len() + 1));
        let del = doc.floor_char_boundary((at + (seed >> 3) % 5).min(doc.len()));
        doc.replace_range(at..del.max(at), &rest[..n]);
        rest = &rest[n..];
        seed = seed.wrapping_mul(31).wrapping_add(data[3] as usize + 7);
        let got = inc.analyze(&doc, kind, &settings);
        let fresh = analyze(&doc, kind, &settings);
        assert_eq!(format!("{got:?}"), format!("{fresh:?}"), "{doc:?}");
    }
});
