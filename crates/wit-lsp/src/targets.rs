//! `wit-lsp targets COMPONENT --wit PATH`: every way a component (binary or
//! text) fails to target a world, one line each.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use wit_analysis::targets::{check_targets, read_component, select_world};

use crate::check::{accepted_package, usage_error};
use crate::report::display_path;

pub(crate) fn run(
    component: &Path,
    wit: &Path,
    world_name: Option<&str>,
    allow_wasi: bool,
) -> ExitCode {
    let bytes = match read_component(component) {
        Ok(bytes) => bytes,
        // Worded as `check` words a missing path, whatever the platform.
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return usage_error(&format!(
                "{}: no such file or directory",
                display_path(component)
            ));
        }
        Err(error) => return usage_error(&format!("{}: {error}", display_path(component))),
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

    let mut output = String::new();
    for mismatch in &mismatches {
        output.push_str(&format!("{mismatch}\n"));
    }
    let component = display_path(component);
    let verdict = match mismatches.len() {
        0 => format!("`{component}` targets world `{world}`\n"),
        1 => format!("`{component}` does not target world `{world}`: 1 mismatch\n"),
        count => format!("`{component}` does not target world `{world}`: {count} mismatches\n"),
    };
    output.push_str(&verdict);
    // A closed pipe (`targets | head`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(output.as_bytes());
    if mismatches.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
