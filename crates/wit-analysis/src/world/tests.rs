//! Elaborated worlds of small fixture packages.

use expect_test::{Expect, expect};

use super::{ElaboratedWorld, WorldError, elaborate};
use crate::nav::Index;
use crate::tests::analyze;

fn world(text: &str, name: Option<&str>) -> Result<ElaboratedWorld, WorldError> {
    let analysis = analyze("/wit", text);
    let resolved = analysis
        .resolved
        .as_ref()
        .unwrap_or_else(|| panic!("wit-parser rejects the fixture: {:?}", analysis.diagnostics));
    let index = Index::new(&analysis.package, Some(resolved));
    elaborate(resolved, &index, name)
}

fn check(text: &str, name: Option<&str>, expected: Expect) {
    let world = world(text, name).expect("the world is found");
    let mut out = format!("world {}\n", world.name);
    for (title, entries) in [("imports", &world.imports), ("exports", &world.exports)] {
        out.push_str(&format!("{title}:\n"));
        for entry in entries {
            let note = if entry.pulled_in { " (pulled in)" } else { "" };
            out.push_str(&format!("  {entry}{note}\n"));
        }
    }
    expected.assert_eq(&out);
}

const PACKAGE: &str = r#"
//- /wit/a.wit
package ex:app@1.0.0;

interface types {
  record point { x: u32, y: u32 }
}
interface shapes {
  use types.{point};
  area: func(p: point) -> f64;
}
interface clock { now: func() -> u64; }
world base {
  import clock;
  import log: func(msg: string);
  export run: func();
}
world app {
  include base with { log as write-log }
  use types.{point};
  type pair = tuple<point, option<string>>;
  resource handle { get: func() -> result<list<u8>, string>; }
  import lookup: func(keys: list<string>, h: borrow<handle>) -> option<point>;
  export shapes;
}
"#;

#[test]
fn include_with_and_use_pull_in_interfaces() {
    check(
        PACKAGE,
        Some("app"),
        expect![[r#"
            world ex:app/app@1.0.0
            imports:
              interface ex:app/clock@1.0.0
              interface ex:app/types@1.0.0 (pulled in)
              type point: point
              type pair: tuple<point, option<string>>
              type handle: resource
              func lookup: func(keys: list<string>, h: borrow<handle>) -> option<point>
              func write-log: func(msg: string)
              func [method]handle.get: func(self: borrow<handle>) -> result<list<u8>, string>
            exports:
              func run: func()
              interface ex:app/shapes@1.0.0
        "#]],
    );
}

#[test]
fn an_interface_written_and_used_is_not_pulled_in() {
    check(
        r#"
//- /wit/a.wit
package ex:app;
interface types { type id = u32; }
interface api { use types.{id}; get: func() -> id; }
world w { import types; export api; }
"#,
        None,
        expect![[r#"
            world ex:app/w
            imports:
              interface ex:app/types
            exports:
              interface ex:app/api
        "#]],
    );
}

#[test]
fn interfaces_of_dependencies_by_path_and_alias() {
    check(
        r#"
//- /wit/a.wit
package ex:app;
use wasi:io/streams@0.2.0 as io-streams;
world w {
  import io-streams;
  export wasi:io/reader@0.2.0;
}
//- /wit/deps/io.wit
package wasi:io@0.2.0;
interface error { resource failure; }
interface streams { use error.{failure}; }
interface reader { use streams.{}; read: func() -> string; }
"#,
        None,
        expect![[r#"
            world ex:app/w
            imports:
              interface wasi:io/error@0.2.0 (pulled in)
              interface wasi:io/streams@0.2.0
            exports:
              interface wasi:io/reader@0.2.0
        "#]],
    );
}

#[test]
fn a_dependency_world_included_names_its_interfaces() {
    check(
        r#"
//- /wit/a.wit
package ex:app;
world w { include wasi:io/imports@0.2.0; }
//- /wit/deps/io.wit
package wasi:io@0.2.0;
interface error { resource failure; }
interface streams { use error.{failure}; }
world imports { import streams; }
"#,
        None,
        expect![[r#"
            world ex:app/w
            imports:
              interface wasi:io/error@0.2.0 (pulled in)
              interface wasi:io/streams@0.2.0
            exports:
        "#]],
    );
}

#[test]
fn choosing_a_world() {
    assert_eq!(
        world(PACKAGE, None).unwrap_err().to_string(),
        "the package has several worlds, choose one with `--world`: base, app"
    );
    assert_eq!(
        world(PACKAGE, Some("nope")).unwrap_err().to_string(),
        "the package has no world `nope`; its worlds are base, app"
    );
    let no_worlds = "//- /wit/a.wit\npackage ex:app;\ninterface i {}\n";
    assert_eq!(world(no_worlds, None), Err(WorldError::NoWorlds));
    assert_eq!(
        world(PACKAGE, Some("base")).unwrap().name,
        "ex:app/base@1.0.0"
    );
}
