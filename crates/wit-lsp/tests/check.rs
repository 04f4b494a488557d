//! `wit-lsp check` end to end: the real binary on projects written to disk,
//! every output format and every exit code.

use std::path::Path;
use std::process::{Command, Output};

use expect_test::expect;

mod support;

use support::{Project, assert_output, text};

impl Project {
    /// Runs `wit-lsp check ARGS` in the project's directory.
    fn check(&self, args: &[&str]) -> Output {
        self.run("check", args)
    }
}

/// Three independent syntax errors, an unused `use`, and a dependency.
const BROKEN: &str = r#"
//- /wit/types.wit
package demo:app;

interface types {
  use demo:dep/base.{id, handle};
  type t = u32
  record r { a: id, b: }
  f: func(x: u32) -> ;
}
//- /wit/deps/dep/base.wit
package demo:dep;

interface base {
  type id = string;
  resource handle;
}
"#;

#[test]
fn human_output_is_rustc_style_with_every_error() {
    let project = Project::new(BROKEN);
    assert_output(
        &project.check(&["wit"]),
        expect![[r#"
            exit 1
            --- stderr
            warning[unused-use]: `handle` is brought in by `use` but never used
             --> wit/types.wit:4:26
              |
            4 |   use demo:dep/base.{id, handle};
              |                          ^^^^^^

            error[syntax]: expected ';', found keyword `record`
             --> wit/types.wit:6:3
              |
            6 |   record r { a: id, b: }
              |   ^

            error[syntax]: expected a type, found '}'
             --> wit/types.wit:6:24
              |
            6 |   record r { a: id, b: }
              |                        ^

            error[syntax]: expected a type, found ';'
             --> wit/types.wit:7:22
              |
            7 |   f: func(x: u32) -> ;
              |                      ^

            error: 3 errors, 1 warning in 1 package (2 files)
        "#]],
    );
}

#[test]
fn json_output() {
    let project = Project::new(BROKEN);
    let output = project.check(&["wit", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["version"], 1);
    assert_eq!(document["diagnostics"].as_array().unwrap().len(), 4);
    expect![[r#"
        {
          "file": "wit/types.wit",
          "severity": "error",
          "code": "syntax",
          "message": "expected ';', found keyword `record`",
          "range": {
            "start": {
              "line": 6,
              "column": 3,
              "offset": 88
            },
            "end": {
              "line": 6,
              "column": 4,
              "offset": 89
            }
          }
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&document["diagnostics"][1]).unwrap());
    expect![[r#"
        {
          "packages": 1,
          "files": 2,
          "errors": 3,
          "warnings": 1
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&document["summary"]).unwrap());
}

#[test]
fn github_output() {
    let project = Project::new(BROKEN);
    assert_output(
        &project.check(&["wit", "--format", "github"]),
        expect![[r#"
            exit 1
            --- stdout
            ::warning file=wit/types.wit,line=4,col=26,endLine=4,endColumn=32,title=wit-lsp unused-use::`handle` is brought in by `use` but never used
            ::error file=wit/types.wit,line=6,col=3,endLine=6,endColumn=4,title=wit-lsp syntax::expected ';', found keyword `record`
            ::error file=wit/types.wit,line=6,col=24,endLine=6,endColumn=25,title=wit-lsp syntax::expected a type, found '}'
            ::error file=wit/types.wit,line=7,col=22,endLine=7,endColumn=23,title=wit-lsp syntax::expected a type, found ';'
        "#]],
    );
}

#[test]
fn sarif_output() {
    let project = Project::new(BROKEN);
    let output = project.check(&["wit", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "wit-lsp");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<_> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"syntax") && rules.contains(&"unused-use"),
        "{rules:?}"
    );
    assert_eq!(run["results"].as_array().unwrap().len(), 4);
    expect![[r#"
        {
          "level": "warning",
          "message": {
            "text": "`handle` is brought in by `use` but never used"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "wit/types.wit"
                },
                "region": {
                  "startLine": 4,
                  "startColumn": 26,
                  "endLine": 4,
                  "endColumn": 32
                }
              }
            }
          ],
          "ruleId": "unused-use"
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&run["results"][0]).unwrap());
}

#[test]
fn clean_package_exits_0() {
    let project = Project::new(
        r#"
//- /wit/greeter.wit
package example:greeter@1.0.0;
interface greeter { greet: func(name: string) -> string; }
world host { export greeter; }
"#,
    );
    assert_output(
        &project.check(&["wit"]),
        expect![[r#"
            exit 0
            --- stderr
            ok: no errors or warnings in 1 package (1 file)
        "#]],
    );
    let output = project.check(&["wit", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

const UNUSED: &str = r#"
//- /wit/a.wit
package a:b;
interface types { type t = u32; type u = u32; }
interface user { use types.{t}; }
"#;

#[test]
fn warnings_pass_unless_denied() {
    let project = Project::new(UNUSED);
    let warned = project.check(&["wit"]);
    assert_eq!(warned.status.code(), Some(0), "{}", text(&warned.stderr));
    assert!(text(&warned.stderr).contains("warning[unused-use]"));

    let denied = project.check(&["wit", "--deny", "warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(text(&denied.stderr).contains("error[unused-use]"));

    let denied = project.check(&["wit", "-D", "unused-use"]);
    assert_eq!(denied.status.code(), Some(1));

    // The later flag wins.
    let allowed = project.check(&["wit", "-D", "unused-use", "-A", "unused-use"]);
    assert_output(
        &allowed,
        expect![[r#"
            exit 0
            --- stderr
            ok: no errors or warnings in 1 package (1 file)
        "#]],
    );
    let denied = project.check(&["wit", "-A", "unused-use", "-D", "unused-use"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn unknown_lint_is_a_usage_error() {
    let project = Project::new(UNUSED);
    assert_output(
        &project.check(&["wit", "--deny", "unused"]),
        expect![[r#"
            exit 2
            --- stderr
            error: unknown lint `unused`; the lints are unused-use, deprecated (or `warnings` for all)
        "#]],
    );
}

#[test]
fn unreadable_paths_exit_2_naming_the_file() {
    let project = Project::new(UNUSED);
    assert_output(
        &project.check(&["missing", "wit"]),
        expect![[r#"
            exit 2
            --- stderr
            warning[unused-use]: `t` is brought in by `use` but never used
             --> wit/a.wit:3:29
              |
            3 | interface user { use types.{t}; }
              |                             ^

            error: missing: no such file or directory

            error: 1 path could not be read; 0 errors, 1 warning in 1 package (1 file)
        "#]],
    );

    std::fs::write(project.0.join("wit/b.wit"), b"// caf\xe9\n").unwrap();
    let output = project.check(&["wit", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    expect![[r#"
        [
          {
            "file": "wit/b.wit",
            "message": "wit/b.wit:1:7: the file is not valid UTF-8",
            "position": {
              "line": 1,
              "column": 7,
              "offset": 6
            }
          }
        ]"#]]
    .assert_eq(&serde_json::to_string_pretty(&document["load_errors"]).unwrap());

    let empty = Project::new("");
    assert_output(
        &empty.check(&[]),
        expect![[r#"
            exit 2
            --- stderr
            error: .: no `.wit` files in it or below it

            error: 1 path could not be read; 0 errors, 0 warnings in 0 packages (0 files)
        "#]],
    );
}

#[test]
fn searches_the_current_directory_for_packages() {
    let project = Project::new(
        r#"
//- /crates/a/wit/a.wit
package x:a;
interface i { type t = u32 }
//- /crates/b/wit/b.wit
package x:b;
interface j { type t = u32 }
//- /target/debug/build/ignored.wit
not wit at all
//- /.git/ignored.wit
not wit either
"#,
    );
    assert_output(
        &project.check(&["--format", "github"]),
        expect![[r#"
            exit 1
            --- stdout
            ::error file=crates/a/wit/a.wit,line=2,col=28,endLine=2,endColumn=29,title=wit-lsp syntax::expected ';', found '}'
            ::error file=crates/b/wit/b.wit,line=2,col=28,endLine=2,endColumn=29,title=wit-lsp syntax::expected ';', found '}'
        "#]],
    );
}

#[test]
fn a_file_shared_by_two_roots_is_reported_once() {
    let project = Project::new(
        r#"
//- /wit/a.wit
package x:a;
world w { import x:dep/i; }
//- /wit/deps/dep.wit
package x:dep;
interface i { type t = u32 }
"#,
    );
    let output = project.check(&["wit", "wit/deps/dep.wit", "--format", "github"]);
    assert_output(
        &output,
        expect![[r#"
            exit 1
            --- stdout
            ::error file=wit/deps/dep.wit,line=2,col=28,endLine=2,endColumn=29,title=wit-lsp syntax::expected ';', found '}'
        "#]],
    );
}

#[test]
fn features_enable_unstable_items() {
    let project = Project::new(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  @unstable(feature = fancy)
  type t = u32;
}
interface j { use i.{t}; type u = t; }
"#,
    );
    let output = project.check(&["wit"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("excluded due to its feature not being activated"));
    assert_eq!(
        project
            .check(&["wit", "--features", "other,fancy"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        project.check(&["wit", "--all-features"]).status.code(),
        Some(0)
    );
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let project = Project::new(UNUSED);
    let colored = project.check(&["wit", "--color", "always"]);
    assert!(text(&colored.stderr).contains("\x1b["));
    // Not a terminal here, so `auto` means plain.
    let plain = project.check(&["wit"]);
    assert!(!text(&plain.stderr).contains('\x1b'));
    let plain = project.check(&["wit", "--color", "never"]);
    assert!(!text(&plain.stderr).contains('\x1b'));
}

#[test]
fn the_bundled_example_is_clean() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/greeter/wit");
    let output = Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
        .arg("check")
        .arg(&example)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}

#[test]
fn a_wit_parser_crash_is_a_diagnostic() {
    // wit-parser 0.263 panics on `/**/` before an item; the syntax errors of
    // the other files are still reported.
    let project = Project::new(
        r#"
//- /wit/a.wit
package a:b;
/**/
interface i {}
//- /wit/deps/dep.wit
package a:dep;
interface j { type t = u32 }
"#,
    );
    assert_output(
        &project.check(&["wit", "--format", "github"]),
        expect![[r#"
            exit 1
            --- stdout
            ::error file=wit/a.wit,line=1,col=1,endLine=1,endColumn=1,title=wit-lsp parser-panic::wit-parser crashed on this package (called `Option::unwrap()` on a `None` value); this is a bug in wit-parser, so its verdict is unknown
            ::error file=wit/deps/dep.wit,line=2,col=28,endLine=2,endColumn=29,title=wit-lsp syntax::expected ';', found '}'
        "#]],
    );
}

/// Runs `check` on `project`, timing it, with GitHub output (one line per
/// diagnostic, no source lines).
fn check_timed(project: &Project, args: &[&str]) -> Output {
    let started = std::time::Instant::now();
    let output = project.check(args);
    eprintln!("check {args:?}: {:?}", started.elapsed());
    output
}

#[test]
fn a_20_mb_file_is_checked_to_its_last_line() {
    let project = Project::new("");
    // A 20 MB block comment between two interfaces, one with an error.
    let mut wit = String::from("package a:b;\ninterface first { type t = u32; }\n/*\n");
    while wit.len() < 20 << 20 {
        wit.push_str(&"x".repeat(79));
        wit.push('\n');
    }
    wit.push_str("*/\ninterface last { type t = u32 }\n");
    let line = wit.lines().count();
    std::fs::create_dir_all(project.0.join("wit")).unwrap();
    std::fs::write(project.0.join("wit/a.wit"), wit).unwrap();
    let output = check_timed(&project, &["wit", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        format!(
            "::error file=wit/a.wit,line={line},col=31,endLine={line},endColumn=32,\
             title=wit-lsp syntax::expected ';', found '}}'\n"
        )
    );
}

#[test]
fn a_1_mb_line_is_checked_with_its_column_and_shown_cut() {
    let project = Project::new("");
    let mut line = String::from("package a:b; ");
    for i in 0..60_000 {
        line.push_str(&format!("interface i{i} {{}} "));
    }
    line.push_str("interface last { type t = u32 }");
    assert!(line.len() > 1 << 20);
    let column = line.len();
    std::fs::create_dir_all(project.0.join("wit")).unwrap();
    std::fs::write(project.0.join("wit/a.wit"), format!("{line}\n")).unwrap();
    let output = check_timed(&project, &["wit", "--format", "github"]);
    assert_eq!(
        text(&output.stdout),
        format!(
            "::error file=wit/a.wit,line=1,col={column},endLine=1,endColumn={},\
             title=wit-lsp syntax::expected ';', found '}}'\n",
            column + 1
        )
    );
    // The human report shows the end of the line, not a megabyte of it.
    let output = check_timed(&project, &["wit"]);
    assert_output(
        &output,
        expect![[r#"
            exit 1
            --- stderr
            error[syntax]: expected ';', found '}'
             --> wit/a.wit:1:1188934
              |
            1 | ...ace i59998 {} interface i59999 {} interface last { type t = u32 }
              |                                                                    ^

            error: 1 error, 0 warnings in 1 package (1 file)
        "#]],
    );
}

#[test]
fn type_nesting_10_000_deep_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let project = Project::new(&format!(
        "//- /wit/a.wit\npackage a:b;\ninterface i {{ type t = {}u32{}; }}\n",
        "list<".repeat(depth),
        ">".repeat(depth)
    ));
    let output = check_timed(&project, &["wit", "--format", "github"]);
    assert_output(
        &output,
        expect![[r#"
            exit 1
            --- stdout
            ::error file=wit/a.wit,line=2,col=524,endLine=2,endColumn=528,title=wit-lsp syntax::type nesting too deep
        "#]],
    );
}

#[test]
fn a_dependency_that_is_not_utf8_is_a_load_error_naming_it() {
    let project = Project::new(include_str!("data/one-dependency.fixture"));
    std::fs::write(
        project.0.join("wit/deps/dep/dep.wit"),
        b"package x:dep;\ninterface i { type t = u32; } // \xff\xfe\n",
    )
    .unwrap();
    assert_output(
        &project.check(&["wit"]),
        expect![[r#"
            exit 2
            --- stderr
            error: wit/deps/dep/dep.wit:2:34: the file is not valid UTF-8

            error: 1 path could not be read; 0 errors, 0 warnings in 0 packages (0 files)
        "#]],
    );
}

#[test]
fn nul_bytes_are_errors_at_their_place() {
    let project = Project::new("");
    std::fs::create_dir_all(project.0.join("wit")).unwrap();
    std::fs::write(
        project.0.join("wit/a.wit"),
        "package a:b;\ninterface i { \0 }\n// \0\n\0",
    )
    .unwrap();
    assert_output(
        &project.check(&["wit", "--format", "github"]),
        expect![[r#"
            exit 1
            --- stdout
            ::error file=wit/a.wit,line=2,col=15,endLine=2,endColumn=16,title=wit-lsp syntax::Control code '\u{0}'
            ::error file=wit/a.wit,line=3,col=4,endLine=3,endColumn=5,title=wit-lsp syntax::Control code '\u{0}'
        "#]],
    );
    assert_output(
        &project.check(&["wit"]),
        expect![[r#"
            exit 1
            --- stderr
            error[syntax]: Control code '\u{0}'
             --> wit/a.wit:2:15
              |
            2 | interface i { ␀ }
              |               ^

            error[syntax]: Control code '\u{0}'
             --> wit/a.wit:3:4
              |
            3 | // ␀
              |    ^

            error: 2 errors, 0 warnings in 1 package (1 file)
        "#]],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_deps_are_not_followed_forever() {
    let project = Project::new(include_str!("data/one-dependency.fixture"));
    let link = |target: &str, path: &str| {
        std::os::unix::fs::symlink(target, project.0.join(path)).unwrap();
    };
    // A dependency's own `deps/` is never read, whatever it points to; the
    // search for packages does not follow links.
    link("../..", "wit/deps/dep/deps");
    link(".", "loop");
    assert_output(
        &project.check(&[]),
        expect![[r#"
            exit 0
            --- stderr
            ok: no errors or warnings in 1 package (2 files)
        "#]],
    );
    // A dependency that is the package itself, through a link.
    link("..", "wit/deps/self");
    assert_output(
        &project.check(&["wit"]),
        expect![[r#"
            exit 1
            --- stderr
            error[duplicate-package]: package `a:b` is defined in two different locations:
             --> wit/deps/self/a.wit:1:9
              |
            1 | package a:b;
              |         ^^^
              |
              = note: * wit/deps/self/a.wit:1:9
                      * wit/a.wit:1:9

            error: 1 error, 0 warnings in 1 package (3 files)
        "#]],
    );
    // A link to itself cannot be read at all.
    std::fs::remove_file(project.0.join("wit/deps/self")).unwrap();
    link("itself", "wit/deps/itself");
    // The system's words for the loop (ELOOP).
    let eloop = std::fs::metadata(project.0.join("wit/deps/itself")).unwrap_err();
    let output = project.check(&["wit"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: wit/deps/itself: {eloop}\n\n\
             error: 1 path could not be read; 0 errors, 0 warnings in 0 packages (0 files)\n"
        )
    );
}

#[test]
fn a_package_dependency_cycle_is_an_error() {
    let project = Project::new(include_str!("data/package-cycle.fixture"));
    assert_output(
        &project.check(&["wit"]),
        expect![[r#"
            exit 1
            --- stderr
            error[package-cycle]: package `b:b` creates a dependency cycle
             --> wit/deps/a.wit:2:19
              |
            2 | interface i { use b:b/j.{t}; }
              |                   ^^^

            error: 1 error, 0 warnings in 1 package (3 files)
        "#]],
    );
}
