//! `wit-lsp run COMPONENT --wit PATH`: checks that the component targets the
//! world (WASI 0.2 imports allowed), then runs it in the embedded Wasmtime
//! and prints each result in WAVE.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use wit_analysis::targets::{check_targets, report, select_world};
use wit_run::{DirGrant, Output, RunError, RunOptions, SpecError, Status};

use crate::check::{accepted_package, usage_error};
use crate::report::{ColorChoice, display_path};
use crate::targets::load_component;

/// The command line of `run`.
#[derive(clap::Args)]
pub(crate) struct RunArgs {
    /// The component (.wasm or .wat).
    component: PathBuf,
    /// The WIT file or package directory that defines the world.
    #[arg(long)]
    wit: PathBuf,
    /// The world to run against, when the package has several.
    #[arg(long)]
    world: Option<String>,
    /// The export to call, in WAVE: `greet("world")`,
    /// `example:greeter/greeter#greet("world")` [default: wasi:cli/run]
    #[arg(long, value_name = "CALL")]
    invoke: Option<String>,
    /// What a stubbed import returns, in WAVE: `logger#level=3`
    /// (otherwise the zero of its type).
    #[arg(long = "stub", value_name = "FUNCTION=VALUE")]
    stubs: Vec<String>,
    /// Share a host directory with the guest, at GUEST or its own path.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    dirs: Vec<String>,
    /// Give the guest an environment variable (KEY alone: the host's value).
    #[arg(long = "env", value_name = "KEY[=VALUE]")]
    env: Vec<String>,
    /// Let the guest use the network.
    #[arg(long)]
    inherit_network: bool,
    /// Let the guest read the host's clocks (otherwise both read zero).
    #[arg(long)]
    inherit_clocks: bool,
    /// Stop the guest after this long.
    #[arg(long, default_value = "10s", value_parser = wit_run::parse_duration)]
    timeout: Duration,
    /// The guest's linear memory limit, all memories together.
    #[arg(long, default_value = "256MiB", value_parser = wit_run::parse_size)]
    max_memory: usize,
    /// Compile the component even when a compiled copy is cached.
    #[arg(long)]
    no_cache: bool,
    /// Arguments for the guest, after `--`.
    #[arg(last = true, value_name = "ARGS")]
    args: Vec<String>,
}

pub(crate) fn run(args: RunArgs) -> ExitCode {
    let bytes = match load_component(&args.component) {
        Ok(bytes) => bytes,
        Err(exit) => return exit,
    };
    let accepted = match accepted_package(&args.wit) {
        Ok(accepted) => accepted,
        Err(exit) => return exit,
    };
    let resolved = &accepted.resolved;
    let world = match select_world(resolved, args.world.as_deref()) {
        Ok(world) => &resolved.resolve.worlds[world].name,
        Err(error) => return usage_error(&error.to_string()),
    };
    let mismatches = match check_targets(&bytes, resolved, args.world.as_deref(), true) {
        Ok(mismatches) => mismatches,
        Err(error) => {
            return usage_error(&format!("{}: {error}", display_path(&args.component)));
        }
    };
    if !mismatches.is_empty() {
        let verdict = report(&display_path(&args.component), world, &mismatches);
        let _ = std::io::stderr().lock().write_all(verdict.as_bytes());
        eprintln!("error: not running a component that does not target its world");
        return ExitCode::FAILURE;
    }

    let options = match options(&args) {
        Ok(options) => options,
        Err(message) => return usage_error(&message),
    };
    let outcome = match wit_run::run(&bytes, &options) {
        Ok(outcome) => outcome,
        Err(RunError::Spec(error)) => {
            eprint!("{}", render_spec_error(&error));
            return ExitCode::from(crate::EXIT_USAGE);
        }
        Err(error @ RunError::Link(_)) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
        Err(error) => return usage_error(&error.to_string()),
    };
    tracing::debug!(?outcome.timings, "ran {}", outcome.function);
    if let Some(failure) = outcome.failure() {
        let hint = match outcome.status {
            Status::TimedOut(_) => " (raise it with --timeout)",
            Status::OutOfMemory { .. } => " (raise it with --max-memory)",
            _ => "",
        };
        eprintln!("error: {failure}{hint}");
    }
    match outcome.status {
        Status::Returned(results) => {
            let mut stdout = std::io::stdout().lock();
            for result in results {
                let _ = writeln!(stdout, "{result}");
            }
            ExitCode::SUCCESS
        }
        Status::Exited(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Status::Trapped { .. } | Status::TimedOut(_) | Status::OutOfMemory { .. } => {
            ExitCode::FAILURE
        }
    }
}

fn options(args: &RunArgs) -> Result<RunOptions, String> {
    let dirs = args
        .dirs
        .iter()
        .map(|dir| DirGrant::parse(dir).map_err(|error| format!("--dir: {error}")))
        .collect::<Result<Vec<_>, _>>()?;
    let env = args
        .env
        .iter()
        .map(|env| wit_run::parse_env(env).map_err(|error| format!("--env: {error}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RunOptions {
        invoke: args.invoke.clone(),
        stubs: args.stubs.clone(),
        dirs,
        env,
        args: std::iter::once(wit_run::program_name(&args.component))
            .chain(args.args.iter().cloned())
            .collect(),
        inherit_network: args.inherit_network,
        inherit_clocks: args.inherit_clocks,
        timeout: args.timeout,
        max_memory: args.max_memory,
        cache_dir: if args.no_cache {
            None
        } else {
            wit_run::default_cache_dir()
        },
        output: Output::Inherit,
    })
}

/// A `--invoke` or `--stub` mistake, with the offending characters marked.
fn render_spec_error(error: &SpecError) -> String {
    let renderer = if ColorChoice::Auto.enabled() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut group = Level::ERROR
        .primary_title(format!("{}: {}", error.option, error.message))
        .element(
            Snippet::source(error.text.as_str())
                .line_start(1)
                .path(error.option)
                .annotation(AnnotationKind::Primary.span(error.span.clone())),
        );
    if let Some(help) = &error.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    format!("{}\n", renderer.render(&[group]))
}
