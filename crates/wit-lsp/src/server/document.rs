//! An open document: the client's text, kept in sync with its edits, and the
//! syntax tree of that text, reparsed incrementally after each batch of edits.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use wit_syntax::{InputEdit, LineCol, LineIndex, Parse, Parser, Point};

use super::position::{PositionEncoding, PositionMapper};

pub(crate) struct Document {
    /// The edit buffer the client's changes are applied to.
    rope: Rope,
    /// The client's version of the text.
    version: i32,
    /// The rope's text and its tree.
    parse: Parse,
    /// The index of the rope's text.
    line_index: LineIndex,
    parser: Parser,
}

impl Document {
    pub(crate) fn new(text: String, version: i32) -> Self {
        let mut parser = Parser::new();
        let rope = Rope::from_str(&text);
        let line_index = LineIndex::new(&text);
        let parse = parser.parse(text, None);
        Document {
            rope,
            version,
            parse,
            line_index,
            parser,
        }
    }

    pub(crate) fn text(&self) -> &str {
        self.parse.text()
    }

    pub(crate) fn parse(&self) -> &Parse {
        &self.parse
    }

    /// The edit buffer's text, which must equal [`Document::text`].
    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn rope_text(&self) -> String {
        String::from(&self.rope)
    }

    pub(crate) fn version(&self) -> i32 {
        self.version
    }

    pub(crate) fn position_mapper(&self, encoding: PositionEncoding) -> PositionMapper<'_> {
        PositionMapper::new(self.text(), &self.line_index, encoding)
    }

    /// Applies one `textDocument/didChange` notification: `changes` in order,
    /// each one's positions referring to the text left by the one before, as
    /// LSP specifies; then reparses once.
    ///
    /// Positions are clamped as [`PositionMapper`] describes, and a line past
    /// the end means the end of the text. A range that ends before it starts
    /// is a client bug: it is logged and used with its ends swapped.
    pub(crate) fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: PositionEncoding,
    ) {
        if version <= self.version {
            // Versions must increase, so the client has lost count; but the
            // text it describes is the one it shows, so apply the changes anyway.
            tracing::warn!(
                "document version went from {} to {version}; applying the changes anyway",
                self.version,
            );
        }
        self.version = version;
        // The rope's text and its index as the next change sees them; `None`
        // while that is still `self.parse`'s text.
        let mut current: Option<(String, LineIndex)> = None;
        // The tree edits since the old tree's text, for an incremental reparse;
        // `None` once a change has replaced the whole text.
        let mut edits = Some(Vec::new());
        for change in changes {
            let (text, line_index) = match &current {
                Some((text, line_index)) => (text.as_str(), line_index),
                None => (self.parse.text(), &self.line_index),
            };
            match change.range {
                Some(range) => {
                    let mapper = PositionMapper::new(text, line_index, encoding);
                    let start = mapper.offset(range.start).unwrap_or(text.len());
                    let end = mapper.offset(range.end).unwrap_or(text.len());
                    let bytes = if end < start {
                        tracing::warn!("change range {range:?} ends before it starts; swapping");
                        end..start
                    } else {
                        start..end
                    };
                    if let Some(edits) = &mut edits {
                        edits.push(input_edit(line_index, bytes.clone(), &change.text));
                    }
                    let chars =
                        self.rope.byte_to_char(bytes.start)..self.rope.byte_to_char(bytes.end);
                    self.rope.remove(chars.clone());
                    self.rope.insert(chars.start, &change.text);
                }
                None => {
                    self.rope = Rope::from_str(&change.text);
                    edits = None;
                }
            }
            let text = String::from(&self.rope);
            let line_index = LineIndex::new(&text);
            current = Some((text, line_index));
        }
        let Some((text, line_index)) = current else {
            return;
        };
        self.parse = match edits {
            Some(edits) => {
                let parse = self.parser.reparse(&self.parse, &edits, text);
                // tree-sitter may recover from errors differently when it
                // reuses subtrees than when it starts afresh; a broken text is
                // parsed afresh, so that its errors are exactly those of
                // `wit-lsp check`. (A file is small; this is well under a
                // millisecond.)
                if parse.tree().root_node().has_error() {
                    self.parser.parse(parse.text(), None)
                } else {
                    parse
                }
            }
            None => self.parser.parse(text, None),
        };
        self.line_index = line_index;
    }
}

/// The tree-sitter edit that replaces `range` of the text indexed by
/// `line_index` with `new_text`. Points count lines and bytes, as
/// [`LineIndex`] does.
fn input_edit(line_index: &LineIndex, range: Range<usize>, new_text: &str) -> InputEdit {
    let point = |LineCol { line, col }| Point::new(line, col);
    let start_position = point(line_index.line_col(range.start));
    let new_end_position = match new_text.rfind('\n') {
        Some(last_line_break) => Point::new(
            start_position.row + new_text.matches('\n').count(),
            new_text.len() - (last_line_break + 1),
        ),
        None => Point::new(start_position.row, start_position.column + new_text.len()),
    };
    InputEdit {
        start_byte: range.start,
        old_end_byte: range.end,
        new_end_byte: range.start + new_text.len(),
        start_position,
        old_end_position: point(line_index.line_col(range.end)),
        new_end_position,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use tower_lsp_server::ls_types::{Position, Range as LspRange};

    use super::PositionEncoding::{Utf8, Utf16, Utf32};
    use super::*;
    use crate::server::fuzzing::EDIT_FRAGMENTS;

    fn ranged(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(LspRange::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn whole(text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_owned(),
        }
    }

    /// Whether the text the document holds has syntax errors.
    struct Verdict {
        text_has_errors: bool,
    }

    /// Checks the document holds `expected`, its line index, and a tree that
    /// equals a fresh parse of it, whose every node's points agree with its
    /// bytes.
    fn check(document: &Document, expected: &str) -> Result<Verdict, String> {
        let rope_text = String::from(&document.rope);
        if rope_text != expected || document.text() != expected {
            return Err(format!(
                "text differs\n rope: {rope_text:?}\nparse: {:?}\nmodel: {expected:?}",
                document.text(),
            ));
        }
        if document.line_index != LineIndex::new(expected) {
            return Err("line index differs".to_owned());
        }
        check_points(document.parse(), &document.line_index)?;
        let incremental = document.parse();
        let fresh = wit_syntax::parse(expected);
        if incremental.to_sexp() != fresh.to_sexp() {
            return Err(format!(
                "incremental parse differs from a fresh parse of {expected:?}\n\
                 incremental:\n{}\nfresh:\n{}",
                incremental.to_sexp(),
                fresh.to_sexp(),
            ));
        }
        Ok(Verdict {
            text_has_errors: fresh.tree().root_node().has_error(),
        })
    }

    /// Checks every node's points are its bytes' lines and columns, and
    /// children lie in order within their parent: what edits given to
    /// tree-sitter with wrong offsets or points would break in reused nodes.
    fn check_points(parse: &Parse, line_index: &LineIndex) -> Result<(), String> {
        let point = |offset| point_at(line_index, offset);
        let mut stack = vec![parse.tree().root_node()];
        while let Some(node) = stack.pop() {
            if node.end_byte() > parse.text().len()
                || node.start_position() != point(node.start_byte())
                || node.end_position() != point(node.end_byte())
            {
                return Err(format!("points disagree with bytes in {node:?}"));
            }
            let mut previous_end = node.start_byte();
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if child.start_byte() < previous_end || child.end_byte() > node.end_byte() {
                    return Err(format!("{child:?} is out of place in {node:?}"));
                }
                previous_end = child.end_byte();
                stack.push(child);
            }
        }
        Ok(())
    }

    fn point_at(line_index: &LineIndex, offset: usize) -> Point {
        let LineCol { line, col } = line_index.line_col(offset);
        Point::new(line, col)
    }

    fn assert_in_sync(document: &Document, expected: &str) {
        if let Err(problem) = check(document, expected) {
            panic!("{problem}");
        }
    }

    #[test]
    fn replaces_the_whole_text() {
        let mut document = Document::new("package a:b;\n".into(), 1);
        document.apply_changes(&[whole("interface i {}\n")], 2, Utf16);
        assert_in_sync(&document, "interface i {}\n");
        assert_eq!(document.version(), 2);
    }

    #[test]
    fn a_whole_text_change_amid_ranged_ones_resets_the_text() {
        let mut document = Document::new("package a:b;\n".into(), 1);
        let changes = [
            ranged((0, 8), (0, 9), "x"),
            whole("world w {}\n"),
            ranged((0, 6), (0, 7), "v"),
        ];
        document.apply_changes(&changes, 2, Utf16);
        assert_in_sync(&document, "world v {}\n");
    }

    #[test]
    fn changes_in_one_call_apply_in_order() {
        // Each change's positions refer to the text the change before left.
        let mut document = Document::new("record r {\n  a: u32,\n}\n".into(), 1);
        let changes = [
            ranged((1, 2), (1, 3), "bb"),
            ranged((1, 6), (1, 9), "string"),
            ranged((2, 0), (2, 0), "  c: u8,\n"),
        ];
        document.apply_changes(&changes, 2, Utf16);
        assert_in_sync(&document, "record r {\n  bb: string,\n  c: u8,\n}\n");
    }

    #[test]
    fn edits_at_the_very_end() {
        let mut document = Document::new("interface i {}".into(), 1);
        document.apply_changes(&[ranged((0, 14), (0, 14), "\n// 🙂")], 2, Utf16);
        let end = document
            .position_mapper(Utf16)
            .position(document.text().len());
        assert_eq!(end, Position::new(1, 5));
        document.apply_changes(&[ranged((1, 5), (1, 5), "!")], 3, Utf16);
        assert_in_sync(&document, "interface i {}\n// 🙂!");
    }

    #[test]
    fn a_range_past_the_end_clamps_to_it() {
        let mut document = Document::new("a\nb".into(), 1);
        document.apply_changes(&[ranged((1, 7), (9, 0), "c")], 2, Utf16);
        assert_in_sync(&document, "a\nbc");
        document.apply_changes(&[ranged((5, 1), (5, 1), "d")], 3, Utf16);
        assert_in_sync(&document, "a\nbcd");
        // Past the end of a line is the end of that line.
        document.apply_changes(&[ranged((0, 5), (0, 9), "x")], 4, Utf16);
        assert_in_sync(&document, "ax\nbcd");
    }

    #[test]
    fn a_reversed_range_is_swapped() {
        let mut document = Document::new("abcdef".into(), 1);
        document.apply_changes(&[ranged((0, 4), (0, 1), "-")], 2, Utf16);
        assert_in_sync(&document, "a-ef");
    }

    #[test]
    fn a_stale_version_is_recorded_and_its_changes_applied() {
        let mut document = Document::new("a".into(), 5);
        document.apply_changes(&[ranged((0, 1), (0, 1), "b")], 5, Utf16);
        document.apply_changes(&[ranged((0, 2), (0, 2), "c")], 3, Utf16);
        assert_eq!(document.version(), 3);
        assert_in_sync(&document, "abc");
    }

    /// xorshift64*: a deterministic generator, so that failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        /// A number in `0..n`; `n` must not be 0.
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn percent(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    const SEED_TEXT: &str = concat!(
        include_str!("../../../../examples/greeter/wit/greeter.wit"),
        "\n",
        "/// Résumé: 🙂 greetings in 日本語, with a combining accent: e\u{301}.\n",
        "interface types {\r\n",
        "  /* block comments /* nest */ — 接口 */\n",
        "  record point { x: u32, y: u32 }\n",
        "  variant shape { circle(f32), polygon(list<point>) }\n",
        "  // 🙂🙂 two emoji, then CJK: 漢字\n",
        "  resource blob {\n",
        "    constructor(bytes: list<u8>);\n",
        "    size: func() -> u64;\n",
        "  }\n",
        "  type pair = tuple<string, option<point>>;\n",
        "}\n",
    );

    /// The nearest offset at or before `offset` that a client could point
    /// at: a character boundary, and not between a `\r` and its `\n`.
    fn snap(text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
            offset -= 1;
        }
        offset
    }

    /// An edit to the client's text, in bytes.
    #[derive(Clone, Debug)]
    enum Edit {
        Replace(Range<usize>, String),
        ReplaceAll(String),
    }

    impl Edit {
        fn apply(&self, text: &mut String) {
            match self {
                Edit::Replace(range, new_text) => text.replace_range(range.clone(), new_text),
                Edit::ReplaceAll(new_text) => new_text.clone_into(text),
            }
        }

        /// The edit that undoes this one, applied to `text`.
        fn inverse(&self, text: &str) -> Edit {
            match self {
                Edit::Replace(range, new_text) => Edit::Replace(
                    range.start..range.start + new_text.len(),
                    text[range.clone()].to_owned(),
                ),
                Edit::ReplaceAll(_) => Edit::ReplaceAll(text.to_owned()),
            }
        }
    }

    fn random_edit(rng: &mut Rng, text: &str) -> Edit {
        if rng.percent(1) {
            let new_text = if rng.percent(50) {
                SEED_TEXT.to_owned()
            } else {
                random_insertion(rng)
            };
            return Edit::ReplaceAll(new_text);
        }
        // Keep the text between a few hundred bytes and a few kilobytes.
        if text.len() > 3000 {
            let start = snap(text, rng.below(text.len()));
            return Edit::Replace(start..snap(text, start + 1500).max(start), String::new());
        }
        if text.len() < 800 && rng.percent(30) {
            let at = snap(text, rng.below(text.len() + 1));
            return Edit::Replace(at..at, seed_lines(rng));
        }
        Edit::Replace(random_range(rng, text), random_insertion(rng))
    }

    fn random_range(rng: &mut Rng, text: &str) -> Range<usize> {
        let len = text.len();
        let kind = rng.below(100);
        let mut offset = || snap(text, rng.below(len + 1));
        match kind {
            0..35 => {
                let at = offset();
                at..at
            }
            35..85 => {
                let start = offset();
                let length = if kind < 70 {
                    rng.below(16)
                } else {
                    rng.below(200)
                };
                start..snap(text, start + length).max(start)
            }
            85..92 => {
                let (a, b) = (offset(), offset());
                a.min(b)..a.max(b)
            }
            92..95 => offset()..len,
            95..98 => 0..offset(),
            _ => 0..len,
        }
    }

    fn random_insertion(rng: &mut Rng) -> String {
        match rng.below(10) {
            0..2 => String::new(),
            2..4 => seed_lines(rng),
            _ => (0..=rng.below(3))
                .map(|_| rng.pick(EDIT_FRAGMENTS))
                .collect(),
        }
    }

    /// One to five consecutive lines of the seed text.
    fn seed_lines(rng: &mut Rng) -> String {
        let lines: Vec<&str> = SEED_TEXT.split_inclusive('\n').collect();
        let first = rng.below(lines.len());
        let count = 1 + rng.below(5);
        lines[first..lines.len().min(first + count)].concat()
    }

    /// A random `didChange` notification: one to four edits, each to the
    /// text the one before left, as LSP orders them; and the edits that undo
    /// them, in the order they apply.
    fn random_call(rng: &mut Rng, text: &str) -> (Vec<Edit>, Vec<Edit>) {
        let mut text = text.to_owned();
        let mut edits = Vec::new();
        let mut undo = Vec::new();
        for _ in 0..[1, 1, 1, 1, 1, 1, 2, 2, 3, 4][rng.below(10)] {
            let edit = random_edit(rng, &text);
            undo.push(edit.inverse(&text));
            edit.apply(&mut text);
            edits.push(edit);
        }
        undo.reverse();
        (edits, undo)
    }

    /// The LSP position of `offset` in `text`, computed without position.rs,
    /// sometimes written as a client may: past the end of its line, or the
    /// end of the text as the start of the line after the last.
    fn client_position(
        rng: &mut Rng,
        text: &str,
        offset: usize,
        encoding: PositionEncoding,
    ) -> Position {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..offset].matches('\n').count() as u32;
        let before = &text[line_start..offset];
        let character = match encoding {
            Utf8 => before.len(),
            Utf16 => before.encode_utf16().count(),
            Utf32 => before.chars().count(),
        } as u32;
        let rest = &text[offset..];
        if rest.is_empty() && rng.percent(20) {
            Position::new(line + 1, 0)
        } else if (rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n"))
            && rng.percent(20)
        {
            Position::new(line, character + 1 + rng.below(3) as u32)
        } else {
            Position::new(line, character)
        }
    }

    #[derive(Default)]
    struct Stats {
        edits: usize,
        texts_without_errors: usize,
    }

    /// An editor holding the text the document must have.
    struct Client {
        encoding: PositionEncoding,
        text: String,
        version: i32,
        document: Document,
    }

    impl Client {
        fn new(encoding: PositionEncoding) -> Self {
            Client {
                encoding,
                text: SEED_TEXT.to_owned(),
                version: 0,
                document: Document::new(SEED_TEXT.to_owned(), 0),
            }
        }

        /// Sends `edits` in one notification and checks the document.
        fn send(&mut self, rng: &mut Rng, edits: &[Edit], stats: &mut Stats) {
            let text_before = self.text.clone();
            let changes: Vec<_> = edits.iter().map(|edit| self.change(rng, edit)).collect();
            self.version += 1;
            self.document
                .apply_changes(&changes, self.version, self.encoding);
            stats.edits += changes.len();
            match check(&self.document, &self.text) {
                Ok(verdict) => {
                    if !verdict.text_has_errors {
                        stats.texts_without_errors += 1;
                    }
                }
                Err(problem) => {
                    let mut report = format!(
                        "{:?}, version {}, text before: {text_before:?}\n",
                        self.encoding, self.version,
                    );
                    for change in &changes {
                        writeln!(report, "change: {:?} {:?}", change.range, change.text).unwrap();
                    }
                    panic!("{report}{problem}");
                }
            }
        }

        /// Applies `edit` to the client's text and returns it as the client
        /// sends it, reversed now and then as a buggy client might.
        fn change(&mut self, rng: &mut Rng, edit: &Edit) -> TextDocumentContentChangeEvent {
            let change = match edit {
                Edit::ReplaceAll(new_text) => whole(new_text),
                Edit::Replace(range, new_text) => {
                    let start = client_position(rng, &self.text, range.start, self.encoding);
                    let end = client_position(rng, &self.text, range.end, self.encoding);
                    let (start, end) = if rng.percent(3) {
                        (end, start)
                    } else {
                        (start, end)
                    };
                    TextDocumentContentChangeEvent {
                        range: Some(LspRange::new(start, end)),
                        range_length: None,
                        text: new_text.clone(),
                    }
                }
            };
            edit.apply(&mut self.text);
            change
        }
    }

    /// Random edits as a client sends them, in every encoding, in runs of a
    /// few notifications. After some runs, every edit since the seed text is
    /// undone, notification by notification, so that the text often returns
    /// to one without errors, where the tree is the incremental one. After
    /// every notification the tree must equal a fresh parse.
    #[test]
    fn random_edits_keep_the_text_and_the_incremental_tree_in_sync() {
        const NOTIFICATIONS_PER_ENCODING: i32 = 1200;
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut stats = Stats::default();
        for encoding in [Utf8, Utf16, Utf32] {
            let mut client = Client::new(encoding);
            // The notifications that undo every edit since the seed text, last first.
            let mut undo_log = Vec::new();
            while client.version < NOTIFICATIONS_PER_ENCODING {
                for _ in 0..=rng.below(4) {
                    let (edits, undo) = random_call(&mut rng, &client.text);
                    client.send(&mut rng, &edits, &mut stats);
                    undo_log.push(undo);
                }
                if rng.percent(40) {
                    while let Some(undo) = undo_log.pop() {
                        client.send(&mut rng, &undo, &mut stats);
                    }
                    assert_eq!(client.text, SEED_TEXT);
                }
            }
        }
        assert!(stats.edits >= 5000, "only {} edits", stats.edits);
        assert!(
            stats.texts_without_errors >= 300,
            "only {} texts without errors",
            stats.texts_without_errors,
        );
    }

    /// tree-sitter recomputes the points of the nodes it reparses, so the
    /// differential test cannot see wrong points in edits; check them here.
    #[test]
    fn input_edits_give_points_in_lines_and_bytes() {
        let mut rng = Rng(0x0123_4567_89AB_CDEF);
        let mut text = SEED_TEXT.to_owned();
        for _ in 0..2000 {
            let Edit::Replace(range, new_text) = random_edit(&mut rng, &text) else {
                continue;
            };
            let old_index = LineIndex::new(&text);
            let edit = input_edit(&old_index, range.clone(), &new_text);
            text.replace_range(range.clone(), &new_text);
            let new_end = range.start + new_text.len();
            let expected = InputEdit {
                start_byte: range.start,
                old_end_byte: range.end,
                new_end_byte: new_end,
                start_position: point_at(&old_index, range.start),
                old_end_position: point_at(&old_index, range.end),
                new_end_position: point_at(&LineIndex::new(&text), new_end),
            };
            assert_eq!(edit, expected, "replacing {range:?} with {new_text:?}");
        }
    }
}
