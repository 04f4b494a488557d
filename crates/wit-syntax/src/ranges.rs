//! Ranges an editor folds and selects: folding ranges (blocks, comment runs,
//! `use` groups) and the chain of enclosing nodes for "expand selection".

use std::ops::Range;

use tree_sitter::Node;

use crate::Parse;
use crate::ast::KindSet;

/// A range an editor may fold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    /// From the opening bracket to the closing one; from the start of the first
    /// comment or `use` to the end of the last.
    pub range: Range<usize>,
    pub kind: FoldKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoldKind {
    /// A bracketed block: a body, `include … with { … }`, `use x.{ … }`, a parameter list.
    Region,
    /// A multi-line block comment, or a run of line comments on consecutive lines.
    Comment,
    /// `use` items on consecutive lines.
    Imports,
}

/// The node kinds the walks look at.
struct Kinds {
    /// Nodes that are a bracketed block in their entirety.
    blocks: KindSet,
    /// A `use … .{ … };`, whose braces are tokens of the item.
    use_item: KindSet,
    /// Nodes whose children may be `use` items.
    use_containers: KindSet,
    uses: KindSet,
    comment: KindSet,
    doc_comment: KindSet,
}

impl Kinds {
    fn new() -> Self {
        Kinds {
            blocks: KindSet::new(&[
                "package_body",
                "interface_body",
                "world_body",
                "record_body",
                "variant_body",
                "enum_body",
                "flags_body",
                "resource_body",
                "include_names",
                "param_list",
            ]),
            use_item: KindSet::new(&["use_item"]),
            use_containers: KindSet::new(&[
                "source_file",
                "package_body",
                "interface_body",
                "world_body",
            ]),
            uses: KindSet::new(&["toplevel_use_item", "use_item"]),
            comment: KindSet::new(&["comment"]),
            doc_comment: KindSet::new(&["doc_comment"]),
        }
    }
}

impl Parse {
    /// Every range worth folding, that is spanning several lines, sorted by
    /// start (an enclosing range before those inside it).
    pub fn folds(&self) -> Vec<Fold> {
        let kinds = Kinds::new();
        let text = self.text();
        let mut folds = Vec::new();
        let mut comments = Vec::new();
        let root = self.tree().root_node();
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            if kinds.blocks.contains(node) {
                folds.push(fold(node.byte_range(), FoldKind::Region));
            } else if kinds.use_item.contains(node) {
                if let Some(braces) = braces(node) {
                    folds.push(fold(braces, FoldKind::Region));
                }
            } else if kinds.comment.contains(node) || kinds.doc_comment.contains(node) {
                comments.push(node);
            }
            if kinds.use_containers.contains(node) {
                folds.extend(use_runs(node, &kinds, text));
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        folds.extend(comment_runs(&comments, &kinds, text));
        folds.retain(|fold| text[fold.range.clone()].contains('\n'));
        folds.sort_by_key(|fold| (fold.range.start, std::cmp::Reverse(fold.range.end)));
        folds
    }

    /// The ranges "expand selection" steps through from `offset`: the token
    /// there, then each enclosing node up to the whole text, innermost first,
    /// each strictly larger than the one before.
    pub fn selection_ranges(&self, offset: usize) -> Vec<Range<usize>> {
        let offset = offset.min(self.text().len());
        let root = self.tree().root_node();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut node = root.descendant_for_byte_range(offset, offset);
        // A cursor just after a word (where editors put it) means the word,
        // not the punctuation after it.
        let is_word = |node: &Node<'_>| {
            node.child_count() == 0
                && (node.is_named() || node.kind().starts_with(|c: char| c.is_ascii_alphabetic()))
        };
        let before = offset
            .checked_sub(1)
            .and_then(|start| root.descendant_for_byte_range(start, offset))
            .filter(|before| is_word(before) && before.end_byte() == offset);
        if before.is_some() && !node.is_some_and(|node| is_word(&node)) {
            node = before;
        }
        // Found from the root down: `parent()` searches from the root each
        // time, which is quadratic in the depth (10,000 nested `list<…>`).
        let mut enclosing = Vec::new();
        if let Some(node) = node {
            let mut current = root;
            enclosing.push(current);
            while current != node {
                let Some(child) = current.child_with_descendant(node) else {
                    break;
                };
                current = child;
                enclosing.push(current);
            }
        }
        for current in enclosing.into_iter().rev() {
            let range = current.byte_range();
            // MISSING nodes are empty, and a node may span exactly its only child.
            if !range.is_empty() && ranges.last() != Some(&range) {
                ranges.push(range);
            }
        }
        let whole = 0..self.text().len();
        if ranges.last() != Some(&whole) {
            ranges.push(whole);
        }
        ranges
    }
}

fn fold(range: Range<usize>, kind: FoldKind) -> Fold {
    Fold { range, kind }
}

/// From the `{` of a node to its `}`.
fn braces(node: Node<'_>) -> Option<Range<usize>> {
    let mut cursor = node.walk();
    let tokens: Vec<Node<'_>> = node
        .children(&mut cursor)
        .filter(|child| !child.is_named() && !child.is_missing())
        .collect();
    let open = tokens.iter().find(|token| token.kind() == "{")?;
    let close = tokens.iter().rev().find(|token| token.kind() == "}")?;
    Some(open.start_byte()..close.end_byte())
}

/// Runs of two or more `use` items among the children of `node`, with
/// nothing but comments between them.
fn use_runs(node: Node<'_>, kinds: &Kinds, text: &str) -> Vec<Fold> {
    let mut folds = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    let mut cursor = node.walk();
    let close_run = |run: &mut Vec<Range<usize>>, folds: &mut Vec<Fold>| {
        if let (Some(first), Some(last)) = (run.first(), run.last())
            && run.len() >= 2
        {
            folds.push(fold(first.start..last.end, FoldKind::Imports));
        }
        run.clear();
    };
    for child in node.children(&mut cursor) {
        if kinds.uses.contains(child) {
            // A blank line ends a group, as it does for comments.
            let adjacent = run
                .last()
                .is_none_or(|last| lines_between(text, last.end, child.start_byte()) <= 1);
            if !adjacent {
                close_run(&mut run, &mut folds);
            }
            run.push(child.byte_range());
        } else if !kinds.comment.contains(child) && !kinds.doc_comment.contains(child) {
            close_run(&mut run, &mut folds);
        }
    }
    close_run(&mut run, &mut folds);
    folds
}

/// Comments spanning lines, and runs of line comments of the same kind (plain
/// or documentation) each alone on its line, on consecutive lines.
fn comment_runs(comments: &[Node<'_>], kinds: &Kinds, text: &str) -> Vec<Fold> {
    let mut folds = Vec::new();
    let mut run: Option<(Range<usize>, bool)> = None;
    for comment in comments {
        let range = comment.byte_range();
        let is_doc = kinds.doc_comment.contains(*comment);
        let own_line = text[..range.start]
            .rsplit('\n')
            .next()
            .is_some_and(|before| before.trim().is_empty());
        if !own_line || text[range.clone()].contains('\n') {
            // A trailing comment, or a block comment: not part of a run.
            folds.extend(run.take().map(|(range, _)| fold(range, FoldKind::Comment)));
            folds.push(fold(range, FoldKind::Comment));
            continue;
        }
        match &mut run {
            Some((run_range, run_doc))
                if *run_doc == is_doc && lines_between(text, run_range.end, range.start) == 1 =>
            {
                run_range.end = range.end;
            }
            _ => {
                folds.extend(run.take().map(|(range, _)| fold(range, FoldKind::Comment)));
                run = Some((range, is_doc));
            }
        }
    }
    folds.extend(run.map(|(range, _)| fold(range, FoldKind::Comment)));
    folds
}

/// How many line breaks there are from `start` to `end`.
fn lines_between(text: &str, start: usize, end: usize) -> usize {
    text[start..end].matches('\n').count()
}
