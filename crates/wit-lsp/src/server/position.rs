//! LSP positions: the negotiated encoding of `character` offsets, and
//! conversions between byte offsets and LSP `Position`s and `Range`s.
//!
//! Lines end at `\n`, as in [`LineIndex`], tree-sitter and wit-parser, so that
//! positions the client sends and positions we report count lines alike. LSP
//! also ends lines at a lone `\r`; we do not, so on a file with lone carriage
//! returns (old Mac line endings) lines are numbered as wit-parser numbers them.

use std::cell::Cell;
use std::ops::Range as ByteRange;

use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range};
use wit_syntax::{LineCol, LineIndex};

/// What the `character` of an LSP `Position` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionEncoding {
    /// Bytes.
    Utf8,
    /// UTF-16 code units: the LSP default.
    Utf16,
    /// Unicode scalar values (`char`s).
    Utf32,
}

impl PositionEncoding {
    fn from_kind(kind: &PositionEncodingKind) -> Option<Self> {
        [Self::Utf8, Self::Utf16, Self::Utf32]
            .into_iter()
            .find(|&encoding| PositionEncodingKind::from(encoding) == *kind)
    }

    /// The length of `c` in this encoding's code units.
    fn char_len(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
            Self::Utf32 => 1,
        }
    }

    /// The length of `text` in this encoding's code units.
    fn str_len(self, text: &str) -> usize {
        match self {
            Self::Utf8 => text.len(),
            Self::Utf16 | Self::Utf32 => text.chars().map(|c| self.char_len(c)).sum(),
        }
    }
}

impl From<PositionEncoding> for PositionEncodingKind {
    fn from(encoding: PositionEncoding) -> Self {
        match encoding {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// The first of the client's `general.positionEncodings` that we support, in
/// the client's order of preference. UTF-16 when it lists none we support:
/// every client and server must support it, and it is what clients that
/// predate LSP 3.17 use.
pub(crate) fn negotiate(capabilities: &ClientCapabilities) -> PositionEncoding {
    capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref())
        .and_then(|kinds| kinds.iter().find_map(PositionEncoding::from_kind))
        .unwrap_or(PositionEncoding::Utf16)
}

/// Converts between byte offsets into one text and LSP positions in one
/// encoding.
///
/// Conversions never panic, whatever the input:
/// - a byte offset past the end of the text means its end; one inside a
///   character, or between the `\r` and `\n` of a line break, means the start
///   of that character or line break;
/// - a `character` inside a character that takes several code units (the
///   middle of a UTF-16 surrogate pair, of a UTF-8 sequence) means the start
///   of that character; past the end of its line, the end of the line, before
///   its line break (`\n` or `\r\n`);
/// - a `line` past the last line has no offset, except that the line just
///   past the last one, at character 0, is the end of the text: clients point
///   there to mean "the end of the document".
pub(crate) struct PositionMapper<'a> {
    text: &'a str,
    line_index: &'a LineIndex,
    encoding: PositionEncoding,
    /// Positions are mostly asked for in order, and counting each from the
    /// start of its line would be quadratic on a long line (the symbols or
    /// tokens of a 1 MB line).
    last: Cell<LastPosition>,
}

/// The last position a [`PositionMapper`] found: its line's start, its byte
/// offset and its character.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LastPosition(usize, usize, usize);

impl<'a> PositionMapper<'a> {
    /// `line_index` must be the index of `text`.
    pub(crate) fn new(
        text: &'a str,
        line_index: &'a LineIndex,
        encoding: PositionEncoding,
    ) -> Self {
        PositionMapper {
            text,
            line_index,
            encoding,
            last: Cell::default(),
        }
    }

    /// Goes on from where a mapper of the same text and encoding left off.
    pub(crate) fn resuming(self, last: LastPosition) -> Self {
        self.last.set(last);
        self
    }

    pub(crate) fn last(&self) -> LastPosition {
        self.last.get()
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = self.text.floor_char_boundary(offset);
        if self.text[..offset].ends_with('\r') && self.text[offset..].starts_with('\n') {
            offset -= 1;
        }
        let LineCol { line, col } = self.line_index.line_col(offset);
        let line_start = offset - col;
        let LastPosition(last_line_start, last_offset, last_character) = self.last.get();
        // Counted from the last position when it is on this line and nearer.
        let character = if last_line_start != line_start {
            self.encoding.str_len(&self.text[line_start..offset])
        } else if last_offset <= offset {
            last_character + self.encoding.str_len(&self.text[last_offset..offset])
        } else if last_offset - offset < col {
            last_character - self.encoding.str_len(&self.text[offset..last_offset])
        } else {
            self.encoding.str_len(&self.text[line_start..offset])
        };
        self.last.set(LastPosition(line_start, offset, character));
        Position::new(saturate(line), saturate(character))
    }

    pub(crate) fn range(&self, range: ByteRange<usize>) -> Range {
        Range::new(self.position(range.start), self.position(range.end))
    }

    pub(crate) fn offset(&self, position: Position) -> Option<usize> {
        let line = position.line as usize;
        let Some(line_range) = self.line_index.line_range(line) else {
            let is_end_of_text = line == self.line_index.line_count() && position.character == 0;
            return is_end_of_text.then_some(self.text.len());
        };
        let line_text = &self.text[line_range.clone()];
        let line_text = line_text
            .strip_suffix('\n')
            .map_or(line_text, |line| line.strip_suffix('\r').unwrap_or(line));
        let mut units_left = position.character as usize;
        let mut col = 0;
        for c in line_text.chars() {
            let units = self.encoding.char_len(c);
            if units > units_left {
                break;
            }
            units_left -= units;
            col += c.len_utf8();
        }
        Some(line_range.start + col)
    }
}

/// LSP counts in `u32`; a text big enough to exceed it is clamped rather
/// than wrapped around.
fn saturate(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::GeneralClientCapabilities;

    use super::PositionEncoding::{Utf8, Utf16, Utf32};
    use super::*;

    const ALL: [PositionEncoding; 3] = [Utf8, Utf16, Utf32];

    fn position(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Checks `offset(position) == offset` and `position(offset) == position`
    /// for each `(offset, position)` pair.
    fn assert_maps_both_ways(
        text: &str,
        encoding: PositionEncoding,
        expected: &[(usize, Position)],
    ) {
        let line_index = LineIndex::new(text);
        let mapper = PositionMapper::new(text, &line_index, encoding);
        for &(offset, position) in expected {
            assert_eq!(
                mapper.position(offset),
                position,
                "{encoding:?}: position({offset})"
            );
            assert_eq!(
                mapper.offset(position),
                Some(offset),
                "{encoding:?}: offset({position:?})",
            );
        }
    }

    fn client_preferring(kinds: Option<Vec<PositionEncodingKind>>) -> ClientCapabilities {
        ClientCapabilities {
            general: Some(GeneralClientCapabilities {
                position_encodings: kinds,
                ..GeneralClientCapabilities::default()
            }),
            ..ClientCapabilities::default()
        }
    }

    #[test]
    fn negotiates_the_clients_first_supported_encoding() {
        let kind = PositionEncodingKind::new;
        assert_eq!(negotiate(&ClientCapabilities::default()), Utf16);
        assert_eq!(negotiate(&client_preferring(None)), Utf16);
        assert_eq!(negotiate(&client_preferring(Some(vec![]))), Utf16);
        assert_eq!(
            negotiate(&client_preferring(Some(vec![kind("utf-7")]))),
            Utf16
        );
        assert_eq!(
            negotiate(&client_preferring(Some(vec![
                kind("utf-7"),
                kind("utf-32"),
                kind("utf-8")
            ]))),
            Utf32,
        );
        assert_eq!(
            negotiate(&client_preferring(Some(vec![
                kind("utf-8"),
                kind("utf-16")
            ]))),
            Utf8,
        );
        for encoding in ALL {
            let advertised = PositionEncodingKind::from(encoding);
            assert_eq!(
                negotiate(&client_preferring(Some(vec![advertised]))),
                encoding
            );
        }
    }

    #[test]
    fn emoji_takes_four_two_or_one_units() {
        // 🙂 is bytes 2..6.
        let text = "a:🙂b";
        let at = |utf8, utf16, utf32| [(Utf8, utf8), (Utf16, utf16), (Utf32, utf32)];
        for (offset, per_encoding) in [(2, at(2, 2, 2)), (6, at(6, 4, 3)), (7, at(7, 5, 4))] {
            for (encoding, character) in per_encoding {
                assert_maps_both_ways(text, encoding, &[(offset, position(0, character))]);
            }
        }
    }

    #[test]
    fn inside_a_character_rounds_down_to_its_start() {
        let text = "a🙂b";
        let line_index = LineIndex::new(text);
        let utf8 = PositionMapper::new(text, &line_index, Utf8);
        let utf16 = PositionMapper::new(text, &line_index, Utf16);
        for inside in 2..=4 {
            assert_eq!(utf8.offset(position(0, inside)), Some(1));
            assert_eq!(utf8.position(inside as usize), position(0, 1));
            assert_eq!(utf16.position(inside as usize), position(0, 1));
        }
        // The middle of the surrogate pair.
        assert_eq!(utf16.offset(position(0, 2)), Some(1));
        assert_eq!(utf16.offset(position(0, 3)), Some(5));
    }

    #[test]
    fn cjk_takes_three_bytes_and_one_unit() {
        let text = "// 接口\nx";
        assert_maps_both_ways(text, Utf8, &[(6, position(0, 6)), (9, position(0, 9))]);
        for encoding in [Utf16, Utf32] {
            assert_maps_both_ways(text, encoding, &[(6, position(0, 4)), (9, position(0, 5))]);
            assert_maps_both_ways(
                text,
                encoding,
                &[(10, position(1, 0)), (11, position(1, 1))],
            );
        }
    }

    #[test]
    fn combining_marks_are_characters_of_their_own() {
        // e + U+0301 (2 bytes, 1 UTF-16 unit): two characters, one grapheme.
        let text = "e\u{301}x";
        assert_maps_both_ways(text, Utf8, &[(1, position(0, 1)), (3, position(0, 3))]);
        for encoding in [Utf16, Utf32] {
            assert_maps_both_ways(text, encoding, &[(1, position(0, 1)), (3, position(0, 2))]);
        }
    }

    #[test]
    fn past_the_end_of_a_line_clamps_before_its_line_break() {
        let text = "ab\r\ncd\n🙂\n";
        let line_index = LineIndex::new(text);
        for encoding in ALL {
            let mapper = PositionMapper::new(text, &line_index, encoding);
            assert_eq!(mapper.offset(position(0, 2)), Some(2));
            assert_eq!(
                mapper.offset(position(0, 3)),
                Some(2),
                "the \\r is no character"
            );
            assert_eq!(mapper.offset(position(0, 99)), Some(2));
            assert_eq!(mapper.offset(position(1, 99)), Some(6));
            assert_eq!(mapper.offset(position(2, 99)), Some(11));
            assert_eq!(mapper.offset(position(3, 99)), Some(12));
            // Between \r and \n is the end of the line too.
            assert_eq!(mapper.position(3), position(0, 2));
        }
    }

    #[test]
    fn crlf_lines_start_after_the_line_break() {
        let text = "a\r\n\r\nb";
        for encoding in ALL {
            assert_maps_both_ways(
                text,
                encoding,
                &[
                    (1, position(0, 1)),
                    (3, position(1, 0)),
                    (5, position(2, 0)),
                    (6, position(2, 1)),
                ],
            );
        }
    }

    #[test]
    fn the_line_after_the_last_is_the_end_of_the_text_only_at_character_0() {
        for text in ["a\nb", "a\n"] {
            let line_index = LineIndex::new(text);
            let mapper = PositionMapper::new(text, &line_index, Utf16);
            assert_eq!(mapper.offset(position(2, 0)), Some(text.len()), "{text:?}");
            assert_eq!(mapper.offset(position(2, 1)), None, "{text:?}");
            assert_eq!(mapper.offset(position(3, 0)), None, "{text:?}");
        }
        // A text ending in \n has an empty last line.
        assert_maps_both_ways("a\n", Utf16, &[(2, position(1, 0))]);
        assert_maps_both_ways("", Utf16, &[(0, position(0, 0))]);
    }

    #[test]
    fn offsets_past_the_end_clamp_to_it() {
        let text = "a\n🙂";
        let line_index = LineIndex::new(text);
        let mapper = PositionMapper::new(text, &line_index, Utf16);
        assert_eq!(mapper.position(text.len()), position(1, 2));
        assert_eq!(mapper.position(1000), position(1, 2));
        assert_eq!(
            mapper.range(0..1000),
            Range::new(position(0, 0), position(1, 2)),
        );
    }

    #[test]
    fn a_lone_carriage_return_does_not_end_a_line() {
        let text = "a\rb\n";
        for encoding in ALL {
            assert_maps_both_ways(text, encoding, &[(2, position(0, 2)), (3, position(0, 3))]);
        }
    }

    #[test]
    fn every_offset_round_trips_to_where_it_rounds_down() {
        let text = "package a:b;\r\n// 🙂 接口 e\u{301}\n\ninterface i {}\n";
        let line_index = LineIndex::new(text);
        for encoding in ALL {
            let mapper = PositionMapper::new(text, &line_index, encoding);
            for offset in 0..=text.len() {
                // Inside a character or a `\r\n`: its start.
                let char_start = text.floor_char_boundary(offset);
                let expected = if text[..char_start].ends_with('\r') {
                    char_start - 1
                } else {
                    char_start
                };
                let position = mapper.position(offset);
                assert_eq!(
                    mapper.offset(position),
                    Some(expected),
                    "{encoding:?}: {offset}"
                );
            }
        }
    }

    #[test]
    fn positions_in_any_order_are_those_found_afresh() {
        let text = "// 🙂 接口 e\u{301} x\r\ny 🙂 z\n";
        let line_index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len()).collect();
        // Forwards, backwards, and jumping about, within and across lines.
        let orders = [
            offsets.clone(),
            offsets.iter().rev().copied().collect(),
            offsets
                .iter()
                .map(|offset| offset * 7 % text.len())
                .collect::<Vec<_>>(),
        ];
        for encoding in ALL {
            for order in &orders {
                let mapper = PositionMapper::new(text, &line_index, encoding);
                for &offset in order {
                    let afresh = PositionMapper::new(text, &line_index, encoding).position(offset);
                    assert_eq!(mapper.position(offset), afresh, "{encoding:?}: {offset}");
                }
            }
        }
    }
}
