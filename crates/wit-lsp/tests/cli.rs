//! End-to-end tests of the `wit-lsp` command line, against the real binary.

use std::path::Path;

use expect_test::{expect, expect_file};

mod support;

use support::{Project, assert_output, text};

#[test]
fn parse_prints_every_construct_as_named_nodes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/constructs.wit");
    let output = Project::new("").run("parse", &[path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(output.stderr.is_empty());
    expect_file!["data/constructs.sexp"].assert_eq(&text(&output.stdout));
}

#[test]
fn parse_lists_each_error_with_its_position_and_exits_1() {
    let project = Project::new(
        "//- /broken.wit
interface i {
  type t = u32
  record r { a: u32, b: }
  f: func(x: u32) -> ;
}",
    );
    let output = project.run("parse", &["broken.wit"]);
    assert_eq!(output.status.code(), Some(1));
    expect![[r#"
        broken.wit:3:3: error: expected ';', found keyword `record`
        broken.wit:3:25: error: expected a type, found '}'
        broken.wit:4:22: error: expected a type, found ';'
        error: 3 syntax errors in broken.wit
    "#]]
    .assert_eq(&text(&output.stderr));
    let tree = text(&output.stdout);
    assert!(tree.contains("(MISSING \";\""), "{tree}");
}

#[test]
fn parse_counts_columns_in_characters() {
    let project = Project::new("//- /unicode.wit\n/// héllo wörld\ninterface é {}\n");
    let output = project.run("parse", &["unicode.wit"]);
    assert_eq!(output.status.code(), Some(1));
    expect![[r#"
        unicode.wit:2:11: error: unexpected character 'é'
        error: 1 syntax error in unicode.wit
    "#]]
    .assert_eq(&text(&output.stderr));
}

#[test]
fn parse_names_a_missing_file() {
    let output = Project::new("").run("parse", &["/nonexistent/dir/missing.wit"]);
    assert_output(
        &output,
        expect![[r#"
            exit 2
            --- stderr
            error: /nonexistent/dir/missing.wit: no such file or directory
        "#]],
    );
}

#[test]
fn parse_rejects_non_utf8_with_the_position() {
    let project = Project::new("");
    std::fs::write(
        project.0.join("latin1.wit"),
        b"interface i {}\n// caf\xe9\n",
    )
    .unwrap();
    assert_output(
        &project.run("parse", &["latin1.wit"]),
        expect![[r#"
            exit 2
            --- stderr
            error: latin1.wit:2:7: the file is not valid UTF-8
        "#]],
    );
}

#[test]
fn version_is_printed() {
    let output = Project::new("").run("--version", &[]);
    assert!(output.status.success());
    assert_eq!(
        text(&output.stdout),
        format!("wit-lsp {}\n", env!("CARGO_PKG_VERSION"))
    );
}
