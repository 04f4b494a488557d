//! End-to-end tests of the `wit-lsp` command line, against the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use expect_test::{expect, expect_file};

fn wit_lsp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
        .args(args)
        .output()
        .expect("the wit-lsp binary runs")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn scratch_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wit-lsp-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn parse_prints_every_construct_as_named_nodes() {
    let path = data("constructs.wit");
    let output = wit_lsp(&["parse", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stderr.is_empty());
    expect_file!["data/constructs.sexp"].assert_eq(&String::from_utf8(output.stdout).unwrap());
}

#[test]
fn parse_lists_each_error_with_its_position_and_exits_1() {
    let path = scratch_file(
        "broken.wit",
        b"interface i {\n  type t = u32\n  record r { a: u32, b: }\n  f: func(x: u32) -> ;\n}\n",
    );
    let output = wit_lsp(&["parse", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let shown = path.display().to_string();
    let errors = stderr(&output).replace(&shown, "broken.wit");
    expect![[r#"
        broken.wit:3:3: error: expected ';', found keyword `record`
        broken.wit:3:25: error: expected a type, found '}'
        broken.wit:4:22: error: expected a type, found ';'
        error: 3 syntax errors in broken.wit
    "#]]
    .assert_eq(&errors);
    let tree = String::from_utf8(output.stdout).unwrap();
    assert!(tree.contains("(MISSING \";\""), "{tree}");
}

#[test]
fn parse_counts_columns_in_characters() {
    let path = scratch_file(
        "unicode.wit",
        "/// héllo wörld\ninterface é {}\n".as_bytes(),
    );
    let output = wit_lsp(&["parse", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("unicode.wit:2:11: error: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn parse_names_a_missing_file() {
    let output = wit_lsp(&["parse", "/nonexistent/dir/missing.wit"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: /nonexistent/dir/missing.wit: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn parse_rejects_non_utf8_with_the_position() {
    let path = scratch_file("latin1.wit", b"interface i {}\n// caf\xe9\n");
    let output = wit_lsp(&["parse", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("latin1.wit:2:7: the file is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn version_is_printed() {
    let output = wit_lsp(&["--version"]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("wit-lsp {}\n", env!("CARGO_PKG_VERSION"))
    );
}
