//! `wit-lsp-bench requests`: how soon the real server answers the requests
//! an editor makes while someone reads and moves around a file. It drives
//! `wit-lsp serve` over stdio, opens a package's largest file, and times
//! completion, hover, definition and references at many positions on the
//! file's identifiers, and the requests about the whole file, one at a time.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};
use wit_syntax::KEYWORDS;

use crate::check::{self, TempDir};
use crate::lsp::{Client, position};
use crate::table;
use crate::typing::{self, Package};

#[derive(clap::Args)]
pub struct Args {
    /// The wit-lsp binary [default: `wit-lsp` next to this executable]
    #[arg(long, value_name = "PATH")]
    wit_lsp: Option<PathBuf>,
    /// Only a synthetic single-package workspace of N lines [default: the
    /// corpus's largest package, then synthetic ones of 10,000 and 50,000 lines]
    #[arg(long, value_name = "N", conflicts_with = "corpus_only")]
    lines: Option<usize>,
    /// Only the corpus's largest package.
    #[arg(long)]
    corpus_only: bool,
    /// How many times each request about the whole file is made.
    #[arg(long, value_name = "R", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    repeat: u32,
}

/// The sizes of the synthetic workspaces measured by default.
const DEFAULT_LINES: [usize; 2] = [10_000, 50_000];

/// Made at each position, in this order.
const AT_POSITIONS: [&str; 4] = [
    "textDocument/completion",
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
];
/// Made about the whole file, `--repeat` times, in this order.
const ABOUT_THE_FILE: [&str; 3] = [
    "textDocument/documentSymbol",
    "textDocument/semanticTokens/full",
    "textDocument/formatting",
];

/// A workspace to measure in.
enum Workspace {
    Corpus,
    Synthetic(usize),
}

/// How many positions to make requests at, at least: enough for a p99 that
/// is not the maximum.
const POSITIONS: usize = 1000;

/// The file opened, and where the requests point.
struct Target {
    file: PathBuf,
    text: String,
    /// Byte offsets on identifiers of `text`, in order.
    positions: Vec<usize>,
}

/// The answers to one method.
struct Timings {
    method: &'static str,
    /// From sending each request to its answer.
    latencies: Vec<Duration>,
    /// How many answers had something in them: not `null`, not empty.
    non_empty: usize,
    /// The size of the largest answer's result, as compact JSON: what a
    /// slow answer may have to build, send and parse.
    largest_bytes: usize,
}

struct Results {
    package: Package,
    target: Target,
    /// From spawning the server to its answer to `initialize`.
    initialize: Duration,
    /// From `didOpen` to the file's first diagnostics.
    open_to_diagnostics: Duration,
    /// From `didOpen` to the end of the first analysis.
    open_to_quiescent: Duration,
    /// In the order of `AT_POSITIONS`, then `ABOUT_THE_FILE`.
    timings: Vec<Timings>,
    /// The server's, over its whole run.
    peak_rss_bytes: u64,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let wit_lsp = check::find_wit_lsp(args.wit_lsp.as_deref())?;
    let workspaces = match args.lines {
        Some(lines) => vec![Workspace::Synthetic(lines)],
        None if args.corpus_only => vec![Workspace::Corpus],
        None => [Workspace::Corpus]
            .into_iter()
            .chain(DEFAULT_LINES.map(Workspace::Synthetic))
            .collect(),
    };

    println!(
        "wit-lsp: {} ({})",
        wit_lsp.display(),
        check::version(&wit_lsp)
    );
    println!(
        "requests: {} at each position on the file's identifiers; {} {} times each\n",
        AT_POSITIONS.join(", "),
        ABOUT_THE_FILE.join(", "),
        args.repeat
    );
    let mut results = Vec::new();
    for workspace in &workspaces {
        // Only one synthetic workspace is on disk at a time.
        let mut synthetic_dir = None;
        let package = match workspace {
            Workspace::Corpus => typing::corpus_package()?,
            Workspace::Synthetic(lines) => {
                typing::synthetic_package(*lines, &synthetic_dir.insert(TempDir::new()?).0)?
            }
        };
        let target = plan_target(&package.dir)?;
        eprintln!(
            "requests in {} ({} lines), at {} positions in {}",
            package.label,
            package.lines,
            target.positions.len(),
            target.file.display()
        );
        match measure_requests(&wit_lsp, package, target, args.repeat) {
            Ok(workspace_results) => results.push(workspace_results),
            // The server failed, not the bench: that is the finding.
            Err(error) => {
                eprintln!("error: {error:#}");
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    print_results(&results);
    Ok(ExitCode::SUCCESS)
}

/// The package's largest file, the one `typing` types in, and every Nth byte
/// on its identifiers (at the start of a name, inside it, at its last
/// character), with N such that there are at least [`POSITIONS`] of them,
/// or every byte when there are fewer.
fn plan_target(package_dir: &Path) -> Result<Target> {
    let file = typing::largest_file(package_dir)?;
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let on_identifiers: Vec<usize> = identifiers(&text).into_iter().flatten().collect();
    ensure!(
        !on_identifiers.is_empty(),
        "{}: no identifier to make requests at",
        file.display()
    );
    let step = (on_identifiers.len() / POSITIONS).max(1);
    let positions = on_identifiers.into_iter().step_by(step).collect();
    Ok(Target {
        file,
        text,
        positions,
    })
}

/// The byte range of every identifier of `text`: the words outside comments
/// that are not keywords, without the names of gates and attributes
/// (`@since`), what is in their parentheses, and versions (`@0.2.0`).
fn identifiers(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let is_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'-';
    let mut identifiers = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        if rest.starts_with(b"//") {
            at += rest
                .iter()
                .position(|&byte| byte == b'\n')
                .unwrap_or(rest.len());
        } else if rest.starts_with(b"/*") {
            at += block_comment_length(rest);
        } else if rest[0] == b'@' {
            at += 1;
            // A `.` ends a version when a `{` follows: `@0.2.0.{name}`.
            while bytes.get(at).is_some_and(|&byte| {
                is_word(byte)
                    || byte == b'+'
                    || byte == b'.' && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
            }) {
                at += 1;
            }
            if bytes.get(at) == Some(&b'(') {
                at += bytes[at..]
                    .iter()
                    .position(|&byte| byte == b')')
                    .map_or(bytes.len() - at, |close| close + 1);
            }
        } else if rest[0] == b'%' || rest[0].is_ascii_alphanumeric() {
            let start = at;
            at += 1;
            while bytes.get(at).is_some_and(|&byte| is_word(byte)) {
                at += 1;
            }
            let word = &text[start..at];
            if !rest[0].is_ascii_digit() && !KEYWORDS.contains(&word) {
                identifiers.push(start..at);
            }
        } else {
            at += 1;
        }
    }
    identifiers
}

/// The length of the block comment at the start of `text`, which may nest.
fn block_comment_length(text: &[u8]) -> usize {
    let mut depth = 0;
    let mut at = 0;
    while at < text.len() {
        if text[at..].starts_with(b"/*") {
            depth += 1;
            at += 2;
        } else if text[at..].starts_with(b"*/") {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += 1;
        }
    }
    text.len()
}

fn measure_requests(
    wit_lsp: &Path,
    package: Package,
    target: Target,
    repeat: u32,
) -> Result<Results> {
    let file = target.file.display();
    let spawned_at = Instant::now();
    let mut client = Client::spawn(wit_lsp)?;
    let initialized_at = client
        .initialize(&package.dir)
        .context("initializing wit-lsp")?;
    let opened_at = client
        .open(&target.file, &target.text)
        .with_context(|| format!("{file}: opening"))?;
    let open_quiescent_at = client
        .wait_for_analysis()
        .and_then(|quiescent_at| client.expect_no_errors().map(|()| quiescent_at))
        .with_context(|| format!("{file}: the analysis after opening"))?;
    let open_diagnostics_at = client
        .diagnostics_arrived(client.version())
        .expect("the analysis waits for the diagnostics of the version");

    let mut timings: Vec<Timings> = AT_POSITIONS
        .into_iter()
        .chain(ABOUT_THE_FILE)
        .map(|method| Timings {
            method,
            latencies: Vec::new(),
            non_empty: 0,
            largest_bytes: 0,
        })
        .collect();
    let (at_positions, about_the_file) = timings.split_at_mut(AT_POSITIONS.len());
    for &offset in &target.positions {
        let at = position(&target.text, offset);
        let line = at["line"].as_u64().unwrap_or(0) + 1;
        for timing in &mut *at_positions {
            time_request(&mut client, timing, Some(&at))
                .with_context(|| format!("{file}:{line}: {}", timing.method))?;
        }
    }
    for _ in 0..repeat {
        for timing in &mut *about_the_file {
            time_request(&mut client, timing, None)
                .with_context(|| format!("{file}: {}", timing.method))?;
        }
    }

    let peak_rss_bytes = client.shut_down().context("shutting wit-lsp down")?;
    Ok(Results {
        package,
        target,
        initialize: initialized_at - spawned_at,
        open_to_diagnostics: open_diagnostics_at - opened_at,
        open_to_quiescent: open_quiescent_at - opened_at,
        timings,
        peak_rss_bytes,
    })
}

/// Makes one request of `timing.method` about the open file, at `at` if
/// given, waits for the answer, and records it.
fn time_request(client: &mut Client, timing: &mut Timings, at: Option<&Value>) -> Result<()> {
    let mut params = json!({ "textDocument": client.document() });
    if let Some(at) = at {
        params["position"] = at.clone();
    }
    match timing.method {
        "textDocument/references" => params["context"] = json!({ "includeDeclaration": true }),
        "textDocument/formatting" => {
            params["options"] = json!({ "tabSize": 4, "insertSpaces": true });
        }
        _ => {}
    }
    let answer = client.request(timing.method, params)?;
    timing.latencies.push(answer.at - answer.sent_at);
    let empty = match &answer.result {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        // A completion list, or semantic tokens.
        Value::Object(list) => ["items", "data"].iter().any(|key| {
            list.get(*key)
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
        }),
        _ => false,
    };
    timing.non_empty += usize::from(!empty);
    timing.largest_bytes = timing.largest_bytes.max(answer.result.to_string().len());
    Ok(())
}

fn print_results(results: &[Results]) {
    const WORKSPACE_HEADER: [&str; 8] = [
        "workspace",
        "lines",
        "file opened",
        "positions",
        "initialize ms",
        "didOpen → diagnostics ms",
        "didOpen → quiescent ms",
        "peak RSS MiB",
    ];
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|result| {
            let file = &result.target.file;
            let name = file.strip_prefix(&result.package.dir).unwrap_or(file);
            vec![
                result.package.label.clone(),
                result.package.lines.to_string(),
                format!(
                    "{} ({} lines)",
                    name.display(),
                    result.target.text.lines().count()
                ),
                result.target.positions.len().to_string(),
                table::milliseconds(result.initialize),
                table::milliseconds(result.open_to_diagnostics),
                table::milliseconds(result.open_to_quiescent),
                table::mebibytes(result.peak_rss_bytes),
            ]
        })
        .collect();
    table::print(&WORKSPACE_HEADER, &rows, &[0, 2]);
    println!();

    const HEADER: [&str; 9] = [
        "workspace",
        "method",
        "n",
        "non-empty",
        "largest KiB",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
    ];
    let mut rows = Vec::new();
    for result in results {
        for timing in &result.timings {
            let mut latencies = timing.latencies.clone();
            latencies.sort();
            let percentile = |percent| table::milliseconds(table::percentile(&latencies, percent));
            rows.push(vec![
                result.package.label.clone(),
                timing.method.to_owned(),
                latencies.len().to_string(),
                timing.non_empty.to_string(),
                format!("{:.1}", timing.largest_bytes as f64 / 1024.0),
                percentile(50),
                percentile(90),
                percentile(99),
                percentile(100),
            ]);
        }
    }
    table::print(&HEADER, &rows, &[0, 1]);
}
