//! A minimal LSP client of a `wit-lsp serve` child process, for the
//! benchmarks that drive the real server over stdio as an editor does.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

use crate::measure;

/// How long the server may stay silent while we wait for it.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A message from the server, and when it arrived.
pub struct Incoming {
    at: Instant,
    message: Value,
}

/// The server's answer to a request.
pub struct Answer {
    /// When the request was sent.
    pub sent_at: Instant,
    /// When the answer came.
    pub at: Instant,
    pub result: Value,
}

/// A minimal LSP client of a `wit-lsp serve` child process, with one open
/// document. A thread reads and timestamps the server's messages as they
/// come, so that time spent sending, or pausing between keystrokes, does not
/// count against the server.
pub struct Client {
    /// `None` once reaped.
    child: Option<Child>,
    /// `None` once closed, which ends the server's input.
    stdin: Option<ChildStdin>,
    incoming: Receiver<Result<Incoming>>,
    next_id: i64,
    /// The open document, and its version.
    uri: String,
    version: i64,
    /// When the first diagnostics of each version of the open document came.
    diagnostics_arrived: HashMap<i64, Instant>,
    /// The diagnostics last published for the open document.
    diagnostics: Vec<Value>,
}

impl Client {
    pub fn spawn(wit_lsp: &Path) -> Result<Client> {
        let mut command = Command::new(wit_lsp);
        command
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // Its log shows why it failed, if it does.
            .stderr(Stdio::inherit());
        // Only warnings and errors, unless the user asks for more.
        if std::env::var_os("WIT_LSP_LOG").is_none() {
            command.env("WIT_LSP_LOG", "warn");
        }
        let mut child = command
            .spawn()
            .with_context(|| format!("starting {} serve", wit_lsp.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, sender));
        Ok(Client {
            stdin: child.stdin.take(),
            child: Some(child),
            incoming,
            next_id: 0,
            uri: String::new(),
            version: 0,
            diagnostics_arrived: HashMap::new(),
            diagnostics: Vec::new(),
        })
    }

    /// `initialize` with `package_dir` as the workspace, then `initialized`;
    /// returns when the answer to `initialize` came.
    pub fn initialize(&mut self, package_dir: &Path) -> Result<Instant> {
        let root = file_uri(package_dir);
        let name = package_dir
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let answer = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": root,
                "workspaceFolders": [{ "uri": root, "name": name }],
                // The status notification is how we know the analysis caught up.
                "capabilities": { "experimental": { "serverStatusNotification": true } },
            }),
        )?;
        self.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))?;
        Ok(answer.at)
    }

    /// Opens the document at `path` with `text`; returns when it was sent.
    pub fn open(&mut self, path: &Path, text: &str) -> Result<Instant> {
        self.uri = file_uri(path);
        self.version = 1;
        self.send(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {
                    "uri": self.uri,
                    "languageId": "wit",
                    "version": self.version,
                    "text": text,
                },
            },
        }))
    }

    /// The open document as requests name it: `{ "uri": … }`.
    pub fn document(&self) -> Value {
        json!({ "uri": self.uri })
    }

    /// The open document's latest version.
    pub fn version(&self) -> i64 {
        self.version
    }

    /// When the first diagnostics of `version` of the open document came, if
    /// they did.
    pub fn diagnostics_arrived(&self, version: i64) -> Option<Instant> {
        self.diagnostics_arrived.get(&version).copied()
    }

    /// One incremental change of the open document, replacing `range` by
    /// `text`, as its next version; returns when it was sent.
    pub fn change(&mut self, range: Value, text: impl ToString) -> Result<Instant> {
        self.version += 1;
        self.send(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": self.uri, "version": self.version },
                "contentChanges": [{ "range": range, "text": text.to_string() }],
            },
        }))
        .with_context(|| format!("sending version {}", self.version))
    }

    /// Waits until the analysis has caught up with the document's latest
    /// version, and returns when the server said so. The server publishes
    /// the version's syntax diagnostics and says `quiescent: false` as it
    /// takes the change, then `quiescent: true` once no analysis is left to
    /// do; a `true` before that `false` is about older versions.
    pub fn wait_for_analysis(&mut self) -> Result<Instant> {
        let version = self.version;
        let mut published = false;
        let mut busy = false;
        loop {
            let incoming = self.receive(&format!("the analysis of version {version}"))?;
            let message = &incoming.message;
            match message["method"].as_str() {
                Some("textDocument/publishDiagnostics") => {
                    published |= message["params"]["version"].as_i64() == Some(version);
                }
                Some("experimental/serverStatus") => {
                    match message["params"]["quiescent"].as_bool() {
                        Some(false) => busy |= published,
                        Some(true) if busy => return Ok(incoming.at),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// Fails if the open document's latest diagnostics have an error: the
    /// benchmark would then not be what it claims to be.
    pub fn expect_no_errors(&self) -> Result<()> {
        let errors: Vec<&Value> = self
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic["severity"] == 1)
            .collect();
        if let Some(first) = errors.first() {
            bail!(
                "wit-lsp reports {} errors, the first at line {}: {}",
                errors.len(),
                first["range"]["start"]["line"].as_u64().unwrap_or(0) + 1,
                first["message"].as_str().unwrap_or("")
            );
        }
        Ok(())
    }

    /// Sends a request and waits for the answer to it; an error answer is an error.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Answer> {
        self.next_id += 1;
        let id = self.next_id;
        let sent_at =
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        loop {
            let mut incoming = self.receive(&format!("the answer to {method}"))?;
            let message = &mut incoming.message;
            if message["id"] == id && message.get("method").is_none() {
                if let Some(error) = message.get("error") {
                    bail!("wit-lsp answered {method} with an error: {error}");
                }
                return Ok(Answer {
                    sent_at,
                    at: incoming.at,
                    result: message["result"].take(),
                });
            }
        }
    }

    /// Sends one framed message; returns when.
    fn send(&mut self, message: &Value) -> Result<Instant> {
        let body = serde_json::to_string(message)?;
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let stdin = self.stdin.as_mut().expect("stdin is closed only at exit");
        let sent_at = Instant::now();
        if stdin
            .write_all(framed.as_bytes())
            .and_then(|()| stdin.flush())
            .is_err()
        {
            bail!("{}", self.gone());
        }
        Ok(sent_at)
    }

    /// The next message, waiting at most [`TIMEOUT`] for it.
    fn receive(&mut self, waiting_for: &str) -> Result<Incoming> {
        self.receive_until(Instant::now() + TIMEOUT)?
            .with_context(|| {
                format!(
                    "wit-lsp sent nothing for {} s while we waited for {waiting_for}",
                    TIMEOUT.as_secs()
                )
            })
    }

    /// The next message, or `None` if none comes before `deadline`. Answers
    /// the server's requests as an editor that knows none of them would
    /// (`null`), and keeps the open document's diagnostics.
    pub fn receive_until(&mut self, deadline: Instant) -> Result<Option<Incoming>> {
        let timeout = deadline.saturating_duration_since(Instant::now());
        let incoming = match self.incoming.recv_timeout(timeout) {
            Ok(incoming) => incoming?,
            Err(RecvTimeoutError::Timeout) => return Ok(None),
            Err(RecvTimeoutError::Disconnected) => bail!("{}", self.gone()),
        };
        let message = &incoming.message;
        if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }))?;
        }
        // Only the open document's diagnostics carry a version.
        if message["method"] == "textDocument/publishDiagnostics"
            && let Some(version) = message["params"]["version"].as_i64()
        {
            self.diagnostics_arrived
                .entry(version)
                .or_insert(incoming.at);
            self.diagnostics = message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        Ok(Some(incoming))
    }

    /// `shutdown`, then `exit`; reaps the server and returns its peak RSS.
    pub fn shut_down(mut self) -> Result<u64> {
        self.request("shutdown", Value::Null)?;
        self.send(&json!({ "jsonrpc": "2.0", "method": "exit" }))?;
        drop(self.stdin.take());
        // The server's output closes as it exits. Waiting for that, with a
        // timeout, keeps a server that does not exit from hanging `wait4`.
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let timeout = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(timeout) {
                Ok(_) => {}
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    bail!("wit-lsp still runs {} s after `exit`", TIMEOUT.as_secs())
                }
            }
        }
        let child = self.child.take().expect("reaped only here");
        let exit = measure::wait(child).context("reaping wit-lsp")?;
        ensure!(
            exit.status.success(),
            "wit-lsp ended with {} after shutdown and exit",
            exit.status
        );
        Ok(exit.peak_rss_bytes)
    }

    /// Why the server stopped listening or answering, for errors.
    fn gone(&mut self) -> String {
        if let Some(child) = &mut self.child {
            // A server that closed its pipes is usually exiting: give it a
            // moment, for its exit status.
            for _ in 0..100 {
                if let Ok(Some(status)) = child.try_wait() {
                    return format!("wit-lsp ended with {status}");
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        "wit-lsp closed its output".to_owned()
    }
}

impl Drop for Client {
    /// After an error: a server left running would outlive the bench.
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs on its own thread until the server's output ends or cannot be
/// read, or nobody listens any more.
fn read_messages(stdout: ChildStdout, sender: Sender<Result<Incoming>>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let incoming = match read_body(&mut reader) {
            Ok(Some(body)) => {
                // Stamped before parsing: parsing a large answer (a long
                // completion list) takes the bench milliseconds, not the server.
                let at = Instant::now();
                serde_json::from_slice(&body)
                    .context("wit-lsp sent a message that is not JSON")
                    .map(|message| Incoming { at, message })
            }
            Ok(None) => return,
            Err(error) => Err(error),
        };
        let unreadable = incoming.is_err();
        if sender.send(incoming).is_err() || unreadable {
            return;
        }
    }
}

/// The body of one `Content-Length`-framed message, or `None` at the end of
/// the output.
fn read_body(reader: &mut impl BufRead) -> Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut header = String::new();
    loop {
        header.clear();
        if reader.read_line(&mut header)? == 0 {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("Content-Length")
        {
            let value = value.trim().parse::<usize>();
            length = Some(value.with_context(|| format!("wit-lsp sent the header {header:?}"))?);
        }
    }
    let length = length.context("wit-lsp sent a message without Content-Length")?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Some(body))
}

/// A `file:` URI, percent-encoding what a path may hold that a URI may not.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The LSP position of byte `offset` of `text`, in UTF-16 code units (the
/// protocol's default, which the client did not change).
pub fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": before[line_start..].encode_utf16().count(),
    })
}
