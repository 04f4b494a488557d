//! The internals the fuzz targets in `fuzz/` drive directly, behind the
//! `fuzzing` feature (and in tests): not a public API.

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use wit_syntax::Parse;

use super::document;
pub use super::position::PositionEncoding;

/// An open document: the server's edit buffer and incrementally reparsed tree.
pub struct Document(document::Document);

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        Document(document::Document::new(text, version))
    }

    /// Applies one `didChange` notification's changes, as the server does.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: PositionEncoding,
    ) {
        self.0.apply_changes(changes, version, encoding);
    }

    /// The edit buffer's text, which must equal the parse's.
    pub fn rope_text(&self) -> String {
        self.0.rope_text()
    }

    pub fn parse(&self) -> &Parse {
        self.0.parse()
    }
}

/// Pieces of text that random edits insert, for the fuzz targets and the
/// document's own differential test: WIT tokens, every kind of line break,
/// comments that nest or do not end, and multi-byte characters.
pub const EDIT_FRAGMENTS: &[&str] = &[
    "interface x {",
    "}",
    "{",
    "record r { a: u32 }",
    "variant v { a, b(u8) }",
    "enum e { a }",
    "flags f { a }",
    "type t = tuple<u8, s32>;",
    "func(a: string) -> u32",
    "world w {",
    "export x;",
    "import y: interface {}",
    "package a:b@1.0.0;",
    "@since(version = 1.0.0)",
    "use",
    "%use",
    "include",
    "resource",
    "list<u8>",
    "option<borrow<r>>",
    "a-b",
    "<",
    ">",
    ";",
    ":",
    ",",
    ".",
    "-",
    "\"",
    " ",
    "\n",
    "\r\n",
    "/* é */",
    "/* /* 🙂 */",
    "*/",
    "// 🙂\n",
    "/// 接口\n",
    "🙂",
    "接",
    "é",
    "e\u{301}",
    "\r",
    "\t",
    "\u{feff}",
];
