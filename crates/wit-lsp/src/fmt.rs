//! `wit-lsp fmt`: formats `.wit` files in place, or with `--check` shows
//! what would change. Files with syntax errors are left as they are and
//! reported, since the formatter does not lay out broken trees.
//!
//! Exits 0 when every file is (now) formatted, 1 when one has syntax errors
//! or, with `--check`, would change, 2 when a path cannot be read or written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wit_analysis::Workspace;
use wit_syntax::FormatOptions;

use crate::EXIT_USAGE;
use crate::report::display_path;

/// Directories never searched for `.wit` files: build output and packages
/// of other ecosystems.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

pub(crate) fn run(paths: &[PathBuf], check: bool) -> ExitCode {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for path in paths {
        if let Err(error) = collect(path, &mut files) {
            let reason = match error.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
                _ => error.to_string(),
            };
            eprintln!("error: {}: {reason}", path.display());
            return ExitCode::from(EXIT_USAGE);
        }
    }
    files.sort();
    files.dedup();

    let workspace = Workspace::new();
    let (mut io_failed, mut unformatted) = (false, false);
    for file in &files {
        let text = match workspace.read_text(file) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: {error}");
                io_failed = true;
                continue;
            }
        };
        let parse = wit_syntax::parse(text.as_str());
        let Some(formatted) = wit_syntax::format(&parse, &FormatOptions::default()) else {
            let count = parse.errors().len();
            let noun = if count == 1 { "error" } else { "errors" };
            eprintln!(
                "{}: not formatted: {count} syntax {noun}",
                display_path(file)
            );
            unformatted = true;
            continue;
        };
        if formatted == text {
            continue;
        }
        if check {
            let name = display_path(file);
            print!(
                "{}",
                similar::TextDiff::from_lines(&text, &formatted)
                    .unified_diff()
                    .header(&name, &name)
            );
            unformatted = true;
        } else if let Err(error) = write_atomically(file, &formatted) {
            eprintln!("error: {}: cannot write: {error}", display_path(file));
            io_failed = true;
        }
    }
    if io_failed {
        ExitCode::from(EXIT_USAGE)
    } else if unformatted {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `path` if it is a file, else the `.wit` files below it.
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !std::fs::metadata(path)?.is_dir() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if entry.file_type()?.is_dir() {
                if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_ref()) {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|extension| extension == "wit") {
                files.push(path);
            }
        }
    }
    Ok(())
}

/// Replaces `path`'s contents by writing a file beside it and renaming it
/// over, so that an interrupted run never leaves half a file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.wit-lsp-fmt.tmp"));
    let permissions = std::fs::metadata(path)?.permissions();
    let written = std::fs::write(&temporary, text)
        .and_then(|()| std::fs::set_permissions(&temporary, permissions))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
