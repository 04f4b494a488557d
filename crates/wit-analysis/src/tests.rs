//! Diagnostics of small packages given as fixtures: a string split into files
//! by `//- /PATH` header lines.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::{Expect, expect};
use wit_syntax::LineIndex;

use crate::{LintLevel, LoadErrorKind, PackageAnalysis, PackageSource, Severity, Workspace};

/// The files of a fixture: each `//- /PATH` line starts a file.
pub(crate) fn fixture(text: &str) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for line in text.lines() {
        if let Some(path) = line.strip_prefix("//- ") {
            files.push((PathBuf::from(path.trim()), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        } else {
            assert!(
                line.trim().is_empty(),
                "fixture text before the first header"
            );
        }
    }
    files
}

/// Every diagnostic as `path:line:col: message` (1-based, byte columns).
fn render(analysis: &PackageAnalysis) -> String {
    analysis
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let text = analysis.text(&diagnostic.path).unwrap_or("");
            let at = LineIndex::new(text).line_col(diagnostic.range.start);
            let level = match diagnostic.severity {
                Severity::Error => String::new(),
                Severity::Warning => format!("warning[{}]: ", diagnostic.code.unwrap_or("")),
            };
            format!(
                "{}:{}:{}: {level}{}",
                diagnostic.path.display(),
                at.line + 1,
                at.col + 1,
                diagnostic.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Analyses `root` of a purely in-memory fixture.
pub(crate) fn analyze(root: &str, text: &str) -> PackageAnalysis {
    let mut workspace = Workspace::from_paths([root]);
    for (path, text) in fixture(text) {
        workspace.set_overlay(path, text);
    }
    workspace.analyze_root(Path::new(root)).expect("loads")
}

fn check(root: &str, text: &str, expected: Expect) {
    expected.assert_eq(&render(&analyze(root, text)));
}

/// A fresh directory for tests that need the disk, removed on drop.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new() -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "wit-analysis-test-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub(crate) fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn valid_package_has_no_diagnostics() {
    let analysis = analyze(
        "/wit",
        r#"
//- /wit/a.wit
package a:b;
interface i { type t = u32; }
//- /wit/b.wit
world w { import i; }
"#,
    );
    assert_eq!(render(&analysis), "");
    assert!(!analysis.has_errors());
    let resolved = analysis.resolved.expect("wit-parser accepts it");
    let package = &resolved.resolve.packages[resolved.package];
    assert_eq!(package.name.to_string(), "a:b");
}

#[test]
fn independent_syntax_errors_are_each_reported() {
    // wit-parser stops at the first; the syntax tree finds all three.
    check(
        "/wit/a.wit",
        r#"
//- /wit/a.wit
package a:b;
interface i {
  type t = u32
  record r { a: u32, b: }
  f: func(x: u32) -> ;
}
"#,
        expect![[r#"
            /wit/a.wit:4:3: expected ';', found keyword `record`
            /wit/a.wit:4:25: expected a type, found '}'
            /wit/a.wit:5:22: expected a type, found ';'"#]],
    );
}

#[test]
fn unknown_type_at_its_token() {
    let text = r#"
//- /wit/a.wit
package a:b;
interface i {
  type t = list<strin>;
}
"#;
    let analysis = analyze("/wit", text);
    expect![[r#"/wit/a.wit:3:17: type `strin` does not exist"#]].assert_eq(&render(&analysis));
    let diagnostic = &analysis.diagnostics[0];
    let source = analysis.text(&diagnostic.path).unwrap();
    assert_eq!(&source[diagnostic.range.clone()], "strin");
    assert_eq!(diagnostic.code, Some("not-found"));
}

#[test]
fn wit_parser_syntax_error_is_reported_once() {
    // The same error from both wit-parser and the tree: wit-parser's is kept,
    // and the tree's later ones follow.
    check(
        "/wit/a.wit",
        r#"
//- /wit/a.wit
package a:b;
interface i {
  type t = u32
  record r { a: u32 }
}
interface j { f: func() -> ; }
"#,
        expect![[r#"
            /wit/a.wit:4:3: expected ';', found keyword `record`
            /wit/a.wit:6:28: expected a type, found ';'"#]],
    );
}

#[test]
fn wit_parser_error_first_then_each_file_in_order() {
    // wit-parser parses the files in path order and stops at a.wit's error;
    // the tree's errors follow, file by file.
    check(
        "/wit",
        r#"
//- /wit/b.wit
interface j { f: func() -> ; }
//- /wit/a.wit
package a:b;
interface i { use j.{t}; }
interface k { type t = u32 }
interface l { type t = list<u8 u8>; }
"#,
        expect![[r#"
            /wit/a.wit:3:28: expected ';', found '}'
            /wit/a.wit:2:22: warning[unused-use]: `t` is brought in by `use` but never used
            /wit/a.wit:4:32: expected ';', '}', ')', ',' or '>', found keyword `u8`
            /wit/b.wit:1:28: expected a type, found ';'"#]],
    );
}

#[test]
fn rule_errors_of_every_file_once_wit_parser_rejects() {
    // b.wit breaks two rules the grammar cannot express (a keyword as a
    // name, types nested too deep). wit-parser stops at the first, before it
    // resolves a.wit's unknown type; the second is found by the walk for rule
    // errors, which runs once wit-parser has said no.
    let deep = format!("{}u8{}", "list<".repeat(101), ">".repeat(101));
    check(
        "/wit",
        &format!(
            r#"
//- /wit/a.wit
package a:b;
interface i {{ type t = strin; }}
//- /wit/b.wit
interface j {{
  type option = u8;
  type d = {deep};
}}
"#
        ),
        expect![[r#"
            /wit/b.wit:2:8: expected an identifier or string, found keyword `option`
            /wit/b.wit:3:512: type nesting too deep"#]],
    );
}

#[test]
fn unknown_location_falls_back_to_the_first_file() {
    check(
        "/wit",
        r#"
//- /wit/b.wit
interface j {}
//- /wit/a.wit
interface i {}
"#,
        expect!["/wit/a.wit:1:1: no `package` header was found in any WIT file for this package"],
    );
}

#[test]
fn nested_packages() {
    check(
        "/wit/a.wit",
        r#"
//- /wit/a.wit
package a:b;
package c:d {
  interface i { type t = u32; }
}
world w { import c:d/i; import c:d/nope; }
"#,
        expect!["/wit/a.wit:5:36: interface 'nope' not found in package 'c:d'"],
    );
}

#[test]
fn deps_packages() {
    let deps = r#"
//- /wit/main.wit
package a:main;
world w { import a:dep/i; import a:single/j; }
//- /wit/deps/dep/i.wit
package a:dep;
interface i { use a:single/j.{t}; type u = t; }
//- /wit/deps/single.wit
package a:single;
interface j { type t = u32; }
//- /wit/deps/README.md
not WIT
"#;
    let analysis = analyze("/wit", deps);
    assert_eq!(render(&analysis), "");
    let files: Vec<_> = analysis.package.files().map(|f| f.path.clone()).collect();
    assert_eq!(
        files,
        [
            "/wit/main.wit",
            "/wit/deps/dep/i.wit",
            "/wit/deps/single.wit"
        ]
        .map(PathBuf::from)
    );

    // An error in a dependency is reported in its file.
    check(
        "/wit",
        &deps.replace("type u = t;", "type u = tt;"),
        expect!["/wit/deps/dep/i.wit:2:44: type `tt` does not exist"],
    );

    // A package that is nowhere.
    check(
        "/wit",
        &deps.replace("import a:single/j;", "import a:other/j;"),
        expect![[r#"
            /wit/main.wit:2:34: package 'a:other' not found. known packages:
                a:single
                a:dep
                a:main"#]],
    );
}

#[test]
fn package_cycle_in_deps() {
    check(
        "/wit",
        r#"
//- /wit/main.wit
package a:main;
world w { import a:x/i; }
//- /wit/deps/x/x.wit
package a:x;
interface i { use a:y/j.{}; }
//- /wit/deps/y/y.wit
package a:y;
interface j { use a:x/i.{}; }
"#,
        expect!["/wit/deps/y/y.wit:2:19: package `a:x` creates a dependency cycle"],
    );
}

#[test]
fn features() {
    let text = r#"
//- /wit/a.wit
package a:b;
interface i {
  @unstable(feature = active)
  type t = u32;
}
interface j { use i.{t}; type u = t; }
"#;
    check(
        "/wit",
        text,
        expect![
            "/wit/a.wit:6:22: found a reference to a type which is excluded due to its feature not being activated"
        ],
    );
    let mut workspace = Workspace::from_paths(["/wit"]);
    for (path, text) in fixture(text) {
        workspace.set_overlay(path, text);
    }
    workspace.settings.features = vec!["active".to_owned()];
    let analysis = workspace.analyze_root(Path::new("/wit")).unwrap();
    assert_eq!(render(&analysis), "");
    workspace.settings.features.clear();
    workspace.settings.all_features = true;
    let analysis = workspace.analyze_root(Path::new("/wit")).unwrap();
    assert_eq!(render(&analysis), "");
}

#[test]
fn overlay_overrides_disk() {
    let dir = TempDir::new();
    let root = dir.0.join("wit");
    let a = dir.write("wit/a.wit", "package a:b;\ninterface i { type t = u32 }\n");
    dir.write("wit/b.wit", "interface j { use i.{t}; type u = t; }\n");
    let mut workspace = Workspace::from_paths([&root]);
    let relative =
        |analysis: &PackageAnalysis| render(analysis).replace(&format!("{}/", dir.0.display()), "");

    // On disk, a.wit lacks a semicolon.
    let analysis = workspace.analyze_root(&root).unwrap();
    expect!["wit/a.wit:2:28: expected ';', found '}'"].assert_eq(&relative(&analysis));

    // The editor's buffer has fixed it.
    workspace.set_overlay(&a, "package a:b;\ninterface i { type t = u32; }\n");
    let analysis = workspace.analyze_root(&root).unwrap();
    expect![""].assert_eq(&relative(&analysis));
    assert_eq!(
        analysis.text(&a),
        Some("package a:b;\ninterface i { type t = u32; }\n")
    );

    // A new, unsaved file joins the package.
    workspace.set_overlay(
        root.join("c.wit"),
        "interface k { use i.{x}; type u = x; }\n",
    );
    let analysis = workspace.analyze_root(&root).unwrap();
    expect!["wit/c.wit:1:22: name `x` does not exist"].assert_eq(&relative(&analysis));

    // Closing the buffers goes back to the disk.
    workspace.remove_overlay(&root.join("c.wit"));
    workspace.remove_overlay(&a);
    let analysis = workspace.analyze_root(&root).unwrap();
    expect!["wit/a.wit:2:28: expected ';', found '}'"].assert_eq(&relative(&analysis));
}

#[test]
fn io_problems_are_load_errors() {
    let dir = TempDir::new();
    let workspace = Workspace::new();

    let missing = dir.0.join("missing.wit");
    let error = workspace.analyze_root(&missing).unwrap_err();
    assert!(matches!(error.kind, LoadErrorKind::NotFound));
    assert_eq!(error.path, missing);

    let latin1 = dir.write("wit/a.wit", b"package a:b; // caf\xe9\n");
    let error = workspace.analyze_root(&dir.0.join("wit")).unwrap_err();
    assert!(matches!(
        error.kind,
        LoadErrorKind::NotUtf8 {
            offset: 19,
            line: 0,
            column: 19
        }
    ));
    assert_eq!(error.path, latin1);
    assert!(
        error
            .to_string()
            .ends_with("a.wit:1:20: the file is not valid UTF-8")
    );
}

#[test]
fn encoded_packages_are_left_to_wit_parser() {
    let dir = TempDir::new();
    dir.write("wit/a.wit", "package a:b;\nworld w { import x:y/i; }\n");
    // A component header, and nothing after it.
    let wasm = dir.write("wit/deps/x.wasm", b"\0asm\x0d\x00\x01\x00");
    let workspace = Workspace::new();
    let analysis = workspace.analyze_root(&dir.0.join("wit")).unwrap();
    assert_eq!(
        analysis.package.deps,
        [PackageSource::Encoded(wasm.clone())]
    );
    let diagnostic = &analysis.diagnostics[0];
    assert_eq!(diagnostic.path, wasm);
    assert_eq!(diagnostic.code, Some("encoded-package"));
}

#[test]
fn unused_use_names() {
    check(
        "/wit",
        r#"
//- /wit/a.wit
package a:b;
use types as t2;
use types as unused-iface;
interface types {
  type a = u32;
  type b = u32;
  resource r;
}
interface user {
  use types.{a, b as bee, r};
  f: func(x: a, y: borrow<r>);
}
world w {
  use t2.{a, b};
  import t2;
  import g: func() -> b;
}
"#,
        expect![[r#"
            /wit/a.wit:3:14: warning[unused-use]: `unused-iface` is brought in by `use` but never used
            /wit/a.wit:10:22: warning[unused-use]: `bee` is brought in by `use` but never used
            /wit/a.wit:14:11: warning[unused-use]: `a` is brought in by `use` but never used"#]],
    );
}

#[test]
fn uses_of_deprecated_items() {
    check(
        "/wit",
        r#"
//- /wit/a.wit
package a:b@1.0.0;
interface types {
  @since(version = 1.0.0)
  @deprecated(version = 1.0.1)
  type old = u32;
  @since(version = 1.0.0)
  type new = u32;
  @since(version = 1.0.0)
  record uses-old { x: old }
  @since(version = 1.0.0)
  @deprecated(version = 1.0.1)
  record also-old { x: old }
}
@since(version = 1.0.0)
@deprecated(version = 1.0.2)
interface legacy {
  @since(version = 1.0.0)
  f: func();
}
interface user {
  use types.{old, new};
  f: func(x: old, y: new);
}
interface again {
  use user.{old};
  g: func(x: old);
}
world w {
  @since(version = 1.0.0)
  import legacy;
}
"#,
        expect![[r#"
            /wit/a.wit:9:24: warning[deprecated]: type `old` is deprecated since version 1.0.1
            /wit/a.wit:21:14: warning[deprecated]: type `old` is deprecated since version 1.0.1
            /wit/a.wit:25:13: warning[deprecated]: type `old` is deprecated since version 1.0.1
            /wit/a.wit:30:10: warning[deprecated]: interface `legacy` is deprecated since version 1.0.2"#]],
    );
}

#[test]
fn lint_levels() {
    let text = r#"
//- /wit/a.wit
package a:b;
interface types { type a = u32; }
interface user { use types.{a}; }
"#;
    let mut workspace = Workspace::from_paths(["/wit"]);
    for (path, text) in fixture(text) {
        workspace.set_overlay(path, text);
    }
    let severities = |workspace: &Workspace| {
        let analysis = workspace.analyze_root(Path::new("/wit")).unwrap();
        analysis
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(severities(&workspace), [Severity::Warning]);

    let lints = &mut workspace.settings.lints;
    lints.set("warnings", LintLevel::Deny).unwrap();
    assert_eq!(severities(&workspace), [Severity::Error]);

    let lints = &mut workspace.settings.lints;
    lints.set("unused-use", LintLevel::Allow).unwrap();
    assert_eq!(severities(&workspace), []);

    let lints = &mut workspace.settings.lints;
    let error = lints.set("unused", LintLevel::Deny).unwrap_err();
    expect!["unknown lint `unused`; the lints are unused-use, deprecated (or `warnings` for all)"]
        .assert_eq(&error.to_string());
}

#[test]
fn wit_parser_panics_are_diagnostics() {
    let analysis = analyze(
        "/wit",
        r#"
//- /wit/a.wit
package a:b;
/**/
interface i {}
"#,
    );
    let codes: Vec<_> = analysis.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Some("parser-panic")]);
    assert!(analysis.resolved.is_none());
}

#[test]
fn a_reused_workspace_analyses_as_a_fresh_one() {
    // Each step edits one file; the reused workspace takes the others from
    // its syntax cache, and must find (and index) exactly what a fresh
    // workspace finds.
    let steps: [(&str, &str); 6] = [
        (
            "/wit/a.wit",
            "package a:b;\ninterface i { type t = u32; type u = u8; }\n",
        ),
        ("/wit/b.wit", "interface j { use i.{t, u}; type v = t; }\n"),
        ("/wit/b.wit", "interface j { use i.{t, u}; type v = t }\n"),
        (
            "/wit/a.wit",
            "package a:b;\ninterface i {\n  @deprecated(version = 0.1.0)\n  type t = u32;\n  type u = u8;\n}\n",
        ),
        ("/wit/b.wit", "interface j { use i.{t}; type v = t; }\n"),
        (
            "/wit/b.wit",
            "interface j { use i.{t}; type option = t; }\n",
        ),
    ];
    let root = Path::new("/wit");
    let mut reused = Workspace::from_paths([root]);
    reused.cache_syntax();
    let mut files: Vec<(&str, &str)> = Vec::new();
    for (step, (path, text)) in steps.iter().enumerate() {
        files.retain(|(other, _)| other != path);
        files.push((path, text));
        reused.set_overlay(*path, *text);
        let mut fresh = Workspace::from_paths([root]);
        for (path, text) in &files {
            fresh.set_overlay(*path, *text);
        }
        let (analysis, fresh_analysis) = (
            reused.analyze_root(root).unwrap(),
            fresh.analyze_root(root).unwrap(),
        );
        assert_eq!(render(&analysis), render(&fresh_analysis), "step {step}");
        // The index from the cached trees is the one parsed afresh.
        let (index, fresh_index) = (
            reused.index(&analysis),
            crate::nav::Index::new(&fresh_analysis.package, fresh_analysis.resolved.as_ref()),
        );
        assert_eq!(index.stats(), fresh_index.stats(), "step {step}");
        assert_eq!(index.unresolved(), fresh_index.unresolved(), "step {step}");
        assert_eq!(
            index.workspace_symbols(""),
            fresh_index.workspace_symbols(""),
            "step {step}"
        );
    }
}
