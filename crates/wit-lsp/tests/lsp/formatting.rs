//! `textDocument/formatting` and `rangeFormatting` through the protocol. The
//! layout itself is tested in `wit-syntax/tests/format.rs`; these check the
//! options, the edits, ranges, and documents that are broken or not open.

use expect_test::{Expect, expect};
use serde_json::{Value, json};

use crate::support::Client;

const UNFORMATTED: &str = r#"
//- /wit/a.wit
package a:b;
interface i {
    // a comment
    f: func(a:u32);
    record r { a: u32 }
  g: func();
}
"#;

async fn opened(fixture: &str) -> Client {
    let mut client = Client::start(fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    client
}

fn params(client: &Client, tab_size: u32, insert_spaces: bool) -> Value {
    json!({
        "textDocument": { "uri": client.uri("wit/a.wit") },
        "options": { "tabSize": tab_size, "insertSpaces": insert_spaces },
    })
}

/// Applies LSP `edits` (non-overlapping, lines and ASCII characters) to `text`.
fn apply(text: &str, edits: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + character
    };
    let mut edits: Vec<&Value> = edits.as_array().unwrap().iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(offset(&edit["range"]["start"])));
    let mut text = text.to_owned();
    for edit in edits {
        let range = offset(&edit["range"]["start"])..offset(&edit["range"]["end"]);
        text.replace_range(range, edit["newText"].as_str().unwrap());
    }
    text
}

async fn check_formatting(client: &mut Client, request: Value, method: &str, expected: Expect) {
    let text = std::fs::read_to_string(client.path("wit/a.wit")).unwrap();
    let edits = client.request(method, request).await.unwrap();
    expected.assert_eq(&apply(&text, &edits));
}

#[tokio::test]
async fn formats_the_document_with_the_requested_indentation() {
    let mut client = opened(UNFORMATTED).await;
    let request = params(&client, 2, true);
    check_formatting(
        &mut client,
        request,
        "textDocument/formatting",
        expect![[r#"
            package a:b;

            interface i {
              // a comment
              f: func(a: u32);
              record r {
                a: u32,
              }
              g: func();
            }
        "#]],
    )
    .await;
    let request = params(&client, 4, false);
    check_formatting(
        &mut client,
        request,
        "textDocument/formatting",
        expect![[r#"
            package a:b;

            interface i {
            	// a comment
            	f: func(a: u32);
            	record r {
            		a: u32,
            	}
            	g: func();
            }
        "#]],
    )
    .await;
}

#[tokio::test]
async fn range_formatting_changes_only_the_lines_in_the_range() {
    let mut client = opened(
        r#"
//- /wit/a.wit
package a:b;
interface i {
    // a comment
    f: func(a:u32);
  g: func();
    record r { a: u32 }
}
"#,
    )
    .await;
    let mut request = params(&client, 2, true);
    // The line of `record r { a: u32 }`. Changes to consecutive lines go
    // together: formatting `f` alone would take its comment along.
    request["range"] = json!({
        "start": { "line": 5, "character": 0 },
        "end": { "line": 5, "character": 5 },
    });
    check_formatting(
        &mut client,
        request,
        "textDocument/rangeFormatting",
        expect![[r#"
            package a:b;
            interface i {
                // a comment
                f: func(a:u32);
              g: func();
              record r {
                a: u32,
              }
            }
        "#]],
    )
    .await;
}

#[tokio::test]
async fn formatted_broken_and_unknown_documents_get_no_edits() {
    let mut client = opened(
        r#"
//- /wit/a.wit
package a:b;

interface i {
  f: func();
}
//- /wit/broken.wit
interface i {
    f: func(
}
"#,
    )
    .await;
    let request = params(&client, 2, true);
    let answer = client.request("textDocument/formatting", request).await;
    assert_eq!(answer, Ok(json!([])));

    client.open("wit/broken.wit").await;
    client.settle().await;
    let mut request = params(&client, 2, true);
    request["textDocument"]["uri"] = json!(client.uri("wit/broken.wit"));
    let answer = client.request("textDocument/formatting", request).await;
    assert_eq!(answer, Ok(json!([])));

    let mut request = params(&client, 2, true);
    request["textDocument"]["uri"] = json!(client.uri("wit/not-open.wit"));
    let answer = client.request("textDocument/formatting", request).await;
    assert_eq!(answer, Ok(Value::Null));
}

#[tokio::test]
async fn formats_the_unsaved_text() {
    let mut client = opened(UNFORMATTED).await;
    let mut text = std::fs::read_to_string(client.path("wit/a.wit")).unwrap();
    client
        .replace("wit/a.wit", &mut text, "g: func();", "h:func();")
        .await;
    client.settle().await;
    let edits = client
        .request("textDocument/formatting", params(&client, 2, true))
        .await
        .unwrap();
    expect![[r#"
        package a:b;

        interface i {
          // a comment
          f: func(a: u32);
          record r {
            a: u32,
          }
          h: func();
        }
    "#]]
    .assert_eq(&apply(&text, &edits));
}
