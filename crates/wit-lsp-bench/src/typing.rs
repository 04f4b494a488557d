//! `wit-lsp-bench typing`: how soon the real server answers keystrokes. It
//! drives `wit-lsp serve` over stdio as an editor does, types a function into
//! a package one character at a time, and times the diagnostics that come back.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};
use wit_lsp_bench::synth;

use crate::check::{self, TempDir};
use crate::{measure, table};

#[derive(clap::Args)]
pub struct Args {
    /// The wit-lsp binary [default: `wit-lsp` next to this executable]
    #[arg(long, value_name = "PATH")]
    wit_lsp: Option<PathBuf>,
    /// Type into a synthetic single-package workspace of N lines instead of
    /// the corpus's largest package.
    #[arg(long, value_name = "N")]
    lines: Option<usize>,
    /// How many times to type the function (deleting it after each).
    #[arg(long, value_name = "R", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    /// The pause between keystrokes.
    #[arg(long, value_name = "MS", default_value_t = 30)]
    keystroke_ms: u64,
}

/// What each round types, on a line of its own, at the end of the first
/// interface of the file.
const TYPED_FUNCTION: &str = "bench-typed-fn: func(a: u32, b: string) -> result<u32, string>;";
/// How long the server may stay silent while we wait for it.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The package typed into.
struct Package {
    label: String,
    lines: usize,
    dir: PathBuf,
}

/// The file typed in, and where.
struct Edit {
    file: PathBuf,
    text: String,
    /// The start of the line that closes the first interface.
    offset: usize,
    /// What each round types there, newline included.
    typed: String,
}

struct Results {
    /// From spawning the server to its answer to `initialize`.
    initialize: Duration,
    /// From `didOpen` to the end of the first analysis.
    open_to_quiescent: Duration,
    /// From each keystroke to the diagnostics of the version it made.
    keystrokes: Vec<Duration>,
    /// From the last keystroke of each round to the end of the analysis.
    rounds: Vec<Duration>,
    /// The server's, over its whole run.
    peak_rss_bytes: u64,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let wit_lsp = check::find_wit_lsp(args.wit_lsp.as_deref())?;
    let mut synthetic_dir = None;
    let package = match args.lines {
        None => corpus_package()?,
        Some(lines) => synthetic_package(lines, &synthetic_dir.insert(TempDir::new()?).0)?,
    };
    let edit = plan_edit(&package.dir)?;
    let keystroke_interval = Duration::from_millis(args.keystroke_ms);

    println!(
        "wit-lsp: {} ({})",
        wit_lsp.display(),
        check::version(&wit_lsp)
    );
    println!(
        "input: {} ({} lines), typing in {} before line {}",
        package.label,
        package.lines,
        edit.file.display(),
        edit.text[..edit.offset].lines().count() + 1
    );
    println!(
        "typing: {} rounds of {} keystrokes, {} ms apart\n",
        args.rounds,
        edit.typed.chars().count(),
        args.keystroke_ms
    );
    eprintln!("typing into {}", package.label);
    match measure_typing(
        &wit_lsp,
        &package.dir,
        &edit,
        args.rounds,
        keystroke_interval,
    ) {
        Ok(results) => {
            print_results(&results);
            Ok(ExitCode::SUCCESS)
        }
        // The server failed, not the bench: that is the finding.
        Err(error) => {
            eprintln!("error: {error:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn corpus_package() -> Result<Package> {
    let unit = check::largest_corpus_unit()?;
    let dir = unit.path();
    ensure!(
        dir.is_dir(),
        "{}: the corpus's largest unit is not a package directory",
        dir.display()
    );
    Ok(Package {
        label: unit.label,
        lines: unit.lines,
        dir,
    })
}

fn synthetic_package(lines: usize, dir: &Path) -> Result<Package> {
    let workspace = synth::generate(&synth::Options::new(lines, synth::Layout::SinglePackage));
    workspace.write_to(dir)?;
    Ok(Package {
        label: format!("synthetic --lines {lines}, single package"),
        lines: workspace.line_count(),
        // Canonical, so that the server's paths are ours (`/tmp` may be a link).
        dir: std::fs::canonicalize(dir).with_context(|| dir.display().to_string())?,
    })
}

/// Types in the package's largest file (by size; `deps/` is not the
/// package's own), at the end of its first interface.
fn plan_edit(package_dir: &Path) -> Result<Edit> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(package_dir)
        .with_context(|| format!("{}: cannot read the directory", package_dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|extension| extension == "wit") {
            let size = path.metadata()?.len();
            files.push((size, path));
        }
    }
    let (_, file) = files
        .into_iter()
        .max()
        .with_context(|| format!("{}: no .wit file", package_dir.display()))?;
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let (offset, indent) = first_interface_end(&text).with_context(|| {
        format!(
            "{}: found no interface closed by a `}}` on a line of its own",
            file.display()
        )
    })?;
    let typed = format!("{indent}    {TYPED_FUNCTION}\n");
    Ok(Edit {
        file,
        text,
        offset,
        typed,
    })
}

/// The start of the line that closes the first interface of `text` (a `}`
/// alone at the indentation of the line that opened it, as formatted WIT
/// has it), and that indentation.
fn first_interface_end(text: &str) -> Option<(usize, &str)> {
    let mut opening_indent = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let indent = &line[..line.len() - line.trim_start().len()];
        match opening_indent {
            None if !trimmed.starts_with("//")
                && trimmed.ends_with('{')
                && trimmed.split_whitespace().any(|word| word == "interface") =>
            {
                opening_indent = Some(indent);
            }
            Some(opening) if trimmed == "}" && indent == opening => return Some((offset, indent)),
            _ => {}
        }
        offset += line.len();
    }
    None
}

fn measure_typing(
    wit_lsp: &Path,
    package_dir: &Path,
    edit: &Edit,
    rounds: u32,
    keystroke_interval: Duration,
) -> Result<Results> {
    let file = edit.file.display();
    let spawned_at = Instant::now();
    let mut client = Client::spawn(wit_lsp)?;
    let initialized_at = client
        .initialize(package_dir)
        .context("initializing wit-lsp")?;
    let opened_at = client
        .open(file_uri(&edit.file), &edit.text)
        .with_context(|| format!("{file}: opening"))?;
    let open_quiescent_at = client
        .wait_for_analysis()
        .and_then(|quiescent_at| client.expect_no_errors().map(|()| quiescent_at))
        .with_context(|| format!("{file}: the analysis after opening"))?;
    let mut round_latencies = Vec::new();
    for round in 1..=rounds {
        let latency = type_round(&mut client, edit, keystroke_interval)
            .with_context(|| format!("{file}: round {round} of typing"))?;
        round_latencies.push(latency);
    }
    let keystrokes = std::mem::take(&mut client.keystroke_latencies);
    let peak_rss_bytes = client.shut_down().context("shutting wit-lsp down")?;
    Ok(Results {
        initialize: initialized_at - spawned_at,
        open_to_quiescent: open_quiescent_at - opened_at,
        keystrokes,
        rounds: round_latencies,
        peak_rss_bytes,
    })
}

/// Types `edit.typed` one character at a time, waits for the analysis, and
/// deletes it again; returns the time from the last keystroke to the end of
/// the analysis.
fn type_round(client: &mut Client, edit: &Edit, keystroke_interval: Duration) -> Result<Duration> {
    // Each round starts from the text on disk, since the last one deleted what it typed.
    let mut text = edit.text.clone();
    let mut cursor = edit.offset;
    let mut last_keystroke_at = Instant::now();
    let mut next_keystroke_at = last_keystroke_at;
    for typed in edit.typed.chars() {
        while client.receive_until(next_keystroke_at)?.is_some() {}
        last_keystroke_at = client.keystroke(position(&text, cursor), typed)?;
        text.insert(cursor, typed);
        cursor += typed.len_utf8();
        next_keystroke_at += keystroke_interval;
    }
    let quiescent_at = client
        .wait_for_analysis()
        .context("after the last keystroke")?;
    // The diagnostics of every version came before those of the last, in order.
    if let Some(version) = client.keystrokes_in_flight.keys().min() {
        bail!("wit-lsp published no diagnostics for version {version}");
    }
    client
        .expect_no_errors()
        .context("with the function typed")?;

    let typed_range =
        json!({ "start": position(&text, edit.offset), "end": position(&text, cursor) });
    client.change(typed_range, "")?;
    client
        .wait_for_analysis()
        .context("after deleting the function")?;
    Ok(quiescent_at - last_keystroke_at)
}

/// A message from the server, and when it arrived.
struct Incoming {
    at: Instant,
    message: Value,
}

/// A minimal LSP client of a `wit-lsp serve` child process. A thread reads
/// and timestamps the server's messages as they come, so that time spent
/// sending or pausing between keystrokes does not count against the server.
struct Client {
    /// `None` once reaped.
    child: Option<Child>,
    /// `None` once closed, which ends the server's input.
    stdin: Option<ChildStdin>,
    incoming: Receiver<Result<Incoming>>,
    next_id: i64,
    /// The document typed in, and its version.
    uri: String,
    version: i64,
    /// When each keystroke whose diagnostics have not come yet was sent, by
    /// the document version it made.
    keystrokes_in_flight: HashMap<i64, Instant>,
    /// From each keystroke to the diagnostics of its version.
    keystroke_latencies: Vec<Duration>,
    /// The diagnostics last published for the open document.
    diagnostics: Vec<Value>,
}

impl Client {
    fn spawn(wit_lsp: &Path) -> Result<Client> {
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
            keystrokes_in_flight: HashMap::new(),
            keystroke_latencies: Vec::new(),
            diagnostics: Vec::new(),
        })
    }

    /// `initialize` with `package_dir` as the workspace, then `initialized`;
    /// returns when the answer to `initialize` came.
    fn initialize(&mut self, package_dir: &Path) -> Result<Instant> {
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

    /// Opens the document at `uri` with `text`; returns when it was sent.
    fn open(&mut self, uri: String, text: &str) -> Result<Instant> {
        self.uri = uri;
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

    /// Types `typed` at `at` and has its diagnostics timed; returns when it
    /// was sent.
    fn keystroke(&mut self, at: Value, typed: char) -> Result<Instant> {
        let sent_at = self.change(json!({ "start": at, "end": at }), typed)?;
        self.keystrokes_in_flight.insert(self.version, sent_at);
        Ok(sent_at)
    }

    /// One incremental change of the open document, replacing `range` by
    /// `text`, as its next version; returns when it was sent.
    fn change(&mut self, range: Value, text: impl ToString) -> Result<Instant> {
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
    fn wait_for_analysis(&mut self) -> Result<Instant> {
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
    /// typing would then not be what it claims to be.
    fn expect_no_errors(&self) -> Result<()> {
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

    /// Sends a request and waits for the answer to it.
    fn request(&mut self, method: &str, params: Value) -> Result<Incoming> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        loop {
            let incoming = self.receive(&format!("the answer to {method}"))?;
            let message = &incoming.message;
            if message["id"] == id && message.get("method").is_none() {
                if let Some(error) = message.get("error") {
                    bail!("wit-lsp answered {method} with an error: {error}");
                }
                return Ok(incoming);
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
    /// (`null`), and times the diagnostics of keystrokes.
    fn receive_until(&mut self, deadline: Instant) -> Result<Option<Incoming>> {
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
            if let Some(sent_at) = self.keystrokes_in_flight.remove(&version) {
                self.keystroke_latencies.push(incoming.at - sent_at);
            }
            self.diagnostics = message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        Ok(Some(incoming))
    }

    /// `shutdown`, then `exit`; reaps the server and returns its peak RSS.
    fn shut_down(mut self) -> Result<u64> {
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
        let incoming = match read_message(&mut reader) {
            Ok(Some(message)) => Ok(Incoming {
                at: Instant::now(),
                message,
            }),
            Ok(None) => return,
            Err(error) => Err(error),
        };
        let unreadable = incoming.is_err();
        if sender.send(incoming).is_err() || unreadable {
            return;
        }
    }
}

/// One `Content-Length`-framed message, or `None` at the end of the output.
fn read_message(reader: &mut impl BufRead) -> Result<Option<Value>> {
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
    let message =
        serde_json::from_slice(&body).context("wit-lsp sent a message that is not JSON")?;
    Ok(Some(message))
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
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": before[line_start..].encode_utf16().count(),
    })
}

fn print_results(results: &Results) {
    const HEADER: [&str; 7] = [
        "measure", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "each ms",
    ];
    let mut keystrokes = results.keystrokes.clone();
    keystrokes.sort();
    let mut rounds = results.rounds.clone();
    rounds.sort();
    let percentile = |sorted: &[Duration], percent: usize| {
        let rank = (sorted.len() * percent).div_ceil(100).max(1);
        table::milliseconds(sorted[rank - 1])
    };
    let each = |durations: &[Duration]| {
        let cells: Vec<String> = durations.iter().copied().map(table::milliseconds).collect();
        cells.join(", ")
    };
    let once = |measure: &str, duration: Duration| {
        let mut row = vec![measure.to_owned(), "1".to_owned()];
        row.extend(["", "", "", ""].map(str::to_owned));
        row.push(table::milliseconds(duration));
        row
    };
    let rows = vec![
        vec![
            "keystroke → its syntax diagnostics".to_owned(),
            keystrokes.len().to_string(),
            percentile(&keystrokes, 50),
            percentile(&keystrokes, 90),
            percentile(&keystrokes, 99),
            percentile(&keystrokes, 100),
            String::new(),
        ],
        vec![
            "last keystroke → quiescent".to_owned(),
            rounds.len().to_string(),
            percentile(&rounds, 50),
            String::new(),
            String::new(),
            percentile(&rounds, 100),
            each(&results.rounds),
        ],
        once("spawn → initialize answered", results.initialize),
        once("didOpen → quiescent", results.open_to_quiescent),
    ];
    table::print(&HEADER, &rows, &[0, 6]);
    println!(
        "\nwit-lsp's peak RSS: {} MiB",
        table::mebibytes(results.peak_rss_bytes)
    );
}
