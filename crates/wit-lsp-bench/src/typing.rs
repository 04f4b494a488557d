//! `wit-lsp-bench typing`: how soon the real server answers keystrokes. It
//! drives `wit-lsp serve` over stdio as an editor does, types a function into
//! a package one character at a time, and times the diagnostics that come back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::json;
use wit_lsp_bench::synth;

use crate::check::{self, TempDir};
use crate::lsp::{Client, position};
use crate::table;

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

/// A package the server is started on.
pub(crate) struct Package {
    pub(crate) label: String,
    pub(crate) lines: usize,
    pub(crate) dir: PathBuf,
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

/// The corpus's largest package, as `check` chooses it.
pub(crate) fn corpus_package() -> Result<Package> {
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

/// A synthetic workspace of `lines` lines in one package, written to `dir`.
pub(crate) fn synthetic_package(lines: usize, dir: &Path) -> Result<Package> {
    let workspace = synth::generate(&synth::Options::new(lines, synth::Layout::SinglePackage));
    workspace.write_to(dir)?;
    Ok(Package {
        label: format!("synthetic --lines {lines}, single package"),
        lines: workspace.line_count(),
        // Canonical, so that the server's paths are ours (`/tmp` may be a link).
        dir: std::fs::canonicalize(dir).with_context(|| dir.display().to_string())?,
    })
}

/// Types in the package's largest file, at the end of its first interface.
fn plan_edit(package_dir: &Path) -> Result<Edit> {
    let file = largest_file(package_dir)?;
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

/// The package's largest `.wit` file, by size (`deps/` is not the package's own).
pub(crate) fn largest_file(package_dir: &Path) -> Result<PathBuf> {
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
    Ok(file)
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
        .open(&edit.file, &edit.text)
        .with_context(|| format!("{file}: opening"))?;
    let open_quiescent_at = client
        .wait_for_analysis()
        .and_then(|quiescent_at| client.expect_no_errors().map(|()| quiescent_at))
        .with_context(|| format!("{file}: the analysis after opening"))?;
    let mut keystrokes = Vec::new();
    let mut round_latencies = Vec::new();
    for round in 1..=rounds {
        let latency = type_round(&mut client, edit, keystroke_interval, &mut keystrokes)
            .with_context(|| format!("{file}: round {round} of typing"))?;
        round_latencies.push(latency);
    }
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
/// deletes it again; adds the time from each keystroke to its diagnostics to
/// `keystrokes`, and returns the time from the last keystroke to the end of
/// the analysis.
fn type_round(
    client: &mut Client,
    edit: &Edit,
    keystroke_interval: Duration,
    keystrokes: &mut Vec<Duration>,
) -> Result<Duration> {
    // Each round starts from the text on disk, since the last one deleted what it typed.
    let mut text = edit.text.clone();
    let mut cursor = edit.offset;
    let mut last_keystroke_at = Instant::now();
    let mut next_keystroke_at = last_keystroke_at;
    let mut sent = Vec::new();
    for typed in edit.typed.chars() {
        while client.receive_until(next_keystroke_at)?.is_some() {}
        let at = position(&text, cursor);
        last_keystroke_at = client.change(json!({ "start": at, "end": at }), typed)?;
        sent.push((client.version(), last_keystroke_at));
        text.insert(cursor, typed);
        cursor += typed.len_utf8();
        next_keystroke_at += keystroke_interval;
    }
    let quiescent_at = client
        .wait_for_analysis()
        .context("after the last keystroke")?;
    // The diagnostics of every version came before those of the last, in order.
    for (version, sent_at) in sent {
        let Some(arrived_at) = client.diagnostics_arrived(version) else {
            bail!("wit-lsp published no diagnostics for version {version}");
        };
        keystrokes.push(arrived_at - sent_at);
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

fn print_results(results: &Results) {
    const HEADER: [&str; 7] = [
        "measure", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "each ms",
    ];
    let mut keystrokes = results.keystrokes.clone();
    keystrokes.sort();
    let mut rounds = results.rounds.clone();
    rounds.sort();
    let percentile = |sorted: &[Duration], percent: usize| {
        table::milliseconds(table::percentile(sorted, percent))
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
