//! The formatter. A text with syntax errors must be left alone (`None`);
//! otherwise the output must parse without errors, be its own formatting
//! (idempotence), and keep every comment of the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wit_syntax::{FormatOptions, Indent, Parse};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The indentation varies with the input, so every style is exercised.
    let indent = match data.len() % 3 {
        0 => Indent::Spaces(2),
        1 => Indent::Spaces(4),
        _ => Indent::Tab,
    };
    let options = FormatOptions { indent };
    let parse = wit_syntax::parse(text.as_ref());
    let formatted = wit_syntax::format(&parse, &options);
    if !parse.errors().is_empty() {
        assert!(
            formatted.is_none(),
            "a text with syntax errors was formatted"
        );
        return;
    }
    // The formatter may refuse a valid text whose layout would break it
    // (a guard, see format.rs); but that is a layout bug.
    let formatted = formatted.expect("a text without syntax errors is formatted");
    let reparsed = wit_syntax::parse(formatted.as_str());
    assert!(
        reparsed.errors().is_empty(),
        "the formatted text has syntax errors: {:?}\n{formatted}",
        reparsed.errors(),
    );
    let again = wit_syntax::format(&reparsed, &options).expect("the formatted text formats");
    assert_eq!(formatted, again, "formatting is not idempotent");
    assert_eq!(
        comments(&parse),
        comments(&reparsed),
        "comments changed:\n{formatted}"
    );
});

/// The trimmed texts of the comments, sorted.
fn comments(parse: &Parse) -> Vec<String> {
    let mut comments = Vec::new();
    let mut cursor = parse.tree().walk();
    loop {
        let node = cursor.node();
        if matches!(node.kind(), "comment" | "doc_comment") {
            comments.push(parse.text()[node.byte_range()].trim().to_owned());
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                comments.sort();
                return comments;
            }
        }
    }
}
