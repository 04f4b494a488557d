//! Rules of wit-parser's parser that the grammar does not express: nesting
//! limits (a grammar cannot count) and where attributes may stand (the grammar
//! accepts one attribute list on every item, as wit-parser's parser does,
//! and reports misplaced ones here, with wit-parser's messages).

use crate::SyntaxError;
use crate::ast::{self, AstNode, Attribute};
use crate::errors::first_leaf;

/// The words wit-parser's lexer reserves. The grammar's lexer only treats a
/// word as a keyword where the keyword may stand, so elsewhere (`borrow<u32>`,
/// `type option = u8;`) it is an identifier that must be rejected here.
pub const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "bool",
    "borrow",
    "char",
    "constructor",
    "enum",
    "error-context",
    "export",
    "f32",
    "f64",
    "flags",
    "from",
    "func",
    "future",
    "import",
    "include",
    "interface",
    "list",
    "map",
    "option",
    "own",
    "package",
    "record",
    "resource",
    "result",
    "s16",
    "s32",
    "s64",
    "s8",
    "static",
    "stream",
    "string",
    "tuple",
    "type",
    "u16",
    "u32",
    "u64",
    "u8",
    "use",
    "variant",
    "with",
    "world",
];

/// wit-parser's `MAX_TYPE_DEPTH`: a type nested this deep inside other types is an error.
const MAX_TYPE_DEPTH: usize = 100;
/// wit-parser's `MAX_ITEM_DEPTH` for `package a:b { ... }` blocks.
const MAX_PACKAGE_DEPTH: usize = 100;

pub(crate) fn validate(file: ast::SourceFile<'_>) -> Vec<SyntaxError> {
    let source = file.source();
    let mut errors = Vec::new();
    // Walk iteratively: hostile input nests thousands deep.
    let mut cursor = file.syntax().walk();
    // For each open ancestor: how many types and nested packages enclose it.
    let mut depths: Vec<(usize, usize)> = vec![(0, 0)];
    // The kinds `check_node` looks at; every other node is only walked through.
    static CHECKED: std::sync::OnceLock<ast::KindSet> = std::sync::OnceLock::new();
    let checked = CHECKED.get_or_init(|| {
        ast::KindSet::new(&[
            "primitive_type",
            "named_type",
            "list_type",
            "map_type",
            "option_type",
            "result_type",
            "tuple_type",
            "future_type",
            "stream_type",
            "borrow_type",
            "own_type",
            "nested_package",
            "interface_item",
            "world_item",
            "include_item",
            "version",
            "identifier",
        ])
    });
    loop {
        let node = cursor.node();
        let (type_depth, package_depth) = *depths.last().expect("the root is always on the stack");
        let mut child_depths = (type_depth, package_depth);
        if checked.contains(node) {
            check_node(node, source, &mut child_depths, &mut errors);
        }

        // What the parser skipped is reported as one error by `tree_errors`.
        if !node.is_error() && cursor.goto_first_child() {
            depths.push(child_depths);
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return errors;
            }
            depths.pop();
        }
    }
}

/// The checks on one node of a kind in `validate`'s set; `depths` are the
/// type and package nesting its children will be at.
fn check_node(
    node: tree_sitter::Node,
    source: &str,
    depths: &mut (usize, usize),
    errors: &mut Vec<SyntaxError>,
) {
    let (type_depth, package_depth) = *depths;
    if let Some(ty) = ast::Type::cast(node, source) {
        if let ast::Type::List(list) = ty {
            check_list_length(list, errors);
        }
        if type_depth == MAX_TYPE_DEPTH {
            errors.push(SyntaxError::new(
                first_leaf(node).byte_range(),
                "type nesting too deep",
            ));
        }
        depths.0 += 1;
    } else if let Some(package) = ast::NestedPackage::cast(node, source) {
        let keyword = package
            .package_token()
            .map_or(node.byte_range(), |t| t.byte_range());
        if package.attributes().next().is_some() {
            errors.push(SyntaxError::new(
                keyword.clone(),
                "cannot place attributes on nested packages",
            ));
        }
        if package_depth == MAX_PACKAGE_DEPTH {
            errors.push(SyntaxError::new(keyword, "package nesting too deep"));
        }
        depths.1 += 1;
    }
    check_external_id_placement(node, source, errors);
    if let Some(version) = ast::Version::cast(node, source) {
        check_version(version, errors);
    }
    if let Some(identifier) = ast::Identifier::cast(node, source)
        && KEYWORDS.contains(&identifier.text())
    {
        errors.push(SyntaxError::new(
            identifier.range(),
            format!(
                "expected an identifier or string, found keyword `{}`",
                identifier.text()
            ),
        ));
    }
}

fn check_list_length(list: ast::ListType, errors: &mut Vec<SyntaxError>) {
    if let Some(length) = list.length()
        && length.text().parse::<u32>().is_err()
    {
        errors.push(SyntaxError::new(
            length.range(),
            "invalid list size: number too large to fit in target type",
        ));
    }
}

/// The token admits what semver's grammar does, except that numeric
/// pre-release identifiers may not have leading zeros (`1.0.0-01`).
fn check_version(version: ast::Version, errors: &mut Vec<SyntaxError>) {
    let text = version.text();
    let without_build = text.split_once('+').map_or(text, |(version, _)| version);
    let Some((_, pre_release)) = without_build.split_once('-') else {
        return;
    };
    let leading_zero = pre_release.split('.').any(|identifier| {
        identifier.len() > 1
            && identifier.starts_with('0')
            && identifier.bytes().all(|b| b.is_ascii_digit())
    });
    if leading_zero {
        errors.push(SyntaxError::new(
            version.range(),
            "invalid leading zero in pre-release identifier",
        ));
    }
}

fn check_external_id_placement(
    node: tree_sitter::Node,
    source: &str,
    errors: &mut Vec<SyntaxError>,
) {
    let (what, attributes): (&str, Vec<Attribute>) =
        if let Some(item) = ast::Interface::cast(node, source) {
            ("interface declarations", item.attributes().collect())
        } else if let Some(item) = ast::World::cast(node, source) {
            ("world declarations", item.attributes().collect())
        } else if let Some(item) = ast::Include::cast(node, source) {
            ("include statements", item.attributes().collect())
        } else {
            return;
        };
    for attribute in attributes {
        if let Attribute::ExternalId(_) = attribute {
            errors.push(SyntaxError::new(
                attribute.name_range(),
                format!("@external-id is not allowed on {what}"),
            ));
        }
    }
}
