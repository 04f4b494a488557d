//! `wit-lsp targets COMPONENT --wit PATH`: every way a component (binary or
//! text) fails to target a world, one line each.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use wit_analysis::targets::{check_targets, read_component, report, select_world};

use crate::check::{accepted_package, usage_error};
use crate::report::display_path;

pub(crate) fn run(
    component: &Path,
    wit: &Path,
    world_name: Option<&str>,
    allow_wasi: bool,
) -> ExitCode {
    let bytes = match load_component(component) {
        Ok(bytes) => bytes,
        Err(exit) => return exit,
    };
    let accepted = match accepted_package(wit) {
        Ok(accepted) => accepted,
        Err(exit) => return exit,
    };
    let resolved = &accepted.resolved;
    let world = match select_world(resolved, world_name) {
        Ok(world) => &resolved.resolve.worlds[world].name,
        Err(error) => return usage_error(&error.to_string()),
    };
    let mismatches = match check_targets(&bytes, resolved, world_name, allow_wasi) {
        Ok(mismatches) => mismatches,
        Err(error) => return usage_error(&format!("{}: {error}", display_path(component))),
    };

    let output = report(&display_path(component), world, &mismatches);
    // A closed pipe (`targets | head`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(output.as_bytes());
    if mismatches.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The component's bytes (a `.wat` is assembled), or the reported error.
pub(crate) fn load_component(component: &Path) -> Result<Vec<u8>, ExitCode> {
    read_component(component).map_err(|error| {
        // Worded as `check` words a missing path, whatever the platform.
        if error.kind() == io::ErrorKind::NotFound {
            usage_error(&format!(
                "{}: no such file or directory",
                display_path(component)
            ))
        } else {
            usage_error(&format!("{}: {error}", display_path(component)))
        }
    })
}
