//! Navigation on fixtures: files split by `//- /PATH` header lines, with the
//! cursor at `$0`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};
use wit_syntax::LineIndex;

use super::{DocumentSymbol, Index, Location};
use crate::Workspace;

/// A fixture's index, texts and cursor.
pub(super) struct Fixture {
    pub(super) index: Index,
    workspace: Workspace,
    texts: HashMap<PathBuf, String>,
    /// Where `$0` was.
    cursor: Option<(PathBuf, usize)>,
}

impl Fixture {
    pub(super) fn new(text: &str) -> Fixture {
        Fixture::load(text, false)
    }

    /// Built with wit-parser's view (the fixture must be valid).
    fn resolved(text: &str) -> Fixture {
        Fixture::load(text, true)
    }

    fn load(text: &str, resolved: bool) -> Fixture {
        let mut workspace = Workspace::from_paths(["/wit"]);
        let mut texts = HashMap::new();
        let mut cursor = None;
        for (path, mut text) in crate::tests::fixture(text) {
            if let Some(offset) = text.find("$0") {
                text.replace_range(offset..offset + 2, "");
                cursor = Some((path.clone(), offset));
            }
            workspace.set_overlay(path.clone(), text.clone());
            texts.insert(path, text);
        }
        let root = Path::new("/wit");
        let index = if resolved {
            let analysis = workspace.analyze_root(root).expect("loads");
            let resolved = analysis.resolved.as_ref();
            assert!(resolved.is_some(), "{:?}", analysis.diagnostics);
            Index::new(&analysis.package, resolved)
        } else {
            Index::new(&workspace.load(root).expect("loads"), None)
        };
        Fixture {
            index,
            workspace,
            texts,
            cursor,
        }
    }

    /// The analysis' diagnostics of the fixture's package.
    pub(super) fn diagnostics(&self) -> Vec<crate::Diagnostic> {
        let root = Path::new("/wit");
        self.workspace
            .analyze_root(root)
            .expect("loads")
            .diagnostics
    }

    pub(super) fn cursor(&self) -> (&Path, usize) {
        let (path, offset) = self.cursor.as_ref().expect("the fixture has a `$0`");
        (path, *offset)
    }

    /// `path:line:col-line:col` (1-based, byte columns) and the text there.
    fn range(&self, path: &Path, range: std::ops::Range<usize>) -> String {
        let text = &self.texts[path];
        let lines = LineIndex::new(text);
        let (start, end) = (lines.line_col(range.start), lines.line_col(range.end));
        format!(
            "{}:{}:{}-{}:{} `{}`",
            path.display(),
            start.line + 1,
            start.col + 1,
            end.line + 1,
            end.col + 1,
            &text[range]
        )
    }

    fn locations(&self, locations: &[Location]) -> String {
        locations
            .iter()
            .map(|location| self.range(&location.path, location.range.clone()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn check_definition(text: &str, expected: Expect) {
    let fixture = Fixture::new(text);
    let (path, offset) = fixture.cursor();
    expected.assert_eq(&fixture.locations(&fixture.index.definition(path, offset)));
}

fn check_declaration(text: &str, expected: Expect) {
    let fixture = Fixture::new(text);
    let (path, offset) = fixture.cursor();
    expected.assert_eq(&fixture.locations(&fixture.index.declaration(path, offset)));
}

fn check_type_definition(text: &str, expected: Expect) {
    let fixture = Fixture::new(text);
    let (path, offset) = fixture.cursor();
    expected.assert_eq(&fixture.locations(&fixture.index.type_definition(path, offset)));
}

fn check_references(text: &str, include_declaration: bool, expected: Expect) {
    let fixture = Fixture::new(text);
    let (path, offset) = fixture.cursor();
    let found = fixture.index.references(path, offset, include_declaration);
    expected.assert_eq(&fixture.locations(&found));
}

fn check_rename(text: &str, new_name: &str, expected: Expect) {
    let fixture = Fixture::new(text);
    let (path, offset) = fixture.cursor();
    let rendered = match fixture.index.rename(path, offset, new_name) {
        Ok(files) => files
            .iter()
            .flat_map(|file| {
                file.edits.iter().map(|edit| {
                    format!(
                        "{} -> {}",
                        fixture.range(&file.path, edit.range.clone()),
                        edit.new_text
                    )
                })
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => format!("error: {error}"),
    };
    expected.assert_eq(&rendered);
}

fn check_hover(fixture: &Fixture, expected: Expect) {
    let (path, offset) = fixture.cursor();
    let rendered = match fixture.index.hover(path, offset) {
        Some(hover) => format!("{}\n{}", fixture.range(path, hover.range), hover.markdown),
        None => "no hover".to_owned(),
    };
    expected.assert_eq(&rendered);
}

// ---- definition ---------------------------------------------------------------

const TYPES: &str = r#"
//- /wit/types.wit
package a:b@1.0.0;
interface types {
  record point { x: u32, y: u32 }
  resource file;
  type alias = point;
}
"#;

#[test]
fn named_type_in_the_same_interface() {
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  record r { a: u32 }
  f: func(x: $0r);
}
"#,
        expect!["/wit/a.wit:3:10-3:11 `r`"],
    );
}

#[test]
fn use_name_in_another_file() {
    let text = format!(
        "{TYPES}\n{}",
        r#"
//- /wit/user.wit
interface user {
  use types.{po$0int};
}
"#
    );
    check_definition(&text, expect!["/wit/types.wit:3:10-3:15 `point`"]);
}

#[test]
fn named_type_through_a_use() {
    let text = format!(
        "{TYPES}\n{}",
        r#"
//- /wit/user.wit
interface user {
  use types.{point};
  f: func() -> poi$0nt;
}
"#
    );
    check_definition(&text, expect!["/wit/types.wit:3:10-3:15 `point`"]);
}

#[test]
fn borrow_and_own() {
    let text = format!(
        "{TYPES}\n{}",
        r#"
//- /wit/user.wit
interface user {
  use types.{file};
  f: func(a: borrow<fi$0le>, b: own<file>);
}
"#
    );
    check_definition(&text, expect!["/wit/types.wit:4:12-4:16 `file`"]);
    check_definition(
        &text
            .replace("fi$0le>", "file>")
            .replace("own<file>", "own<f$0ile>"),
        expect!["/wit/types.wit:4:12-4:16 `file`"],
    );
}

#[test]
fn use_path_local_and_qualified() {
    let text = format!(
        "{TYPES}\n{}",
        r#"
//- /wit/user.wit
interface user {
  use ty$0pes.{point};
}
"#
    );
    check_definition(&text, expect!["/wit/types.wit:2:11-2:16 `types`"]);
    check_definition(
        &text.replace("use ty$0pes", "use a:b/ty$0pes@1.0.0"),
        expect!["/wit/types.wit:2:11-2:16 `types`"],
    );
    // The package part of a qualified path is the package's header.
    check_definition(
        &text.replace("use ty$0pes", "use a:$0b/types@1.0.0"),
        expect!["/wit/types.wit:1:9-1:18 `a:b@1.0.0`"],
    );
    // Without a version: the only package of that name.
    check_definition(
        &text.replace("use ty$0pes", "use a:b/ty$0pes"),
        expect!["/wit/types.wit:2:11-2:16 `types`"],
    );
    // A version that is not there.
    check_definition(
        &text.replace("use ty$0pes", "use a:b/ty$0pes@2.0.0"),
        expect![""],
    );
}

const DEPS: &str = r#"
//- /wit/main.wit
package my:app;
use wasi:io/streams@0.2.0 as s;
interface handler {
  use s.{input-stream as in, output-stream};
  use wasi:io/poll@0.2.0.{pollable};
  handle: func(input: in, output: output-stream, ready: borrow<pollable>);
}
world app {
  import wasi:io/streams@0.2.0;
  import p: wasi:io/poll@0.2.0;
  import handler;
  export run: func();
}
//- /wit/deps/io/streams.wit
package wasi:io@0.2.0;
interface streams {
  use poll.{pollable};
  /// A stream of bytes.
  resource input-stream {
    subscribe: func() -> pollable;
  }
  resource output-stream;
}
//- /wit/deps/io/poll.wit
/// Waiting for things.
interface poll {
  resource pollable;
}
"#;

/// `DEPS` with the cursor at `|` in the first occurrence of `needle`.
fn deps_at(needle: &str) -> String {
    let plain = needle.replace('|', "");
    let marked = needle.replace('|', "$0");
    assert!(DEPS.contains(&plain), "{plain} is not in the fixture");
    DEPS.replacen(&plain, &marked, 1)
}

#[test]
fn into_deps_packages() {
    // A qualified use path's names.
    check_definition(
        &deps_at("{poll|able}"),
        expect!["/wit/deps/io/poll.wit:3:12-3:20 `pollable`"],
    );
    // A type used through it.
    check_definition(
        &deps_at("borrow<pol|lable>"),
        expect!["/wit/deps/io/poll.wit:3:12-3:20 `pollable`"],
    );
    // The interface and package of a qualified path.
    check_definition(
        &deps_at("wasi:io/po|ll@0.2.0.{"),
        expect!["/wit/deps/io/poll.wit:2:11-2:15 `poll`"],
    );
    check_definition(
        &deps_at("wasi:i|o/poll@0.2.0.{"),
        expect!["/wit/deps/io/streams.wit:1:9-1:22 `wasi:io@0.2.0`"],
    );
    // Inside the dependency: a local use across its files.
    check_definition(
        &deps_at("-> poll|able"),
        expect!["/wit/deps/io/poll.wit:3:12-3:20 `pollable`"],
    );
    // World imports: qualified, named, and local.
    check_definition(
        &deps_at("import wasi:io/str|eams@0.2.0;"),
        expect!["/wit/deps/io/streams.wit:2:11-2:18 `streams`"],
    );
    check_definition(
        &deps_at("p: wasi:io/p|oll"),
        expect!["/wit/deps/io/poll.wit:2:11-2:15 `poll`"],
    );
    check_definition(
        &deps_at("import hand|ler;"),
        expect!["/wit/main.wit:3:11-3:18 `handler`"],
    );
}

#[test]
fn toplevel_use_alias() {
    // `s` is the file's name for `wasi:io/streams`.
    check_definition(
        &deps_at("use |s.{"),
        expect!["/wit/deps/io/streams.wit:2:11-2:18 `streams`"],
    );
    check_declaration(&deps_at("use |s.{"), expect!["/wit/main.wit:2:30-2:31 `s`"]);
    // Names used from it.
    check_definition(
        &deps_at("{input-str|eam as"),
        expect!["/wit/deps/io/streams.wit:5:12-5:24 `input-stream`"],
    );
    check_definition(
        &deps_at("output: output-str|eam"),
        expect!["/wit/deps/io/streams.wit:8:12-8:25 `output-stream`"],
    );
}

#[test]
fn toplevel_use_alias_shadows_the_package_interface() {
    let text = r#"
//- /wit/a.wit
package a:b;
use a:dep/other as types;
interface user {
  use ty$0pes.{t};
}
//- /wit/b.wit
interface types { type t = u32; }
//- /wit/deps/dep.wit
package a:dep;
interface other { type t = string; }
"#;
    check_definition(text, expect!["/wit/deps/dep.wit:2:11-2:16 `other`"]);
    check_definition(
        &text.replace("ty$0pes.{t}", "types.{$0t}"),
        expect!["/wit/deps/dep.wit:2:24-2:25 `t`"],
    );
    // In another file of the package, `types` is the interface.
    check_definition(
        &format!("{text}//- /wit/c.wit\ninterface c {{ use types.{{$0t}}; }}\n")
            .replacen("$0", "", 1),
        expect!["/wit/b.wit:1:24-1:25 `t`"],
    );
}

#[test]
fn include_paths_and_names() {
    let text = r#"
//- /wit/a.wit
package a:b;
world base {
  import log: func(msg: string);
  export run: func();
}
world middle {
  include base;
}
world top {
  include mid$0dle with { log as base-log }
}
"#;
    check_definition(text, expect!["/wit/a.wit:6:7-6:13 `middle`"]);
    // `log` is an import of `base`, included in `middle`.
    check_definition(
        &text.replace("mid$0dle with { log", "middle with { l$0og"),
        expect!["/wit/a.wit:3:10-3:13 `log`"],
    );
    check_references(
        &text
            .replace("import log:", "import l$0og:")
            .replacen("$0dle", "dle", 1),
        true,
        expect![[r#"
            /wit/a.wit:3:10-3:13 `log`
            /wit/a.wit:10:25-10:28 `log`"#]],
    );
}

#[test]
fn world_types_and_uses() {
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
interface types { type t = u32; }
world w {
  use types.{t};
  type u = list<t>;
  import f: func(x: $0u) -> t;
  import i: interface {
    type u = string;
    g: func(x: u);
  }
}
"#,
        expect!["/wit/a.wit:5:8-5:9 `u`"],
    );
    // An inline interface is a scope of its own.
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
world w {
  type u = list<u8>;
  import i: interface {
    type u = string;
    g: func(x: $0u);
  }
}
"#,
        expect!["/wit/a.wit:5:10-5:11 `u`"],
    );
}

#[test]
fn nested_packages() {
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
package c:d {
  interface i { type t = u32; }
}
interface user {
  use c:d/i.{$0t};
}
"#,
        expect!["/wit/a.wit:3:22-3:23 `t`"],
    );
}

#[test]
fn broken_file() {
    let text = r#"
//- /wit/a.wit
package a:b;
interface i {
  type t = u32
  record r { a: t
  f: func(x: r) -> $0t;
}
interface j {
  use i.{t}
  g: func() -> t
}
"#;
    check_definition(text, expect!["/wit/a.wit:3:8-3:9 `t`"]);
    check_definition(
        &text
            .replace("-> $0t", "-> t")
            .replace("func(x: r)", "func(x: $0r)"),
        expect!["/wit/a.wit:4:10-4:11 `r`"],
    );
    check_definition(
        &text
            .replace("-> $0t", "-> t")
            .replace("g: func() -> t", "g: func() -> $0t"),
        expect!["/wit/a.wit:3:8-3:9 `t`"],
    );
}

#[test]
fn escaped_names() {
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  type %record = u32;
  f: func(x: %rec$0ord);
}
"#,
        expect!["/wit/a.wit:3:8-3:15 `%record`"],
    );
}

// ---- declaration, aliases ---------------------------------------------------------

const ALIASES: &str = r#"
//- /wit/a.wit
package a:b;
interface types {
  record point { x: u32 }
  type a = point;
  type b = a;
  type c = u32;
}
interface user {
  use types.{point, point as pt, b};
  record rec { p: point, q: pt, r: b }
  f: func(x: pt) -> point;
}
"#;

fn aliases_at(needle: &str) -> String {
    let plain = needle.replace('|', "");
    assert!(ALIASES.contains(&plain), "{plain} is not in the fixture");
    ALIASES.replacen(&plain, &needle.replace('|', "$0"), 1)
}

#[test]
fn renamed_by_use_as() {
    check_definition(
        &aliases_at("f: func(x: p|t)"),
        expect!["/wit/a.wit:3:10-3:15 `point`"],
    );
    check_declaration(
        &aliases_at("f: func(x: p|t)"),
        expect!["/wit/a.wit:9:30-9:32 `pt`"],
    );
    // Through a `use` without `as`, the declaration is the use name.
    check_declaration(
        &aliases_at("-> po|int;"),
        expect!["/wit/a.wit:9:14-9:19 `point`"],
    );
    // A name not brought in by `use`: its definition.
    check_declaration(
        &aliases_at("type b = |a;"),
        expect!["/wit/a.wit:4:8-4:9 `a`"],
    );
}

#[test]
fn type_definition_through_aliases() {
    // `b` = `a` = `point`, through a use.
    check_type_definition(
        &aliases_at("r: |b }"),
        expect!["/wit/a.wit:3:10-3:15 `point`"],
    );
    // A field's type.
    check_type_definition(
        &aliases_at("{ p: point, |q: pt"),
        expect!["/wit/a.wit:3:10-3:15 `point`"],
    );
    // An alias of a builtin type is where it stops.
    check_type_definition(
        &aliases_at("type |c = u32;"),
        expect!["/wit/a.wit:6:8-6:9 `c`"],
    );
}

// ---- references and highlights ----------------------------------------------------

#[test]
fn references_of_a_type() {
    let text = aliases_at("record |point");
    check_references(
        &text,
        false,
        expect![[r#"
            /wit/a.wit:4:12-4:17 `point`
            /wit/a.wit:9:14-9:19 `point`
            /wit/a.wit:9:21-9:26 `point`
            /wit/a.wit:10:19-10:24 `point`
            /wit/a.wit:11:21-11:26 `point`"#]],
    );
    check_references(
        &text,
        true,
        expect![[r#"
            /wit/a.wit:3:10-3:15 `point`
            /wit/a.wit:4:12-4:17 `point`
            /wit/a.wit:9:14-9:19 `point`
            /wit/a.wit:9:21-9:26 `point`
            /wit/a.wit:10:19-10:24 `point`
            /wit/a.wit:11:21-11:26 `point`"#]],
    );
    // The same from a reference through a `use`.
    check_references(
        &aliases_at("-> poi|nt;"),
        false,
        expect![[r#"
            /wit/a.wit:4:12-4:17 `point`
            /wit/a.wit:9:14-9:19 `point`
            /wit/a.wit:9:21-9:26 `point`
            /wit/a.wit:10:19-10:24 `point`
            /wit/a.wit:11:21-11:26 `point`"#]],
    );
    // An alias has its own.
    check_references(
        &aliases_at("point as p|t"),
        true,
        expect![[r#"
            /wit/a.wit:9:30-9:32 `pt`
            /wit/a.wit:10:29-10:31 `pt`
            /wit/a.wit:11:14-11:16 `pt`"#]],
    );
}

#[test]
fn references_across_deps() {
    check_references(
        &deps_at("resource poll|able"),
        true,
        expect![[r#"
            /wit/main.wit:5:27-5:35 `pollable`
            /wit/main.wit:6:64-6:72 `pollable`
            /wit/deps/io/poll.wit:3:12-3:20 `pollable`
            /wit/deps/io/streams.wit:3:13-3:21 `pollable`
            /wit/deps/io/streams.wit:6:26-6:34 `pollable`"#]],
    );
    // An interface: paths, top-level uses and what goes through them.
    check_references(
        &deps_at("interface str|eams"),
        false,
        expect![[r#"
            /wit/main.wit:2:13-2:20 `streams`
            /wit/main.wit:9:18-9:25 `streams`"#]],
    );
}

#[test]
fn highlights_in_one_file() {
    let fixture = Fixture::new(&aliases_at("use types.{po|int"));
    let (path, offset) = fixture.cursor();
    let rendered: Vec<String> = fixture
        .index
        .highlights(path, offset)
        .into_iter()
        .map(|highlight| {
            format!(
                "{}{}",
                fixture.range(path, highlight.range),
                if highlight.is_definition {
                    " (definition)"
                } else {
                    ""
                }
            )
        })
        .collect();
    expect![[r#"
        /wit/a.wit:3:10-3:15 `point` (definition)
        /wit/a.wit:4:12-4:17 `point`
        /wit/a.wit:9:14-9:19 `point` (definition)
        /wit/a.wit:9:21-9:26 `point`
        /wit/a.wit:10:19-10:24 `point`
        /wit/a.wit:11:21-11:26 `point`"#]]
    .assert_eq(&rendered.join("\n"));
}

// ---- rename ----------------------------------------------------------------------

#[test]
fn rename_the_original() {
    check_rename(
        &aliases_at("record |point"),
        "location",
        expect![[r#"
            /wit/a.wit:3:10-3:15 `point` -> location
            /wit/a.wit:4:12-4:17 `point` -> location
            /wit/a.wit:9:14-9:19 `point` -> location
            /wit/a.wit:9:21-9:26 `point` -> location
            /wit/a.wit:10:19-10:24 `point` -> location
            /wit/a.wit:11:21-11:26 `point` -> location"#]],
    );
    // From a reference that came in through a plain `use`: the same.
    check_rename(
        &aliases_at("-> poi|nt;"),
        "location",
        expect![[r#"
            /wit/a.wit:3:10-3:15 `point` -> location
            /wit/a.wit:4:12-4:17 `point` -> location
            /wit/a.wit:9:14-9:19 `point` -> location
            /wit/a.wit:9:21-9:26 `point` -> location
            /wit/a.wit:10:19-10:24 `point` -> location
            /wit/a.wit:11:21-11:26 `point` -> location"#]],
    );
}

#[test]
fn rename_an_alias() {
    check_rename(
        &aliases_at("f: func(x: p|t)"),
        "pos",
        expect![[r#"
            /wit/a.wit:9:30-9:32 `pt` -> pos
            /wit/a.wit:10:29-10:31 `pt` -> pos
            /wit/a.wit:11:14-11:16 `pt` -> pos"#]],
    );
}

#[test]
fn rename_to_a_keyword_escapes_it() {
    check_rename(
        &aliases_at("type |c = u32;"),
        "record",
        expect!["/wit/a.wit:6:8-6:9 `c` -> %record"],
    );
    check_rename(
        &aliases_at("type |c = u32;"),
        "%record",
        expect!["/wit/a.wit:6:8-6:9 `c` -> %record"],
    );
}

#[test]
fn rename_refusals() {
    for name in ["Foo", "a--b", "1a", "a_b", "", "x y", "%"] {
        let fixture = Fixture::new(&aliases_at("type |c = u32;"));
        let (path, offset) = fixture.cursor();
        let error = fixture.index.rename(path, offset, name).unwrap_err();
        assert!(
            error.0.contains("not a valid WIT identifier"),
            "{name}: {error}"
        );
    }
    check_rename(
        &aliases_at("type |c = u32;"),
        "a-bC",
        expect![
            "error: cannot rename to `a-bC`: it is not a valid WIT identifier (words of lowercase letters and digits, or of uppercase letters and digits, joined by `-`, the first starting with a letter)"
        ],
    );
    // Mixed-case words are fine when each word is one case.
    check_rename(
        &aliases_at("type |c = u32;"),
        "a-B2-3",
        expect!["/wit/a.wit:6:8-6:9 `c` -> a-B2-3"],
    );
    check_rename(
        &deps_at("borrow<pol|lable>"),
        "waitable",
        expect![
            "error: cannot rename `pollable`: it is defined in the dependency package `wasi:io@0.2.0`"
        ],
    );
    check_rename(
        &deps_at("package my:a|pp;"),
        "other",
        expect!["error: cannot rename `my:app`: packages cannot be renamed"],
    );
    let fixture = Fixture::new(&deps_at("package my:a|pp;"));
    let (path, offset) = fixture.cursor();
    expect!["cannot rename `my:app`: packages cannot be renamed"].assert_eq(
        &fixture
            .index
            .prepare_rename(path, offset)
            .unwrap_err()
            .to_string(),
    );
}

#[test]
fn rename_members_within_their_item() {
    check_rename(
        &aliases_at("record point { |x: u32 }"),
        "left",
        expect!["/wit/a.wit:3:18-3:19 `x` -> left"],
    );
}

#[test]
fn prepare_rename_range() {
    let fixture = Fixture::new(&aliases_at("-> poi|nt;"));
    let (path, offset) = fixture.cursor();
    let location = fixture.index.prepare_rename(path, offset).unwrap();
    expect!["/wit/a.wit:11:21-11:26 `point`"]
        .assert_eq(&fixture.range(&location.path, location.range));
}

// ---- hover ---------------------------------------------------------------------

const HOVER: &str = r#"
//- /wit/a.wit
package a:b@1.0.0;

/// Shapes.
@since(version = 1.0.0)
interface shapes {
  /// A point
  /// on the plane.
  @since(version = 1.0.0)
  record point {
    x: u32,
    y: u32,
  }

  /** Moves a point. */
  @since(version = 1.0.0)
  @deprecated(version = 1.0.0)
  move: func(p: point, by: u32) -> point;
}

@since(version = 1.0.0)
world app {
  @since(version = 1.0.0)
  import shapes;
  @since(version = 1.0.0)
  include base;
  @since(version = 1.0.0)
  export run: func();
}

@since(version = 1.0.0)
world base {
  @since(version = 1.0.0)
  import log: func(msg: string);
}
"#;

fn hover_at(needle: &str) -> Fixture {
    let plain = needle.replace('|', "");
    assert!(HOVER.contains(&plain), "{plain} is not in the fixture");
    Fixture::resolved(&HOVER.replacen(&plain, &needle.replace('|', "$0"), 1))
}

#[test]
fn hover_on_a_type() {
    check_hover(
        &hover_at("func(p: po|int"),
        expect![[r#"
            /wit/a.wit:17:17-17:22 `point`
            ```wit
            record point {
              x: u32,
              y: u32,
            }
            ```

            `@since(version = 1.0.0)`

            A point
            on the plane.

            defined in `a:b@1.0.0` / interface `shapes`
        "#]],
    );
}

#[test]
fn hover_on_a_function() {
    check_hover(
        &hover_at("mo|ve: func"),
        expect![[r#"
            /wit/a.wit:17:3-17:7 `move`
            ```wit
            move: func(p: point, by: u32) -> point;
            ```

            `@since(version = 1.0.0)` `@deprecated(version = 1.0.0)`

            Moves a point.

            defined in `a:b@1.0.0` / interface `shapes`
        "#]],
    );
}

#[test]
fn hover_on_an_interface() {
    check_hover(
        &hover_at("import sha|pes;"),
        expect![[r#"
            /wit/a.wit:23:10-23:16 `shapes`
            ```wit
            interface shapes
            ```

            `@since(version = 1.0.0)`

            Shapes.

            defined in `a:b@1.0.0`
        "#]],
    );
}

#[test]
fn hover_on_a_world_lists_its_elaborated_items() {
    check_hover(
        &hover_at("world a|pp"),
        expect![[r#"
            /wit/a.wit:21:7-21:10 `app`
            ```wit
            world app
            ```

            `@since(version = 1.0.0)`

            imports:
            - `interface a:b/shapes@1.0.0`
            - `func log: func(msg: string)`

            exports:
            - `func run: func()`

            defined in `a:b@1.0.0`
        "#]],
    );
}

#[test]
fn hover_on_a_member() {
    check_hover(
        &hover_at("    |y: u32"),
        expect![[r#"
            /wit/a.wit:11:5-11:6 `y`
            ```wit
            y: u32
            ```

            defined in `a:b@1.0.0` / interface `shapes` / record `point`
        "#]],
    );
}

// ---- symbols ---------------------------------------------------------------------

fn render_symbols(symbols: &[DocumentSymbol], depth: usize, out: &mut String) {
    for symbol in symbols {
        out.push_str(&format!(
            "{}{:?} {}{} {:?} {:?}\n",
            "  ".repeat(depth),
            symbol.kind,
            symbol.name,
            symbol
                .detail
                .as_ref()
                .map(|detail| format!(" ({detail})"))
                .unwrap_or_default(),
            symbol.range,
            symbol.selection_range,
        ));
        render_symbols(&symbol.children, depth + 1, out);
    }
}

#[test]
fn document_symbols_of_a_file() {
    let fixture = Fixture::new(
        r#"
//- /wit/a.wit
package a:b;
use a:c/d as e;
interface i {
  use e.{t as u};
  variant v { none, some(u) }
  enum color { red, green }
  flags perms { read, write }
  resource r {
    constructor(x: u32);
    get: func() -> u32;
    make: static func() -> r;
  }
  f: func(x: u32) -> u;
}
world w {
  import a:c/d;
  import g: func();
  export e: interface { h: func(); }
  type t = u8;
}
package c:d {
  interface x {}
}
"#,
    );
    let mut out = String::new();
    render_symbols(
        &fixture.index.document_symbols(Path::new("/wit/a.wit")),
        0,
        &mut out,
    );
    expect![[r#"
        Package a:b 0..372 8..11
          UseName e (a:c/d) 13..28 26..27
          Interface i 29..272 39..40
            UseName u (e) 52..58 57..58
            Variant v 63..90 71..72
              VariantCase none 75..79 75..79
              VariantCase some (u) 81..88 81..85
            Enum color 93..118 98..103
              EnumCase red 106..109 106..109
              EnumCase green 111..116 111..116
            Flags perms 121..148 127..132
              Flag read 135..139 135..139
              Flag write 141..146 141..146
            Resource r 151..246 160..161
              Constructor constructor ((x: u32)) 168..188 168..179
              Method get (func() -> u32) 193..212 193..196
              StaticMethod make (static func() -> r) 217..242 217..221
            Function f (func(x: u32) -> u) 249..270 249..250
          World w 273..372 279..280
            Import a:c/d 285..298 292..297
            Import g (func()) 301..318 308..309
            Export e (interface) 321..355 328..329
              Function h (func()) 343..353 343..344
            TypeAlias t (u8) 358..370 363..364
        Package c:d 373..405 381..384
          Interface x 389..403 399..400
    "#]]
    .assert_eq(&out);
}

#[test]
fn workspace_symbols_fuzzy() {
    let fixture = Fixture::new(DEPS);
    let render = |query: &str| {
        fixture
            .index
            .workspace_symbols(query)
            .into_iter()
            .map(|symbol| {
                format!(
                    "{:?} {} in {}",
                    symbol.kind,
                    symbol.name,
                    symbol.container.unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    expect![[r#"
        Interface handler in my:app
        World app in my:app
        Interface poll in wasi:io@0.2.0
        Interface streams in wasi:io@0.2.0"#]]
    .assert_eq(&render(""));
    expect![[r#"
        Interface streams in wasi:io@0.2.0
        Resource input-stream in wasi:io/streams@0.2.0
        Resource output-stream in wasi:io/streams@0.2.0"#]]
    .assert_eq(&render("STRM"));
    expect![[r#"
        Interface poll in wasi:io@0.2.0
        Resource pollable in wasi:io/poll@0.2.0"#]]
    .assert_eq(&render("poll"));
}

#[test]
fn unresolved_names_are_reported() {
    let fixture = Fixture::new(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  use nope.{x};
  use a:missing/j.{y};
  f: func(a: strin);
}
"#,
    );
    let rendered: Vec<String> = fixture
        .index
        .unresolved()
        .into_iter()
        .map(|unresolved| {
            format!(
                "{} {}",
                fixture.range(&unresolved.location.path, unresolved.location.range),
                unresolved.kind
            )
        })
        .collect();
    expect![[r#"
        /wit/a.wit:3:7-3:11 `nope` path
        /wit/a.wit:3:13-3:14 `x` use name
        /wit/a.wit:4:7-4:16 `a:missing` package
        /wit/a.wit:4:17-4:18 `j` path
        /wit/a.wit:4:20-4:21 `y` use name
        /wit/a.wit:5:14-5:19 `strin` type"#]]
    .assert_eq(&rendered.join("\n"));
}

#[test]
fn cursor_just_after_a_name() {
    let text = aliases_at("f: func(x: pt|)");
    check_definition(&text, expect!["/wit/a.wit:3:10-3:15 `point`"]);
}

#[test]
fn index_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Index>();
}

#[test]
fn more_paths() {
    // The path of a top-level `use`, and an export of a local interface.
    check_definition(
        &deps_at("use wasi:io/str|eams@0.2.0 as s;"),
        expect!["/wit/deps/io/streams.wit:2:11-2:18 `streams`"],
    );
    check_definition(
        &DEPS.replace("export run: func();", "export hand$0ler;"),
        expect!["/wit/main.wit:3:11-3:18 `handler`"],
    );
    // A second `package` header refers to the first.
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
//- /wit/b.wit
package a:$0b;
"#,
        expect!["/wit/a.wit:1:9-1:12 `a:b`"],
    );
}

#[test]
fn hover_through_a_use_alias() {
    check_hover(
        &Fixture::new(&deps_at("func(input: i|n,")),
        expect![[r#"
            /wit/main.wit:6:23-6:25 `in`
            ```wit
            resource input-stream {
              subscribe: func() -> pollable;
            }
            ```

            A stream of bytes.

            defined in `wasi:io@0.2.0` / interface `streams`
        "#]],
    );
    // A package.
    check_hover(
        &Fixture::new(&deps_at("wasi:i|o/poll@0.2.0.{")),
        expect![[r#"
            /wit/main.wit:5:7-5:14 `wasi:io`
            ```wit
            package wasi:io@0.2.0
            ```
        "#]],
    );
}

#[test]
fn references_of_an_import_label() {
    check_references(
        r#"
//- /wit/a.wit
package a:b;
interface i {}
world base { import $0x: i; }
world top { include base with { x as y } }
"#,
        true,
        expect![[r#"
            /wit/a.wit:3:21-3:22 `x`
            /wit/a.wit:4:33-4:34 `x`"#]],
    );
}

#[test]
fn include_names_of_world_types() {
    check_definition(
        r#"
//- /wit/a.wit
package a:b;
interface types { type t = u32; }
world base {
  use types.{t};
  type u = t;
}
world top { include base with { $0t as t2, u as u2 } }
"#,
        expect!["/wit/a.wit:2:24-2:25 `t`"],
    );
}

#[test]
fn mismatches_go_on_the_world_items_they_are_about() {
    use crate::targets::{Direction, Mismatch, Problem};

    let fixture = Fixture::new(
        r#"
//- /wit/a.wit
package example:greeter@1.0.0;
use wasi:clocks/wall-clock@0.2.0 as clock;
interface greeter { greet: func(name: string) -> string; }
world host {
  @since(version = 1.0.0)
  export greeter;
  export version: func() -> string;
  import clock;
  type id = u32;
}
world combined {
  include host;
  export extra: interface {
    ping: func();
  }
}
package example:nested { world inner {} }
//- /wit/deps/clocks.wit
package wasi:clocks@0.2.0;
interface wall-clock { now: func() -> u64; }
"#,
    );
    let at = |world: &str, direction, item: &str| {
        let mismatch = Mismatch {
            item: item.to_owned(),
            direction,
            problem: Problem::MissingExport,
        };
        match fixture.index.mismatch_diagnostic(world, &mismatch) {
            Some(diagnostic) => format!(
                "{}: {} {}",
                fixture.range(&diagnostic.path, diagnostic.range),
                diagnostic.code.unwrap_or_default(),
                diagnostic.message,
            ),
            None => format!("no world `{world}`"),
        }
    };
    let shown = [
        at("host", Direction::Export, "example:greeter/greeter@1.0.0"),
        at("host", Direction::Export, "version"),
        at("host", Direction::Import, "wasi:clocks/wall-clock@0.2.0"),
        at("host", Direction::Import, "id"),
        // An export of that name is not an import.
        at("host", Direction::Import, "version"),
        at("combined", Direction::Export, "version"),
        at("combined", Direction::Export, "extra"),
        at("inner", Direction::Export, "x"),
    ];
    expect![[r#"
        /wit/a.wit:6:3-6:18 `export greeter;`: targets export `example:greeter/greeter@1.0.0`: missing
        /wit/a.wit:7:3-7:36 `export version: func() -> string;`: targets export `version`: missing
        /wit/a.wit:8:3-8:16 `import clock;`: targets import `wasi:clocks/wall-clock@0.2.0`: missing
        /wit/a.wit:9:3-9:17 `type id = u32;`: targets import `id`: missing
        /wit/a.wit:4:7-4:11 `host`: targets import `version`: missing
        /wit/a.wit:12:11-12:15 `host`: targets export `version`: missing
        /wit/a.wit:13:3-13:26 `export extra: interface`: targets export `extra`: missing
        no world `inner`"#]]
    .assert_eq(&shown.join("\n"));
    let worlds: Vec<String> = fixture
        .index
        .worlds()
        .iter()
        .map(|world| fixture.range(&world.location.path, world.location.range.clone()))
        .collect();
    expect![[r#"
        /wit/a.wit:4:7-4:11 `host`
        /wit/a.wit:11:7-11:15 `combined`"#]]
    .assert_eq(&worlds.join("\n"));
}
