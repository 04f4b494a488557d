//! The formatter: canonical layout (as `wasm-tools component wit` prints),
//! keeping every comment where it was relative to the tokens around it.
//!
//! It works on the token stream of the concrete tree, comments included, and
//! only decides the whitespace between tokens, so no token moves past another
//! and wit-parser (which takes the comments before an item as its docs) sees
//! the same package. The only tokens it changes are commas: a missing trailing
//! comma is added after the last field or case of a record, variant, enum or
//! flags, and a trailing comma is dropped from one-line lists (parameters,
//! tuples, `use` names, `include … with` names).
//!
//! What the source decides: blank lines between lines (collapsed to one, none
//! right inside braces), and whether a comment starts its own line or trails
//! the code before it. Everything else follows from the tree, which is why
//! formatting is idempotent.
//!
//! A file with syntax errors is left alone: [`format`] answers `None`, since
//! the layout of a broken tree could move text between items. The walk uses a
//! cursor, not recursion, so deep nesting costs no stack.

use std::ops::Range;

use tree_sitter::Node;

use crate::Parse;
use crate::ast::KindSet;

/// One level of indentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    Spaces(usize),
    Tab,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    pub indent: Indent,
}

impl Default for FormatOptions {
    /// Two spaces, as wasm-tools prints.
    fn default() -> Self {
        FormatOptions {
            indent: Indent::Spaces(2),
        }
    }
}

/// The formatted text of `parse`, ending with one newline (empty for a file
/// of nothing but whitespace); `None` when it has syntax errors.
pub fn format(parse: &Parse, options: &FormatOptions) -> Option<String> {
    if !parse.errors().is_empty() {
        return None;
    }
    let leaves = Leaves::collect(parse.tree().root_node(), parse.text());
    let formatted = render(&leaves, parse.text(), options);
    // A guard against a layout bug turning a valid file into an invalid one:
    // better to leave the file as it is.
    crate::parse(formatted.as_str())
        .errors()
        .is_empty()
        .then_some(formatted)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeafKind {
    Token,
    /// `//` or `///`: the line must end after it.
    LineComment,
    /// `/* */` or `/** */`.
    BlockComment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Brace {
    /// The `{` of a body whose members go on lines of their own.
    Open,
    /// Its `}`.
    Close,
}

/// A token of the output, as the tree places it.
#[derive(Debug)]
struct Leaf<'t> {
    text: &'t str,
    /// Where it is in the source; empty, at the end of the element it
    /// follows, for an added comma.
    range: Range<usize>,
    kind: LeafKind,
    /// How many bodies with members on their own lines enclose it.
    depth: usize,
    /// It starts a member, an attribute, or the item after an attribute.
    line_start: bool,
    brace: Option<Brace>,
    /// No space before it, or after it, on a line.
    glue_before: bool,
    glue_after: bool,
    /// The `;` that ends `package a:b;`, which a blank line follows.
    ends_package_decl: bool,
}

/// The node kinds the layout depends on.
struct Kinds {
    /// Bodies whose members each get a line, indented.
    block_bodies: KindSet,
    /// Nodes that start a line of their own.
    line_starts: KindSet,
    attributes: KindSet,
    /// Elements of a block list, each followed by a comma.
    listed: KindSet,
    /// One-line comma-separated lists, which drop a trailing comma.
    inline_lists: KindSet,
    /// Where `:` separates the parts of a name: `a:b`, `a:b/c`.
    package_paths: KindSet,
}

impl Kinds {
    fn new() -> Kinds {
        const ATTRIBUTES: &[&str] = &[
            "since_gate",
            "unstable_gate",
            "deprecated_gate",
            "external_id_attribute",
        ];
        const LISTED: &[&str] = &["record_field", "variant_case", "enum_case", "flag"];
        let mut line_starts = vec![
            "package_decl",
            "nested_package",
            "interface_item",
            "world_item",
            "toplevel_use_item",
            "use_item",
            "func_item",
            "type_alias",
            "record_item",
            "variant_item",
            "enum_item",
            "flags_item",
            "resource_item",
            "constructor_item",
            "method_item",
            "import_item",
            "export_item",
            "include_item",
        ];
        line_starts.extend(ATTRIBUTES);
        line_starts.extend(LISTED);
        Kinds {
            block_bodies: KindSet::new(&[
                "package_body",
                "interface_body",
                "world_body",
                "resource_body",
                "record_body",
                "variant_body",
                "enum_body",
                "flags_body",
            ]),
            line_starts: KindSet::new(&line_starts),
            attributes: KindSet::new(ATTRIBUTES),
            listed: KindSet::new(LISTED),
            inline_lists: KindSet::new(&["param_list", "tuple_type", "use_item", "include_names"]),
            package_paths: KindSet::new(&["package_name", "use_path"]),
        }
    }
}

/// The tokens of a tree in order, with what the layout needs to know.
struct Leaves;

impl Leaves {
    fn collect<'t>(root: Node<'t>, text: &'t str) -> Vec<Leaf<'t>> {
        let kinds = Kinds::new();
        let mut leaves: Vec<Leaf<'t>> = Vec::new();
        let mut depth = 0usize;
        // The next token starts a line; comments leave this for the token
        // after them.
        let mut line_start = false;
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            if kinds.line_starts.contains(node) {
                line_start = true;
            }
            if kinds.block_bodies.contains(node) {
                depth += 1;
            }
            if cursor.goto_first_child() {
                continue;
            }
            if let Some(leaf) = Self::leaf(node, text, &kinds, depth, &mut line_start) {
                leaves.push(leaf);
            }
            loop {
                let left = cursor.node();
                if kinds.block_bodies.contains(left) {
                    depth -= 1;
                }
                if kinds.attributes.contains(left) {
                    line_start = true;
                }
                if kinds.listed.contains(left)
                    && next_token(left).is_none_or(|next| next.kind() != ",")
                {
                    leaves.push(Leaf {
                        text: ",",
                        range: left.end_byte()..left.end_byte(),
                        kind: LeafKind::Token,
                        depth,
                        line_start: false,
                        brace: None,
                        glue_before: true,
                        glue_after: false,
                        ends_package_decl: false,
                    });
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return leaves;
                }
            }
        }
    }

    /// The output token for the leaf `node`, if it has one.
    fn leaf<'t>(
        node: Node<'t>,
        text: &'t str,
        kinds: &Kinds,
        depth: usize,
        line_start: &mut bool,
    ) -> Option<Leaf<'t>> {
        let range = node.byte_range();
        if range.is_empty() {
            return None;
        }
        let token = &text[range.clone()];
        if matches!(node.kind(), "comment" | "doc_comment") {
            let (kind, token) = match token.starts_with("//") {
                // wit-parser trims the end of each comment line it keeps as docs.
                true => (LeafKind::LineComment, token.trim_end()),
                false => (LeafKind::BlockComment, token),
            };
            return Some(Leaf {
                text: token,
                range,
                kind,
                depth,
                line_start: false,
                brace: None,
                glue_before: false,
                glue_after: false,
                ends_package_decl: false,
            });
        }
        let parent = node.parent();
        let in_parent = |set: &KindSet| parent.is_some_and(|parent| set.contains(parent));
        if token == ","
            && in_parent(&kinds.inline_lists)
            && next_token(node).is_some_and(|next| matches!(next.kind(), ")" | ">" | "}"))
        {
            return None;
        }
        let brace = match token {
            "{" if in_parent(&kinds.block_bodies) => Some(Brace::Open),
            "}" if in_parent(&kinds.block_bodies) => Some(Brace::Close),
            _ => None,
        };
        let is_use_braces = parent.is_some_and(|parent| parent.kind() == "use_item");
        let leaf = Leaf {
            text: token,
            range,
            kind: LeafKind::Token,
            // A body's braces sit at the depth of the item that owns it.
            depth: if brace.is_some() { depth - 1 } else { depth },
            line_start: std::mem::take(line_start),
            brace,
            glue_before: match token {
                "," | ";" | ":" | "(" | ")" | "<" | ">" | "." | "/" | "@" => true,
                "}" => is_use_braces,
                _ => false,
            },
            glue_after: match token {
                "(" | "<" | "." | "/" | "@" => true,
                ":" => in_parent(&kinds.package_paths),
                "{" => is_use_braces,
                _ => false,
            },
            ends_package_decl: token == ";"
                && parent.is_some_and(|parent| parent.kind() == "package_decl"),
        };
        // The first member of a body starts a line.
        *line_start = brace == Some(Brace::Open);
        Some(leaf)
    }
}

/// The next sibling of `node` that is not a comment.
fn next_token(node: Node<'_>) -> Option<Node<'_>> {
    let mut next = node.next_sibling();
    while let Some(sibling) = next
        && sibling.is_extra()
    {
        next = sibling.next_sibling();
    }
    next
}

/// What goes between two tokens.
enum Separator {
    Nothing,
    Space,
    Newline { indent: usize, blank: bool },
}

fn render(leaves: &[Leaf<'_>], text: &str, options: &FormatOptions) -> String {
    let indent_unit = match options.indent {
        Indent::Spaces(width) => " ".repeat(width),
        Indent::Tab => "\t".to_owned(),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut blank_wanted = false;
    let mut previous: Option<&Leaf<'_>> = None;
    for (index, leaf) in leaves.iter().enumerate() {
        let separator = match previous {
            None => Separator::Nothing,
            Some(previous) => {
                let gap = &text[previous.range.end.min(leaf.range.start)..leaf.range.start];
                let newline = |indent: usize| Separator::Newline {
                    indent,
                    blank: gap.matches('\n').nth(1).is_some()
                        && previous.brace != Some(Brace::Open)
                        && leaf.brace != Some(Brace::Close),
                };
                if leaf.kind != LeafKind::Token {
                    if gap.contains('\n') {
                        newline(comment_indent(&leaves[index + 1..]))
                    } else {
                        Separator::Space
                    }
                } else if leaf.brace == Some(Brace::Close) {
                    match previous.brace {
                        Some(Brace::Open) => Separator::Nothing,
                        _ => newline(leaf.depth),
                    }
                } else if leaf.line_start {
                    newline(leaf.depth)
                } else if previous.kind == LeafKind::LineComment {
                    // Inside a line that a comment broke: a continuation.
                    newline(leaf.depth + 1)
                } else if leaf.glue_before || previous.glue_after {
                    Separator::Nothing
                } else {
                    Separator::Space
                }
            }
        };
        match separator {
            Separator::Nothing => {}
            Separator::Space => out.push(' '),
            Separator::Newline { indent, blank } => {
                out.push('\n');
                if std::mem::take(&mut blank_wanted) || blank {
                    out.push('\n');
                }
                for _ in 0..indent {
                    out.push_str(&indent_unit);
                }
            }
        }
        out.push_str(leaf.text);
        blank_wanted |= leaf.ends_package_decl;
        previous = Some(leaf);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The indentation of a comment on its own line: that of the line the next
/// token starts, or a continuation when that token goes on the same line.
fn comment_indent(rest: &[Leaf<'_>]) -> usize {
    match rest.iter().find(|leaf| leaf.kind == LeafKind::Token) {
        None => 0,
        Some(next) if next.line_start && next.brace != Some(Brace::Close) => next.depth,
        // Inside the body that `}` closes, or a continuation of a line.
        Some(next) => next.depth + 1,
    }
}
