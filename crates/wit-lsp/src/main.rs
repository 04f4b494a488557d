//! `wit-lsp`: one binary for the language server and the command line, so that
//! `wit-lsp check` and the editor's live diagnostics share one code path.

mod parse;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code for a usage or I/O problem (as opposed to errors in the WIT itself).
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(name = "wit-lsp", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdio (the default).
    Serve,
    /// Check WIT packages: every syntax error, wit-parser's verdict and lints.
    Check {
        /// Files or package directories [default: .]
        paths: Vec<PathBuf>,
    },
    /// Format WIT files in place, keeping comments.
    Fmt {
        /// Report files that are not formatted instead of rewriting them.
        #[arg(long)]
        check: bool,
        /// Files or directories [default: .]
        paths: Vec<PathBuf>,
    },
    /// Print the syntax tree of a WIT file; exit 1 if it has syntax errors.
    Parse {
        /// The `.wit` file to parse.
        file: PathBuf,
    },
    /// Print a world's imports and exports after every `include`.
    World {
        /// A WIT file or package directory.
        path: PathBuf,
        /// The world to show, when the package has several.
        #[arg(long)]
        world: Option<String>,
    },
    /// Check that a component (.wasm or .wat) targets a world.
    Targets {
        /// The component.
        component: PathBuf,
        /// The WIT file or package directory that defines the world.
        #[arg(long)]
        wit: PathBuf,
        #[arg(long)]
        world: Option<String>,
    },
    /// Run a component against a world in an embedded Wasmtime.
    Run {
        /// The component.
        component: PathBuf,
        /// The WIT file or package directory that defines the world.
        #[arg(long)]
        wit: PathBuf,
        #[arg(long)]
        world: Option<String>,
        /// The export to call, in WAVE: `greet("world")`.
        #[arg(long)]
        invoke: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Parse { file } => parse::run(&file),
        Command::Serve => not_available("serve"),
        Command::Check { .. } => not_available("check"),
        Command::Fmt { .. } => not_available("fmt"),
        Command::World { .. } => not_available("world"),
        Command::Targets { .. } => not_available("targets"),
        Command::Run { .. } => not_available("run"),
    }
}

/// The answer of a subcommand whose implementation has not landed yet.
fn not_available(command: &str) -> ExitCode {
    eprintln!("error: `wit-lsp {command}` is not available yet in this version of wit-lsp");
    ExitCode::from(EXIT_USAGE)
}

/// Reads a WIT file as UTF-8, or explains which file could not be read and why.
fn read_source(path: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&error.as_bytes()[..offset]).unwrap_or_default();
        let index = wit_syntax::LineIndex::new(valid);
        let position = index.line_col(offset);
        let column = valid[offset - position.col..].chars().count() + 1;
        format!(
            "{}:{}:{column}: file is not valid UTF-8",
            path.display(),
            position.line + 1,
        )
    })
}
