//! The real `wit-lsp` binary as an editor runs it: LSP over stdin/stdout.

// Shared with the in-process tests, which use all of it.
#[allow(dead_code)]
#[path = "lsp/support.rs"]
mod support;

use std::process::Stdio;

use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use support::{Client, editor_capabilities};

fn spawn(args: &[&str]) -> tokio::process::Child {
    Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the wit-lsp binary starts")
}

/// Shuts the server down as an editor does (`shutdown`, then `exit`), checks
/// that the process exits 0, and returns what it logged.
async fn shut_down(mut client: Client, child: tokio::process::Child) -> String {
    assert_eq!(
        client.request("shutdown", Value::Null).await,
        Ok(Value::Null)
    );
    client.notify("exit", Value::Null).await;
    let output = child.wait_with_output().await.unwrap();
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{log}");
    log
}

#[tokio::test]
async fn serves_diagnostics_over_stdio_and_exits_cleanly() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
interface i { type t = u32 }
"#;
    for args in [&[][..], &["serve"]] {
        let mut child = spawn(args);
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut client = Client::connect(fixture, stdout, Box::new(stdin));
        let result = client.initialize(editor_capabilities(), None).await;
        assert_eq!(result["serverInfo"]["name"], "wit-lsp");
        client.open("wit/a.wit").await;
        client.settle().await;
        assert_eq!(
            client.diagnostics("wit/a.wit"),
            "1:27-1:28 error[syntax] expected ';', found '}'"
        );
        shut_down(client, child).await;
    }
}

#[tokio::test]
async fn malformed_messages_are_logged_dropped_and_survived() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // Not JSON, inside a well-formed frame; then a response to a request the
    // server never made.
    for body in ["{ this is not json", r#"{"jsonrpc":"2.0","id":7}"#] {
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        stdin.write_all(frame.as_bytes()).await.unwrap();
    }
    let mut client = Client::connect("", stdout, Box::new(stdin));
    let result = client.initialize(json!({}), None).await;
    assert_eq!(result["serverInfo"]["name"], "wit-lsp");
    let log = shut_down(client, child).await;
    assert_eq!(
        log.matches("dropped a message from the client").count(),
        1,
        "{log}"
    );
}

#[tokio::test]
async fn exit_without_shutdown_exits_1() {
    let mut child = spawn(&[]);
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut client = Client::connect("", stdout, Box::new(stdin));
    client.initialize(json!({}), None).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(child.wait().await.unwrap().code(), Some(1));
}

/// Frames the server cannot decode are logged and dropped; then it reads
/// on and answers. Requests it can decode but not serve get JSON-RPC errors.
#[tokio::test]
async fn bad_frames_headers_and_params_are_survived() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let frame = |body: &[u8]| {
        [
            format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
            body,
        ]
        .concat()
    };
    let mut garbage: Vec<u8> = Vec::new();
    // JSON, but not a JSON-RPC object.
    for body in [
        "[1, 2]",
        "42",
        r#""initialize""#,
        "null",
        "",
        r#"{"jsonrpc":"2.0","id":1,"method":7}"#,
    ] {
        garbage.extend(frame(body.as_bytes()));
    }
    // Not UTF-8, in a field that JSON-RPC ignores.
    garbage.extend(frame(
        b"{\"jsonrpc\":\"2.0\",\"method\":\"$/x\",\"junk\":\"\xff\"}",
    ));
    // A length that is not a number, then no length at all: the bodies are
    // lost, and the server finds the next header right after them.
    garbage.extend(b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/x\"}");
    garbage
        .extend(b"Content-Type: application/json\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/x\"}");
    // A length too short for its body: the rest is lost the same way.
    garbage.extend(b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/x\"}");
    stdin.write_all(&garbage).await.unwrap();

    let mut client = Client::connect("", stdout, Box::new(stdin));
    let result = client.initialize(json!({}), None).await;
    assert_eq!(result["serverInfo"]["name"], "wit-lsp");
    // Parameters of the wrong shape: "invalid params".
    let error = client
        .request("textDocument/hover", json!({ "position": "here" }))
        .await
        .unwrap_err();
    assert_eq!(error["code"], -32602, "{error}");
    let error = client
        .request("textDocument/hover", json!([1, 2]))
        .await
        .unwrap_err();
    assert_eq!(error["code"], -32602, "{error}");
    // Unknown methods: "method not found" for a request, nothing for a
    // notification.
    let error = client
        .request("wit/frobnicate", json!({}))
        .await
        .unwrap_err();
    assert_eq!(error["code"], -32601, "{error}");
    client.notify("wit/frobnicate", json!({})).await;
    client.notify("$/frobnicate", json!({})).await;
    let log = shut_down(client, child).await;
    let dropped: Vec<_> = log
        .lines()
        .filter_map(|line| line.split("dropped a message from the client: ").nth(1))
        .collect();
    expect_test::expect![[r#"
        [
            "not a JSON-RPC message: [1, 2]",
            "not a JSON-RPC message: 42",
            "not a JSON-RPC message: \"initialize\"",
            "not a JSON-RPC message: null",
            "not a JSON-RPC message: ",
            "not a JSON-RPC message: {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
            "not a JSON-RPC message: {\"jsonrpc\":\"2.0\",\"method\":\"$/x\",\"junk\":\"�\"}",
            "bad Content-Length header \"Content-Length: twelve\"",
            "not a JSON-RPC message: {\"jsonrpc\"",
        ]
    "#]]
    .assert_debug_eq(&dropped);
}

/// A header that promises more than ever comes: the server waits for the
/// rest, and when the client closes its end, it says so and exits, with exit
/// code 1 as after an `exit` without `shutdown`.
#[tokio::test]
async fn a_truncated_frame_then_the_end_of_input_exits_1() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"Content-Length: 1000\r\n\r\n{\"jsonrpc\":\"2.0\",")
        .await
        .unwrap();
    drop(stdin);
    let output = tokio::time::timeout(std::time::Duration::from_secs(20), child.wait_with_output())
        .await
        .expect("the server exits")
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(
        log.contains("ERROR wit_lsp::server::transport: the input ended in the middle of a message of 1000 bytes"),
        "{log}"
    );
}
