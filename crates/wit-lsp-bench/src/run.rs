//! `wit-lsp-bench run`: how soon `wit-lsp run` gets to the guest. The
//! example component from a cold start (nothing cached), and a large
//! component (10 MB and more, such as one built by componentize-py) from the
//! compile cache: in process, the time `wit_run::run` takes to the first
//! call, and as a whole `wit-lsp run` process.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use wit_run::{Output, RunOptions, Status};

use crate::check::{self, TempDir};
use crate::{measure, table};

#[derive(clap::Args)]
pub struct Args {
    /// The wit-lsp binary [default: `wit-lsp` next to this executable]
    #[arg(long, value_name = "PATH")]
    wit_lsp: Option<PathBuf>,
    /// How many times to run each case.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// A large component to time from the cache (`.wasm`), with its WIT and
    /// a call; see BENCHMARKS.md for building one with componentize-py.
    #[arg(long, value_name = "COMPONENT", requires_all = ["large_wit", "large_invoke"])]
    large: Option<PathBuf>,
    /// The WIT package the large component targets.
    #[arg(long, value_name = "PATH")]
    large_wit: Option<PathBuf>,
    /// The call to make on the large component, in WAVE.
    #[arg(long, value_name = "CALL")]
    large_invoke: Option<String>,
}

/// The example the README's quick start runs.
const EXAMPLE: [&str; 5] = [
    "examples/greeter/greeter.wat",
    "--wit",
    "examples/greeter/wit",
    "--invoke",
    r#"greet("world")"#,
];

pub fn run(args: &Args) -> Result<ExitCode> {
    let wit_lsp = check::find_wit_lsp(args.wit_lsp.as_deref())?;
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    println!("wit-lsp: {}", check::version(&wit_lsp));
    let mut rows = Vec::new();

    let cold: Vec<&str> = EXAMPLE.iter().copied().chain(["--no-cache"]).collect();
    let cache = TempDir::new()?;
    for (label, call) in [
        ("example, no cache (cold)", &cold[..]),
        ("example, cached", &EXAMPLE[..]),
    ] {
        rows.push(process_row(label, &wit_lsp, &repository, call, &cache.0, args.runs)?.0);
    }

    if let (Some(large), Some(wit), Some(invoke)) =
        (&args.large, &args.large_wit, &args.large_invoke)
    {
        let bytes = std::fs::read(large).with_context(|| format!("{}", large.display()))?;
        let label = format!(
            "{} ({:.1} MB)",
            large.file_name().unwrap_or_default().to_string_lossy(),
            bytes.len() as f64 / 1e6
        );
        let cache = TempDir::new()?;
        // Processes first: a child forked from this process would count the
        // pages of in-process runs as its own peak RSS.
        let large = std::fs::canonicalize(large)?;
        let wit = std::fs::canonicalize(wit)?;
        let process = [
            large.to_str().context("a UTF-8 path")?,
            "--wit",
            wit.to_str().context("a UTF-8 path")?,
            "--invoke",
            invoke,
        ];
        let (row, compile) = process_row(
            &format!("{label}, cached: whole `wit-lsp run`"),
            &wit_lsp,
            &repository,
            &process,
            &cache.0,
            args.runs,
        )?;
        println!(
            "{label}: the first `wit-lsp run` (compiling, filling the cache) took {} ms, \
             peak RSS {} MiB",
            table::milliseconds(compile.wall),
            table::mebibytes(compile.peak_rss_bytes)
        );
        rows.push(row);

        let options = RunOptions {
            invoke: Some(invoke.clone()),
            cache_dir: Some(cache.0.clone()),
            output: Output::Capture,
            ..RunOptions::default()
        };
        let mut to_first_call = Vec::new();
        let mut loads = Vec::new();
        for _ in 0..args.runs {
            let outcome = wit_run::run(&bytes, &options)?;
            ensure!(
                matches!(outcome.status, Status::Returned(_)),
                "{}: the call did not return: {:?}",
                large.display(),
                outcome.status
            );
            ensure!(outcome.timings.cached, "the cache was not used");
            to_first_call.push(outcome.timings.to_first_call);
            loads.push(outcome.timings.load);
        }
        rows.push(summary_row(
            &format!("{label}, cached: in process, to the first call"),
            &mut to_first_call,
            None,
        ));
        rows.push(summary_row(
            &format!("{label}, cached: in process, loading the compiled code"),
            &mut loads,
            None,
        ));
    }

    table::print(
        &["case", "median ms", "max ms", "peak RSS MiB"],
        &rows,
        &[0],
    );
    Ok(ExitCode::SUCCESS)
}

/// `wit-lsp run ARGS` as a process, `runs` times, with the cache in
/// `cache_dir`, after one run that warms it (returned apart).
fn process_row(
    label: &str,
    wit_lsp: &Path,
    dir: &Path,
    args: &[&str],
    cache_dir: &Path,
    runs: u32,
) -> Result<(Vec<String>, measure::Sample)> {
    let command = || {
        let mut command = Command::new(wit_lsp);
        command
            .arg("run")
            .args(args)
            .current_dir(dir)
            .env("WIT_LSP_CACHE_DIR", cache_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    let warm_up = measure::run(&mut command())?;
    let mut walls = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let sample = measure::run(&mut command())?;
        ensure!(
            sample.status.success(),
            "`wit-lsp run {}` failed: {}",
            args.join(" "),
            sample.status
        );
        walls.push(sample.wall);
        peak = peak.max(sample.peak_rss_bytes);
    }
    Ok((summary_row(label, &mut walls, Some(peak)), warm_up))
}

fn summary_row(label: &str, times: &mut [Duration], peak_rss: Option<u64>) -> Vec<String> {
    times.sort();
    vec![
        label.to_string(),
        table::milliseconds(times[times.len() / 2]),
        table::milliseconds(times[times.len() - 1]),
        peak_rss.map_or("–".to_string(), table::mebibytes),
    ]
}
