//! One walk over a subtree for the passes that only decide, node by node,
//! whether to look inside.

use tree_sitter::Node;

/// Visits `root` and its descendants in source order, going into a node's
/// children only when `visit` returns `true` for it. Iterative, with a
/// cursor: hostile input nests thousands deep.
pub fn walk<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if visit(node) && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_in_order_and_skips_what_it_is_told_to() {
        let parse = crate::parse("interface i { type t = u32; }\ninterface j {}\n");
        let root = parse.tree().root_node();
        let mut seen = Vec::new();
        walk(root, |node| {
            seen.push(node.kind());
            node.kind() != "interface_body"
        });
        assert_eq!(
            seen.iter()
                .filter(|kind| **kind == "interface_item")
                .count(),
            2
        );
        // Nothing inside the bodies was visited.
        assert!(!seen.contains(&"type_alias"));
        // A walk of one item stays inside it.
        let first = root.named_child(0).unwrap();
        let mut identifiers = Vec::new();
        walk(first, |node| {
            if node.kind() == "identifier" {
                identifiers.push(&parse.text()[node.byte_range()]);
            }
            true
        });
        assert_eq!(identifiers, ["i", "t"]);
    }
}
