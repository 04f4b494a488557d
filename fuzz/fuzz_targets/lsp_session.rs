//! A session with the in-process server: documents opened (a few fixed
//! names in a scratch workspace), changed and closed with arbitrary texts and
//! ranges, and requests at arbitrary positions, past the end included. Every
//! request must be answered in time, without an internal error, and
//! `shutdown` must still be answered at the end.

#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use arbitrary::Arbitrary;
use futures::{SinkExt, StreamExt};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use tokio::runtime::Runtime;
use tower::{Service, ServiceExt};
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{ErrorCode, Request, Response};
use wit_lsp::server::Backend;

use text::{Pos, Text};

mod text;

/// How long a request may take before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(10);

const FILES: &[&str] = &["a.wit", "b.wit", "deps/dep/dep.wit"];

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
});

/// The workspace folder: empty on disk, so the open documents are all there is.
static ROOT: LazyLock<PathBuf> = LazyLock::new(|| {
    let root = std::env::temp_dir().join(format!("wit-lsp-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("a scratch directory");
    root
});

#[derive(Arbitrary, Debug)]
struct Session {
    encoding: Encoding,
    operations: Vec<Operation>,
}

#[derive(Arbitrary, Debug)]
enum Encoding {
    Default,
    Utf8,
    Utf32,
}

#[derive(Arbitrary, Debug)]
enum Operation {
    Open {
        file: u8,
        text: Text,
    },
    Change {
        file: u8,
        stale: bool,
        changes: Vec<Change>,
    },
    Close {
        file: u8,
    },
    Request {
        file: u8,
        request: Kind,
        at: Pos,
        to: Pos,
    },
    /// Lets the debounced analysis run (only the first one waits).
    Wait,
}

#[derive(Arbitrary, Debug)]
struct Change {
    range: Option<(Pos, Pos)>,
    text: Text,
}

#[derive(Arbitrary, Debug)]
enum Kind {
    Completion,
    Hover,
    Definition,
    Declaration,
    TypeDefinition,
    References(bool),
    DocumentHighlight,
    PrepareRename,
    Rename(String),
    DocumentSymbol,
    SemanticTokensFull,
    SemanticTokensRange,
    Formatting(bool),
    RangeFormatting,
    CodeAction,
    CodeLens,
    FoldingRange,
    SelectionRange,
    WorkspaceSymbol(String),
}

struct Client {
    service: LspService<Backend>,
    next_id: i64,
    versions: [i32; FILES.len()],
}

impl Client {
    async fn call(&mut self, request: Request) -> Option<Response> {
        let what = format!("{request:?}");
        let service = &mut self.service;
        let answer = tokio::time::timeout(TIMEOUT, async move {
            service.ready().await.expect("the server is running");
            service.call(request).await.expect("the server is running")
        })
        .await;
        match answer {
            Ok(response) => response,
            Err(_) => panic!("no answer in {TIMEOUT:?} to {what}"),
        }
    }

    async fn request(&mut self, method: &'static str, params: Value) -> Response {
        self.next_id += 1;
        let request = Request::build(method)
            .id(self.next_id)
            .params(params)
            .finish();
        let response = self.call(request).await.expect("a request is answered");
        if let Some(error) = response.error() {
            assert_ne!(
                error.code,
                ErrorCode::InternalError,
                "{method} failed: {error:?}"
            );
        }
        response
    }

    async fn notify(&mut self, method: &'static str, params: Value) {
        let notification = Request::build(method).params(params).finish();
        assert!(self.call(notification).await.is_none());
    }
}

fn uri(file: u8) -> String {
    format!(
        "file://{}",
        ROOT.join(FILES[file as usize % FILES.len()]).display()
    )
}

fn position(pos: &Pos) -> Value {
    let position = pos.position();
    json!({ "line": position.line, "character": position.character })
}

fuzz_target!(|session: Session| {
    RUNTIME.block_on(run(session));
});

async fn run(session: Session) {
    let (service, socket) = wit_lsp::server::service();
    // Answers the server's requests (`null`) and takes its notifications,
    // as an editor would; the channel to the client is bounded.
    let (mut requests, mut responses) = socket.split();
    let editor = tokio::spawn(async move {
        while let Some(request) = requests.next().await {
            if let Some(id) = request.id() {
                let _ = responses
                    .send(Response::from_ok(id.clone(), Value::Null))
                    .await;
            }
        }
    });
    let mut client = Client {
        service,
        next_id: 0,
        versions: [0; FILES.len()],
    };
    let root = format!("file://{}", ROOT.display());
    let encodings = match session.encoding {
        Encoding::Default => json!([]),
        Encoding::Utf8 => json!(["utf-8"]),
        Encoding::Utf32 => json!(["utf-32"]),
    };
    client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{ "uri": root, "name": "fuzz" }],
                "capabilities": { "general": { "positionEncodings": encodings } },
            }),
        )
        .await;
    client.notify("initialized", json!({})).await;
    let mut waited = false;
    for operation in session.operations {
        match operation {
            Operation::Open { file, text } => {
                let index = file as usize % FILES.len();
                client.versions[index] += 1;
                let version = client.versions[index];
                client
                    .notify(
                        "textDocument/didOpen",
                        json!({ "textDocument": {
                            "uri": uri(file), "languageId": "wit",
                            "version": version, "text": text.render(),
                        } }),
                    )
                    .await;
            }
            Operation::Change {
                file,
                stale,
                changes,
            } => {
                let index = file as usize % FILES.len();
                if !stale {
                    client.versions[index] += 1;
                }
                let version = client.versions[index];
                let changes: Vec<Value> = changes
                    .iter()
                    .map(|change| match &change.range {
                        Some((start, end)) => json!({
                            "range": { "start": position(start), "end": position(end) },
                            "text": change.text.render(),
                        }),
                        None => json!({ "text": change.text.render() }),
                    })
                    .collect();
                client
                    .notify(
                        "textDocument/didChange",
                        json!({
                            "textDocument": { "uri": uri(file), "version": version },
                            "contentChanges": changes,
                        }),
                    )
                    .await;
            }
            Operation::Close { file } => {
                client
                    .notify(
                        "textDocument/didClose",
                        json!({ "textDocument": { "uri": uri(file) } }),
                    )
                    .await;
            }
            Operation::Request {
                file,
                request,
                at,
                to,
            } => {
                let document = json!({ "uri": uri(file) });
                let at = position(&at);
                let range = json!({ "start": at, "end": position(&to) });
                let at_cursor = json!({ "textDocument": document, "position": at });
                let (method, params) = match request {
                    Kind::Completion => ("textDocument/completion", at_cursor),
                    Kind::Hover => ("textDocument/hover", at_cursor),
                    Kind::Definition => ("textDocument/definition", at_cursor),
                    Kind::Declaration => ("textDocument/declaration", at_cursor),
                    Kind::TypeDefinition => ("textDocument/typeDefinition", at_cursor),
                    Kind::References(include_declaration) => (
                        "textDocument/references",
                        json!({
                            "textDocument": document, "position": at,
                            "context": { "includeDeclaration": include_declaration },
                        }),
                    ),
                    Kind::DocumentHighlight => ("textDocument/documentHighlight", at_cursor),
                    Kind::PrepareRename => ("textDocument/prepareRename", at_cursor),
                    Kind::Rename(new_name) => (
                        "textDocument/rename",
                        json!({ "textDocument": document, "position": at, "newName": new_name }),
                    ),
                    Kind::DocumentSymbol => (
                        "textDocument/documentSymbol",
                        json!({ "textDocument": document }),
                    ),
                    Kind::SemanticTokensFull => (
                        "textDocument/semanticTokens/full",
                        json!({ "textDocument": document }),
                    ),
                    Kind::SemanticTokensRange => (
                        "textDocument/semanticTokens/range",
                        json!({ "textDocument": document, "range": range }),
                    ),
                    Kind::Formatting(tabs) => (
                        "textDocument/formatting",
                        json!({
                            "textDocument": document,
                            "options": { "tabSize": 4, "insertSpaces": !tabs },
                        }),
                    ),
                    Kind::RangeFormatting => (
                        "textDocument/rangeFormatting",
                        json!({
                            "textDocument": document, "range": range,
                            "options": { "tabSize": 2, "insertSpaces": true },
                        }),
                    ),
                    Kind::CodeAction => (
                        "textDocument/codeAction",
                        json!({
                            "textDocument": document, "range": range,
                            "context": { "diagnostics": [] },
                        }),
                    ),
                    Kind::CodeLens => {
                        ("textDocument/codeLens", json!({ "textDocument": document }))
                    }
                    Kind::FoldingRange => (
                        "textDocument/foldingRange",
                        json!({ "textDocument": document }),
                    ),
                    Kind::SelectionRange => (
                        "textDocument/selectionRange",
                        json!({ "textDocument": document, "positions": [at, range["end"]] }),
                    ),
                    Kind::WorkspaceSymbol(query) => ("workspace/symbol", json!({ "query": query })),
                };
                client.request(method, params).await;
            }
            Operation::Wait => {
                if !waited {
                    waited = true;
                    tokio::time::sleep(Duration::from_millis(30)).await;
                }
            }
        }
    }
    let response = client.request("shutdown", Value::Null).await;
    assert_eq!(
        response.result(),
        Some(&Value::Null),
        "shutdown fails: {response:?}"
    );
    client.notify("exit", Value::Null).await;
    drop(client);
    editor.abort();
    // Lets the server's tasks see that it is gone and end; whatever is left
    // runs in the next session's `block_on`.
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
}
