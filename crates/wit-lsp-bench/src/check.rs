//! `wit-lsp-bench check`: wall time and peak memory of `wit-lsp check`
//! against `wasm-tools component wit` (the same wit-parser underneath) on the
//! shared corpus's largest package and on a large synthetic workspace.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use wit_lsp_bench::synth;
use wit_lsp_tests::{Verdict, corpus_dir, manifest};

use crate::{measure, table};

#[derive(clap::Args)]
pub struct Args {
    /// Timed runs of each tool on each input, after one warm-up run each.
    #[arg(long, value_name = "K", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// The wit-lsp binary [default: `wit-lsp` next to this executable]
    #[arg(long, value_name = "PATH")]
    wit_lsp: Option<PathBuf>,
    /// The wasm-tools binary [default: $WASM_TOOLS, else
    /// /var/cache/wit-lsp/tools/bin/wasm-tools, else `wasm-tools` on PATH]
    #[arg(long, value_name = "PATH")]
    wasm_tools: Option<PathBuf>,
    /// Lines of the synthetic workspace.
    #[arg(long, value_name = "N", default_value_t = 50_000)]
    lines: usize,
}

/// Where `scripts/test.sh` installs the pinned wasm-tools.
const CACHED_WASM_TOOLS: &str = "/var/cache/wit-lsp/tools/bin/wasm-tools";
const INSTALL_WASM_TOOLS: &str = "cargo install wasm-tools --version 1.263.0 --locked";
/// The wasm-tools release whose verdicts the corpus manifest records.
const WASM_TOOLS_VERSION: &str = "1.263.0";
/// Units under this corpus folder were run from inside it, as upstream does.
const WIT_PARSER_SUITE: &str = "wit-parser-0.263.0-crate";
/// Lines of a failing tool's stderr to show.
const STDERR_LINES: usize = 20;

struct Tool {
    name: &'static str,
    program: PathBuf,
    /// What comes before an input's flags and path.
    subcommand: &'static [&'static str],
}

pub(crate) struct Input {
    pub(crate) label: String,
    pub(crate) lines: usize,
    /// Where both tools run.
    dir: PathBuf,
    /// The manifest's flags, then the path: both tools take the same.
    args: Vec<OsString>,
}

impl Input {
    /// The file or package directory that the tools check.
    pub(crate) fn path(&self) -> PathBuf {
        self.dir
            .join(self.args.last().expect("the path is the last argument"))
    }
}

/// One tool on one input.
struct Measurement {
    /// From the warm-up run.
    first_status: ExitStatus,
    first_stderr: String,
    /// Whether a timed run exited differently from the warm-up.
    status_varied: bool,
    walls: Vec<Duration>,
    peak_rss_bytes: u64,
}

impl Measurement {
    fn median_wall(&self) -> Duration {
        let mut walls = self.walls.clone();
        walls.sort();
        let middle = walls.len() / 2;
        if walls.len().is_multiple_of(2) {
            (walls[middle - 1] + walls[middle]) / 2
        } else {
            walls[middle]
        }
    }

    fn min_wall(&self) -> Duration {
        self.walls.iter().copied().min().unwrap_or_default()
    }
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let tools = [
        Tool {
            name: "wit-lsp",
            program: find_wit_lsp(args.wit_lsp.as_deref())?,
            subcommand: &["check"],
        },
        Tool {
            name: "wasm-tools",
            program: find_wasm_tools(args.wasm_tools.as_deref())?,
            subcommand: &["component", "wit"],
        },
    ];
    for tool in &tools {
        let version = version(&tool.program);
        println!("{}: {} ({version})", tool.name, tool.program.display());
        if tool.name == "wasm-tools" && !version.contains(WASM_TOOLS_VERSION) {
            println!("note: the corpus records wasm-tools {WASM_TOOLS_VERSION}'s verdicts");
        }
    }
    println!(
        "runs: {} per tool and input, after one warm-up each\n",
        args.runs
    );

    let synthetic_dir = TempDir::new()?;
    let inputs = [
        largest_corpus_unit()?,
        synthetic_input(args.lines, &synthetic_dir.0)?,
    ];
    let mut results = Vec::new();
    for input in &inputs {
        eprintln!("measuring {} ({} lines)", input.label, input.lines);
        results.push(measure_input(input, &tools, args.runs)?);
    }

    print_table(&inputs, &results);
    let mut bug = false;
    for (input, [wit_lsp, wasm_tools]) in inputs.iter().zip(&results) {
        bug |= report_verdicts(input, &tools, [wit_lsp, wasm_tools]);
    }
    Ok(if bug {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) fn find_wit_lsp(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return absolute_program(path, "--wit-lsp ");
    }
    let bench = std::env::current_exe().context("cannot find wit-lsp-bench's own executable")?;
    let path = bench.with_file_name(format!("wit-lsp{}", std::env::consts::EXE_SUFFIX));
    ensure!(
        path.is_file(),
        "{}: no wit-lsp next to wit-lsp-bench; build both with \
         `cargo build --release -p wit-lsp -p wit-lsp-bench`, or pass --wit-lsp PATH",
        path.display()
    );
    Ok(path)
}

fn find_wasm_tools(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return absolute_program(path, "--wasm-tools ");
    }
    if let Some(path) = std::env::var_os("WASM_TOOLS") {
        return absolute_program(Path::new(&path), "$WASM_TOOLS=");
    }
    let cached = Path::new(CACHED_WASM_TOOLS);
    if cached.is_file() {
        return Ok(cached.to_owned());
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("wasm-tools"))
        .find(|path| path.is_file())
        .with_context(|| {
            format!(
                "wasm-tools not found: $WASM_TOOLS is not set, there is no {CACHED_WASM_TOOLS}, \
                 and none is on PATH; install it with `{INSTALL_WASM_TOOLS}`, \
                 or pass --wasm-tools PATH"
            )
        })
}

/// The tools run in the input's directory, so a relative path must be made
/// absolute first. `given_by` prefixes the path in errors: `--wit-lsp `.
fn absolute_program(path: &Path, given_by: &str) -> Result<PathBuf> {
    ensure!(path.is_file(), "{given_by}{}: no such file", path.display());
    std::fs::canonicalize(path).with_context(|| format!("{given_by}{}", path.display()))
}

/// The first line of `PROGRAM --version`, for the record.
pub(crate) fn version(program: &Path) -> String {
    Command::new(program)
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| {
            let stdout = String::from_utf8_lossy(&output.stdout);
            stdout.lines().next().map(str::to_owned)
        })
        .unwrap_or_else(|| "version unknown".to_owned())
}

/// The unit with verdict `ok` that has the most WIT lines, `deps/` included.
pub(crate) fn largest_corpus_unit() -> Result<Input> {
    // Without the `tests/../..` of the default, for the messages.
    let corpus = corpus_dir();
    let corpus = std::fs::canonicalize(&corpus).with_context(|| corpus.display().to_string())?;
    let mut largest = None;
    for unit in manifest(&corpus) {
        if unit.verdict != Verdict::Ok {
            continue;
        }
        let lines = line_count(&unit.wit_files(&corpus))?;
        if largest.as_ref().is_none_or(|(_, most)| lines > *most) {
            largest = Some((unit, lines));
        }
    }
    let (unit, lines) = largest.with_context(|| {
        format!(
            "{}: no unit with verdict ok",
            corpus.join("MANIFEST.tsv").display()
        )
    })?;
    let (dir, path) = match unit.path.strip_prefix(&format!("{WIT_PARSER_SUITE}/")) {
        Some(path) => (corpus.join(WIT_PARSER_SUITE), path),
        None => (corpus.clone(), unit.path.as_str()),
    };
    let mut args: Vec<OsString> = unit.flags.iter().map(OsString::from).collect();
    args.push(path.into());
    Ok(Input {
        label: format!("corpus {}", unit.path),
        lines,
        dir,
        args,
    })
}

fn line_count(files: &[PathBuf]) -> Result<usize> {
    let mut lines = 0;
    for file in files {
        let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
        lines += text.lines().count();
    }
    Ok(lines)
}

fn synthetic_input(lines: usize, dir: &Path) -> Result<Input> {
    let options = synth::Options::new(lines, synth::Layout::WithDependencies);
    let workspace = synth::generate(&options);
    workspace.write_to(dir)?;
    Ok(Input {
        label: format!("synthetic --lines {lines}"),
        lines: workspace.line_count(),
        dir: dir.to_owned(),
        args: vec![".".into()],
    })
}

/// A fresh directory in the system's temporary directory, removed on drop.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new() -> Result<Self> {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "wit-lsp-bench-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::create_dir(&path).with_context(|| format!("{}: cannot create", path.display()))?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Leaving a temporary directory behind is not worth failing for.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn command(tool: &Tool, input: &Input) -> Command {
    let mut command = Command::new(&tool.program);
    command
        .args(tool.subcommand)
        .args(&input.args)
        .current_dir(&input.dir)
        .stdin(Stdio::null());
    command
}

/// Runs each tool once to warm the page cache and keep its verdict, then
/// `runs` timed runs of each, interleaved so that drift in the machine's load
/// hits both alike.
fn measure_input(input: &Input, tools: &[Tool; 2], runs: u32) -> Result<[Measurement; 2]> {
    let warm_up = |tool: &Tool| -> Result<Measurement> {
        let output = command(tool, input)
            .output()
            .with_context(|| format!("running {}", tool.program.display()))?;
        Ok(Measurement {
            first_status: output.status,
            first_stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            status_varied: false,
            walls: Vec::new(),
            peak_rss_bytes: 0,
        })
    };
    let mut measurements = [warm_up(&tools[0])?, warm_up(&tools[1])?];
    for _ in 0..runs {
        for (tool, measurement) in tools.iter().zip(&mut measurements) {
            let sample = measure::run(
                command(tool, input)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null()),
            )
            .with_context(|| format!("running {}", tool.program.display()))?;
            measurement.status_varied |= sample.status.code() != measurement.first_status.code();
            measurement.walls.push(sample.wall);
            measurement.peak_rss_bytes = measurement.peak_rss_bytes.max(sample.peak_rss_bytes);
        }
    }
    Ok(measurements)
}

/// A Markdown table, so that it can go into `BENCHMARKS.md` as it is.
fn print_table(inputs: &[Input], results: &[[Measurement; 2]]) {
    const HEADER: [&str; 9] = [
        "input",
        "lines",
        "tool",
        "exit",
        "median ms",
        "min ms",
        "peak RSS MiB",
        "median wit-lsp/wasm-tools",
        "RSS wit-lsp/wasm-tools",
    ];
    let mut rows = Vec::new();
    for (input, [wit_lsp, wasm_tools]) in inputs.iter().zip(results) {
        let time_ratio =
            wit_lsp.median_wall().as_secs_f64() / wasm_tools.median_wall().as_secs_f64();
        let rss_ratio = wit_lsp.peak_rss_bytes as f64 / wasm_tools.peak_rss_bytes as f64;
        for (tool, measurement, ratios) in [
            ("wit-lsp", wit_lsp, Some((time_ratio, rss_ratio))),
            ("wasm-tools", wasm_tools, None),
        ] {
            rows.push(vec![
                input.label.clone(),
                input.lines.to_string(),
                tool.to_owned(),
                exit_code(measurement.first_status),
                table::milliseconds(measurement.median_wall()),
                table::milliseconds(measurement.min_wall()),
                table::mebibytes(measurement.peak_rss_bytes),
                ratios.map_or_else(String::new, |(time, _)| format!("{time:.2}")),
                ratios.map_or_else(String::new, |(_, rss)| format!("{rss:.2}")),
            ]);
        }
    }
    table::print(&HEADER, &rows, &[0, 2]);
}

fn exit_code(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => code.to_string(),
        (None, Some(signal)) => format!("signal {signal}"),
        (None, None) => "?".to_owned(),
    }
}

/// Says loudly when one tool rejects what the other accepts, which is a
/// correctness bug in wit-lsp; returns whether that happened.
fn report_verdicts(input: &Input, tools: &[Tool; 2], measurements: [&Measurement; 2]) -> bool {
    let accepted = measurements.map(|measurement| measurement.first_status.success());
    for (tool, measurement) in tools.iter().zip(measurements) {
        if measurement.status_varied {
            println!(
                "\nwarning: {} exited differently across runs on {}",
                tool.name, input.label
            );
        }
    }
    if accepted[0] == accepted[1] {
        if !accepted[0] {
            println!(
                "\nwarning: both tools rejected {}, which should be valid; wasm-tools says:",
                input.label
            );
            print_stderr(&measurements[1].first_stderr);
        }
        return false;
    }
    let rejecting = if accepted[0] { 1 } else { 0 };
    println!(
        "\n!!! CORRECTNESS BUG: {} exited {} but {} exited {} on {} (in {}) !!!",
        tools[0].name,
        exit_code(measurements[0].first_status),
        tools[1].name,
        exit_code(measurements[1].first_status),
        input.label,
        input.dir.display()
    );
    println!("{} says:", tools[rejecting].name);
    print_stderr(&measurements[rejecting].first_stderr);
    true
}

fn print_stderr(stderr: &str) {
    for line in stderr.lines().take(STDERR_LINES) {
        println!("    {line}");
    }
    if stderr.lines().count() > STDERR_LINES {
        println!("    …");
    }
}
