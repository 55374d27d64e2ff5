//! Which bytes of a Markdown document are prose.
//!
//! pulldown-cmark parses the document; its `Text` events inside paragraphs, headings, list items,
//! block quotes, tables and link text are prose. Code (blocks and spans), front matter, HTML,
//! link targets, autolinks and reference definitions are not. The result is a copy of the text in
//! which every non-prose byte is a space (newlines stay), so byte offsets stay those of the
//! original, plus the list of blocks that hold prose.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::Span;

/// A block of prose in a Markdown document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    /// A heading (`#`, setext): a headline, never a claim.
    pub heading: bool,
}

pub struct Prose {
    /// The text with every non-prose byte replaced by a space (newlines kept).
    pub masked: String,
    pub blocks: Vec<Block>,
    /// Footnote references (`[^id]`) in prose: their span and id.
    pub footnotes: Vec<(Span, String)>,
    /// Footnote definitions (`[^id]: ...`): their ids.
    pub footnote_defs: Vec<String>,
    /// Inline links in prose (not autolinks): their span and target.
    pub links: Vec<(Span, String)>,
}

/// Masks everything but prose in `text` and lists its prose blocks.
pub fn prose(text: &str) -> Prose {
    let mut keep = vec![false; text.len()];
    let mut blocks: Vec<Block> = Vec::new();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Depth of constructs whose text is not prose (code blocks, metadata, autolinks, images).
    let mut skip = 0usize;
    // The innermost prose block open at this point: (start, heading).
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut footnotes = Vec::new();
    let mut footnote_defs = Vec::new();
    let mut links = Vec::new();
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock | Tag::Image { .. } => {
                    skip += 1
                }
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => skip += 1,
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } if skip == 0
                    && !open.is_empty()
                    && !matches!(link_type, LinkType::Autolink | LinkType::Email)
                    && !dest_url.is_empty() =>
                {
                    links.push((Span::new(range.start, range.end), dest_url.to_string()));
                }
                Tag::FootnoteDefinition(id) => footnote_defs.push(id.to_string()),
                Tag::Paragraph | Tag::TableCell => open.push((range.start, false)),
                Tag::Heading { .. } => open.push((range.start, true)),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock
                | TagEnd::Image => skip = skip.saturating_sub(1),
                TagEnd::Link
                    // Only autolinks raised `skip`; they have no nested links.
                    if skip > 0 && is_autolink(text, range.start) => {
                        skip -= 1;
                    }
                TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Heading(_) => {
                    if let Some((start, heading)) = open.pop() {
                        let end = trim_end(text, range.end);
                        if end > start {
                            blocks.push(Block {
                                span: Span::new(start, end),
                                heading,
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::Text(_) if skip == 0 && !open.is_empty() => {
                keep[range.clone()].iter_mut().for_each(|k| *k = true);
            }
            Event::FootnoteReference(id) if skip == 0 && !open.is_empty() => {
                footnotes.push((Span::new(range.start, range.end), id.to_string()));
            }
            _ => {}
        }
    }
    let mut masked = Vec::with_capacity(text.len());
    for (i, &b) in text.as_bytes().iter().enumerate() {
        masked.push(if keep[i] || b == b'\n' { b } else { b' ' });
    }
    // Every kept range starts and ends on a character boundary (pulldown-cmark's ranges do), and
    // every other byte became an ASCII space, so the result is UTF-8. The fallback is unreachable
    // but keeps this function total.
    let masked = String::from_utf8(masked).unwrap_or_else(|e| {
        String::from_utf8_lossy(e.as_bytes())
            .chars()
            .map(|c| if c == '\u{FFFD}' { ' ' } else { c })
            .collect()
    });
    blocks.sort_by_key(|b| b.span.start);
    Prose {
        masked,
        blocks,
        footnotes,
        footnote_defs,
        links,
    }
}

fn is_autolink(text: &str, start: usize) -> bool {
    text.as_bytes().get(start) == Some(&b'<')
}

fn trim_end(text: &str, mut end: usize) -> usize {
    let b = text.as_bytes();
    while end > 0 && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(src: &str) -> String {
        prose(src)
            .masked
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn code_front_matter_and_html_are_not_prose() {
        let src = "---\ntitle: \"Experts say\"\n---\n\n# Talks begin\n\nPeskov said `x = 1` ok.\n\n```\n\"quoted\" code\n```\n\n<div>raw html</div>\n";
        assert_eq!(visible(src), "Talks begin Peskov said ok.");
    }

    #[test]
    fn link_text_is_prose_but_targets_and_autolinks_are_not() {
        let src = "See [the report](https://example.com/a \"Title\") and <https://example.com/b>.\n\n[ref]: https://example.com/c\n";
        assert_eq!(visible(src), "See the report and .");
    }

    #[test]
    fn offsets_and_length_are_kept() {
        let src = "# Zelenskyy’s “plan”\n\nShe said: *“No.”*\n";
        let p = prose(src);
        assert_eq!(p.masked.len(), src.len());
        let i = src.find("Zelenskyy").unwrap();
        assert_eq!(&p.masked[i..i + 9], "Zelenskyy");
        assert_eq!(p.blocks.len(), 2);
        assert!(p.blocks[0].heading && !p.blocks[1].heading);
        assert_eq!(
            &src[p.blocks[1].span.start..p.blocks[1].span.end],
            "She said: *“No.”*"
        );
    }
}
