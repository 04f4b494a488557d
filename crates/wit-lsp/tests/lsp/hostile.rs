//! Hostile input: huge files and lines, deep nesting, bytes that are not
//! UTF-8 or are NUL, `deps/` that loop, packages that depend on each other,
//! files that vanish while open. The server answers, logs, and lives.

use std::time::Instant;

use expect_test::expect;
use serde_json::{Value, json};

use crate::support::Client;

/// Sends every request about a whole document, and hover, document symbols
/// and selection ranges at `position`; each gets an answer, not an error.
async fn every_document_request_answers(client: &mut Client, relative: &str, position: Value) {
    let uri = client.uri(relative);
    let document = json!({ "uri": uri });
    let whole = json!({ "start": { "line": 0, "character": 0 }, "end": position });
    for (method, params) in [
        (
            "textDocument/hover",
            json!({ "textDocument": document, "position": position }),
        ),
        (
            "textDocument/documentSymbol",
            json!({ "textDocument": document }),
        ),
        (
            "textDocument/semanticTokens/full",
            json!({ "textDocument": document }),
        ),
        (
            "textDocument/semanticTokens/range",
            json!({ "textDocument": document, "range": whole }),
        ),
        (
            "textDocument/foldingRange",
            json!({ "textDocument": document }),
        ),
        (
            "textDocument/selectionRange",
            json!({ "textDocument": document, "positions": [position] }),
        ),
        (
            "textDocument/formatting",
            json!({ "textDocument": document, "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
        ("textDocument/codeLens", json!({ "textDocument": document })),
    ] {
        let started = Instant::now();
        let answer = client.request(method, params).await;
        assert!(answer.is_ok(), "{method}: {answer:?}");
        eprintln!("{method}: {:?}", started.elapsed());
    }
}

/// Opens `relative` and waits for its analysis; prints how long that took.
async fn open_and_analyse(client: &mut Client, relative: &str) {
    let started = Instant::now();
    client.open(relative).await;
    client.settle().await;
    eprintln!("didOpen to analysed: {:?}", started.elapsed());
}

/// An LSP position.
fn position(line: usize, character: usize) -> Value {
    json!({ "line": line, "character": character })
}

/// Asserts that the server sent `line` in a `window/logMessage`.
fn assert_logged(client: &Client, line: &str) {
    let logged: Vec<&str> = client
        .notifications
        .iter()
        .filter(|message| message["method"] == "window/logMessage")
        .map(|message| message["params"]["message"].as_str().unwrap())
        .collect();
    assert!(logged.contains(&line), "{line:?} is not in {logged:?}");
}

#[tokio::test]
async fn a_20_mb_document_gets_diagnostics_hover_and_symbols() {
    let mut client = Client::start("").await;
    // A 20 MB block comment between two interfaces, one with an error.
    let mut text = String::from("package a:b;\ninterface first { type t = u32; }\n/*\n");
    while text.len() < 20 << 20 {
        text.push_str(&"x".repeat(79));
        text.push('\n');
    }
    text.push_str("*/\ninterface last { type t = u32 }\n");
    let last_line = text.lines().count() - 1;
    std::fs::create_dir_all(client.path("wit")).unwrap();
    std::fs::write(client.path("wit/a.wit"), &text).unwrap();
    open_and_analyse(&mut client, "wit/a.wit").await;
    assert_eq!(
        client.diagnostics("wit/a.wit"),
        format!("{last_line}:30-{last_line}:31 error[syntax] expected ';', found '}}'")
    );
    let position = position(1, 11);
    every_document_request_answers(&mut client, "wit/a.wit", position.clone()).await;
    let uri = client.uri("wit/a.wit");
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
        .unwrap();
    // The package, and its interfaces in it.
    let names: Vec<_> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["first", "last"]);
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn a_1_mb_line_gets_diagnostics_and_answers() {
    // 6,000 interfaces with long names: each symbol and token counted from
    // the start of the line made this take minutes. (60,000 short ones take
    // 11 s in a debug build, most of it for the 60,000 symbols' JSON.)
    let mut text = String::from("package a:b;\n");
    let long = "x".repeat(160);
    for i in 0..6_000 {
        text.push_str(&format!("interface i{i}-{long} {{}} "));
    }
    text.push_str("interface last { type t = u32 }\n");
    assert!(text.len() > 1 << 20);
    let column = text.len() - "}\n".len() - "package a:b;\n".len();
    let mut client = Client::start(&format!("//- /wit/a.wit\n{text}")).await;
    open_and_analyse(&mut client, "wit/a.wit").await;
    assert_eq!(
        client.diagnostics("wit/a.wit"),
        format!(
            "1:{column}-1:{} error[syntax] expected ';', found '}}'",
            column + 1
        )
    );
    // Hover on the last interface's name, at the end of the line.
    let position = position(1, column - 18);
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": client.uri("wit/a.wit") }, "position": position }),
        )
        .await
        .unwrap();
    assert!(hover.to_string().contains("interface last"), "{hover}");
    every_document_request_answers(&mut client, "wit/a.wit", position).await;
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn type_nesting_10_000_deep_is_a_diagnostic_and_every_request_answers() {
    let depth = 10_000;
    let fixture = format!(
        "//- /wit/a.wit\npackage a:b;\ninterface i {{ type t = {}u32{}; }}\n",
        "list<".repeat(depth),
        ">".repeat(depth)
    );
    let mut client = Client::start(&fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    expect!["1:523-1:527 error[syntax] type nesting too deep"]
        .assert_eq(&client.diagnostics("wit/a.wit"));
    // In the middle of the nesting, and then at its innermost type.
    for character in [5_000, 23 + 5 * depth] {
        let position = position(1, character);
        every_document_request_answers(&mut client, "wit/a.wit", position.clone()).await;
        let at =
            json!({ "textDocument": { "uri": client.uri("wit/a.wit") }, "position": position });
        for method in [
            "textDocument/definition",
            "textDocument/references",
            "textDocument/documentHighlight",
            "textDocument/completion",
        ] {
            let mut params = at.clone();
            if method == "textDocument/references" {
                params["context"] = json!({ "includeDeclaration": true });
            }
            let answer = client.request(method, params).await;
            assert!(answer.is_ok(), "{method}: {answer:?}");
        }
    }
    // Expanding the selection from the innermost type steps out through
    // 99 levels, then to the whole file: each level nests the JSON deeper.
    let answer = client
        .request(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": client.uri("wit/a.wit") },
                    "positions": [{ "line": 1, "character": 23 + 5 * depth }] }),
        )
        .await
        .unwrap();
    let mut levels = 0;
    let mut selection = &answer[0];
    while let Some(parent) = selection.get("parent") {
        levels += 1;
        selection = parent;
    }
    assert_eq!(levels, 99);
    assert_eq!(selection["range"]["start"], position(0, 0));
    // Typing at the innermost type reparses the nesting incrementally.
    let innermost = 23 + 5 * depth;
    client
        .change(
            "wit/a.wit",
            json!([{
                "range": { "start": { "line": 1, "character": innermost }, "end": { "line": 1, "character": innermost + 3 } },
                "text": "list<u8>",
            }]),
        )
        .await;
    client.settle().await;
    expect!["1:523-1:527 error[syntax] type nesting too deep"]
        .assert_eq(&client.diagnostics("wit/a.wit"));
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn a_file_that_is_not_utf8_is_logged_naming_it_and_the_rest_answers() {
    let mut client = Client::start(include_str!("../data/one-dependency.fixture")).await;
    std::fs::write(client.path("wit/b.wit"), b"// caf\xe9\n").unwrap();
    client.open("wit/a.wit").await;
    client.settle().await;
    // The file's own syntax errors are still published.
    assert_eq!(client.diagnostics("wit/a.wit"), "");
    let b = client.path("wit/b.wit");
    let expected = format!(
        "cannot analyse the package at {}: {}:1:7: the file is not valid UTF-8",
        client.path("wit").display(),
        b.display()
    );
    assert_logged(&client, &expected);
    every_document_request_answers(&mut client, "wit/a.wit", position(1, 7)).await;

    // The same in a dependency, once the main package is readable again.
    std::fs::remove_file(&b).unwrap();
    let dep = client.path("wit/deps/dep/dep.wit");
    std::fs::write(
        &dep,
        b"package x:dep;\ninterface i { type t = u32; }\n\xff\n",
    )
    .unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [
                { "uri": client.uri("wit/b.wit"), "type": 3 },
                { "uri": client.uri("wit/deps/dep/dep.wit"), "type": 2 },
            ] }),
        )
        .await;
    client.settle().await;
    let expected = format!(
        "cannot analyse the package at {}: {}:3:1: the file is not valid UTF-8",
        client.path("wit").display(),
        dep.display()
    );
    assert_logged(&client, &expected);
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn nul_bytes_are_diagnostics_at_their_place() {
    let mut client = Client::start("").await;
    let uri = client.uri("wit/a.wit");
    client
        .notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "wit", "version": 1,
                "text": "package a:b;\ninterface i { \0 }\n// \0\n\0",
            } }),
        )
        .await;
    client.settle().await;
    expect![[r#"
        1:14-1:15 error[syntax] Control code '\u{0}'
        2:3-2:4 error[syntax] Control code '\u{0}'"#]]
    .assert_eq(&client.diagnostics("wit/a.wit"));
    every_document_request_answers(&mut client, "wit/a.wit", position(1, 14)).await;
    assert!(client.shut_down().await);
}

#[cfg(unix)]
#[tokio::test]
async fn symlink_loops_in_deps_are_not_followed_forever() {
    let mut client = Client::start(include_str!("../data/one-dependency.fixture")).await;
    // A dependency's own `deps/` is never read, whatever it points to.
    std::os::unix::fs::symlink("../..", client.path("wit/deps/dep/deps")).unwrap();
    client.open("wit/a.wit").await;
    client.settle().await;
    assert_eq!(client.diagnostics("wit/a.wit"), "");
    // An edit that keeps the text: the package is analysed anew, `deps/` read again.
    let same_text = json!([{ "text": "package a:b;\nworld w { import x:dep/i; }\n" }]);

    // A dependency that is the package itself, through a link.
    std::os::unix::fs::symlink("..", client.path("wit/deps/self")).unwrap();
    client.change("wit/a.wit", same_text.clone()).await;
    client.settle().await;
    assert!(
        client.diagnostics("wit/deps/self/a.wit").contains(
            "error[duplicate-package] package `a:b` is defined in two different locations"
        ),
        "{}",
        client.diagnostics("wit/deps/self/a.wit")
    );

    // A link to itself cannot be read at all.
    std::fs::remove_file(client.path("wit/deps/self")).unwrap();
    std::os::unix::fs::symlink("loop", client.path("wit/deps/loop")).unwrap();
    client.change("wit/a.wit", same_text.clone()).await;
    client.settle().await;
    // The system's words for the loop (ELOOP).
    let eloop = std::fs::metadata(client.path("wit/deps/loop")).unwrap_err();
    let expected = format!(
        "cannot analyse the package at {}: {}: {eloop}",
        client.path("wit").display(),
        client.path("wit/deps/loop").display(),
    );
    assert_logged(&client, &expected);
    every_document_request_answers(&mut client, "wit/a.wit", position(1, 7)).await;
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn a_package_dependency_cycle_is_a_diagnostic() {
    let mut client = Client::start(include_str!("../data/package-cycle.fixture")).await;
    client.open("wit/main.wit").await;
    client.settle().await;
    assert_eq!(client.diagnostics("wit/main.wit"), "");
    expect!["1:18-1:21 error[package-cycle] package `b:b` creates a dependency cycle"]
        .assert_eq(&client.diagnostics("wit/deps/a.wit"));
    // Opening one of the packages in the cycle analyses it too.
    client.open("wit/deps/b.wit").await;
    client.settle().await;
    every_document_request_answers(&mut client, "wit/deps/b.wit", position(1, 19)).await;
    assert!(client.shut_down().await);
}

/// An open file is deleted, or replaced by a directory, on disk: its buffer
/// is still what the editor shows, and edits, saves and requests go on.
#[tokio::test]
async fn an_open_file_deleted_or_replaced_by_a_directory_keeps_working() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
interface i { type t = u32; }
//- /wit/b.wit
interface j { use i.{t}; type u = t; }
"#;
    for replace_by_directory in [false, true] {
        let mut client = Client::start(fixture).await;
        client.open("wit/b.wit").await;
        client.settle().await;
        assert_eq!(client.diagnostics("wit/b.wit"), "");
        std::fs::remove_file(client.path("wit/b.wit")).unwrap();
        if replace_by_directory {
            std::fs::create_dir_all(client.path("wit/b.wit/inner")).unwrap();
            std::fs::write(client.path("wit/b.wit/inner/c.wit"), "not wit").unwrap();
        }
        client
            .notify(
                "workspace/didChangeWatchedFiles",
                json!({ "changes": [{ "uri": client.uri("wit/b.wit"), "type": 3 }] }),
            )
            .await;
        client.settle().await;
        assert_eq!(
            client.diagnostics("wit/b.wit"),
            "",
            "{replace_by_directory}"
        );
        let mut text = "interface j { use i.{t}; type u = t; }\n".to_owned();
        client
            .replace("wit/b.wit", &mut text, "type u = t;", "type u = t")
            .await;
        client.settle().await;
        assert_eq!(
            client.diagnostics("wit/b.wit"),
            "0:36-0:37 error[syntax] expected ';', found '}'",
            "{replace_by_directory}"
        );
        let uri = client.uri("wit/b.wit");
        client
            .notify(
                "textDocument/didSave",
                json!({ "textDocument": { "uri": uri }, "text": text }),
            )
            .await;
        let hover = client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 21 } }),
            )
            .await
            .unwrap();
        assert!(hover.to_string().contains("type t = u32"), "{hover}");
        every_document_request_answers(&mut client, "wit/b.wit", position(0, 34)).await;
        // Closed, the file is gone (or a directory): its package loses it.
        client.close("wit/b.wit").await;
        client.settle().await;
        assert_eq!(
            client.diagnostics("wit/b.wit"),
            "",
            "{replace_by_directory}"
        );
        assert!(client.shut_down().await);
    }
}
