//! Live diagnostics: on open, as you type, across files, from disk.

use expect_test::expect;
use serde_json::json;

use crate::support::Client;

const PACKAGE: &str = r#"
//- /wit/types.wit
package demo:app;

interface types {
  type name = string;
  record person { age: u32 }
}
//- /wit/user.wit
interface user {
  use types.{name, person};
  greet: func(who: person) -> name;
}
"#;

/// A package with a syntax error in a file nobody opens.
const BROKEN: &str = r#"
//- /wit/user.wit
package demo:app;
interface user { greet: func() -> string; }
//- /wit/broken.wit
interface broken { type t = u32 }
"#;

#[tokio::test]
async fn opening_a_file_publishes_its_package() {
    let mut client = Client::start(BROKEN).await;
    client.open("wit/user.wit").await;
    client.settle().await;
    expect![[r#""#]].assert_eq(&client.diagnostics("wit/user.wit"));
    assert_eq!(client.published_version("wit/user.wit"), Some(1));
    // Not open, but in the same package: published too, without a version.
    expect!["0:32-0:33 error[syntax] expected ';', found '}'"]
        .assert_eq(&client.diagnostics("wit/broken.wit"));
    assert_eq!(client.published_version("wit/broken.wit"), None);
}

#[tokio::test]
async fn an_edit_in_one_file_updates_the_others() {
    let mut client = Client::start(PACKAGE).await;
    client.open("wit/types.wit").await;
    client.settle().await;
    client.open("wit/user.wit").await;
    client.settle().await;
    let mut types = std::fs::read_to_string(client.path("wit/types.wit")).unwrap();

    // Rename the type where it is defined: the `use` in the other file breaks.
    client
        .replace(
            "wit/types.wit",
            &mut types,
            "type name =",
            "type full-name =",
        )
        .await;
    client.settle().await;
    expect!["1:13-1:17 error[not-found] name `name` does not exist"]
        .assert_eq(&client.diagnostics("wit/user.wit"));
    expect![[r#""#]].assert_eq(&client.diagnostics("wit/types.wit"));
    assert_eq!(client.published_version("wit/types.wit"), Some(2));

    // Undo: both are clean again.
    client
        .replace(
            "wit/types.wit",
            &mut types,
            "type full-name =",
            "type name =",
        )
        .await;
    client.settle().await;
    expect![[r#""#]].assert_eq(&client.diagnostics("wit/user.wit"));
    expect![[r#""#]].assert_eq(&client.diagnostics("wit/types.wit"));
}

#[tokio::test]
async fn syntax_errors_are_published_with_the_version() {
    let fixture = r#"
//- /wit/user.wit
package demo:app;
interface user {
  greet: func() -> string;$0
}
"#;
    let mut client = Client::start(fixture).await;
    client.open("wit/user.wit").await;
    client.settle().await;
    client.type_at_cursor("\n  bye: func(").await;
    client.settle().await;
    expect![[r#"
        3:2-3:5 error[syntax] unexpected an identifier `bye`
        4:0-4:1 error[syntax] expected an identifier or string, found '}'"#]]
    .assert_eq(&client.diagnostics("wit/user.wit"));
    assert_eq!(client.published_version("wit/user.wit"), Some(2));
}

#[tokio::test]
async fn closing_falls_back_to_the_disk() {
    let mut client = Client::start(BROKEN).await;
    client.open("wit/broken.wit").await;
    client.settle().await;
    let mut broken = std::fs::read_to_string(client.path("wit/broken.wit")).unwrap();
    // Fixed in the editor, not saved.
    client
        .replace("wit/broken.wit", &mut broken, "u32 }", "u32; }")
        .await;
    client.settle().await;
    expect![[r#""#]].assert_eq(&client.diagnostics("wit/broken.wit"));
    client.close("wit/broken.wit").await;
    client.settle().await;
    expect!["0:32-0:33 error[syntax] expected ';', found '}'"]
        .assert_eq(&client.diagnostics("wit/broken.wit"));
}

#[tokio::test]
async fn a_new_file_on_disk_is_analysed() {
    let mut client = Client::start(PACKAGE).await;
    client.open("wit/user.wit").await;
    client.settle().await;
    std::fs::write(
        client.path("wit/extra.wit"),
        "interface extra { use types.{nope}; }\n",
    )
    .unwrap();
    let uri = client.uri("wit/extra.wit");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri, "type": 1 }] }),
        )
        .await;
    client.settle().await;
    expect!["0:29-0:33 error[not-found] name `nope` does not exist"]
        .assert_eq(&client.diagnostics("wit/extra.wit"));
}

#[tokio::test]
async fn settings_change_lint_levels_and_features() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
interface types {
  @unstable(feature = fancy)
  type t = u32;
  type u = u32;
}
interface user { use types.{u}; }
interface fancy-user { use types.{t}; type v = t; }
"#;
    let mut client = Client::start(fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    expect![[r#"
        6:28-6:29 warning[unused-use] `u` is brought in by `use` but never used
        7:34-7:35 error[resolve] found a reference to a type which is excluded due to its feature not being activated"#]].assert_eq(&client.diagnostics("wit/a.wit"));

    // Pushed in the notification, as clients without `workspace/configuration` do.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "wit-lsp": {
                "features": ["fancy"],
                "lints": { "unused-use": "deny" },
            } } }),
        )
        .await;
    client.settle().await;
    expect!["6:28-6:29 error[unused-use] `u` is brought in by `use` but never used"]
        .assert_eq(&client.diagnostics("wit/a.wit"));

    // A setting that makes no sense is explained, the rest still applies.
    *client.configuration.lock().unwrap() =
        json!({ "lints": { "unused-use": "allow", "bogus": "deny" } });
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        )
        .await;
    client.settle().await;
    expect!["7:34-7:35 error[resolve] found a reference to a type which is excluded due to its feature not being activated"].assert_eq(&client.diagnostics("wit/a.wit"));
    let shown: Vec<_> = client
        .notifications
        .iter()
        .filter(|message| message["method"] == "window/showMessage")
        .map(|message| message["params"]["message"].as_str().unwrap().to_owned())
        .collect();
    expect!["wit-lsp.lints: unknown lint `bogus`; the lints are unused-use, deprecated (or `warnings` for all)"].assert_eq(&shown.join("\n"));
}
