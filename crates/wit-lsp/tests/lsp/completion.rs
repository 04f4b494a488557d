//! Completion through the protocol. What is offered where is tested in the
//! analysis layer (`wit-analysis/src/nav/completion_tests.rs`); these check
//! the mapping: kinds, docs, snippets, the edit's range, and a completion
//! asked for right after typing `.{` into an open file.

use expect_test::expect;
use serde_json::{Value, json};

use crate::support::{Client, editor_capabilities};

const PACKAGE: &str = r#"
//- /wit/types.wit
package demo:app;

interface types {
  /// A person's name.
  type name = string;
}
//- /wit/user.wit
interface user {
  rec$0
}
"#;

async fn started(snippets: bool) -> Client {
    let mut capabilities = editor_capabilities();
    capabilities["textDocument"] =
        json!({ "completion": { "completionItem": { "snippetSupport": snippets } } });
    let mut client = Client::start_with(PACKAGE, capabilities, None).await;
    client.open("wit/user.wit").await;
    client.settle().await;
    client
}

/// One item a line: label, kind, insert format, the edit's range and text.
fn render(answer: &Value) -> String {
    answer
        .as_array()
        .expect("a list of items")
        .iter()
        .map(|item| {
            let edit = &item["textEdit"];
            format!(
                "{} kind={} format={} {}:{}-{}:{} {} | {}",
                item["label"].as_str().unwrap(),
                item["kind"],
                item["insertTextFormat"],
                edit["range"]["start"]["line"],
                edit["range"]["start"]["character"],
                edit["range"]["end"]["line"],
                edit["range"]["end"]["character"],
                edit["newText"],
                item["documentation"]["value"].as_str().unwrap_or("-"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn snippets_replace_the_partial_word() {
    let mut client = started(true).await;
    let at = client.cursor_position();
    let answer = client.request("textDocument/completion", at).await.unwrap();
    let rendered = render(&answer);
    let records: Vec<&str> = rendered
        .lines()
        .filter(|line| line.starts_with("record "))
        .map(|line| line.split(" | ").next().unwrap())
        .collect();
    expect![[r#"
        record kind=14 format=1 1:2-1:5 "record"
        record kind=15 format=2 1:2-1:5 "record ${1:name} {\n\t${2:field}: ${3:T},$0\n}""#]]
    .assert_eq(&records.join("\n"));
    client.shut_down().await;
}

#[tokio::test]
async fn without_snippet_support_placeholders_are_plain_text() {
    let mut client = started(false).await;
    let at = client.cursor_position();
    let answer = client.request("textDocument/completion", at).await.unwrap();
    let snippet = answer
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "record" && item["kind"] == 15)
        .expect("the record snippet");
    expect![[r#""record name {\n\tfield: T,\n}""#]]
        .assert_eq(&snippet["textEdit"]["newText"].to_string());
    assert_eq!(snippet["insertTextFormat"], 1);
    client.shut_down().await;
}

#[tokio::test]
async fn triggered_by_typing_a_use_list() {
    let mut client = started(true).await;
    let mut text = std::fs::read_to_string(client.path("wit/user.wit")).unwrap();
    client
        .replace("wit/user.wit", &mut text, "rec", "use types.{")
        .await;
    let mut at = client.cursor_position();
    at["position"] = json!({ "line": 1, "character": 13 });
    at["context"] = json!({ "triggerKind": 2, "triggerCharacter": "{" });
    let answer = client.request("textDocument/completion", at).await.unwrap();
    expect![[r#"name kind=22 format=1 1:13-1:13 "name" | A person's name."#]]
        .assert_eq(&render(&answer));
    client.shut_down().await;
}

#[tokio::test]
async fn a_long_list_is_narrowed_to_the_typed_word_and_marked_incomplete() {
    // 300 interfaces, all offered after `use`: more than one answer carries.
    let mut fixture = String::from("//- /wit/many.wit\npackage demo:many;\n");
    for number in 0..300 {
        fixture.push_str(&format!("interface iface-{number} {{}}\n"));
    }
    fixture.push_str("interface user {\n  use iface-29$0\n}\n");
    let mut client = Client::start(&fixture).await;
    client.open("wit/many.wit").await;
    client.settle().await;
    let at = client.cursor_position();
    let answer = client.request("textDocument/completion", at).await.unwrap();
    assert_eq!(answer["isIncomplete"], true);
    let labels: Vec<&str> = answer["items"]
        .as_array()
        .expect("a completion list")
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    expect!["iface-129, iface-209, iface-219, iface-229, iface-239, iface-249, iface-259, iface-269, iface-279, iface-289, iface-29, iface-290, iface-291, iface-292, iface-293, iface-294, iface-295, iface-296, iface-297, iface-298, iface-299"]
        .assert_eq(&labels.join(", "));
    client.shut_down().await;
}
