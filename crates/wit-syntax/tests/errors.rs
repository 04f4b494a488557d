//! Syntax errors: where they are reported and what they say.

use expect_test::{Expect, expect};
use wit_syntax::LineIndex;

/// Renders every syntax error of `text` as `line:col: message` (1-based, byte columns).
fn check(text: &str, expected: Expect) {
    let parse = wit_syntax::parse(text);
    let index = LineIndex::new(text);
    let rendered: Vec<String> = parse
        .errors()
        .iter()
        .map(|error| {
            let at = index.line_col(error.range.start);
            format!("{}:{}: {}", at.line + 1, at.col + 1, error.message)
        })
        .collect();
    expected.assert_eq(&rendered.join("\n"));
}

#[test]
fn valid_file_has_no_errors() {
    check(
        r#"
package wasi:demo@0.2.0-rc.1+b;

/// Docs.
interface types {
  /* nested /* comment */ */
  resource r { constructor() -> result<r, string>; m: async func(); v: static get() -> u8; }
  type t = map<string, list<tuple<u8, borrow<r>>, 4>>;
}
"#,
        expect![""],
    );
}

#[test]
fn each_broken_item_gets_its_own_error() {
    check(
        r#"
interface i {
  type t = u32
  record r { a: u32, b: }
  f: func(x: u32) -> ;
  type ok = string;
}
"#,
        expect![[r#"
            4:3: expected ';', found keyword `record`
            4:25: expected a type, found '}'
            5:22: expected a type, found ';'"#]],
    );
}

#[test]
fn comments_are_never_the_found_token() {
    check(
        "interface i {\n  type t = u32 // note\n  record r { a: u32 }\n  f: func() -> /* c */ ;\n}\n",
        expect![[r#"
            3:3: expected ';', found keyword `record`
            4:24: expected a type, found ';'"#]],
    );
}

#[test]
fn keywords_are_not_identifiers() {
    check(
        "interface i {\n  type option = u8;\n  type t = borrow<u32>;\n}\n",
        expect![[r#"
            2:8: expected an identifier or string, found keyword `option`
            3:19: expected an identifier or string, found keyword `u32`"#]],
    );
}

#[test]
fn escaped_keywords_are_identifiers() {
    check(
        "interface %interface { %type: func(%use: u8); }\n",
        expect![""],
    );
}

#[test]
fn misplaced_attributes() {
    check(
        r#"
@external-id("x")
interface i {}
@since(version = 1.0.0)
package a:b { }
world w { @external-id("y") include i; @external-id("z") import f: func(); }
"#,
        expect![[r#"
            2:2: @external-id is not allowed on interface declarations
            5:1: cannot place attributes on nested packages
            6:12: @external-id is not allowed on include statements"#]],
    );
}

#[test]
fn unknown_attribute_and_bad_gate() {
    check(
        "@foo(x = y)\ninterface i {}\n@since(feature = x)\ninterface j {}\n",
        expect![[r#"
            1:2: expected keyword `since`, keyword `unstable`, keyword `deprecated` or keyword `external-id`, found an identifier `foo`
            3:8: expected keyword `version`, found an identifier `feature`"#]],
    );
}

#[test]
fn lexer_level_errors() {
    check(
        "interface i { type foo_bar = u8; }\ninterface j { f: func(); } \u{7}\n",
        expect![[r#"
            1:23: invalid character in identifier '_'
            2:28: unexpected character '\u{7}'"#]],
    );
}

#[test]
fn unterminated_block_comment() {
    check(
        "interface i {}\n/* never /* closed */\n",
        expect!["2:1: unterminated block comment"],
    );
}

#[test]
fn forbidden_characters_in_comments_are_named() {
    check(
        "interface i {}\n// a \0 b\n",
        expect![[r#"2:6: Control code '\u{0}'"#]],
    );
    check(
        "interface i {}\n/* c /* \u{202e} */ */\n",
        expect![[r#"2:9: Input contains bidirectional override codepoint '\u{202e}'"#]],
    );
    // Even in a comment that is never closed.
    check(
        "interface i {}\n/* d\n/* \u{149}\n",
        expect![[r#"3:4: Codepoint '\u{149}' is discouraged by Unicode"#]],
    );
}

#[test]
fn list_length_overflow() {
    check(
        "interface i { type t = list<u8, 4294967296>; }\n",
        expect!["1:33: invalid list size: number too large to fit in target type"],
    );
}

#[test]
fn version_with_leading_zero_in_pre_release() {
    check(
        "package a:b@1.0.0-01;\ninterface i { use c:d/e@1.0.0-rc.0.{t}; }\n",
        expect!["1:13: invalid leading zero in pre-release identifier"],
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 10_000;
    let text = format!(
        "interface i {{ type t = {}u8{}; }}\n",
        "list<".repeat(depth),
        ">".repeat(depth)
    );
    let parse = wit_syntax::parse(text);
    let errors = parse.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "type nesting too deep");
    // The 101st `list` is the first too deep, as in wit-parser.
    assert_eq!(
        errors[0].range.start,
        "interface i { type t = ".len() + 100 * "list<".len()
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    for text in [
        "interface j { type v = list<u32, >; }",
        "interface j { type v = tuple<u32, >; }",
        "",
        "}",
        "{{{{",
        "package",
        "package a:b",
        "@",
        "%",
        "\"",
        "/*",
        "world w { import",
        "\u{feff}",
    ] {
        let parse = wit_syntax::parse(text);
        let _ = parse.errors();
        let _ = parse.to_sexp();
    }
}
