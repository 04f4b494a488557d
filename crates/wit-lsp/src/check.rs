//! `wit-lsp check [PATH…]`: every problem in the WIT packages at or below the
//! paths, in the format a person or a CI service reads.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use wit_analysis::{LintLevel, Settings, Severity, Workspace};

use crate::EXIT_USAGE;
use crate::report::{ColorChoice, Format, Report};

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

    if !report.load_errors.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if report.count(Severity::Error) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
