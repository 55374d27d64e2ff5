//! Edit application: random range edits in UTF-16 and UTF-8, positions anywhere (past the end,
//! inside surrogate pairs and CRLF). The server's documents (a rope) must hold exactly what an
//! independent model (a String and a line index) holds after the same edits.
#![no_main]

use copydesk::server::documents::Documents;
use copydesk::server::position::{Encoding, Lines};
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let enc = if first & 1 == 0 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    // The text: a start, then edits of 4 position bytes and up to 7 characters each.
    let chars: Vec<char> = text.chars().collect();
    let start_len = (first as usize >> 1).min(chars.len());
    let mut model: String = chars[..start_len].iter().collect();
    let docs = Documents::default();
    docs.open("file:///f.txt", "plaintext", 0, &model);
    let mut version = 0;
    for edit in chars[start_len..].chunks(11) {
        let b = |i: usize| edit.get(i).map_or(0, |c| *c as u32);
        let range = Range::new(
            Position::new(b(0) % 8, b(1) % 40),
            Position::new(b(2) % 8, b(3) % 40),
        );
        let insert: String = edit.iter().skip(4).collect();
        let lines = Lines::new(&model);
        let span = lines.span(&model, range, enc);
        model.replace_range(span.start..span.end, &insert);
        version += 1;
        let change = TextDocumentContentChangeEvent {
            range: Some(range),
            range_length: None,
            text: insert,
        };
        docs.change("file:///f.txt", version, &[change], enc).unwrap();
        let (rope, ..) = docs.current("file:///f.txt").unwrap();
        assert_eq!(rope.to_string(), model);
    }
});
