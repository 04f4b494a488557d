//! Components of worlds: lenses above worlds, `wit-lsp.checkComponent`, and
//! targets mismatches as diagnostics on the world's items.

use expect_test::{Expect, expect};
use serde_json::{Value, json};

use crate::component::component;
use crate::support::{Client, editor_capabilities};

const GREETER: &str = r#"
//- /wit/greeter.wit
package example:greeter@1.0.0;

interface greeter {
    greet: func(name: string) -> string;
}

/// Greets, and says which version it is.
world host {
    export greeter;
    export version: func() -> string;
}

world plain {
    export greeter;
}
"#;

/// Targets both worlds.
const FULL: &str = r#"
package example:greeter@1.0.0;
interface greeter { greet: func(name: string) -> string; }
world host { export greeter; export version: func() -> string; }
"#;

/// Targets `plain`; lacks `version` for `host`.
const PARTIAL: &str = r#"
package example:greeter@1.0.0;
interface greeter { greet: func(name: string) -> string; }
world plain { export greeter; }
"#;

/// Targets neither: `greet` takes a number, and `version` is missing.
const WRONG: &str = r#"
package example:greeter@1.0.0;
interface greeter { greet: func(name: u32) -> string; }
world host { export greeter; }
"#;

/// The server for [`GREETER`], in an editor that refreshes lenses when
/// asked, with these `initializationOptions`.
async fn start(options: Option<Value>) -> Client {
    let mut capabilities = editor_capabilities();
    capabilities["workspace"]["codeLens"] = json!({ "refreshSupport": true });
    Client::start_with(GREETER, capabilities, options).await
}

/// Builds the component of `wit` at `path` in the fixture. Right after
/// `start`, this is done before the server handles `initialized` and finds
/// the components in the folders: the test's runtime has one thread, and
/// this does not wait.
fn build(client: &Client, path: &str, wit: &str) {
    let path = client.path(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, component(wit)).unwrap();
}

/// Builds the component at `path` again, and tells the server, as a file
/// watcher would.
async fn rebuild(client: &mut Client, path: &str, wit: &str) {
    build(client, path, wit);
    let uri = client.uri(path);
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri, "type": 2 }] }),
        )
        .await;
}

/// The server's answer to `textDocument/codeLens` for `file`.
pub(crate) async fn code_lenses(client: &mut Client, file: &str) -> Value {
    let uri = client.uri(file);
    client
        .request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
        .expect("code lenses")
}

/// The lenses of the fixture's WIT file: `line:col title: command arguments`.
async fn lenses(client: &mut Client) -> String {
    let lenses = code_lenses(client, "wit/greeter.wit").await;
    let shown: Vec<String> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|lens| {
            let command = &lens["command"];
            format!(
                "{}:{} {}: {} {}",
                lens["range"]["start"]["line"],
                lens["range"]["start"]["character"],
                command["title"].as_str().unwrap(),
                command["command"].as_str().unwrap(),
                command["arguments"],
            )
        })
        .collect();
    scrub(client, &shown.join("\n"))
}

/// `text` with the fixture's directory as `$DIR`.
pub(crate) fn scrub(client: &Client, text: &str) -> String {
    text.replace(&client.scratch.0.display().to_string(), "$DIR")
}

async fn check_component(client: &mut Client, argument: Value) -> Result<Value, Value> {
    client
        .request(
            "workspace/executeCommand",
            json!({ "command": "wit-lsp.checkComponent", "arguments": [argument] }),
        )
        .await
}

pub(crate) fn check_json(client: &Client, value: &Value, expected: Expect) {
    expected.assert_eq(&scrub(
        client,
        &serde_json::to_string_pretty(value).unwrap(),
    ));
}

#[tokio::test]
async fn a_configured_component_gets_a_lens_on_its_world() {
    let options = json!({ "run": { "component": { "host": "target/full.wasm" } } });
    let mut client = start(Some(options)).await;
    // Under `target/`, where nobody looks for components.
    build(&client, "target/full.wasm", FULL);
    client.open("wit/greeter.wit").await;
    client.wait_for("workspace/codeLens/refresh").await;
    expect![[r#"
        7:6 ▶ Run full.wasm: wit-lsp.runWorld [{"uri":"file://$DIR/wit/greeter.wit","world":"host","component":"$DIR/target/full.wasm"}]
        7:6 Check component full.wasm: wit-lsp.checkComponent [{"uri":"file://$DIR/wit/greeter.wit","world":"host","component":"$DIR/target/full.wasm"}]"#]]
        .assert_eq(&lenses(&mut client).await);
}

#[tokio::test]
async fn a_component_in_the_workspace_gets_a_lens_on_the_worlds_it_targets() {
    let mut client = start(None).await;
    build(&client, "out/partial.wasm", PARTIAL);
    client.open("wit/greeter.wit").await;
    client.wait_for("workspace/codeLens/refresh").await;
    // Not on `host`: the component lacks its `version`.
    expect![[r#"
        12:6 ▶ Run partial.wasm: wit-lsp.runWorld [{"uri":"file://$DIR/wit/greeter.wit","world":"plain","component":"$DIR/out/partial.wasm"}]
        12:6 Check component partial.wasm: wit-lsp.checkComponent [{"uri":"file://$DIR/wit/greeter.wit","world":"plain","component":"$DIR/out/partial.wasm"}]"#]]
        .assert_eq(&lenses(&mut client).await);
}

#[tokio::test]
async fn check_component_says_what_targets_says_and_mismatches_are_diagnostics() {
    let options = json!({ "run": { "component": { "host": "target/app.wasm" } } });
    let mut client = start(Some(options)).await;
    build(&client, "target/app.wasm", WRONG);
    client.open("wit/greeter.wit").await;
    client.settle().await;
    expect![[r#"
        8:4-8:19 error[targets] export `example:greeter/greeter@1.0.0`: func `greet` param `name`: expected string, found u32
        9:4-9:37 error[targets] export `version`: missing"#]]
    .assert_eq(&client.diagnostics("wit/greeter.wit"));

    let uri = client.uri("wit/greeter.wit");
    let answer = check_component(&mut client, json!({ "uri": uri, "world": "host" }))
        .await
        .expect("the check runs");
    check_json(
        &client,
        &answer,
        expect![[r#"
            {
              "ok": false,
              "component": "$DIR/target/app.wasm",
              "world": "host",
              "mismatches": [
                {
                  "item": "version",
                  "direction": "export",
                  "message": "export `version`: missing"
                },
                {
                  "item": "example:greeter/greeter@1.0.0",
                  "direction": "export",
                  "message": "export `example:greeter/greeter@1.0.0`: func `greet` param `name`: expected string, found u32"
                }
              ],
              "output": "export `version`: missing\nexport `example:greeter/greeter@1.0.0`: func `greet` param `name`: expected string, found u32\n`target/app.wasm` does not target world `host`: 2 mismatches\n"
            }"#]],
    );
    let logged = client.wait_for("window/logMessage").await;
    assert_eq!(logged["params"]["message"], answer["output"]);
    client.settle().await;

    // Rebuilt right: the mismatches go.
    rebuild(&mut client, "target/app.wasm", FULL).await;
    client.settle().await;
    expect![""].assert_eq(&client.diagnostics("wit/greeter.wit"));
    let answer = check_component(&mut client, json!({ "uri": uri, "world": "host" }))
        .await
        .expect("the check runs");
    expect![[r#""`target/app.wasm` targets world `host`\n""#]]
        .assert_eq(&answer["output"].to_string());
    assert_eq!(answer["ok"], true);
}

#[tokio::test]
async fn mismatches_and_lenses_go_with_the_setting() {
    let options = json!({ "run": { "component": { "host": "target/app.wasm" } } });
    let mut client = start(Some(options)).await;
    build(&client, "target/app.wasm", PARTIAL);
    client.open("wit/greeter.wit").await;
    client.settle().await;
    expect!["9:4-9:37 error[targets] export `version`: missing"]
        .assert_eq(&client.diagnostics("wit/greeter.wit"));

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "wit-lsp": {} } }),
        )
        .await;
    client.settle().await;
    expect![""].assert_eq(&client.diagnostics("wit/greeter.wit"));
    expect![""].assert_eq(&lenses(&mut client).await);
}

#[tokio::test]
async fn a_component_checked_by_name_becomes_the_worlds() {
    let mut client = start(None).await;
    build(&client, "partial.wasm", PARTIAL);
    client.open("wit/greeter.wit").await;
    // Found for `plain`: the folders were searched.
    client.wait_for("workspace/codeLens/refresh").await;
    let uri = client.uri("wit/greeter.wit");
    let component = client.uri("partial.wasm");
    let answer = check_component(
        &mut client,
        json!({ "uri": uri, "world": "host", "component": component }),
    )
    .await
    .expect("the check runs");
    expect![[
        r#""export `version`: missing\n`partial.wasm` does not target world `host`: 1 mismatch\n""#
    ]]
    .assert_eq(&answer["output"].to_string());
    client.settle().await;
    expect!["9:4-9:37 error[targets] export `version`: missing"]
        .assert_eq(&client.diagnostics("wit/greeter.wit"));
    expect![[r#"
        7:6 ▶ Run partial.wasm: wit-lsp.runWorld [{"uri":"file://$DIR/wit/greeter.wit","world":"host","component":"$DIR/partial.wasm"}]
        7:6 Check component partial.wasm: wit-lsp.checkComponent [{"uri":"file://$DIR/wit/greeter.wit","world":"host","component":"$DIR/partial.wasm"}]
        12:6 ▶ Run partial.wasm: wit-lsp.runWorld [{"uri":"file://$DIR/wit/greeter.wit","world":"plain","component":"$DIR/partial.wasm"}]
        12:6 Check component partial.wasm: wit-lsp.checkComponent [{"uri":"file://$DIR/wit/greeter.wit","world":"plain","component":"$DIR/partial.wasm"}]"#]]
    .assert_eq(&lenses(&mut client).await);
}

#[tokio::test]
async fn bad_arguments_are_refused_with_the_reason() {
    let mut client = start(None).await;
    client.open("wit/greeter.wit").await;
    client.settle().await;
    let uri = client.uri("wit/greeter.wit");
    let mut shown = Vec::new();
    for argument in [
        json!("host"),
        json!({ "world": "host" }),
        json!({ "uri": uri, "world": 3 }),
        json!({ "uri": uri, "world": "host" }),
        json!({ "uri": uri, "world": "nope", "component": "a.wasm" }),
        json!({ "uri": uri, "world": "host", "component": "missing.wasm" }),
        json!({ "uri": uri, "world": "host", "component": "wit/greeter.wit" }),
    ] {
        let error = check_component(&mut client, argument)
            .await
            .expect_err("refused");
        shown.push(format!(
            "{} {}",
            error["code"],
            error["message"].as_str().unwrap()
        ));
    }
    let unknown = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "wit-lsp.nope", "arguments": [] }),
        )
        .await
        .expect_err("refused");
    shown.push(format!(
        "{} {}",
        unknown["code"],
        unknown["message"].as_str().unwrap()
    ));
    expect![[r#"
        -32602 wit-lsp.checkComponent takes one argument, {"uri", "world", "component"}, not ["host"]
        -32602 wit-lsp.checkComponent: `uri` must be the `file:` URI of a WIT file, not null
        -32602 wit-lsp.checkComponent: `world` must be the name of a world, not 3
        -32602 wit-lsp.checkComponent: no component is known for world `host`; pass `component`, or set `run.component`
        -32602 no world `nope` in the package; its worlds: host, plain
        -32803 $DIR/missing.wasm: no such file or directory
        -32803 $DIR/wit/greeter.wit: expected `(`
             --> $DIR/wit/greeter.wit:1:1
              |
            1 | package example:greeter@1.0.0;
              | ^
        -32602 unknown command `wit-lsp.nope`; the commands are wit-lsp.checkComponent, wit-lsp.runWorld"#]].assert_eq(&scrub(&client, &shown.join("\n")));
}
