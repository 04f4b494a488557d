//! Code actions through the protocol. The actions themselves are tested in
//! the analysis layer (`wit-analysis/src/nav/actions_tests.rs`); these check
//! the plumbing: diagnostics passed back, edits and kinds.

use expect_test::expect;
use serde_json::{Value, json};

use crate::support::Client;

const PACKAGE: &str = r#"
//- /wit/types.wit
package demo:app;

interface types {
  type x = u32;
  type y = u32;
}

interface user {
  use types.{y};
  use types.{x};
  f: func(a: x);
}
"#;

async fn started() -> Client {
    let mut client = Client::start(PACKAGE).await;
    client.open("wit/types.wit").await;
    client.settle().await;
    client
}

/// Each action: its title, kind, whether preferred, and its edits.
fn render_actions(actions: &Value) -> String {
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|action| {
            let edits: Vec<String> = action["edit"]["changes"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(uri, edits)| format!("  {}: {edits}", uri.rsplit('/').next().unwrap()))
                .collect();
            format!(
                "{} [{}{}]\n{}",
                action["title"].as_str().unwrap(),
                action["kind"].as_str().unwrap(),
                if action["isPreferred"] == true {
                    ", preferred"
                } else {
                    ""
                },
                edits.join("\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn quick_fix_for_a_published_diagnostic() {
    let mut client = started().await;
    let uri = client.uri("wit/types.wit");
    let unused = client.published[&uri]
        .1
        .iter()
        .find(|diagnostic| diagnostic["code"] == "unused-use")
        .expect("an unused use is reported")
        .clone();
    let answer = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": unused["range"],
                "context": { "diagnostics": [unused], "only": ["quickfix"] },
            }),
        )
        .await
        .unwrap();
    expect![[r#"
        Remove unused `y` [quickfix, preferred]
          types.wit: [{"range":{"start":{"line":8,"character":0},"end":{"line":9,"character":0}},"newText":""}]"#]].assert_eq(&render_actions(&answer));
    assert_eq!(answer[0]["diagnostics"], json!([unused]));
}

#[tokio::test]
async fn organize_uses_when_only_source_actions_are_wanted() {
    let mut client = started().await;
    let uri = client.uri("wit/types.wit");
    let unused = client.published[&uri].1.clone();
    let answer = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": unused, "only": ["source.organizeImports"] },
            }),
        )
        .await
        .unwrap();
    expect![[r#"
        Organize uses [source.organizeImports]
          types.wit: [{"range":{"start":{"line":8,"character":2},"end":{"line":8,"character":16}},"newText":"use types.{x, y};"},{"range":{"start":{"line":9,"character":0},"end":{"line":10,"character":0}},"newText":""}]"#]].assert_eq(&render_actions(&answer));
}
