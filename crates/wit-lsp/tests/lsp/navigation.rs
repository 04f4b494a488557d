//! Definition, references, rename, hover and symbols through the protocol.
//! The answers themselves are tested in the analysis layer
//! (`wit-analysis/src/nav/tests.rs`); these check the handlers' plumbing:
//! positions, URIs, files that are not open, and refusals.

use expect_test::expect;
use serde_json::json;

use crate::support::Client;

const PACKAGE: &str = r#"
//- /wit/types.wit
package demo:app;

interface types {
  /// A person's name.
  type name = string;
}
//- /wit/user.wit
interface user {
  use types.{name as who};
  greet: func(x: who$0) -> string;
}
"#;

/// A workspace edit's changes, one file per line, by file name.
fn render_changes(edit: &serde_json::Value) -> String {
    let mut changes: Vec<_> = edit["changes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(uri, edits)| {
            let file = uri.rsplit('/').next().unwrap();
            format!("{file}: {edits}")
        })
        .collect();
    changes.sort();
    changes.join("\n")
}

async fn started() -> Client {
    let mut client = Client::start(PACKAGE).await;
    client.open("wit/user.wit").await;
    client.settle().await;
    client
}

#[tokio::test]
async fn definition_declaration_and_type_definition() {
    let mut client = started().await;
    let at = client.cursor_position();
    for (method, expected) in [
        ("textDocument/definition", expect!["wit/types.wit:4:7-4:11"]),
        (
            "textDocument/declaration",
            expect!["wit/user.wit:1:21-1:24"],
        ),
        (
            "textDocument/typeDefinition",
            expect!["wit/types.wit:4:7-4:11"],
        ),
    ] {
        let answer = client.request(method, at.clone()).await.unwrap();
        expected.assert_eq(&client.render_locations(&answer));
    }
}

#[tokio::test]
async fn references_and_highlights() {
    let mut client = started().await;
    let mut at = client.cursor_position();
    at["context"] = json!({ "includeDeclaration": true });
    let answer = client
        .request("textDocument/references", at.clone())
        .await
        .unwrap();
    expect![[r#"
        wit/user.wit:1:21-1:24
        wit/user.wit:2:17-2:20"#]]
    .assert_eq(&client.render_locations(&answer));
    let answer = client
        .request("textDocument/documentHighlight", at)
        .await
        .unwrap();
    expect![[r#"[{"range":{"start":{"line":1,"character":21},"end":{"line":1,"character":24}},"kind":3},{"range":{"start":{"line":2,"character":17},"end":{"line":2,"character":20}},"kind":2}]"#]].assert_eq(&serde_json::to_string(&answer).unwrap());
}

#[tokio::test]
async fn hover_shows_docs_and_signature() {
    let mut client = started().await;
    let at = client.cursor_position();
    let answer = client.request("textDocument/hover", at).await.unwrap();
    expect![[r#"
        ```wit
        type name = string;
        ```

        A person's name.

        defined in `demo:app` / interface `types`
    "#]]
    .assert_eq(answer["contents"]["value"].as_str().unwrap_or("(none)"));
}

#[tokio::test]
async fn rename_edits_every_file_and_refuses_bad_names() {
    let mut client = started().await;
    let at = client.cursor_position();
    let prepared = client
        .request("textDocument/prepareRename", at.clone())
        .await
        .unwrap();
    expect![[r#"{"start":{"line":2,"character":17},"end":{"line":2,"character":20}}"#]]
        .assert_eq(&prepared.to_string());
    let mut params = at.clone();
    params["newName"] = json!("person");
    let edit = client.request("textDocument/rename", params).await.unwrap();
    expect![[r#"user.wit: [{"range":{"start":{"line":1,"character":21},"end":{"line":1,"character":24}},"newText":"person"},{"range":{"start":{"line":2,"character":17},"end":{"line":2,"character":20}},"newText":"person"}]"#]].assert_eq(&render_changes(&edit));

    // The original, from its definition: the `use` list in the other file
    // follows, the alias does not.
    let params = json!({
        "textDocument": { "uri": client.uri("wit/types.wit") },
        "position": { "line": 4, "character": 8 },
        "newName": "full-name",
    });
    let edit = client.request("textDocument/rename", params).await.unwrap();
    expect![[r#"
        types.wit: [{"range":{"start":{"line":4,"character":7},"end":{"line":4,"character":11}},"newText":"full-name"}]
        user.wit: [{"range":{"start":{"line":1,"character":13},"end":{"line":1,"character":17}},"newText":"full-name"}]"#]].assert_eq(&render_changes(&edit));

    let mut params = at;
    params["newName"] = json!("Not_Kebab");
    let refused = client
        .request("textDocument/rename", params)
        .await
        .unwrap_err();
    expect!["cannot rename to `Not_Kebab`: it is not a valid WIT identifier (words of lowercase letters and digits, or of uppercase letters and digits, joined by `-`, the first starting with a letter)"].assert_eq(refused["message"].as_str().unwrap());
}

#[tokio::test]
async fn symbols_of_a_file_and_of_the_workspace() {
    let mut client = started().await;
    let uri = client.uri("wit/types.wit");
    let answer = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
        .unwrap();
    let names: Vec<_> = answer
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap().to_owned())
        .collect();
    expect!["demo:app"].assert_eq(&names.join(", "));
    let answer = client
        .request("workspace/symbol", json!({ "query": "nam" }))
        .await
        .unwrap();
    let found: Vec<_> = answer
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap().to_owned())
        .collect();
    expect!["name"].assert_eq(&found.join(", "));
}

#[tokio::test]
async fn positions_outside_any_package_get_nothing() {
    let mut client = started().await;
    let answer = client
        .request(
            "textDocument/definition",
            json!({
                "textDocument": { "uri": "untitled:Untitled-1" },
                "position": { "line": 0, "character": 0 },
            }),
        )
        .await;
    assert_eq!(answer, Ok(serde_json::Value::Null));
    let at = json!({
        "textDocument": { "uri": client.uri("wit/user.wit") },
        "position": { "line": 999, "character": 0 },
    });
    let answer = client.request("textDocument/hover", at).await;
    assert_eq!(answer, Ok(serde_json::Value::Null));
}
