//! LSP positions ⇄ byte offsets, in the negotiated encoding (UTF-8 or UTF-16).
//!
//! Total: a character offset past the line's end means the line's end, a line past the end
//! means the document's end, and a position inside a surrogate pair or a multi-byte character
//! means the start of that character. Lines end at `\n`, `\r\n` or `\r`, as LSP says (ropey's
//! `cr_lines` feature, without `unicode_lines`).

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (the protocol's default).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The char index where line `line`'s content ends (before its line break).
fn line_content_end_char(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
        if n > 0 && slice.char(n - 1) == '\r' {
            n -= 1;
        }
    } else if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    start + n
}

/// The byte offset of an LSP position.
pub fn to_offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_char = rope.line_to_char(line);
    let end_char = line_content_end_char(rope, line);
    let ch = match enc {
        Encoding::Utf8 => {
            let line_byte = rope.char_to_byte(line_char);
            let end_byte = rope.char_to_byte(end_char);
            let target = line_byte
                .saturating_add(pos.character as usize)
                .min(end_byte);
            // Inside a multi-byte character: its start.
            rope.byte_to_char(target)
        }
        Encoding::Utf16 => {
            let line_cu = rope.char_to_utf16_cu(line_char);
            let end_cu = rope.char_to_utf16_cu(end_char);
            let target = line_cu.saturating_add(pos.character as usize).min(end_cu);
            // Inside a surrogate pair: the character that holds it.
            rope.utf16_cu_to_char(target)
        }
    };
    rope.char_to_byte(ch)
}

/// The LSP position of a byte offset (clamped to the document, floored to a character start).
pub fn to_position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let ch = rope.byte_to_char(offset);
    let line = rope.char_to_line(ch);
    let line_char = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(ch) - rope.char_to_byte(line_char),
        Encoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(line_char),
    };
    Position::new(line as u32, character as u32)
}

pub fn to_range(rope: &Rope, span: Span, enc: Encoding) -> Range {
    Range::new(
        to_position(rope, span.start, enc),
        to_position(rope, span.end, enc),
    )
}

pub fn to_span(rope: &Rope, range: Range, enc: Encoding) -> Span {
    let a = to_offset(rope, range.start, enc);
    let b = to_offset(rope, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

/// A text's line starts, for converting many positions of one snapshot without a rope: the same
/// answers as the rope functions above (a property test holds them to it), with a binary search
/// for the line and a count inside it.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines {
            starts: crate::analysis::text::line_starts(text),
        }
    }

    /// Where line `line`'s content ends, before its line break.
    fn content_end(&self, text: &str, line: usize) -> usize {
        match self.starts.get(line + 1) {
            None => text.len(),
            Some(&next) => {
                let b = text.as_bytes();
                if next >= 2 && b[next - 1] == b'\n' && b[next - 2] == b'\r' {
                    next - 2
                } else {
                    next - 1
                }
            }
        }
    }

    /// The byte offset of an LSP position (see [`to_offset`]).
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.content_end(text, line);
        let want = pos.character as usize;
        match enc {
            Encoding::Utf8 => text.floor_char_boundary(start.saturating_add(want).min(end)),
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in text[start..end].char_indices() {
                    units += c.len_utf16();
                    // Inside a surrogate pair: the character that holds it.
                    if units > want {
                        return start + i;
                    }
                }
                end
            }
        }
    }

    /// The LSP position of a byte offset (see [`to_position`]).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let character = units(&text[self.starts[line]..offset], enc);
        Position::new(line as u32, character as u32)
    }

    /// Positions of many offsets of `text`, each counted on from the last when it lies further
    /// along the same line (a story's findings come in text order, and a paragraph is one line).
    pub fn walker<'a>(&'a self, text: &'a str, enc: Encoding) -> Walker<'a> {
        Walker {
            lines: self,
            text,
            enc,
            last: None,
        }
    }

    pub fn range(&self, text: &str, span: Span, enc: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end, enc),
        )
    }

    pub fn span(&self, text: &str, range: Range, enc: Encoding) -> Span {
        let a = self.offset(text, range.start, enc);
        let b = self.offset(text, range.end, enc);
        Span::new(a.min(b), a.max(b))
    }
}

/// The length of `s` in the encoding's units.
fn units(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 if s.is_ascii() => s.len(),
        // UTF-16 units from the bytes, without decoding: every byte but a continuation byte
        // starts a character, and a 4-byte character (leading byte 0xF0 and up) is a surrogate
        // pair (a byte loop the compiler vectorizes).
        Encoding::Utf16 => s
            .bytes()
            .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum(),
    }
}

/// See [`Lines::walker`]: the same answers as [`Lines::position`].
pub struct Walker<'a> {
    lines: &'a Lines,
    text: &'a str,
    enc: Encoding,
    /// The last offset asked for: its line, the offset and its character.
    last: Option<(usize, usize, usize)>,
}

impl Walker<'_> {
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let starts = &self.lines.starts;
        let (line, character) = match self.last {
            Some((line, at, ch))
                if at <= offset && starts.get(line + 1).is_none_or(|&next| offset < next) =>
            {
                (line, ch + units(&self.text[at..offset], self.enc))
            }
            _ => {
                let p = self.lines.position(self.text, offset, self.enc);
                (p.line as usize, p.character as usize)
            }
        };
        self.last = Some((line, offset, character));
        Position::new(line as u32, character as u32)
    }

    pub fn range(&mut self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_surrogate_pairs_and_multibyte() {
        // "🙂" is 4 bytes, 2 UTF-16 units; "é" 2 bytes, 1 unit.
        let text = "a🙂é b\nx";
        let rope = Rope::from_str(text);
        let b_byte = text.find('b').unwrap();
        assert_eq!(to_offset(&rope, p(0, 5), Encoding::Utf16), b_byte);
        assert_eq!(to_position(&rope, b_byte, Encoding::Utf16), p(0, 5));
        assert_eq!(to_offset(&rope, p(0, 8), Encoding::Utf8), b_byte);
        assert_eq!(to_position(&rope, b_byte, Encoding::Utf8), p(0, 8));
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(to_offset(&rope, p(0, 2), Encoding::Utf16), 1);
        // Inside the emoji's bytes: its start.
        assert_eq!(to_offset(&rope, p(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd\ref";
        let rope = Rope::from_str(text);
        assert_eq!(
            to_offset(&rope, p(0, 99), Encoding::Utf16),
            2,
            "past the line end: before CRLF"
        );
        assert_eq!(
            to_offset(&rope, p(1, 99), Encoding::Utf8),
            6,
            "a lone CR ends a line"
        );
        assert_eq!(to_offset(&rope, p(2, 1), Encoding::Utf16), 8);
        assert_eq!(
            to_offset(&rope, p(9, 0), Encoding::Utf16),
            text.len(),
            "past the last line"
        );
        assert_eq!(to_position(&rope, 999, Encoding::Utf16), p(2, 2));
    }

    #[test]
    fn u2028_is_not_a_line_break() {
        let text = "a\u{2028}b\nc";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 2);
        assert_eq!(
            to_position(&rope, text.find('b').unwrap(), Encoding::Utf16),
            p(0, 2)
        );
    }

    #[test]
    fn round_trip_every_boundary() {
        let text = "Zelenskyy’s “plan” 🙂\r\nDvořák\rsaid 🇺🇦.\n";
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (i, _) in text.char_indices() {
                let pos = to_position(&rope, i, enc);
                let back = to_offset(&rope, pos, enc);
                let on_break =
                    text[i..].starts_with('\n') && i > 0 && text.as_bytes()[i - 1] == b'\r';
                if !on_break {
                    assert_eq!(back, i, "{enc:?} at {i}");
                }
            }
        }
    }

    #[test]
    fn negotiation() {
        assert_eq!(
            Encoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Text from the characters that make positions hard: astral, multi-byte, CR, LF, U+2028.
    fn tricky() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("é"),
                Just("🙂"),
                Just("🇺🇦"),
                Just("\r\n"),
                Just("\r"),
                Just("\n"),
                Just("\u{2028}"),
                Just("“"),
                Just(" "),
                Just("Z"),
            ],
            0..60,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn positions_round_trip(text in tricky(), utf8 in any::<bool>()) {
            let rope = Rope::from_str(&text);
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            for (i, _) in text.char_indices() {
                let back = to_offset(&rope, to_position(&rope, i, enc), enc);
                // The one position that cannot round-trip: between CR and LF of a CRLF.
                let inside_crlf = i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes()[i] == b'\n';
                prop_assert!(back == i || inside_crlf, "{i} -> {back} in {text:?}");
            }
        }

        #[test]
        fn lines_answer_as_the_rope_does(text in tricky(), line in 0u32..40, ch in 0u32..200, utf8 in any::<bool>()) {
            let rope = Rope::from_str(&text);
            let lines = Lines::new(&text);
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let pos = Position::new(line, ch);
            prop_assert_eq!(lines.offset(&text, pos, enc), to_offset(&rope, pos, enc));
            for i in 0..=text.len() + 2 {
                prop_assert_eq!(lines.position(&text, i, enc), to_position(&rope, i, enc), "at {}", i);
            }
        }

        #[test]
        fn the_walker_answers_as_the_rope_does(
            text in tricky(),
            offsets in proptest::collection::vec(0usize..300, 0..40),
            sorted in any::<bool>(),
            utf8 in any::<bool>(),
        ) {
            let rope = Rope::from_str(&text);
            let lines = Lines::new(&text);
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let mut offsets = offsets;
            if sorted {
                offsets.sort_unstable();
            }
            let mut w = lines.walker(&text, enc);
            for i in offsets {
                prop_assert_eq!(w.position(i), to_position(&rope, i, enc), "at {}", i);
            }
        }

        #[test]
        fn any_position_is_a_char_boundary(text in tricky(), line in 0u32..40, ch in 0u32..200, utf8 in any::<bool>()) {
            let rope = Rope::from_str(&text);
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let off = to_offset(&rope, Position::new(line, ch), enc);
            prop_assert!(off <= text.len() && text.is_char_boundary(off));
        }
    }
}
