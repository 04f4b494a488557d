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
        assert_eq!(
            client.request("shutdown", Value::Null).await,
            Ok(Value::Null)
        );
        client.notify("exit", Value::Null).await;
        let status = child.wait().await.unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}");
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
    assert_eq!(
        client.request("shutdown", Value::Null).await,
        Ok(Value::Null)
    );
    client.notify("exit", Value::Null).await;
    let output = child.wait_with_output().await.unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log = String::from_utf8_lossy(&output.stderr);
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
