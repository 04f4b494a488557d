//! `wit-lsp world PATH`: a world's imports and exports as wit-parser
//! elaborates them, after every `include … with` and with the interfaces
//! that `use` pulls in.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use wit_analysis::nav::Index;
use wit_analysis::world::{self, ElaboratedWorld, WorldEntry};

use crate::check::{accepted_package, usage_error};

/// How `world` prints the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum WorldFormat {
    /// An indented list for people.
    Text,
    /// One JSON object (schema in docs/world.md).
    Json,
}

pub(crate) fn run(path: &Path, world_name: Option<&str>, format: WorldFormat) -> ExitCode {
    let accepted = match accepted_package(path) {
        Ok(accepted) => accepted,
        Err(exit) => return exit,
    };
    let resolved = &accepted.resolved;
    let index = Index::new(&accepted.package, Some(resolved));
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
