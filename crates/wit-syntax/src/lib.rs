//! The syntax layer of wit-lsp.
//!
//! Parsing never fails: every input, however broken, yields a [`Parse`] whose
//! tree covers all of the text, plus the list of [`SyntaxError`]s found in it.
//! Typed accessors over the tree live in [`ast`]. Nothing here knows about
//! files, packages, wit-parser or LSP.

pub mod ast;
mod errors;
mod format;
mod line_index;
mod ranges;
mod sexp;
mod validate;
mod walk;

use std::sync::Arc;

pub use errors::{BUILTIN_TYPES, SyntaxError};
pub use format::{FormatOptions, Indent, format};
pub use line_index::{LineCol, LineIndex};
pub use ranges::{Fold, FoldKind};
pub use tree_sitter::{self, InputEdit, Node, Point, Tree};
pub use validate::KEYWORDS;
pub use walk::walk;

/// The tree-sitter language for WIT.
pub fn language() -> tree_sitter::Language {
    tree_sitter_wit::LANGUAGE.into()
}

/// A parser for WIT. Creating one is cheap; reuse it to parse many texts.
pub struct Parser(tree_sitter::Parser);

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    pub fn new() -> Self {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&language())
            .expect("the generated WIT parser matches the tree-sitter runtime");
        Parser(parser)
    }

    /// Parses `text`. With `old`, a tree of a previous version of the text that
    /// has been told about the edits (see [`Tree::edit`]), parsing is incremental.
    pub fn parse(&mut self, text: impl Into<Arc<str>>, old: Option<&Tree>) -> Parse {
        let text = text.into();
        let tree = self
            .0
            .parse(text.as_bytes(), old)
            .expect("parsing without a timeout or cancellation flag always yields a tree");
        Parse { text, tree }
    }

    /// Parses `text`, the result of applying `edits` in order to `old`'s text,
    /// reusing the unchanged parts of `old`'s tree. `old` itself is left as it
    /// was: the edits go to a copy of its tree, which is cheap (reference-counted).
    ///
    /// Each edit's offsets, and its points (rows and byte columns), refer to
    /// the text as it stood just before that edit, as [`Tree::edit`] expects.
    pub fn reparse(
        &mut self,
        old: &Parse,
        edits: &[InputEdit],
        text: impl Into<Arc<str>>,
    ) -> Parse {
        let mut tree = old.tree.clone();
        for edit in edits {
            tree.edit(edit);
        }
        self.parse(text, Some(&tree))
    }
}

/// A WIT text and its syntax tree.
#[derive(Clone)]
pub struct Parse {
    text: Arc<str>,
    tree: Tree,
}

/// Parses one WIT text from scratch.
pub fn parse(text: impl Into<Arc<str>>) -> Parse {
    Parser::new().parse(text, None)
}

impl Parse {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The typed root of the tree.
    pub fn source_file(&self) -> ast::SourceFile<'_> {
        ast::SourceFile::new(self.tree.root_node(), &self.text)
    }

    /// Every syntax error, in source order: the tree's ERROR and MISSING
    /// nodes, and the rules of wit-parser's parser that a context-free grammar
    /// cannot express (nesting limits, where attributes may stand).
    pub fn errors(&self) -> Vec<SyntaxError> {
        let mut errors = self.tree_errors();
        errors.extend(self.rule_errors());
        errors.sort_by_key(|error| (error.range.start, error.range.end));
        errors
    }

    /// The tree's ERROR and MISSING nodes: nothing to find when the root has
    /// no error, so cheap for a file that parses.
    pub fn tree_errors(&self) -> Vec<SyntaxError> {
        errors::tree_errors(&self.tree, &self.text)
    }

    /// The breaches of the rules the grammar cannot express: a walk of the
    /// whole tree. wit-parser rejects every one of them, so a caller that has
    /// its verdict may skip this for a file it accepted.
    pub fn rule_errors(&self) -> Vec<SyntaxError> {
        validate::validate(self.source_file())
    }

    /// The tree as an indented S-expression with field names and positions.
    pub fn to_sexp(&self) -> String {
        sexp::render(self.tree.root_node(), &self.text)
    }
}
