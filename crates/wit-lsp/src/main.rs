//! `wit-lsp`: one binary for the language server and the command line, so that
//! `wit-lsp check` and the editor's live diagnostics share one code path.

mod check;
mod fmt;
mod parse;
mod report;
mod run;
mod targets;
mod world;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};
use wit_analysis::LintLevel;

use crate::check::CheckArgs;
use crate::report::{ColorChoice, Format};
use crate::run::RunArgs;
use crate::world::WorldFormat;

/// Exit code for a usage or I/O problem (as opposed to errors in the WIT itself).
pub(crate) const EXIT_USAGE: u8 = 2;

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
    ///
    /// Exits 0 when there are no errors, 1 when there are, 2 when a path
    /// cannot be read or the command line is wrong.
    Check {
        /// WIT files, package directories, or directories to search for
        /// packages (directories with `.wit` files) [default: .]
        paths: Vec<PathBuf>,
        /// How to print what was found.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// When to colour human output.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Enable these `@unstable` features (comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "FEATURES")]
        features: Vec<String>,
        /// Enable every `@unstable` feature.
        #[arg(long)]
        all_features: bool,
        /// Silence a lint (`warnings` for all).
        #[arg(short = 'A', long = "allow", value_name = "LINT")]
        allow: Vec<String>,
        /// Report a lint as a warning.
        #[arg(short = 'W', long = "warn", value_name = "LINT")]
        warn: Vec<String>,
        /// Report a lint as an error (`warnings` for all), so that it fails the check.
        #[arg(short = 'D', long = "deny", value_name = "LINT")]
        deny: Vec<String>,
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
    /// Print a world's imports and exports after every `include … with`,
    /// with the interfaces `use` pulls in.
    ///
    /// Exits 0 when the world is printed, 1 when the package has errors, 2
    /// when a path cannot be read or the command line is wrong.
    World {
        /// A WIT file or package directory.
        path: PathBuf,
        /// The world to show, when the package has several.
        #[arg(long)]
        world: Option<String>,
        /// How to print the world.
        #[arg(long, value_enum, default_value_t = WorldFormat::Text)]
        format: WorldFormat,
    },
    /// Check that a component (.wasm or .wat) targets a world.
    ///
    /// Exits 0 when it does, 1 when it does not (or the WIT has errors), 2
    /// when a file cannot be read or is not a component.
    Targets {
        /// The component.
        component: PathBuf,
        /// The WIT file or package directory that defines the world.
        #[arg(long)]
        wit: PathBuf,
        /// The world to target, when the package has several.
        #[arg(long)]
        world: Option<String>,
        /// Allow WASI 0.2 imports the world does not list: the host provides them.
        #[arg(long)]
        allow_wasi: bool,
    },
    /// Run a component against a world in an embedded Wasmtime, with WASI 0.2
    /// and a stub for every other import.
    ///
    /// The component must target the world (WASI 0.2 imports are allowed).
    /// Prints each result in WAVE. Exits 0 when the call returns, the guest's
    /// code when it exits, 1 when the component does not target the world,
    /// traps, runs out of time or memory, 2 when the command line or a file is
    /// wrong.
    Run(RunArgs),
}

fn main() -> ExitCode {
    quiet_wit_parser_panics();
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    match cli.command.unwrap_or(Command::Serve) {
        Command::Parse { file } => parse::run(&file),
        Command::Serve => wit_lsp::server::run_stdio(),
        Command::Check {
            paths,
            format,
            color,
            features,
            all_features,
            ..
        } => {
            let check_matches = matches
                .subcommand_matches("check")
                .expect("the check subcommand was parsed");
            check::run(CheckArgs {
                paths,
                format,
                color,
                features,
                all_features,
                lint_levels: lint_levels(check_matches),
            })
        }
        Command::Fmt { check, paths } => fmt::run(&paths, check),
        Command::World {
            path,
            world,
            format,
        } => world::run(&path, world.as_deref(), format),
        Command::Targets {
            component,
            wit,
            world,
            allow_wasi,
        } => targets::run(&component, &wit, world.as_deref(), allow_wasi),
        Command::Run(args) => run::run(args),
    }
}

/// The analysis catches wit-parser's panics and reports them as diagnostics;
/// the default hook would also print them. Panics anywhere else are our bugs
/// and print as usual.
fn quiet_wit_parser_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_wit_parser = info
            .location()
            .is_some_and(|location| location.file().contains("/wit-parser-"));
        if !in_wit_parser {
            default_hook(info);
        }
    }));
}

/// `--allow`, `--warn` and `--deny` in the order given, as rustc applies them.
fn lint_levels(matches: &ArgMatches) -> Vec<(String, LintLevel)> {
    let mut levels = Vec::new();
    for (id, level) in [
        ("allow", LintLevel::Allow),
        ("warn", LintLevel::Warn),
        ("deny", LintLevel::Deny),
    ] {
        let (Some(indices), Some(names)) = (matches.indices_of(id), matches.get_many::<String>(id))
        else {
            continue;
        };
        levels.extend(
            indices
                .zip(names)
                .map(|(index, name)| (index, name.clone(), level)),
        );
    }
    levels.sort_by_key(|(index, _, _)| *index);
    levels
        .into_iter()
        .map(|(_, name, level)| (name, level))
        .collect()
}
