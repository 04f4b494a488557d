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

/// Every request that takes a position or a range, past the last line and
/// past the end of a line: an answer (mostly nothing), never an error.
#[tokio::test]
async fn every_request_past_the_end_of_the_document_answers() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
interface i { type t = u32; }
world w { import i; }
"#;
    let mut client = Client::start(fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    let document = json!({ "uri": client.uri("wit/a.wit") });
    let past_the_end = [
        json!({ "line": 99, "character": 0 }),
        json!({ "line": 1, "character": 500 }),
        json!({ "line": 3, "character": 0 }),
        json!({ "line": u32::MAX, "character": u32::MAX }),
    ];
    for position in past_the_end {
        let at = json!({ "textDocument": document, "position": position });
        let range = json!({ "start": position, "end": position });
        let from_start = json!({ "start": { "line": 0, "character": 0 }, "end": position });
        let requests = [
            ("textDocument/definition", at.clone()),
            ("textDocument/declaration", at.clone()),
            ("textDocument/typeDefinition", at.clone()),
            ("textDocument/references", {
                let mut params = at.clone();
                params["context"] = json!({ "includeDeclaration": true });
                params
            }),
            ("textDocument/documentHighlight", at.clone()),
            ("textDocument/hover", at.clone()),
            ("textDocument/completion", at.clone()),
            ("textDocument/prepareRename", at.clone()),
            ("textDocument/rename", {
                let mut params = at.clone();
                params["newName"] = json!("u");
                params
            }),
            (
                "textDocument/selectionRange",
                json!({ "textDocument": document, "positions": [position] }),
            ),
            (
                "textDocument/semanticTokens/range",
                json!({ "textDocument": document, "range": from_start }),
            ),
            (
                "textDocument/rangeFormatting",
                json!({ "textDocument": document, "range": range,
                        "options": { "tabSize": 2, "insertSpaces": true } }),
            ),
            (
                "textDocument/codeAction",
                json!({ "textDocument": document, "range": range,
                        "context": { "diagnostics": [{ "range": range, "message": "x" }] } }),
            ),
        ];
        for (method, params) in requests {
            let answer = client.request(method, params).await;
            // Renaming refuses where there is no name, as anywhere else.
            let refused = method.ends_with("ename")
                && answer
                    .as_ref()
                    .is_err_and(|error| error["message"] == "there is no name here to rename");
            assert!(
                answer.is_ok() || refused,
                "{method} at {position}: {answer:?}"
            );
        }
    }
    assert!(client.shut_down().await);
}

/// LSP says versions only increase. A change that does not is applied
/// anyway, in order, as rust-analyzer does (the editor's text is the truth),
/// and its diagnostics are of the text with it, published with the version
/// the client gave.
#[tokio::test]
async fn changes_with_stale_versions_are_applied_in_order() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
interface i { type t = u32; }
"#;
    let mut client = Client::start(fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    let uri = client.uri("wit/a.wit");
    let mut change = async |version: i32, text: &str| {
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": text }],
                }),
            )
            .await;
        client.settle().await;
    };
    change(5, "package a:b;\ninterface i { type t = u32 }\n").await;
    // Lower, then equal.
    change(
        3,
        "package a:b;\ninterface i { type t = u32; type u = t }\n",
    )
    .await;
    change(
        3,
        "package a:b;\ninterface i { type t = u32; type u = v; }\n",
    )
    .await;
    assert_eq!(client.published_version("wit/a.wit"), Some(3));
    expect_test::expect!["1:37-1:38 error[not-found] type `v` does not exist"]
        .assert_eq(&client.diagnostics("wit/a.wit"));
    // Requests see the text as it is now.
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": client.uri("wit/a.wit") }, "position": { "line": 1, "character": 33 } }),
        )
        .await
        .unwrap();
    assert!(hover.to_string().contains("type u = v"), "{hover}");
    assert!(client.shut_down().await);
}
