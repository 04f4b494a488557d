//! Code actions: quick fixes for diagnostics, and "organize uses".
//!
//! Quick fixes are found from the diagnostics the editor passes back (they
//! carry the problem's code and range), the file's syntax tree and the index:
//!
//! - `unused-use`: remove the name from its `{…}` list, or the whole `use`
//!   when it is the only name (or a top-level `use … as x;`);
//! - `not-found` on a named type: import it from every interface of the
//!   package or its deps that defines a type of that name;
//! - a syntax error on a name that is not kebab-case (`fooBar`, `foo_bar`):
//!   rename it to `foo-bar`. The grammar, like wit-parser's lexer, splits such
//!   a name into several tokens, so it never resolves: only the text under the
//!   error is replaced, never its references.
//!
//! "Organize uses" sorts the `use` items of each interface and world body by
//! path, merges those of the same path and sorts (and deduplicates) the names
//! in each list. It skips a body whose `use`s carry comments (before, inside
//! or after them on their line) or attributes, which moving and merging would
//! lose or misattribute, and files with syntax errors.

use std::ops::Range;
use std::path::Path;

use wit_syntax::Node;
use wit_syntax::ast::{AstNode, UseItem};

use super::rename::is_identifier;
use super::{FileEdits, Index, RefKind, SymbolKind, TextEdit};
use crate::Diagnostic;
use crate::lint::UNUSED_USE;
use crate::rules::{NOT_FOUND, PARSE, SYNTAX};

/// What kind of action a [`CodeAction`] is, as editors group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeActionKind {
    /// A fix for a diagnostic.
    QuickFix,
    /// Sort and merge the `use`s of a file.
    SourceOrganizeUses,
}

/// An edit the user may choose to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: CodeActionKind,
    /// The index in the diagnostics passed in of the one this fixes.
    pub diagnostic: Option<usize>,
    pub edits: Vec<FileEdits>,
    /// Whether this is the fix to apply when the user does not choose.
    pub is_preferred: bool,
}

pub(super) fn code_actions(
    index: &Index,
    path: &Path,
    range: Range<usize>,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let Some(text) = index.text(path) else {
        return Vec::new();
    };
    let parse = wit_syntax::parse(text);
    let root = parse.tree().root_node();
    let mut actions = Vec::new();
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        let Range { start, end } = diagnostic.range;
        let touches_range = start <= range.end && range.start <= end;
        // Diagnostics come back from the editor: their ranges may be stale.
        let in_text = start <= end && text.is_char_boundary(start) && text.is_char_boundary(end);
        if diagnostic.path != path || !touches_range || !in_text {
            continue;
        }
        let fixes = match diagnostic.code {
            Some(code) if code == UNUSED_USE.code => {
                remove_unused_use(root, text, diagnostic.range.clone())
                    .into_iter()
                    .collect()
            }
            Some(code) if code == NOT_FOUND.code => {
                import_missing_type(index, path, root, text, diagnostic)
            }
            Some(code) if code == SYNTAX.code || code == PARSE.code => {
                kebab_case_fix(text, diagnostic.range.clone())
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        };
        let only_one = fixes.len() == 1;
        actions.extend(fixes.into_iter().map(|(title, edits)| CodeAction {
            title,
            kind: CodeActionKind::QuickFix,
            diagnostic: Some(i),
            edits: vec![FileEdits {
                path: path.to_path_buf(),
                edits,
            }],
            is_preferred: only_one,
        }));
    }
    if parse.errors().is_empty() {
        let edits = organize_uses(root, text);
        if !edits.is_empty() {
            actions.push(CodeAction {
                title: "Organize uses".to_owned(),
                kind: CodeActionKind::SourceOrganizeUses,
                diagnostic: None,
                edits: vec![FileEdits {
                    path: path.to_path_buf(),
                    edits,
                }],
                is_preferred: false,
            });
        }
    }
    actions
}

/// A quick fix: its title and the edits it makes in the diagnostic's file.
type Fix = (String, Vec<TextEdit>);

// ---- unused `use` ----------------------------------------------------------

fn remove_unused_use(root: Node<'_>, text: &str, range: Range<usize>) -> Option<Fix> {
    let name = root.named_descendant_for_byte_range(range.start, range.end)?;
    let parent = name.parent()?;
    let title = format!("Remove unused `{}`", &text[range]);
    let removal = match parent.kind() {
        "toplevel_use_item" => whole_lines(text, parent.byte_range()),
        // `use ns:pkg/x;` without `as`: the name is the path's last segment.
        "use_path" => {
            let toplevel = parent
                .parent()
                .filter(|node| node.kind() == "toplevel_use_item")?;
            whole_lines(text, toplevel.byte_range())
        }
        "use_name" => {
            let use_item = parent.parent()?;
            let names = named_children_of_kind(use_item, "use_name");
            let i = names.iter().position(|&node| node == parent)?;
            if names.len() == 1 {
                whole_lines(text, use_item.byte_range())
            } else if let Some(next) = names.get(i + 1) {
                // `a, ` of `{a, b}`: up to the next name.
                parent.start_byte()..next.start_byte()
            } else {
                // `, b` of `{a, b}`: from the end of the previous name.
                names[i - 1].end_byte()..parent.end_byte()
            }
        }
        _ => return None,
    };
    Some((title, vec![delete(removal)]))
}

// ---- missing `use` ---------------------------------------------------------

/// One fix per interface that defines a type of the missing name.
fn import_missing_type(
    index: &Index,
    path: &Path,
    root: Node<'_>,
    text: &str,
    diagnostic: &Diagnostic,
) -> Vec<Fix> {
    let range = diagnostic.range.clone();
    let Some(file) = index.file_ids.get(path).map(|&id| &index.files[id]) else {
        return Vec::new();
    };
    let is_unresolved_type = file.refs.iter().any(|&id| {
        let reference = &index.refs[id];
        reference.range == range && reference.kind == RefKind::Type && reference.target.is_none()
    });
    if !is_unresolved_type {
        return Vec::new();
    }
    let name = text[range.clone()].trim_start_matches('%');
    let Some(body) = root
        .named_descendant_for_byte_range(range.start, range.end)
        .and_then(|node| enclosing_body(node))
    else {
        return Vec::new();
    };

    let mut fixes: Vec<Fix> = Vec::new();
    for symbol in &index.symbols {
        if !(symbol.kind.is_type() && symbol.name == name) {
            continue;
        }
        let Some(interface) = symbol.parent.map(|id| &index.symbols[id]) else {
            continue;
        };
        if interface.kind != SymbolKind::Interface {
            continue;
        }
        let use_path = if interface.package == file.package {
            interface.name.clone()
        } else {
            let Some(package) = &index.packages[interface.package].name else {
                continue;
            };
            let version = package
                .version
                .as_ref()
                .map(|version| format!("@{version}"))
                .unwrap_or_default();
            format!(
                "{}:{}/{}{version}",
                package.namespace, package.name, interface.name
            )
        };
        let title = format!("Import `{name}` from `{use_path}`");
        // A broken package may define an interface, or a type in it, twice.
        if fixes.iter().any(|(existing, _)| *existing == title) {
            continue;
        }
        let Some(edit) = add_to_existing_use(body, text, &use_path, name)
            .or_else(|| insert_use(body, text, &use_path, name))
        else {
            continue;
        };
        fixes.push((title, vec![edit]));
    }
    fixes
}

/// The interface or world body `node` is in.
fn enclosing_body(node: Node<'_>) -> Option<Node<'_>> {
    let mut ancestor = node.parent();
    while let Some(node) = ancestor {
        if matches!(node.kind(), "interface_body" | "world_body") {
            return Some(node);
        }
        ancestor = node.parent();
    }
    None
}

/// `, name` after the last name of the body's `use use_path.{…}`, if it has one.
fn add_to_existing_use(body: Node<'_>, text: &str, use_path: &str, name: &str) -> Option<TextEdit> {
    let use_item = named_children_of_kind(body, "use_item")
        .into_iter()
        .find(|&use_item| path_text(use_item, text).as_deref() == Some(use_path))?;
    let last = *named_children_of_kind(use_item, "use_name").last()?;
    Some(TextEdit {
        range: last.end_byte()..last.end_byte(),
        new_text: format!(", {name}"),
    })
}

/// `use use_path.{name};` as the body's first member (before its docs), on
/// its own line.
fn insert_use(body: Node<'_>, text: &str, use_path: &str, name: &str) -> Option<TextEdit> {
    let at = body.named_child(0)?.start_byte();
    let indent = indentation(text, at).unwrap_or("  ");
    Some(TextEdit {
        range: at..at,
        new_text: format!("use {use_path}.{{{name}}};\n{indent}"),
    })
}

// ---- names that are not kebab-case -----------------------------------------

/// "Rename to `foo-bar`" when the error is on a run of name characters that
/// is not an identifier but spells one in another case style.
fn kebab_case_fix(text: &str, range: Range<usize>) -> Option<Fix> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    // Name characters are ASCII: one byte each.
    let start = range.start
        - text[..range.start]
            .chars()
            .rev()
            .take_while(|&c| is_name_char(c))
            .count();
    let end = range.start
        + text[range.start..]
            .chars()
            .take_while(|&c| is_name_char(c))
            .count();
    let written = &text[start..end];
    if written.is_empty() || is_identifier(written) {
        return None;
    }
    let kebab = to_kebab_case(written);
    is_identifier(&kebab).then(|| {
        (
            format!("Rename to `{kebab}`"),
            vec![TextEdit {
                range: start..end,
                new_text: kebab,
            }],
        )
    })
}

/// `fooBar`, `foo_bar`, `FooBar`, `HTTPServer` → `foo-bar`, …, `http-server`.
fn to_kebab_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut kebab = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' {
            if !kebab.is_empty() && !kebab.ends_with('-') {
                kebab.push('-');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            // `oB` in `fooBar`, and `Se` in `HTTPServer`.
            let starts_word = previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower);
            if starts_word && !kebab.ends_with('-') {
                kebab.push('-');
            }
        }
        kebab.push(c.to_ascii_lowercase());
    }
    kebab.trim_end_matches('-').to_owned()
}

// ---- organize uses -----------------------------------------------------------

fn organize_uses(root: Node<'_>, text: &str) -> Vec<TextEdit> {
    let mut edits = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if matches!(node.kind(), "interface_body" | "world_body") {
            edits.extend(organize_body(node, text));
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    edits.sort_by_key(|edit| edit.range.start);
    edits
}

/// The edits that organize one body's `use`s: the first becomes all of them,
/// sorted and merged; the others are removed.
fn organize_body(body: Node<'_>, text: &str) -> Vec<TextEdit> {
    let uses = named_children_of_kind(body, "use_item");
    if uses.is_empty()
        || uses
            .iter()
            .any(|&use_item| has_comments_or_attributes(use_item, text))
    {
        return Vec::new();
    }
    let mut by_path: Vec<(String, Vec<String>)> = Vec::new();
    let mut written = Vec::new();
    for &use_item in &uses {
        let Some(path) = path_text(use_item, text) else {
            return Vec::new();
        };
        let names: Vec<String> = named_children_of_kind(use_item, "use_name")
            .into_iter()
            .map(|name| squeeze(&text[name.byte_range()]))
            .collect();
        written.push(render_use(&path, &names));
        match by_path.iter_mut().find(|(existing, _)| *existing == path) {
            Some((_, all)) => all.extend(names),
            None => by_path.push((path, names)),
        }
    }
    by_path.sort_by(|a, b| a.0.cmp(&b.0));
    let organized: Vec<String> = by_path
        .into_iter()
        .map(|(path, mut names)| {
            names.sort();
            names.dedup();
            render_use(&path, &names)
        })
        .collect();
    if organized == written {
        return Vec::new();
    }
    let first = uses[0];
    let indent = indentation(text, first.start_byte()).unwrap_or("");
    let mut edits = vec![TextEdit {
        range: first.byte_range(),
        new_text: organized.join(&format!("\n{indent}")),
    }];
    edits.extend(
        uses[1..]
            .iter()
            .map(|use_item| delete(whole_lines(text, use_item.byte_range()))),
    );
    edits
}

fn has_comments_or_attributes(use_item: Node<'_>, text: &str) -> bool {
    let is_comment = |node: Node<'_>| matches!(node.kind(), "comment" | "doc_comment");
    let trailing_comment = use_item.next_sibling().is_some_and(|next| {
        is_comment(next) && next.start_position().row == use_item.end_position().row
    });
    if use_item.prev_sibling().is_some_and(is_comment) || trailing_comment {
        return true;
    }
    if UseItem::cast(use_item, text).is_some_and(|item| item.attributes().next().is_some()) {
        return true;
    }
    let mut cursor = use_item.walk();
    let mut stack = vec![use_item];
    while let Some(node) = stack.pop() {
        if is_comment(node) {
            return true;
        }
        stack.extend(node.children(&mut cursor));
    }
    false
}

fn render_use(path: &str, names: &[String]) -> String {
    format!("use {path}.{{{}}};", names.join(", "))
}

// ---- shared --------------------------------------------------------------------

fn named_children_of_kind<'t>(node: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| child.kind() == kind)
        .collect()
}

/// A `use` item's path as it would be written without spaces: `iface` or `ns:pkg/iface@v`.
fn path_text(use_item: Node<'_>, text: &str) -> Option<String> {
    let path = UseItem::cast(use_item, text)?.path()?;
    Some(path.text().split_whitespace().collect())
}

/// Runs of whitespace in `text` as one space (`a  as b` → `a as b`).
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whitespace before `offset` on its line, when only whitespace is there.
fn indentation(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    before
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(before)
}

/// `range` with its line, when nothing else is on that line.
fn whole_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(indent) = indentation(text, range.start) else {
        return range;
    };
    let rest = &text[range.end..];
    let line_end = rest.find('\n').map_or(text.len(), |i| range.end + i + 1);
    if !text[range.end..line_end].trim().is_empty() {
        return range;
    }
    range.start - indent.len()..line_end
}

fn delete(range: Range<usize>) -> TextEdit {
    TextEdit {
        range,
        new_text: String::new(),
    }
}
