//! Folding ranges and selection ranges, snapshot-tested on fixtures; `$0`
//! marks the cursor of a selection.

use expect_test::{Expect, expect};
use wit_syntax::{LineIndex, parse};

/// `line:col-line:col` (1-based, byte columns) and the text there, its line
/// breaks shown as `⏎` and cut after 40 characters.
fn render_range(text: &str, range: std::ops::Range<usize>) -> String {
    let lines = LineIndex::new(text);
    let (start, end) = (lines.line_col(range.start), lines.line_col(range.end));
    let shown: String = text[range].replace('\n', "⏎");
    let cut: String = shown.chars().take(40).collect();
    let ellipsis = if cut.len() < shown.len() { "…" } else { "" };
    format!(
        "{}:{}-{}:{} `{cut}{ellipsis}`",
        start.line + 1,
        start.col + 1,
        end.line + 1,
        end.col + 1,
    )
}

fn check_folds(text: &str, expected: Expect) {
    let rendered: Vec<String> = parse(text)
        .folds()
        .into_iter()
        .map(|fold| format!("{:?} {}", fold.kind, render_range(text, fold.range)))
        .collect();
    expected.assert_eq(&rendered.join("\n"));
}

fn check_selection(fixture: &str, expected: Expect) {
    let offset = fixture.find("$0").expect("the fixture has a `$0`");
    let text = fixture.replacen("$0", "", 1);
    let rendered: Vec<String> = parse(text.as_str())
        .selection_ranges(offset)
        .into_iter()
        .map(|range| render_range(&text, range))
        .collect();
    expected.assert_eq(&rendered.join("\n"));
}

#[test]
fn folds_blocks_comments_and_use_groups() {
    check_folds(
        r#"// The package.
// More about it.
package a:b;

use a:c/d;
use a:c/e as f;

/* A block
   comment. */
interface i {
  use d.{x, y};
  use e.{
    z,
  };
  /// A record.
  /// Two lines of docs.
  record r {
    a: u32, // trailing
    // not with the trailing one
    b: u32,
  }
  variant v { c(u32),
    d }
  enum e {
    f,
  }
  flags g {
    h,
  }
  resource res {
    constructor();
  }
  one-line: func(a: u32);
  f: func(
    a: u32,
  );
}

world w {
  import x: interface {
    f: func();
  }
  include w2 with {
    a as b,
  }
}

package a:nested {
  interface j {}
}
"#,
        expect![[r#"
            Comment 1:1-2:18 `// The package.⏎// More about it.`
            Imports 5:1-6:16 `use a:c/d;⏎use a:c/e as f;`
            Comment 8:1-9:15 `/* A block⏎   comment. */`
            Region 10:13-37:2 `{⏎  use d.{x, y};⏎  use e.{⏎    z,⏎  };⏎…`
            Imports 11:3-14:5 `use d.{x, y};⏎  use e.{⏎    z,⏎  };`
            Region 12:9-14:4 `{⏎    z,⏎  }`
            Comment 15:3-16:25 `/// A record.⏎  /// Two lines of docs.`
            Region 17:12-21:4 `{⏎    a: u32, // trailing⏎    // not wit…`
            Region 22:13-23:8 `{ c(u32),⏎    d }`
            Region 24:10-26:4 `{⏎    f,⏎  }`
            Region 27:11-29:4 `{⏎    h,⏎  }`
            Region 30:16-32:4 `{⏎    constructor();⏎  }`
            Region 34:10-36:4 `(⏎    a: u32,⏎  )`
            Region 39:9-46:2 `{⏎  import x: interface {⏎    f: func();…`
            Region 40:23-42:4 `{⏎    f: func();⏎  }`
            Region 43:19-45:4 `{⏎    a as b,⏎  }`
            Region 48:18-50:2 `{⏎  interface j {}⏎}`"#]],
    );
}

#[test]
fn folds_a_broken_file() {
    check_folds(
        "interface i {\n  record r {\n    a: ,\n  }\n  f: func(\n}\n",
        expect![[r#"
            Region 1:13-6:2 `{⏎  record r {⏎    a: ,⏎  }⏎  f: func(⏎}`
            Region 2:12-4:4 `{⏎    a: ,⏎  }`"#]],
    );
}

#[test]
fn selection_grows_from_the_token_to_the_file() {
    check_selection(
        "package a:b;\n\ninterface i {\n  record r {\n    a: list<u$032>,\n  }\n}\n",
        expect![[r#"
            5:13-5:16 `u32`
            5:8-5:17 `list<u32>`
            5:5-5:17 `a: list<u32>`
            4:12-6:4 `{⏎    a: list<u32>,⏎  }`
            4:3-6:4 `record r {⏎    a: list<u32>,⏎  }`
            3:13-7:2 `{⏎  record r {⏎    a: list<u32>,⏎  }⏎}`
            3:1-7:2 `interface i {⏎  record r {⏎    a: list<u…`
            1:1-8:1 `package a:b;⏎⏎interface i {⏎  record r {…`"#]],
    );
}

#[test]
fn selection_between_tokens_starts_at_the_enclosing_node() {
    check_selection(
        "interface i {\n  f: func(a: u32, $0 b: u32);\n}\n",
        expect![[r#"
            2:10-2:27 `(a: u32,  b: u32)`
            2:6-2:27 `func(a: u32,  b: u32)`
            2:3-2:28 `f: func(a: u32,  b: u32);`
            1:13-3:2 `{⏎  f: func(a: u32,  b: u32);⏎}`
            1:1-3:2 `interface i {⏎  f: func(a: u32,  b: u32)…`
            1:1-4:1 `interface i {⏎  f: func(a: u32,  b: u32)…`"#]],
    );
}

#[test]
fn selection_in_a_comment_and_in_a_broken_file() {
    check_selection(
        "interface i {\n  // a com$0ment\n  record r { a: }\n}\n",
        expect![[r#"
            2:3-2:15 `// a comment`
            1:13-4:2 `{⏎  // a comment⏎  record r { a: }⏎}`
            1:1-4:2 `interface i {⏎  // a comment⏎  record r …`
            1:1-5:1 `interface i {⏎  // a comment⏎  record r …`"#]],
    );
    check_selection(
        "interface i {\n  record r { a: $0 }\n",
        expect![[r#"
        2:12-2:19 `{ a:  }`
        2:3-2:19 `record r { a:  }`
        1:13-2:19 `{⏎  record r { a:  }`
        1:1-2:19 `interface i {⏎  record r { a:  }`
        1:1-3:1 `interface i {⏎  record r { a:  }⏎`"#]],
    );
}

#[test]
fn selection_just_after_a_name_starts_at_the_name() {
    check_selection(
        "interface i {\n  f: func(x: u32$0);\n}\n",
        expect![[r#"
            2:14-2:17 `u32`
            2:11-2:17 `x: u32`
            2:10-2:18 `(x: u32)`
            2:6-2:18 `func(x: u32)`
            2:3-2:19 `f: func(x: u32);`
            1:13-3:2 `{⏎  f: func(x: u32);⏎}`
            1:1-3:2 `interface i {⏎  f: func(x: u32);⏎}`
            1:1-4:1 `interface i {⏎  f: func(x: u32);⏎}⏎`"#]],
    );
}
