//! `textDocument/codeLens`: above each world whose component is known (see
//! `components.rs`), a lens per command that takes a world and its
//! component.

use std::path::Path;

use serde_json::json;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::state::file_path;
use super::{Backend, commands};

/// A lens above a world: the command it runs, with the world's arguments
/// (`commands.rs`), and its title for the world's component.
struct WorldLens {
    command: &'static str,
    title: fn(component: &str) -> String,
}

/// The lenses of each world, in order.
const WORLD_LENSES: &[WorldLens] = &[
    WorldLens {
        command: commands::RUN_WORLD,
        title: |component| format!("▶ Run {component}"),
    },
    WorldLens {
        command: commands::CHECK_COMPONENT,
        title: |component| format!("Check component {component}"),
    },
];

pub(super) async fn code_lens(
    backend: &Backend,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>> {
    let uri = params.text_document.uri;
    let Some(path) = file_path(&uri) else {
        return Ok(None);
    };
    let components = backend.state().world_components(&path);
    if components.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let wit_file = uri.as_str().to_owned();
    let answer = backend
        .query(&uri, None, move |index, cursor, locator| {
            let mut lenses = Vec::new();
            for world in index.worlds() {
                let Some(component) = components.get(&world.name) else {
                    continue;
                };
                if world.location.path != cursor.path {
                    continue;
                }
                let Some(range) = locator.range(&world.location.path, world.location.range) else {
                    continue;
                };
                let arguments = json!({
                    "uri": wit_file,
                    "world": world.name,
                    "component": component.display().to_string(),
                });
                let file_name = component
                    .file_name()
                    .map_or(component.as_path(), Path::new)
                    .display()
                    .to_string();
                lenses.extend(WORLD_LENSES.iter().map(|lens| CodeLens {
                    range,
                    command: Some(Command {
                        title: (lens.title)(&file_name),
                        command: lens.command.to_owned(),
                        arguments: Some(vec![arguments.clone()]),
                    }),
                    data: None,
                }));
            }
            lenses
        })
        .await?;
    Ok(answer)
}
