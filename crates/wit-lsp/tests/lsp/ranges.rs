//! Semantic tokens, folding ranges and selection ranges through the protocol.
//! What each token is, and which ranges fold and select, is tested in the
//! analysis and syntax layers; these check the encoding: relative deltas,
//! lengths in the negotiated encoding, lines, nesting.

use expect_test::{Expect, expect};
use serde_json::{Value, json};

use crate::support::{Client, editor_capabilities};

/// The second line has non-ASCII text before tokens (`é` is one UTF-16 unit
/// and two bytes, `🙂` two units and four bytes).
const PACKAGE: &str = r#"
//- /wit/a.wit
package a:b;
/// é🙂
interface i { @external-id("é🙂") type t = u32; }

interface j {
  // one
  // two
  use i.{t};
  use i.{t as u};
  record r {
    a: t,
  }
  f: func(x: u$0);
}
"#;

async fn started(capabilities: Value) -> Client {
    let mut client = Client::start_with(PACKAGE, capabilities, None).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    client
}

/// The tokens of a response, one per line as LSP sends them: `deltaLine
/// deltaStart length type modifiers`.
fn render_tokens(answer: &Value) -> String {
    let data: Vec<String> = answer["data"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(Value::to_string)
        .collect();
    data.chunks(5)
        .map(|token| token.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn check_full(capabilities: Value, expected: Expect) {
    let mut client = started(capabilities).await;
    let params = json!({ "textDocument": { "uri": client.uri("wit/a.wit") } });
    let answer = client
        .request("textDocument/semanticTokens/full", params)
        .await
        .unwrap();
    expected.assert_eq(&render_tokens(&answer));
}

#[tokio::test]
async fn full_tokens_are_deltas_in_utf16() {
    check_full(
        editor_capabilities(),
        expect![[r#"
        0 0 7 13 0
        0 8 1 0 1
        0 2 1 0 1
        1 0 7 14 2
        1 0 9 13 0
        0 10 1 1 1
        0 4 1 12 0
        0 1 11 12 0
        0 12 5 15 0
        0 7 4 13 0
        0 5 1 2 1
        0 2 1 17 0
        0 2 3 2 8
        2 0 9 13 0
        0 10 1 1 1
        1 2 6 14 0
        1 2 6 14 0
        1 2 3 13 0
        0 4 1 1 0
        0 3 1 2 1
        1 2 3 13 0
        0 4 1 1 0
        0 3 1 2 0
        0 2 2 13 0
        0 3 1 2 1
        1 2 6 13 0
        0 7 1 3 1
        1 4 1 10 1
        0 3 1 2 0
        2 2 1 7 1
        0 3 4 13 0
        0 5 1 9 1
        0 3 1 2 0"#]],
    )
    .await;
}

#[tokio::test]
async fn full_tokens_count_bytes_in_utf8() {
    let mut capabilities = editor_capabilities();
    capabilities["general"] = json!({ "positionEncodings": ["utf-8"] });
    check_full(
        capabilities,
        expect![[r#"
        0 0 7 13 0
        0 8 1 0 1
        0 2 1 0 1
        1 0 10 14 2
        1 0 9 13 0
        0 10 1 1 1
        0 4 1 12 0
        0 1 11 12 0
        0 12 8 15 0
        0 10 4 13 0
        0 5 1 2 1
        0 2 1 17 0
        0 2 3 2 8
        2 0 9 13 0
        0 10 1 1 1
        1 2 6 14 0
        1 2 6 14 0
        1 2 3 13 0
        0 4 1 1 0
        0 3 1 2 1
        1 2 3 13 0
        0 4 1 1 0
        0 3 1 2 0
        0 2 2 13 0
        0 3 1 2 1
        1 2 6 13 0
        0 7 1 3 1
        1 4 1 10 1
        0 3 1 2 0
        2 2 1 7 1
        0 3 4 13 0
        0 5 1 9 1
        0 3 1 2 0"#]],
    )
    .await;
}

#[tokio::test]
async fn range_tokens_are_those_overlapping_the_range() {
    let mut client = started(editor_capabilities()).await;
    let params = json!({
        "textDocument": { "uri": client.uri("wit/a.wit") },
        "range": {
            "start": { "line": 2, "character": 31 },
            "end": { "line": 2, "character": 37 },
        },
    });
    let answer = client
        .request("textDocument/semanticTokens/range", params)
        .await
        .unwrap();
    expect![[r#"
        2 27 5 15 0
        0 7 4 13 0"#]]
    .assert_eq(&render_tokens(&answer));
}

#[tokio::test]
async fn folding_ranges_are_lines() {
    let mut client = started(editor_capabilities()).await;
    let params = json!({ "textDocument": { "uri": client.uri("wit/a.wit") } });
    let answer = client
        .request("textDocument/foldingRange", params)
        .await
        .unwrap();
    expect![[r#"[{"startLine":4,"endLine":12,"kind":"region"},{"startLine":5,"endLine":6,"kind":"comment"},{"startLine":7,"endLine":8,"kind":"imports"},{"startLine":9,"endLine":10,"kind":"region"}]"#]].assert_eq(&answer.to_string());
}

#[tokio::test]
async fn selection_ranges_nest_outwards() {
    let mut client = started(editor_capabilities()).await;
    let at = client.cursor_position();
    let params = json!({
        "textDocument": at["textDocument"],
        "positions": [at["position"]],
    });
    let answer = client
        .request("textDocument/selectionRange", params)
        .await
        .unwrap();
    let mut ranges = Vec::new();
    let mut selection = &answer[0];
    while !selection.is_null() {
        let range = &selection["range"];
        ranges.push(format!(
            "{}:{}-{}:{}",
            range["start"]["line"],
            range["start"]["character"],
            range["end"]["line"],
            range["end"]["character"],
        ));
        selection = &selection["parent"];
    }
    expect![[r#"
        12:13-12:14
        12:10-12:14
        12:9-12:15
        12:5-12:15
        12:2-12:16
        4:12-13:1
        4:0-13:1
        0:0-14:0"#]]
    .assert_eq(&ranges.join("\n"));
}

#[tokio::test]
async fn documents_that_are_not_open_get_nothing() {
    let mut client = started(editor_capabilities()).await;
    let params = json!({ "textDocument": { "uri": "untitled:Untitled-1" } });
    for method in [
        "textDocument/semanticTokens/full",
        "textDocument/foldingRange",
    ] {
        let answer = client.request(method, params.clone()).await;
        assert_eq!(answer, Ok(Value::Null), "{method}");
    }
}
