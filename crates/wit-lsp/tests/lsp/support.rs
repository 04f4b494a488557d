//! A test client for the language server: a fixture written to a scratch
//! directory, the server in process (or the real binary over stdio), and
//! JSON-RPC over a pipe.
//!
//! Fixtures are files separated by `//- /PATH` header lines; `$0` marks the
//! cursor (removed from the text).

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// How long to wait for the server before a test fails.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A scratch directory, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "wit-lsp-lsp-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `fixture` below `dir`; returns the cursor as (path, byte offset).
fn write_fixture(dir: &Path, fixture: &str) -> Option<(String, usize)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(path) = line.strip_prefix("//- /") {
            files.push((path.trim().to_owned(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    let mut cursor = None;
    for (path, mut text) in files {
        if let Some(offset) = text.find("$0") {
            text.replace_range(offset..offset + 2, "");
            cursor = Some((path.clone(), offset));
        }
        let full = dir.join(&path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    cursor
}

pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

type Writer = Arc<tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>>;

/// A client connected to a server.
pub struct Client {
    pub scratch: Scratch,
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
    versions: HashMap<String, i32>,
    /// The latest diagnostics published for each URI, with their version.
    pub published: HashMap<String, (Option<i64>, Vec<Value>)>,
    /// Every notification (and request) from the server other than
    /// diagnostics and status, in order.
    pub notifications: Vec<Value>,
    /// The statuses the server sent since the last message to it, not yet
    /// looked at by `settle`.
    statuses: VecDeque<bool>,
    /// What `workspace/configuration` answers.
    pub configuration: Arc<Mutex<Value>>,
    pub cursor: Option<(String, usize)>,
    /// The server task, which ends when the server does.
    pub server: Option<tokio::task::JoinHandle<bool>>,
}

/// The capabilities of a typical editor: settings on request, file
/// watchers, and rust-analyzer's status notification, which `settle` needs.
pub fn editor_capabilities() -> Value {
    json!({
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true,
        },
        "experimental": { "serverStatusNotification": true },
    })
}

impl Client {
    /// The fixture on disk, and the server in process, initialized.
    pub async fn start(fixture: &str) -> Client {
        Client::start_with(fixture, editor_capabilities(), None).await
    }

    pub async fn start_with(fixture: &str, capabilities: Value, options: Option<Value>) -> Client {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(wit_lsp::server::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_side);
        let mut client = Client::connect(fixture, read, Box::new(write));
        client.server = Some(server);
        client.initialize(capabilities, options).await;
        client
    }

    /// A client for a server on the other end of `read`/`write`.
    pub fn connect(
        fixture: &str,
        read: impl AsyncRead + Send + Unpin + 'static,
        write: Box<dyn AsyncWrite + Send + Unpin>,
    ) -> Client {
        let scratch = Scratch::new();
        let cursor = write_fixture(&scratch.0, fixture);
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(write));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (sender, incoming) = mpsc::unbounded_channel();
        tokio::spawn(read_messages(
            read,
            writer.clone(),
            configuration.clone(),
            sender,
        ));
        Client {
            scratch,
            writer,
            incoming,
            next_id: 0,
            versions: HashMap::new(),
            published: HashMap::new(),
            notifications: Vec::new(),
            statuses: VecDeque::new(),
            configuration,
            cursor,
            server: None,
        }
    }

    pub async fn initialize(&mut self, capabilities: Value, options: Option<Value>) -> Value {
        let root = file_uri(&self.scratch.0);
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root,
                    "workspaceFolders": [{ "uri": root, "name": "fixture" }],
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .await
            .expect("initialize succeeds");
        self.notify("initialized", json!({})).await;
        result
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.scratch.0.join(relative)
    }

    pub fn uri(&self, relative: &str) -> String {
        file_uri(&self.path(relative))
    }

    pub async fn send(&mut self, message: Value) {
        // What the server said about earlier work is no news about this.
        self.statuses.clear();
        write_message(&self.writer, &message).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// Sends a request and waits for its response: the result, or the error.
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        loop {
            let message = self.next_message().await;
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return match message.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(message["result"].clone()),
                };
            }
        }
    }

    /// The next message from the server; notifications are recorded.
    async fn next_message(&mut self) -> Value {
        let message = tokio::time::timeout(TIMEOUT, self.incoming.recv())
            .await
            .expect("the server answers in time")
            .expect("the server is still running");
        match message.get("method").and_then(Value::as_str) {
            Some("textDocument/publishDiagnostics") => {
                let params = &message["params"];
                let uri = params["uri"].as_str().unwrap().to_owned();
                let diagnostics = params["diagnostics"].as_array().unwrap().clone();
                self.published
                    .insert(uri, (params["version"].as_i64(), diagnostics));
            }
            Some("experimental/serverStatus") => self
                .statuses
                .push_back(message["params"]["quiescent"] == true),
            Some(_) => self.notifications.push(message.clone()),
            None => {}
        }
        message
    }

    /// Waits until the analysis has caught up with the last change sent.
    /// The server says `quiescent: false` in order with each change that
    /// makes work (a notification, or a request such as a command), and
    /// `true` once the work is done; call this after each such change, so
    /// that no earlier `true` is still on its way.
    pub async fn settle(&mut self) {
        let mut busy = false;
        loop {
            let Some(quiescent) = self.statuses.pop_front() else {
                self.next_message().await;
                continue;
            };
            if busy && quiescent {
                return;
            }
            busy |= !quiescent;
        }
    }

    /// Waits for the server to send `method`, a notification or a request
    /// (which the client answers), and takes it from `notifications`.
    pub async fn wait_for(&mut self, method: &str) -> Value {
        loop {
            if let Some(found) = self
                .notifications
                .iter()
                .position(|message| message["method"] == method)
            {
                return self.notifications.remove(found);
            }
            self.next_message().await;
        }
    }

    /// Opens a fixture file with its text on disk.
    pub async fn open(&mut self, relative: &str) {
        let text = std::fs::read_to_string(self.path(relative)).unwrap();
        let uri = self.uri(relative);
        self.versions.insert(uri.clone(), 1);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "wit", "version": 1, "text": text } }),
        )
        .await;
    }

    /// Sends `changes` (LSP `TextDocumentContentChangeEvent`s) as the next version.
    pub async fn change(&mut self, relative: &str, changes: Value) {
        let uri = self.uri(relative);
        let version = self.versions.entry(uri.clone()).or_insert(0);
        *version += 1;
        let version = *version;
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        )
        .await;
    }

    /// Replaces `old` (the first occurrence in the file's current text, as
    /// this client last wrote it) by `new`, as one incremental change.
    pub async fn replace(&mut self, relative: &str, text: &mut String, old: &str, new: &str) {
        let start = text.find(old).expect("the text to replace is there");
        let range = json!({
            "start": utf16_position(text, start),
            "end": utf16_position(text, start + old.len()),
        });
        text.replace_range(start..start + old.len(), new);
        self.change(relative, json!([{ "range": range, "text": new }]))
            .await;
    }

    /// The fixture's `$0`: its file's URI and its LSP (UTF-16) position.
    pub fn cursor_position(&self) -> Value {
        let (path, offset) = self.cursor.clone().expect("the fixture has a `$0`");
        let text = std::fs::read_to_string(self.path(&path)).unwrap();
        json!({
            "textDocument": { "uri": self.uri(&path) },
            "position": utf16_position(&text, offset),
        })
    }

    /// Locations as `path:line:col-line:col` (0-based), relative to the fixture.
    pub fn render_locations(&self, locations: &Value) -> String {
        let root = file_uri(&self.scratch.0);
        locations
            .as_array()
            .map(|locations| {
                locations
                    .iter()
                    .map(|location| {
                        let uri = location["uri"].as_str().unwrap_or("");
                        let range = &location["range"];
                        format!(
                            "{}:{}:{}-{}:{}",
                            uri.strip_prefix(&root)
                                .unwrap_or(uri)
                                .trim_start_matches('/'),
                            range["start"]["line"],
                            range["start"]["character"],
                            range["end"]["line"],
                            range["end"]["character"],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_else(|| locations.to_string())
    }

    /// Types `typed` at the fixture's `$0`, in the file as it is on disk.
    pub async fn type_at_cursor(&mut self, typed: &str) {
        let (path, offset) = self.cursor.clone().expect("the fixture has a `$0`");
        let text = std::fs::read_to_string(self.path(&path)).unwrap();
        let at = utf16_position(&text, offset);
        self.change(
            &path,
            json!([{ "range": { "start": at, "end": at }, "text": typed }]),
        )
        .await;
    }

    pub async fn close(&mut self, relative: &str) {
        let uri = self.uri(relative);
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    }

    /// The diagnostics last published for a file, one per line:
    /// `line:col-line:col severity[code] message` (0-based, as LSP sends them).
    pub fn diagnostics(&self, relative: &str) -> String {
        let Some((_, diagnostics)) = self.published.get(&self.uri(relative)) else {
            return "(nothing published)".to_owned();
        };
        diagnostics
            .iter()
            .map(|diagnostic| {
                let range = &diagnostic["range"];
                let severity = match diagnostic["severity"].as_i64() {
                    Some(1) => "error",
                    Some(2) => "warning",
                    _ => "other",
                };
                format!(
                    "{}:{}-{}:{} {severity}[{}] {}",
                    range["start"]["line"],
                    range["start"]["character"],
                    range["end"]["line"],
                    range["end"]["character"],
                    diagnostic["code"].as_str().unwrap_or(""),
                    diagnostic["message"].as_str().unwrap_or(""),
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The version the last diagnostics of a file were published with.
    pub fn published_version(&self, relative: &str) -> Option<i64> {
        self.published
            .get(&self.uri(relative))
            .and_then(|(v, _)| *v)
    }

    /// `shutdown` then `exit`; returns whether the server said it ended cleanly.
    pub async fn shut_down(mut self) -> bool {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Ok(Value::Null));
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("an in-process server");
        tokio::time::timeout(TIMEOUT, server)
            .await
            .expect("the server exits")
            .expect("the server task does not panic")
    }
}

/// The LSP position (UTF-16) of byte `offset` of `text`.
pub fn utf16_position(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count();
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

async fn write_message(writer: &Writer, message: &Value) {
    let body = serde_json::to_vec(message).unwrap();
    let mut writer = writer.lock().await;
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    // The server may have gone (a test of `exit`); later writes just fail.
    let _ = writer.write_all(header.as_bytes()).await;
    let _ = writer.write_all(&body).await;
    let _ = writer.flush().await;
}

/// Reads the server's messages; answers its requests as an editor would.
async fn read_messages(
    read: impl AsyncRead + Send + Unpin,
    writer: Writer,
    configuration: Arc<Mutex<Value>>,
    sender: mpsc::UnboundedSender<Value>,
) {
    let mut reader = BufReader::new(read);
    while let Some(message) = read_message(&mut reader).await {
        if let (Some(id), Some(method)) = (message.get("id"), message.get("method")) {
            let result = match method.as_str() {
                Some("workspace/configuration") => json!([configuration.lock().unwrap().clone()]),
                _ => Value::Null,
            };
            write_message(
                &writer,
                &json!({ "jsonrpc": "2.0", "id": id, "result": result }),
            )
            .await;
        }
        if sender.send(message).is_err() {
            return;
        }
    }
}

/// One framed message, or `None` at the end of the stream.
pub async fn read_message(reader: &mut (impl AsyncBufReadExt + Unpin)) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}
