//! `wit-lsp.runWorld`: the "▶ Run" lens's command runs the world's
//! component in the embedded Wasmtime, with the guest's output captured.

use std::path::Path;

use expect_test::expect;
use serde_json::{Value, json};

use crate::components::{check_json, code_lenses, scrub};
use crate::support::{Client, editor_capabilities};

/// The example's package and the test components, with their WIT.
const FIXTURE: &str = r#"
//- /greeter/wit/greeter.wit
package example:greeter@1.0.0;

interface greeter {
  greet: func(name: string) -> string;
}

world host {
  export greeter;
}
"#;

/// A server on a project holding the example greeter and the `basics` and
/// `mismatch` test components, with these `run` settings (the cache off).
async fn start(mut run: Value) -> Client {
    run["cache"] = json!(false);
    let client =
        Client::start_with(FIXTURE, editor_capabilities(), Some(json!({ "run": run }))).await;
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let copy = |from: &str, to: &str| {
        let to = client.path(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repository.join(from), to).unwrap();
    };
    copy("examples/greeter/greeter.wat", "greeter/greeter.wat");
    for name in ["basics", "mismatch"] {
        copy(
            &format!("tests/components/{name}/{name}.wat"),
            &format!("{name}/{name}.wat"),
        );
        copy(
            &format!("tests/components/{name}/wit/{name}.wit"),
            &format!("{name}/wit/{name}.wit"),
        );
    }
    client
}

async fn run_world(client: &mut Client, file: &str, argument: Value) -> Result<Value, Value> {
    let mut argument = argument;
    argument["uri"] = json!(client.uri(file));
    client
        .request(
            "workspace/executeCommand",
            json!({ "command": "wit-lsp.runWorld", "arguments": [argument] }),
        )
        .await
}

#[tokio::test]
async fn the_run_lens_runs_the_worlds_component() {
    let mut client = start(json!({ "component": { "host": "greeter/greeter.wat" } })).await;
    client.open("greeter/wit/greeter.wit").await;
    client.settle().await;
    let lenses = code_lenses(&mut client, "greeter/wit/greeter.wit").await;
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|lens| lens["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["▶ Run greeter.wat", "Check component greeter.wat"]);
    // The lens's own arguments, with a call added as an editor would.
    let mut argument = lenses[0]["command"]["arguments"][0].clone();
    argument["invoke"] = json!(r#"greet("editor")"#);
    let answer = run_world(&mut client, "greeter/wit/greeter.wit", argument)
        .await
        .expect("the run");
    check_json(
        &client,
        &answer,
        expect![[r#"
            {
              "ok": true,
              "component": "$DIR/greeter/greeter.wat",
              "world": "host",
              "mismatches": [],
              "output": "\"Hello, editor!\"\n",
              "function": "example:greeter/greeter@1.0.0#greet",
              "status": "returned",
              "results": [
                "\"Hello, editor!\""
              ],
              "exitCode": null,
              "stdout": "",
              "stderr": "",
              "stubCalls": []
            }"#]],
    );
    let logged = client.wait_for("window/logMessage").await;
    assert_eq!(logged["params"]["message"], "\"Hello, editor!\"\n");
}

#[tokio::test]
async fn traps_and_timeouts_are_answers_not_errors() {
    let mut client = start(json!({
        "component": { "basics": "basics/basics.wat" },
        "timeout": "200ms",
    }))
    .await;
    client.open("basics/wit/basics.wit").await;
    client.settle().await;
    let mut shown = String::new();
    for invoke in ["crash()", "spin()", "hog()", "checked(700)"] {
        let answer = run_world(
            &mut client,
            "basics/wit/basics.wit",
            json!({ "world": "basics", "invoke": invoke }),
        )
        .await
        .expect("the run");
        shown.push_str(&format!(
            "{invoke}: ok={} status={}\n{}",
            answer["ok"],
            answer["status"],
            answer["output"].as_str().unwrap()
        ));
    }
    expect![[r#"
        crash(): ok=false status="trapped"
        error: `crash` trapped: wasm trap: wasm `unreachable` instruction executed
        guest backtrace (innermost first):
            0:    0x2b1 - main!crash-inner
            1:    0x2ad - main!crash-outer
            2:    0x2a8 - main!crash
        spin(): ok=false status="timedOut"
        error: `spin` ran longer than 200 ms and was stopped
        hog(): ok=false status="outOfMemory"
        error: `hog` asked for 256.1 MiB of linear memory, over the limit of 256 MiB
        checked(700): ok=true status="returned"
        err("too big")
    "#]]
    .assert_eq(&shown);
}

#[tokio::test]
async fn bad_calls_and_mismatching_components_are_refused() {
    let mut client = start(json!({
        "component": { "basics": "basics/basics.wat", "mismatch": "mismatch/mismatch.wat" },
    }))
    .await;
    client.open("basics/wit/basics.wit").await;
    client.settle().await;

    let error = run_world(
        &mut client,
        "basics/wit/basics.wit",
        json!({ "world": "basics", "invoke": "add(1, \"2\")" }),
    )
    .await
    .expect_err("a wrong argument");
    assert_eq!(error["code"], -32602);
    expect![[r#"wit-lsp.runWorld: `invoke` `add(1, "2")`: invalid value type at characters 8–10; `add` takes (a: s32, b: s32)"#]]
    .assert_eq(error["message"].as_str().unwrap());

    let error = run_world(
        &mut client,
        "basics/wit/basics.wit",
        json!({ "world": "basics", "invoke": 42 }),
    )
    .await
    .expect_err("not a call");
    assert_eq!(error["code"], -32602);

    let answer = run_world(
        &mut client,
        "mismatch/wit/mismatch.wit",
        json!({ "world": "mismatch", "invoke": "greet(1)" }),
    )
    .await
    .expect("the check runs");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer.get("status"), None);
    expect![[r#"
        export `greet`: func `greet` param `name`: expected string, found u32
        export `version`: missing
        import `secret`: not allowed by world `mismatch`
        `mismatch/mismatch.wat` does not target world `mismatch`: 3 mismatches
        not running a component that does not target its world
    "#]]
    .assert_eq(&scrub(&client, answer["output"].as_str().unwrap()));
}
