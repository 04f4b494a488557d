use std::ops::Range;

use tree_sitter::{Language, Node, Tree};

use crate::validate::KEYWORDS;

/// A syntax error: where it is (a byte range of the text) and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: Range<usize>,
    pub message: String,
}

impl SyntaxError {
    pub(crate) fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        SyntaxError {
            range,
            message: message.into(),
        }
    }
}

/// What tree-sitter records for nodes whose parse state is unknown.
const NO_STATE: u16 = u16::MAX;

/// The type names WIT builds in, as keyword tokens of the grammar. Errors
/// summarise them as "a type" when any type could stand there.
pub const BUILTIN_TYPES: &[&str] = &[
    "bool",
    "u8",
    "u16",
    "u32",
    "u64",
    "s8",
    "s16",
    "s32",
    "s64",
    "f32",
    "f64",
    "char",
    "string",
    "error-context",
    "list",
    "map",
    "option",
    "result",
    "tuple",
    "future",
    "stream",
    "borrow",
    "own",
];

/// The tree's ERROR and MISSING nodes as errors. Each error says what the
/// parser expected at that point (from the parse table) and what it found,
/// in wit-parser's words, and points at the offending token.
pub(crate) fn tree_errors(tree: &Tree, text: &str) -> Vec<SyntaxError> {
    let root = tree.root_node();
    if !root.has_error() {
        return Vec::new();
    }
    let language = tree.language();
    let mut errors = Vec::new();
    crate::walk(root, |node| {
        if node.is_missing() {
            errors.push(missing_error(node, text));
            false
        } else if node.is_error() {
            errors.push(error_node_error(&language, node, text));
            false
        } else {
            node.has_error()
        }
    });
    errors
}

fn missing_error(node: Node, text: &str) -> SyntaxError {
    let (range, found) = describe_found(next_leaf(node), text);
    let in_type = node
        .parent()
        .is_some_and(|parent| parent.kind() == "named_type");
    let expected = if in_type {
        "a type".to_owned()
    } else {
        describe_kind(node.kind(), node.is_named())
    };
    SyntaxError::new(range, format!("expected {expected}, found {found}"))
}

fn error_node_error(language: &Language, node: Node, text: &str) -> SyntaxError {
    // Replay the tokens the parser skipped, and the one after them, from the
    // state before the ERROR: those that could be shifted were fine, the
    // first that could not is the culprit.
    let skipped = leaves(node);
    // A token records the state in which it was lexed, which for the first
    // skipped token is the state before the error, reductions included.
    let mut state = match skipped.first() {
        Some(first) if ![0, NO_STATE].contains(&first.parse_state()) => first.parse_state(),
        _ => state_before(node),
    };
    let tokens: Vec<Option<Node>> = skipped
        .into_iter()
        .map(Some)
        .chain([next_leaf(node)])
        .collect();
    for (i, &token) in tokens.iter().enumerate() {
        let following = tokens
            .get(i + 1)
            .copied()
            .flatten()
            .filter(|leaf| !leaf.is_error())
            .map(|leaf| leaf.grammar_id());
        let (range, found) = describe_found(token, text);
        let Some(token) = token else {
            return expected_found(language, state, range, found);
        };
        if token.is_error() {
            return SyntaxError::new(range, format!("unexpected {found}"));
        }
        match shift(language, state, token.grammar_id(), following) {
            Some(next) if !token.is_missing() => state = next,
            _ => return culprit_error(language, state, token, range, found, text),
        }
    }
    // The replay's guesses about reductions accepted every token, so it cannot
    // tell which one was wrong: point at what the parser skipped.
    let (_, found) = describe_found(Some(first_leaf(node)), text);
    SyntaxError::new(node.byte_range(), format!("unexpected {found}"))
}

/// The state after shifting `symbol` in `state`, if it may be shifted there.
///
/// When `symbol` is valid only after reductions, which the tree-sitter API
/// cannot replay, the state is still known if every state that shifts
/// `symbol`, and then accepts the `following` token, leads to the same
/// expectations (after `->` a type is expected, whichever rule the arrow
/// belongs to; after `@` and `since`, a gate).
fn shift(language: &Language, state: u16, symbol: u16, following: Option<u16>) -> Option<u16> {
    let next = language.next_state(state, symbol);
    if next != 0 {
        return Some(next);
    }
    if !accepts(language, state, symbol) {
        return None;
    }
    let targets: Vec<u16> = (1..language.parse_state_count())
        .filter_map(|from| u16::try_from(from).ok())
        .map(|from| language.next_state(from, symbol))
        .filter(|&target| target != 0)
        .collect();
    let continuing: Vec<u16> = targets
        .iter()
        .copied()
        .filter(|&target| following.is_none_or(|next| accepts(language, target, next)))
        .collect();
    // If no state accepts the following token, that token is the culprit.
    let candidates = if continuing.is_empty() {
        targets
    } else {
        continuing
    };
    let (&first, rest) = candidates.split_first()?;
    let expected = expected_tokens(language, first);
    rest.iter()
        .all(|&target| expected_tokens(language, target) == expected)
        .then_some(first)
}

fn accepts(language: &Language, state: u16, symbol: u16) -> bool {
    language
        .lookahead_iterator(state)
        .is_some_and(|mut lookahead| lookahead.any(|valid| valid == symbol))
}

/// The error for `token`, which may not stand in `state`. Some tokens are
/// really the remains of a lexical error and are named as such.
fn culprit_error(
    language: &Language,
    state: u16,
    token: Node,
    range: Range<usize>,
    found: String,
    text: &str,
) -> SyntaxError {
    let start = range.start;
    if let Some((at, message)) = forbidden_in_comment(&text[start..]) {
        let ch_len = text[start + at..].chars().next().map_or(1, char::len_utf8);
        return SyntaxError::new(start + at..start + at + ch_len, message);
    }
    if text[start..].starts_with("/*") {
        return SyntaxError::new(start..start + 2, "unterminated block comment");
    }
    let glued_to_word = text[..start].ends_with(|c: char| c.is_ascii_alphanumeric());
    if glued_to_word && token.kind() == "_" {
        return SyntaxError::new(range, "invalid character in identifier '_'");
    }
    expected_found(language, state, range, found)
}

/// The character that kept the comment at the start of `text` from lexing,
/// and wit-parser's words for it: the scanner rejects a comment holding a
/// character that wit-parser forbids anywhere (a control code such as NUL,
/// a bidirectional override, a codepoint Unicode discourages).
fn forbidden_in_comment(text: &str) -> Option<(usize, String)> {
    let block = text.starts_with("/*");
    if !block && !text.starts_with("//") {
        return None;
    }
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let message = match c {
            '\t' | '\n' | '\r' => None,
            c if c.is_control() => Some(format!("Control code '{}'", c.escape_unicode())),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(format!(
                "Input contains bidirectional override codepoint '{}'",
                c.escape_unicode()
            )),
            '\u{149}' | '\u{673}' | '\u{f77}' | '\u{f79}' | '\u{17a3}' | '\u{17a4}'
            | '\u{17b4}' | '\u{17b5}' => Some(format!(
                "Codepoint '{}' is discouraged by Unicode",
                c.escape_unicode()
            )),
            _ => None,
        };
        if let Some(message) = message {
            return Some((at, message));
        }
        let next = chars.peek().map(|&(_, next)| next);
        match (c, next) {
            ('\n', _) if !block => return None,
            ('/', Some('*')) if block => {
                chars.next();
                depth += 1;
            }
            ('*', Some('/')) if block => {
                chars.next();
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

fn expected_found(
    language: &Language,
    state: u16,
    range: Range<usize>,
    found: String,
) -> SyntaxError {
    let expected = expected_tokens(language, state);
    // A long list means the parser does not know what is going on either.
    let message = if expected.is_empty() || expected.len() > 8 {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", join_alternatives(&expected))
    };
    SyntaxError::new(range, message)
}

/// The parse state right before `node`: the state after the last complete
/// subtree that precedes it. Subtrees touched by error recovery carry no
/// state, so the right spine of the preceding node is searched for one that does.
fn state_before(node: Node) -> u16 {
    let mut current = node;
    loop {
        let Some(prev) = current.prev_sibling() else {
            match current.parent() {
                Some(parent) => {
                    current = parent;
                    continue;
                }
                None => return 1, // The start state.
            }
        };
        if prev.is_extra() {
            current = prev;
            continue;
        }
        let mut candidate = prev;
        loop {
            let state = candidate.next_parse_state();
            if candidate.parse_state() != NO_STATE && state != 0 && state != NO_STATE {
                return state;
            }
            match candidate.child(candidate.child_count().wrapping_sub(1)) {
                Some(last) => candidate = last,
                None => break,
            }
        }
        current = prev;
    }
}

/// The tokens inside `node`, in order, without comments; an ERROR without
/// children (text the lexer could not match) counts as one.
fn leaves(node: Node) -> Vec<Node> {
    let mut leaves = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.is_extra() && !node.is_error() {
            continue;
        }
        if node.child_count() == 0 {
            leaves.push(node);
        } else {
            stack.extend((0..node.child_count()).rev().filter_map(|i| node.child(i)));
        }
    }
    leaves
}

/// The first token after `node`, skipping comments; `None` at the end of the file.
fn next_leaf(node: Node) -> Option<Node> {
    let mut current = node;
    loop {
        match current.next_sibling() {
            Some(next) if next.is_extra() => current = next,
            Some(next) => return Some(first_leaf(next)),
            None => current = current.parent()?,
        }
    }
}

/// Where `token` is and how to name it in "found X": the character itself
/// when the lexer matched nothing there, eof when there is no token.
fn describe_found(token: Option<Node>, text: &str) -> (Range<usize>, String) {
    match token {
        None => (text.len()..text.len(), "eof".to_owned()),
        Some(leaf) if leaf.is_error() => {
            let start = leaf.start_byte();
            let ch = text[start..].chars().next().unwrap_or(' ');
            (start..start + ch.len_utf8(), format!("character {ch:?}"))
        }
        Some(leaf) => (leaf.byte_range(), describe_token(leaf, text)),
    }
}

/// The first token of `node` (or `node` itself when it has no children).
pub(crate) fn first_leaf(node: Node) -> Node {
    let mut node = node;
    while let Some(child) = node.child(0) {
        node = child;
    }
    node
}

/// The terminals that may follow in parse `state`, described for a person.
fn expected_tokens(language: &Language, state: u16) -> Vec<String> {
    let Some(lookahead) = language.lookahead_iterator(state) else {
        return Vec::new();
    };
    let mut names: Vec<(&str, bool)> = Vec::new();
    for symbol in lookahead {
        if !language.node_kind_is_visible(symbol) {
            continue;
        }
        let Some(kind) = language.node_kind_for_id(symbol) else {
            continue;
        };
        let named = language.node_kind_is_named(symbol);
        let is_terminal = !named
            || matches!(kind, "identifier" | "version" | "integer" | "string")
            || symbol == 0;
        if is_terminal && !matches!(kind, "comment" | "doc_comment") {
            names.push((kind, named));
        }
    }
    let type_keywords = names
        .iter()
        .filter(|(kind, named)| !named && BUILTIN_TYPES.contains(kind))
        .count();
    let mut described = Vec::new();
    for (kind, named) in names {
        let description = if type_keywords >= 5 && !named && BUILTIN_TYPES.contains(&kind) {
            "a type".to_owned()
        } else if type_keywords >= 5 && kind == "identifier" {
            continue;
        } else {
            describe_kind(kind, named)
        };
        if !described.contains(&description) {
            described.push(description);
        }
    }
    described
}

fn join_alternatives(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Describes a grammar symbol the way wit-parser describes tokens.
fn describe_kind(kind: &str, named: bool) -> String {
    match (kind, named) {
        ("identifier", true) => "an identifier".to_owned(),
        ("version", true) => "a version".to_owned(),
        ("integer", true) => "an integer".to_owned(),
        ("string", true) => "a string".to_owned(),
        ("end", _) | ("", _) => "eof".to_owned(),
        (kind, false) if kind.starts_with(|c: char| c.is_ascii_alphabetic()) => {
            format!("keyword `{kind}`")
        }
        (kind, _) => format!("'{kind}'"),
    }
}

fn describe_token(leaf: Node, text: &str) -> String {
    if leaf.is_named() && leaf.kind() == "identifier" {
        let name = &text[leaf.byte_range()];
        // Where a keyword cannot stand, the lexer reads it as an identifier.
        if KEYWORDS.contains(&name) {
            return format!("keyword `{name}`");
        }
        return format!("an identifier `{name}`");
    }
    describe_kind(leaf.kind(), leaf.is_named())
}
