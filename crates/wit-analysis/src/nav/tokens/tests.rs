//! Semantic tokens on fixtures: files split by `//- /PATH` header lines; the
//! tokens of each file are rendered one per line as
//! `line:col len kind [modifiers] text` (1-based, byte columns and lengths).

use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};
use wit_syntax::LineIndex;

use crate::Workspace;
use crate::nav::Index;

/// The index of the fixture's package at `/wit`, and its files in order.
fn load(fixture: &str) -> (Index, Vec<(PathBuf, String)>) {
    let mut workspace = Workspace::from_paths(["/wit"]);
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(path) = line.strip_prefix("//- ") {
            files.push((PathBuf::from(path.trim()), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    for (path, text) in &files {
        workspace.set_overlay(path.clone(), text.clone());
    }
    let index = Index::new(&workspace.load(Path::new("/wit")).expect("loads"), None);
    (index, files)
}

fn render(index: &Index, path: &Path, text: &str, range: Option<std::ops::Range<usize>>) -> String {
    let lines = LineIndex::new(text);
    index
        .semantic_tokens(path, range)
        .into_iter()
        .map(|token| {
            let at = lines.line_col(token.range.start);
            format!(
                "{}:{} {} {:?} {:?} {}",
                at.line + 1,
                at.col + 1,
                token.range.len(),
                token.kind,
                token.modifiers,
                &text[token.range],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tokens of every file of the fixture, each file under its header.
fn check(fixture: &str, expected: Expect) {
    let (index, files) = load(fixture);
    let mut rendered = Vec::new();
    for (path, text) in &files {
        let tokens = index.semantic_tokens(path, None);
        for pair in tokens.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
        }
        for token in &tokens {
            assert!(!text[token.range.clone()].contains('\n'), "{token:?}");
        }
        rendered.push(format!("//- {}", path.display()));
        rendered.push(render(&index, path, text, None));
    }
    expected.assert_eq(&rendered.join("\n"));
}

#[test]
fn every_construct() {
    check(
        r#"
//- /wit/main.wit
/// The package.
package a:b@1.0.0;

use a:b/types@1.0.0 as t;

// A world.
world w {
  import types;
  import log: func(msg: string);
  export run: async func() -> result<_, u32>;
  import inline: interface {
    type n = u8;
  }
  use types.{file, point as p};
  include other with { log as logger }
}

world other {
  import log: func(msg: string);
}

interface api {
  use t.{color, point, mode, perms};
  @since(version = 1.0.0)
  @unstable(feature = fancy)
  f: func(a: borrow<file>, b: own<file>, c: list<point, 4>) -> option<color>;
  h: func(m: mode, p: perms, unknown: nope);
  g: func(m: map<string, tuple<s8, f64>>, e: error-context) -> stream<future<char>>;
}

package a:nested {
  interface inner {}
}
//- /wit/types.wit
package a:b@1.0.0;

interface types {
  resource file {
    constructor(x: u32);
    read: func() -> list<u8>;
    open: static func(name: string) -> file;
  }
  record point { x: u32 }
  variant color { rgb(u32), none }
  enum mode { read, write }
  flags perms { exec }
  @external-id("x")
  type bytes = list<u8>;
}
"#,
        expect![[r#"
            //- /wit/main.wit
            1:1 16 Comment ["documentation"] /// The package.
            2:1 7 Keyword [] package
            2:9 1 Package ["declaration"] a
            2:11 1 Package ["declaration"] b
            2:13 5 Number [] 1.0.0
            4:1 3 Keyword [] use
            4:5 1 Package [] a
            4:7 1 Package [] b
            4:9 5 Interface [] types
            4:15 5 Number [] 1.0.0
            4:21 2 Keyword [] as
            4:24 1 Interface ["declaration"] t
            6:1 11 Comment [] // A world.
            7:1 5 Keyword [] world
            7:7 1 World ["declaration"] w
            8:3 6 Keyword [] import
            8:10 5 Interface [] types
            9:3 6 Keyword [] import
            9:10 3 Function ["declaration"] log
            9:15 4 Keyword [] func
            9:20 3 Parameter ["declaration"] msg
            9:25 6 Type ["builtin"] string
            10:3 6 Keyword [] export
            10:10 3 Function ["declaration", "async"] run
            10:15 5 Keyword [] async
            10:21 4 Keyword [] func
            10:28 2 Operator [] ->
            10:31 6 Type ["builtin"] result
            10:38 1 Keyword [] _
            10:41 3 Type ["builtin"] u32
            11:3 6 Keyword [] import
            11:10 6 Interface ["declaration"] inline
            11:18 9 Keyword [] interface
            12:5 4 Keyword [] type
            12:10 1 TypeAlias ["declaration"] n
            12:12 1 Operator [] =
            12:14 2 Type ["builtin"] u8
            14:3 3 Keyword [] use
            14:7 5 Interface [] types
            14:14 4 Resource ["declaration"] file
            14:20 5 Record [] point
            14:26 2 Keyword [] as
            14:29 1 Record ["declaration"] p
            15:3 7 Keyword [] include
            15:11 5 World [] other
            15:17 4 Keyword [] with
            15:24 3 Function [] log
            15:28 2 Keyword [] as
            15:31 6 Function ["declaration"] logger
            18:1 5 Keyword [] world
            18:7 5 World ["declaration"] other
            19:3 6 Keyword [] import
            19:10 3 Function ["declaration"] log
            19:15 4 Keyword [] func
            19:20 3 Parameter ["declaration"] msg
            19:25 6 Type ["builtin"] string
            22:1 9 Keyword [] interface
            22:11 3 Interface ["declaration"] api
            23:3 3 Keyword [] use
            23:7 1 Interface [] t
            23:10 5 Variant ["declaration"] color
            23:17 5 Record ["declaration"] point
            23:24 4 Enum ["declaration"] mode
            23:30 5 Flags ["declaration"] perms
            24:3 1 Attribute [] @
            24:4 5 Attribute [] since
            24:10 7 Keyword [] version
            24:18 1 Operator [] =
            24:20 5 Number [] 1.0.0
            25:3 1 Attribute [] @
            25:4 8 Attribute [] unstable
            25:13 7 Keyword [] feature
            25:21 1 Operator [] =
            25:23 5 Feature [] fancy
            26:3 1 Function ["declaration"] f
            26:6 4 Keyword [] func
            26:11 1 Parameter ["declaration"] a
            26:14 6 Type ["builtin"] borrow
            26:21 4 Resource [] file
            26:28 1 Parameter ["declaration"] b
            26:31 3 Type ["builtin"] own
            26:35 4 Resource [] file
            26:42 1 Parameter ["declaration"] c
            26:45 4 Type ["builtin"] list
            26:50 5 Record [] point
            26:57 1 Number [] 4
            26:61 2 Operator [] ->
            26:64 6 Type ["builtin"] option
            26:71 5 Variant [] color
            27:3 1 Function ["declaration"] h
            27:6 4 Keyword [] func
            27:11 1 Parameter ["declaration"] m
            27:14 4 Enum [] mode
            27:20 1 Parameter ["declaration"] p
            27:23 5 Flags [] perms
            27:30 7 Parameter ["declaration"] unknown
            27:39 4 Type [] nope
            28:3 1 Function ["declaration"] g
            28:6 4 Keyword [] func
            28:11 1 Parameter ["declaration"] m
            28:14 3 Type ["builtin"] map
            28:18 6 Type ["builtin"] string
            28:26 5 Type ["builtin"] tuple
            28:32 2 Type ["builtin"] s8
            28:36 3 Type ["builtin"] f64
            28:43 1 Parameter ["declaration"] e
            28:46 13 Type ["builtin"] error-context
            28:61 2 Operator [] ->
            28:64 6 Type ["builtin"] stream
            28:71 6 Type ["builtin"] future
            28:78 4 Type ["builtin"] char
            31:1 7 Keyword [] package
            31:9 1 Package ["declaration"] a
            31:11 6 Package ["declaration"] nested
            32:3 9 Keyword [] interface
            32:13 5 Interface ["declaration"] inner
            //- /wit/types.wit
            1:1 7 Keyword [] package
            1:9 1 Package [] a
            1:11 1 Package [] b
            1:13 5 Number [] 1.0.0
            3:1 9 Keyword [] interface
            3:11 5 Interface ["declaration"] types
            4:3 8 Keyword [] resource
            4:12 4 Resource ["declaration"] file
            5:5 11 Keyword [] constructor
            5:17 1 Parameter ["declaration"] x
            5:20 3 Type ["builtin"] u32
            6:5 4 Method ["declaration"] read
            6:11 4 Keyword [] func
            6:18 2 Operator [] ->
            6:21 4 Type ["builtin"] list
            6:26 2 Type ["builtin"] u8
            7:5 4 Method ["declaration", "static"] open
            7:11 6 Keyword [] static
            7:18 4 Keyword [] func
            7:23 4 Parameter ["declaration"] name
            7:29 6 Type ["builtin"] string
            7:37 2 Operator [] ->
            7:40 4 Resource [] file
            9:3 6 Keyword [] record
            9:10 5 Record ["declaration"] point
            9:18 1 Field ["declaration"] x
            9:21 3 Type ["builtin"] u32
            10:3 7 Keyword [] variant
            10:11 5 Variant ["declaration"] color
            10:19 3 VariantCase ["declaration"] rgb
            10:23 3 Type ["builtin"] u32
            10:29 4 VariantCase ["declaration"] none
            11:3 4 Keyword [] enum
            11:8 4 Enum ["declaration"] mode
            11:15 4 EnumCase ["declaration"] read
            11:21 5 EnumCase ["declaration"] write
            12:3 5 Keyword [] flags
            12:9 5 Flags ["declaration"] perms
            12:17 4 Flag ["declaration"] exec
            13:3 1 Attribute [] @
            13:4 11 Attribute [] external-id
            13:16 3 String [] "x"
            14:3 4 Keyword [] type
            14:8 5 TypeAlias ["declaration"] bytes
            14:14 1 Operator [] =
            14:16 4 Type ["builtin"] list
            14:21 2 Type ["builtin"] u8"#]],
    );
}

#[test]
fn deprecated_items_and_their_uses() {
    check(
        r#"
//- /wit/a.wit
package a:b;

interface i {
  @since(version = 1.0.0)
  @deprecated(version = 2.0.0)
  type old = u32;
  f: func(x: old);
}

interface j {
  use i.{old, old as older};
  g: func(x: older);
}
"#,
        expect![[r#"
            //- /wit/a.wit
            1:1 7 Keyword [] package
            1:9 1 Package ["declaration"] a
            1:11 1 Package ["declaration"] b
            3:1 9 Keyword [] interface
            3:11 1 Interface ["declaration"] i
            4:3 1 Attribute [] @
            4:4 5 Attribute [] since
            4:10 7 Keyword [] version
            4:18 1 Operator [] =
            4:20 5 Number [] 1.0.0
            5:3 1 Attribute [] @
            5:4 10 Attribute [] deprecated
            5:15 7 Keyword [] version
            5:23 1 Operator [] =
            5:25 5 Number [] 2.0.0
            6:3 4 Keyword [] type
            6:8 3 TypeAlias ["declaration", "deprecated"] old
            6:12 1 Operator [] =
            6:14 3 Type ["builtin"] u32
            7:3 1 Function ["declaration"] f
            7:6 4 Keyword [] func
            7:11 1 Parameter ["declaration"] x
            7:14 3 TypeAlias ["deprecated"] old
            10:1 9 Keyword [] interface
            10:11 1 Interface ["declaration"] j
            11:3 3 Keyword [] use
            11:7 1 Interface [] i
            11:10 3 TypeAlias ["declaration", "deprecated"] old
            11:15 3 TypeAlias ["deprecated"] old
            11:19 2 Keyword [] as
            11:22 5 TypeAlias ["declaration", "deprecated"] older
            12:3 1 Function ["declaration"] g
            12:6 4 Keyword [] func
            12:11 1 Parameter ["declaration"] x
            12:14 5 TypeAlias ["deprecated"] older"#]],
    );
}

#[test]
fn comments_and_docs_are_split_per_line() {
    check(
        "//- /wit/a.wit\n/** Docs\r\n\r\n  over lines */\ninterface i { /* a\n b */ }\n",
        expect![[r#"
            //- /wit/a.wit
            1:1 8 Comment ["documentation"] /** Docs
            3:3 13 Comment ["documentation"] over lines */
            4:1 9 Keyword [] interface
            4:11 1 Interface ["declaration"] i
            4:15 4 Comment [] /* a
            5:2 4 Comment [] b */"#]],
    );
}

#[test]
fn a_broken_file_still_gets_tokens() {
    check(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  record r { a: u32
  f: func(x: r, y: nope) -> ;
  use missing.{t};
}
world w { import ; export e: interface {
"#,
        expect![[r#"
            //- /wit/a.wit
            1:1 7 Keyword [] package
            1:9 1 Package ["declaration"] a
            1:11 1 Package ["declaration"] b
            2:1 9 Keyword [] interface
            2:11 1 Interface ["declaration"] i
            3:3 6 Keyword [] record
            3:10 1 Record ["declaration"] r
            3:14 1 Field ["declaration"] a
            3:17 3 Type ["builtin"] u32
            4:3 1 Function ["declaration"] f
            4:6 4 Keyword [] func
            4:11 1 Parameter ["declaration"] x
            4:14 1 Record [] r
            4:17 1 Parameter ["declaration"] y
            4:20 4 Type [] nope
            4:26 2 Operator [] ->
            5:3 3 Keyword [] use
            5:7 7 Interface [] missing
            5:16 1 Type ["declaration"] t
            7:1 5 Keyword [] world
            7:7 1 World ["declaration"] w
            7:11 6 Keyword [] import
            7:20 6 Keyword [] export
            7:27 1 Interface ["declaration"] e
            7:30 9 Keyword [] interface"#]],
    );
}

#[test]
fn a_range_gets_the_tokens_overlapping_it() {
    let (index, files) =
        load("//- /wit/a.wit\ninterface i {\n  /* one\n  two */\n  type t = u32;\n}\n");
    let (path, text) = &files[0];
    let start = text.find("two").unwrap();
    let end = text.find("= u32").unwrap();
    expect![[r#"
        3:3 6 Comment [] two */
        4:3 4 Keyword [] type
        4:8 1 TypeAlias ["declaration"] t"#]]
    .assert_eq(&render(&index, path, text, Some(start..end)));
}
