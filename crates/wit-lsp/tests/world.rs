//! `wit-lsp world` end to end: the real binary on projects written to disk.

use std::path::Path;
use std::process::{Command, Output};

use expect_test::expect;

mod support;

use support::{Project, assert_output, text};

impl Project {
    /// Runs `wit-lsp world ARGS` in the project's directory.
    fn world(&self, args: &[&str]) -> Output {
        self.run("world", args)
    }
}

/// An include with a rename, a dependency's interface pulled in by `use`,
/// and functions and types at world level.
const PROJECT: &str = r#"
//- /wit/host.wit
package example:greeter@1.0.0;

interface greeter {
  use wasi:io/streams@0.2.0.{output-stream};
  greet: func(name: string, out: borrow<output-stream>);
}
world logging {
  import log: func(msg: string);
}
world host {
  include logging with { log as write-log }
  type name = list<string>;
  export greeter;
}
//- /wit/deps/io/streams.wit
package wasi:io@0.2.0;
interface streams { resource output-stream; }
"#;

#[test]
fn text_output() {
    let project = Project::new(PROJECT);
    assert_output(
        &project.world(&["wit", "--world", "host"]),
        expect![[r#"
            exit 0
            --- stdout
            world example:greeter/host@1.0.0
              imports:
                interface wasi:io/streams@0.2.0  (pulled in by use)
                type name: list<string>
                func write-log: func(msg: string)
              exports:
                interface example:greeter/greeter@1.0.0
        "#]],
    );
}

#[test]
fn json_output() {
    let project = Project::new(PROJECT);
    let output = project.world(&["wit", "--world", "logging", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    expect![[r#"
        {
          "world": "example:greeter/logging@1.0.0",
          "imports": [
            {
              "name": "log",
              "kind": "func",
              "signature": "func(msg: string)",
              "pulled_in": false
            }
          ],
          "exports": []
        }
    "#]]
    .assert_eq(&text(&output.stdout));
}

#[test]
fn choosing_among_several_worlds() {
    let project = Project::new(PROJECT);
    assert_output(
        &project.world(&["wit"]),
        expect![[r#"
        exit 2
        --- stderr
        error: the package has several worlds, choose one with `--world`: logging, host
    "#]],
    );
    assert_output(
        &project.world(&["wit", "--world", "guest"]),
        expect![[r#"
            exit 2
            --- stderr
            error: the package has no world `guest`; its worlds are logging, host
        "#]],
    );
}

#[test]
fn errors_are_reported_as_check_reports_them() {
    let project = Project::new(
        r#"
//- /wit/a.wit
package a:b;
world w { import missing; }
"#,
    );
    assert_output(
        &project.world(&["wit"]),
        expect![[r#"
        exit 1
        --- stderr
        error[not-found]: interface or world `missing` does not exist
         --> wit/a.wit:2:18
          |
        2 | world w { import missing; }
          |                  ^^^^^^^

        error: 1 error, 0 warnings in 1 package (1 file)
    "#]],
    );
}

#[test]
fn unreadable_paths_and_several_packages_are_usage_errors() {
    let project = Project::new(
        r#"
//- /one/a.wit
package x:a;
world w {}
//- /two/b.wit
package x:b;
world w {}
"#,
    );
    assert_output(
        &project.world(&["missing"]),
        expect![[r#"
        exit 2
        --- stderr
        error: missing: no such file or directory
    "#]],
    );
    assert_output(
        &project.world(&["."]),
        expect![[r#"
        exit 2
        --- stderr
        error: . holds several packages; give one package directory or file
    "#]],
    );
}

#[test]
fn the_bundled_example() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/greeter/wit");
    let output = Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
        .arg("world")
        .arg(&example)
        .output()
        .unwrap();
    assert_output(
        &output,
        expect![[r#"
        exit 0
        --- stdout
        world example:greeter/host@1.0.0
          exports:
            interface example:greeter/greeter@1.0.0
    "#]],
    );
}
