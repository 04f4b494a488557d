//! The formatter: the layout of each construct, comments in awkward places,
//! indentation options, and that formatting twice changes nothing.

use expect_test::{Expect, expect};
use wit_syntax::{FormatOptions, Indent, format};

/// Formats `text` with `options`, checks that the result formats to itself
/// and keeps every comment, and compares it with `expected`.
fn check_with(text: &str, options: FormatOptions, expected: Expect) {
    let formatted = format(&wit_syntax::parse(text), &options).expect("the text has no errors");
    let again = format(&wit_syntax::parse(formatted.as_str()), &options);
    assert_eq!(again.as_deref(), Some(formatted.as_str()), "not idempotent");
    assert_eq!(comments(text), comments(&formatted), "comments changed");
    expected.assert_eq(&formatted);
}

fn check(text: &str, expected: Expect) {
    check_with(text, FormatOptions::default(), expected);
}

/// The text of every comment, in order, without trailing whitespace.
fn comments(text: &str) -> Vec<String> {
    let parse = wit_syntax::parse(text);
    let mut found = Vec::new();
    let mut cursor = parse.tree().walk();
    'walk: loop {
        let node = cursor.node();
        if matches!(node.kind(), "comment" | "doc_comment") {
            found.push(text[node.byte_range()].trim_end().to_owned());
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
    found
}

#[test]
fn package_and_interface() {
    check(
        "package   wasi:demo@0.2.0-rc.1+b ;interface types{type t=u32;f:func(a:u32,b:string)->result<u32,string>;}",
        expect![[r#"
            package wasi:demo@0.2.0-rc.1+b;

            interface types {
              type t = u32;
              f: func(a: u32, b: string) -> result<u32, string>;
            }
        "#]],
    );
}

#[test]
fn blank_lines_are_kept_and_collapsed() {
    check(
        r#"package a:b;
interface i {


  type a = u32;
  type b = u32;



  type c = u32;

}


world w {}
"#,
        expect![[r#"
            package a:b;

            interface i {
              type a = u32;
              type b = u32;

              type c = u32;
            }

            world w {}
        "#]],
    );
}

#[test]
fn records_variants_enums_and_flags_get_a_line_per_case() {
    check(
        r#"interface i {
  record r { a: u32, b: list<u8> }
  variant v { none, some(option<string>), }
  enum e { a, b }
  flags f { read,write }
  record empty {}
}
"#,
        expect![[r#"
            interface i {
              record r {
                a: u32,
                b: list<u8>,
              }
              variant v {
                none,
                some(option<string>),
              }
              enum e {
                a,
                b,
              }
              flags f {
                read,
                write,
              }
              record empty {}
            }
        "#]],
    );
}

#[test]
fn types() {
    check(
        r#"interface i {
  type a = list < u8 , 4 >;
  type b = map<string,list<tuple<u8,borrow<r>,>>>;
  type c = future<stream<u8>>;
  type d = future;
  type e = result<_,string>;
  type f = result;
  type g = own<r>;
  type h = tuple<>;
}
"#,
        expect![[r#"
            interface i {
              type a = list<u8, 4>;
              type b = map<string, list<tuple<u8, borrow<r>>>>;
              type c = future<stream<u8>>;
              type d = future;
              type e = result<_, string>;
              type f = result;
              type g = own<r>;
              type h = tuple<>;
            }
        "#]],
    );
}

#[test]
fn uses_on_one_line() {
    check(
        r#"use wasi:io/streams@0.2.0;
use a:b/c   as   d;
interface i {
  use types.{
    a,
    b as c,
  };
  use wasi:io/streams@0.2.0-rc.{input-stream};
  use x.{};
}
"#,
        expect![[r#"
            use wasi:io/streams@0.2.0;
            use a:b/c as d;
            interface i {
              use types.{a, b as c};
              use wasi:io/streams@0.2.0-rc.{input-stream};
              use x.{};
            }
        "#]],
    );
}

#[test]
fn resources_and_functions() {
    check(
        r#"interface i {
  resource r { constructor(a:u32); m: func()->u32; s: static func(); g: async func(x: borrow<r>); }
  resource bare;
  resource empty {}
  f: async func(a: u32,);
  get-x: get() -> u32;
}
"#,
        expect![[r#"
            interface i {
              resource r {
                constructor(a: u32);
                m: func() -> u32;
                s: static func();
                g: async func(x: borrow<r>);
              }
              resource bare;
              resource empty {}
              f: async func(a: u32);
              get-x: get() -> u32;
            }
        "#]],
    );
}

#[test]
fn attributes_each_on_a_line() {
    check(
        r#"@since(version=1.0.0) @unstable(feature=fancy) interface i {
  @since(version = 1.0.0) @deprecated(version = 1.1.0) f: func();
  @external-id("x") type t = u32;
}
"#,
        expect![[r#"
            @since(version = 1.0.0)
            @unstable(feature = fancy)
            interface i {
              @since(version = 1.0.0)
              @deprecated(version = 1.1.0)
              f: func();
              @external-id("x")
              type t = u32;
            }
        "#]],
    );
}

#[test]
fn worlds() {
    check(
        r#"world w {
  import wasi:http/types@0.2.0;
  import f: func(a: string) -> u32;
  import x: interface { g: func(); }
  export y: wasi:io/streams;
  export %interface: interface {}
  include other with { a as b, c as d, }
  include plain;
  use types.{t};
  type u = t;
}
"#,
        expect![[r#"
            world w {
              import wasi:http/types@0.2.0;
              import f: func(a: string) -> u32;
              import x: interface {
                g: func();
              }
              export y: wasi:io/streams;
              export %interface: interface {}
              include other with { a as b, c as d }
              include plain;
              use types.{t};
              type u = t;
            }
        "#]],
    );
}

#[test]
fn nested_packages() {
    check(
        r#"package a:b;
package c:d@1.0.0 { interface i { type t = u32; } world w {} }
package e:f {}
"#,
        expect![[r#"
            package a:b;

            package c:d@1.0.0 {
              interface i {
                type t = u32;
              }
              world w {}
            }
            package e:f {}
        "#]],
    );
}

#[test]
fn comments_on_their_own_lines_stay_there() {
    check(
        r#"// Header.
/// Package docs.
package a:b;
/// Docs of i.
  /* block */
interface i {
        // Before a.
  /// Docs of a.
  type a = u32;
    /**
     * Multi-line docs.
     */
  f: func();
    // At the end of the body.
}
// At the end of the file.
"#,
        expect![[r#"
            // Header.
            /// Package docs.
            package a:b;

            /// Docs of i.
            /* block */
            interface i {
              // Before a.
              /// Docs of a.
              type a = u32;
              /**
                 * Multi-line docs.
                 */
              f: func();
              // At the end of the body.
            }
            // At the end of the file.
        "#]],
    );
}

#[test]
fn trailing_comments_stay_trailing() {
    check(
        r#"package a:b;   // after the package
interface i { // after the brace
  record r {
    a: u32,     // after a field
    b: u32 // after the last field, which gets its comma
  }
  type t = u32;/* after a type */
} // after the body
"#,
        expect![[r#"
            package a:b; // after the package

            interface i { // after the brace
              record r {
                a: u32, // after a field
                b: u32, // after the last field, which gets its comma
              }
              type t = u32; /* after a type */
            } // after the body
        "#]],
    );
}

#[test]
fn comments_inside_a_line() {
    check(
        r#"interface i {
  f: func(a: u32, // the first
    b: /* inline */ string) -> /* result */ u32;
  use types.{a, // why
  b};
  enum e { /* only a comment */ }
  enum f {
    // only a line comment
  }
}
"#,
        expect![[r#"
            interface i {
              f: func(a: u32, // the first
                b: /* inline */ string) -> /* result */ u32;
              use types.{a, // why
                b};
              enum e { /* only a comment */
              }
              enum f {
                // only a line comment
              }
            }
        "#]],
    );
}

#[test]
fn escaped_names_are_kept() {
    check(
        "interface %interface { %type: func(%record: %list) -> %u32; }",
        expect![[r#"
            interface %interface {
              %type: func(%record: %list) -> %u32;
            }
        "#]],
    );
}

#[test]
fn indent_options() {
    let text = "interface i { record r { a: u32 } }";
    check_with(
        text,
        FormatOptions {
            indent: Indent::Spaces(4),
        },
        expect![[r#"
            interface i {
                record r {
                    a: u32,
                }
            }
        "#]],
    );
    check_with(
        text,
        FormatOptions {
            indent: Indent::Tab,
        },
        expect![[r#"
            interface i {
            	record r {
            		a: u32,
            	}
            }
        "#]],
    );
}

#[test]
fn line_endings_whitespace_and_empty_files() {
    check(
        "\u{feff}interface i {\r\n  type t = u32; // crlf  \r\n}\r\n\r\n\r\n",
        expect![[r#"
            interface i {
              type t = u32; // crlf
            }
        "#]],
    );
    check("  \n\n", expect![""]);
    check(
        "// only a comment",
        expect![[r#"
        // only a comment
    "#]],
    );
}

#[test]
fn files_with_syntax_errors_are_left_alone() {
    let options = FormatOptions::default();
    assert_eq!(
        format(&wit_syntax::parse("interface i { f: func( }"), &options),
        None
    );
    // A rule the grammar does not express: a keyword as a name.
    assert_eq!(
        format(
            &wit_syntax::parse("interface i { type record = u32; }"),
            &options
        ),
        None
    );
    // Nesting beyond wit-parser's limit is an error, not a stack overflow.
    let deep = format!(
        "interface i {{ type t = {}u8{}; }}",
        "list<".repeat(10_000),
        ">".repeat(10_000)
    );
    assert_eq!(format(&wit_syntax::parse(deep), &options), None);
}

#[test]
fn deep_but_valid_nesting_is_formatted() {
    let text = format!(
        "interface i {{ type t = {}u8{}; }}",
        "list<".repeat(99),
        ">".repeat(99)
    );
    let formatted = format(&wit_syntax::parse(text.as_str()), &FormatOptions::default());
    assert!(formatted.is_some_and(|formatted| formatted.contains(&"list<".repeat(99))));
}
