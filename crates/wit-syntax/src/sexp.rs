use std::fmt::Write;

use tree_sitter::Node;

/// Renders the tree as an indented S-expression: named nodes with their
/// field names and `[row, column] - [row, column]` ranges (zero-based, byte
/// columns), like `tree-sitter parse`, plus `(MISSING x)`, the text of
/// identifiers and other tokens, and keywords that fill a field.
pub(crate) fn render(root: Node, text: &str) -> String {
    let mut out = String::new();
    let mut cursor = root.walk();
    let mut depth = 0usize;
    let mut first = true;
    loop {
        let node = cursor.node();
        let field = cursor.field_name();
        if !node.is_named() && !node.is_missing() && field.is_some() {
            // A keyword that carries meaning, such as `async: "async"`.
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
            let _ = write!(out, "{}: {:?}", field.unwrap_or_default(), node.kind());
        }
        if node.is_named() || node.is_missing() {
            if !first {
                out.push('\n');
            }
            first = false;
            out.push_str(&"  ".repeat(depth));
            if let Some(field) = cursor.field_name() {
                let _ = write!(out, "{field}: ");
            }
            let (start, end) = (node.start_position(), node.end_position());
            if node.is_missing() {
                let _ = write!(out, "(MISSING {:?}", node.kind());
            } else {
                let _ = write!(out, "({}", node.kind());
            }
            let _ = write!(
                out,
                " [{}, {}] - [{}, {}]",
                start.row, start.column, end.row, end.column
            );
            let is_token =
                node.child_count() == 0 || node.named_child_count() == 0 && node.child_count() == 1;
            if is_token && !node.is_missing() && !node.is_extra() {
                let token = &text[node.byte_range()];
                if token.len() <= 80 {
                    let _ = write!(out, " {token:?}");
                }
            }
        }
        // Anonymous tokens are leaves and are not shown; shown nodes are opened
        // above and closed once their children are done.
        let shown = node.is_named() || node.is_missing();
        if shown && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        if shown {
            out.push(')');
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                out.push('\n');
                return out;
            }
            depth -= 1;
            out.push(')');
        }
    }
}
