//! `wit-lsp world PATH`: a world's imports and exports as wit-parser
//! elaborates them, after every `include … with` and with the interfaces
//! that `use` pulls in.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use wit_analysis::Workspace;
use wit_analysis::nav::Index;
use wit_analysis::world::{self, ElaboratedWorld, WorldEntry};

use crate::EXIT_USAGE;
use crate::report::{ColorChoice, Format, Report};

/// How `world` prints the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum WorldFormat {
    /// An indented list for people.
    Text,
    /// One JSON object (schema in docs/world.md).
    Json,
}

pub(crate) fn run(path: &Path, world_name: Option<&str>, format: WorldFormat) -> ExitCode {
    let workspace = Workspace::new();
    let analysis = match workspace
        .find_roots(path)
        .and_then(|roots| match &roots[..] {
            [root] => workspace.analyze_root(root).map(Some),
            _ => Ok(None),
        }) {
        Ok(Some(analysis)) => analysis,
        Ok(None) => {
            return usage_error(&format!(
                "{} holds several packages; give one package directory or file",
                path.display()
            ));
        }
        Err(error) => return usage_error(&error.to_string()),
    };
    let resolved = match &analysis.resolved {
        Some(resolved) if !analysis.has_errors() => resolved,
        _ => {
            // The same report `check` prints, so the errors read the same.
            let report = Report::new(vec![Ok(analysis)]);
            let (output, _) = report.render(Format::Human, ColorChoice::Auto);
            let _ = std::io::stderr().lock().write_all(output.as_bytes());
            return ExitCode::FAILURE;
        }
    };
    let index = Index::new(&analysis.package, Some(resolved));
    let world = match world::elaborate(resolved, &index, world_name) {
        Ok(world) => world,
        Err(error) => return usage_error(&error.to_string()),
    };
    let output = match format {
        WorldFormat::Text => render_text(&world),
        WorldFormat::Json => render_json(&world),
    };
    // A closed pipe (`world | head`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(output.as_bytes());
    ExitCode::SUCCESS
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

fn render_text(world: &ElaboratedWorld) -> String {
    let mut out = format!("world {}\n", world.name);
    for (title, entries) in [("imports", &world.imports), ("exports", &world.exports)] {
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("  {title}:\n"));
        for entry in entries {
            let note = if entry.pulled_in {
                "  (pulled in by use)"
            } else {
                ""
            };
            out.push_str(&format!("    {entry}{note}\n"));
        }
    }
    out
}

fn render_json(world: &ElaboratedWorld) -> String {
    let entries = |entries: &[WorldEntry]| -> Vec<serde_json::Value> {
        entries
            .iter()
            .map(|entry| {
                serde_json::json!({
                    "name": entry.name,
                    "kind": entry.kind.keyword(),
                    "signature": entry.signature,
                    "pulled_in": entry.pulled_in,
                })
            })
            .collect()
    };
    let document = serde_json::json!({
        "world": world.name,
        "imports": entries(&world.imports),
        "exports": entries(&world.exports),
    });
    let mut out = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    out.push('\n');
    out
}
