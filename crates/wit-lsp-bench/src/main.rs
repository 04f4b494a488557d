//! `wit-lsp-bench`: benchmarks for wit-lsp, run by hand (see `BENCHMARKS.md`).

mod check;
mod lsp;
mod measure;
mod requests;
mod run;
mod table;
mod typing;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use wit_lsp_bench::synth;

#[derive(Parser)]
#[command(name = "wit-lsp-bench", about = "Benchmarks for wit-lsp, run by hand")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a synthetic WIT workspace of at least N lines into OUT_DIR.
    Generate {
        /// The least number of lines to write.
        #[arg(long, value_name = "N")]
        lines: usize,
        /// Put every interface in one package directory, without deps/.
        #[arg(long)]
        single_package: bool,
        /// Another seed gives another workspace of the same shape.
        #[arg(long, default_value_t = synth::DEFAULT_SEED)]
        seed: u64,
        /// Where to write; must not exist or be empty.
        out_dir: PathBuf,
    },
    /// Time `wit-lsp check` against `wasm-tools component wit` on the
    /// corpus's largest package and on a synthetic workspace.
    Check(check::Args),
    /// Time the diagnostics of the real server, over stdio, while a function
    /// is typed into a package one character at a time.
    Typing(typing::Args),
    /// Time the real server's answers, over stdio, to completion, hover,
    /// definition and references on the identifiers of a file, and to the
    /// requests about the whole file.
    Requests(requests::Args),
    /// Time `wit-lsp run`: the example from a cold start, and a large
    /// component from the compile cache.
    Run(run::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate {
            lines,
            single_package,
            seed,
            out_dir,
        } => generate(lines, single_package, seed, &out_dir).map(|()| ExitCode::SUCCESS),
        Command::Check(args) => check::run(&args),
        Command::Typing(args) => typing::run(&args),
        Command::Requests(args) => requests::run(&args),
        Command::Run(args) => run::run(&args),
    };
    result.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(2)
    })
}

fn generate(lines: usize, single_package: bool, seed: u64, out_dir: &Path) -> Result<()> {
    if out_dir.exists() {
        let mut entries = std::fs::read_dir(out_dir)
            .with_context(|| format!("{}: cannot read the directory", out_dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{}: exists and is not empty; give a new or empty directory",
                out_dir.display()
            );
        }
    }
    let layout = if single_package {
        synth::Layout::SinglePackage
    } else {
        synth::Layout::WithDependencies
    };
    let workspace = synth::generate(&synth::Options {
        min_lines: lines,
        layout,
        seed,
    });
    workspace.write_to(out_dir)?;
    println!(
        "{}: {} lines in {} files",
        out_dir.display(),
        workspace.line_count(),
        workspace.files.len()
    );
    Ok(())
}
