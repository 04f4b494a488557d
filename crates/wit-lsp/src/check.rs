//! `wit-lsp check [PATH…]`: every problem in the WIT packages at or below the
//! paths, in the format a person or a CI service reads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wit_analysis::{LintLevel, Package, Resolved, Settings, Severity, Workspace};

use crate::EXIT_USAGE;
use crate::report::{ColorChoice, Format, Report, display_path};

/// What to check and how to report it.
pub(crate) struct CheckArgs {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) format: Format,
    pub(crate) color: ColorChoice,
    pub(crate) features: Vec<String>,
    pub(crate) all_features: bool,
    /// Lint levels in the order they were given: a later one wins.
    pub(crate) lint_levels: Vec<(String, LintLevel)>,
}

pub(crate) fn run(args: CheckArgs) -> ExitCode {
    let mut settings = Settings {
        features: args.features,
        all_features: args.all_features,
        ..Settings::default()
    };
    for (lint, level) in &args.lint_levels {
        if let Err(error) = settings.lints.set(lint, *level) {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };

    let mut workspace = Workspace::new();
    workspace.settings = settings;
    let mut load_errors = Vec::new();
    for path in &paths {
        match workspace.find_roots(path) {
            Ok(roots) => {
                for root in roots {
                    if !workspace.roots().contains(&root) {
                        workspace.add_root(root);
                    }
                }
            }
            Err(error) => load_errors.push(Err(error)),
        }
    }
    let mut results = workspace.analyze();
    results.extend(load_errors);
    let report = Report::new(results);

    let (output, to_stdout) = report.render(args.format, args.color);
    // A closed pipe (`check | head`) is not worth a panic.
    let _ = if to_stdout {
        std::io::stdout().lock().write_all(output.as_bytes())
    } else {
        std::io::stderr().lock().write_all(output.as_bytes())
    };

    let exit = if !report.load_errors.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if report.count(Severity::Error) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing every tree, text and wit-parser's
    // `Resolve` one allocation at a time would only delay the exit.
    std::mem::forget(report);
    exit
}

/// A package wit-parser accepted: what `world` and `targets` work on.
pub(crate) struct Accepted {
    pub(crate) package: Package,
    pub(crate) resolved: Resolved,
}

/// The one package at `path`, when wit-parser accepts it. Otherwise the
/// problem has been reported (the package's errors as `check` prints them,
/// exit 1; a path that is unreadable or holds several packages, exit 2) and
/// the exit code is the error.
pub(crate) fn accepted_package(path: &Path) -> Result<Accepted, ExitCode> {
    let workspace = Workspace::new();
    let roots = workspace
        .find_roots(path)
        .map_err(|error| usage_error(&error.to_string()))?;
    let [root] = &roots[..] else {
        return Err(usage_error(&format!(
            "{} holds several packages; give one package directory or file",
            display_path(path)
        )));
    };
    let analysis = workspace
        .analyze_root(root)
        .map_err(|error| usage_error(&error.to_string()))?;
    if !analysis.has_errors()
        && let Some(resolved) = analysis.resolved
    {
        return Ok(Accepted {
            package: analysis.package,
            resolved,
        });
    }
    // The same report `check` prints, so the errors read the same.
    let report = Report::new(vec![Ok(analysis)]);
    let (output, _) = report.render(Format::Human, ColorChoice::Auto);
    let _ = std::io::stderr().lock().write_all(output.as_bytes());
    Err(ExitCode::FAILURE)
}

/// Says what is wrong with the command line or a path; exit code 2.
pub(crate) fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}
