//! Bad requests and bad input: the server answers, logs, and lives.

use serde_json::{Value, json};

use crate::support::Client;

#[tokio::test]
async fn changes_to_unknown_documents_are_ignored() {
    let mut client = Client::start("").await;
    let uri = client.uri("nowhere.wit");
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "text": "interface x {}" }],
            }),
        )
        .await;
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    // Still answering.
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn positions_past_the_end_are_clamped() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
interface i {}
"#;
    let mut client = Client::start(fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    // An edit far past the last line and column appends at the end.
    client
        .change(
            "wit/a.wit",
            json!([{
                "range": { "start": { "line": 99, "character": 5 }, "end": { "line": 120, "character": 0 } },
                "text": "interface j { type t = u32 }\n",
            }]),
        )
        .await;
    client.settle().await;
    assert_eq!(
        client.diagnostics("wit/a.wit"),
        "2:27-2:28 error[syntax] expected ';', found '}'"
    );
    // A reversed range is a client bug; it is applied with its ends swapped.
    client
        .change(
            "wit/a.wit",
            json!([{
                "range": { "start": { "line": 2, "character": 28 }, "end": { "line": 2, "character": 27 } },
                "text": "; }",
            }]),
        )
        .await;
    client.settle().await;
    assert_eq!(client.diagnostics("wit/a.wit"), "");
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn unknown_methods_get_an_error_not_a_crash() {
    let mut client = Client::start("").await;
    let error = client
        .request("textDocument/frobnicate", json!({}))
        .await
        .unwrap_err();
    assert_eq!(error["code"], -32601, "{error}");
    // A notification with parameters of the wrong shape is dropped.
    client
        .notify("textDocument/didOpen", json!({ "textDocument": 42 }))
        .await;
    let answer = client.request("shutdown", Value::Null).await;
    assert_eq!(answer, Ok(Value::Null));
}
