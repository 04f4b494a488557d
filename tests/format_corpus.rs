//! The formatter on the shared corpus: every file without syntax errors
//! formats to a fixed point and keeps its comments, and every unit that
//! wasm-tools accepts resolves, once formatted, to the same packages, docs
//! included (wit-parser takes the comments before an item as its docs), as
//! `wit-component`'s printer shows them.

use std::path::{Path, PathBuf};

use wit_analysis::Workspace;
use wit_component::WitPrinter;
use wit_lsp_tests::{Verdict, corpus_dir, manifest};
use wit_syntax::{FormatOptions, format};

/// The text of every comment of `text`, in order, without trailing
/// whitespace (which wit-parser drops from docs too).
fn comments(text: &str) -> Vec<String> {
    let parse = wit_syntax::parse(text);
    let mut found = Vec::new();
    let mut cursor = parse.tree().walk();
    'walk: loop {
        let node = cursor.node();
        if matches!(node.kind(), "comment" | "doc_comment") {
            found.push(text[node.byte_range()].trim_end().to_owned());
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    found
}

/// Every package wit-parser resolved for the root, as wit-component prints
/// it, or why it could not.
fn printed(workspace: &Workspace, root: &Path) -> Result<String, String> {
    let analysis = workspace
        .analyze_root(root)
        .map_err(|error| error.to_string())?;
    let resolved = analysis.resolved.ok_or("wit-parser rejected it")?;
    let mut printed = String::new();
    for (id, _) in resolved.resolve.packages.iter() {
        let mut printer = WitPrinter::default();
        printer
            .print(&resolved.resolve, id, &[])
            .map_err(|error| error.to_string())?;
        printed.push_str(&printer.output.to_string());
    }
    Ok(printed)
}

#[test]
fn corpus_formats_idempotently_and_keeps_meaning() {
    let corpus = corpus_dir();
    let options = FormatOptions::default();
    let (mut files, mut changed, mut skipped_broken, mut comment_count) = (0, 0, 0, 0);
    let (mut units, mut unprintable) = (0, 0);
    let mut failures = Vec::new();
    let mut seen = std::collections::HashSet::<PathBuf>::new();

    for unit in manifest(&corpus) {
        let mut formatted_files = Vec::new();
        for path in unit.wit_files(&corpus) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Some(formatted) = format(&wit_syntax::parse(text.as_str()), &options) else {
                if seen.insert(path.clone()) {
                    skipped_broken += 1;
                }
                continue;
            };
            let first_visit = seen.insert(path.clone());
            if first_visit {
                files += 1;
                changed += usize::from(formatted != text);
                let again = format(&wit_syntax::parse(formatted.as_str()), &options);
                if again.as_deref() != Some(formatted.as_str()) {
                    failures.push(format!("{}: not idempotent", path.display()));
                }
                let before = comments(&text);
                comment_count += before.len();
                if before != comments(&formatted) {
                    failures.push(format!("{}: comments changed", path.display()));
                }
            }
            formatted_files.push((path, formatted));
        }

        if unit.verdict != Verdict::Ok {
            continue;
        }
        let root = corpus.join(&unit.path);
        let original = unit.workspace(&corpus);
        let mut reformatted = original.clone();
        for (path, formatted) in formatted_files {
            reformatted.set_overlay(path, formatted);
        }
        match (printed(&original, &root), printed(&reformatted, &root)) {
            (Ok(before), Ok(after)) => {
                units += 1;
                if before != after {
                    failures.push(format!("{}: resolves differently", unit.path));
                }
            }
            (Err(_), Err(_)) => unprintable += 1,
            (before, after) => failures.push(format!(
                "{}: before: {:?}, after: {:?}",
                unit.path,
                before.err(),
                after.err()
            )),
        }
    }

    println!(
        "format: {files} files formatted ({changed} changed, {comment_count} comments kept), \
         {skipped_broken} with syntax errors left alone; \
         {units} valid units resolve to the same printed packages \
         ({unprintable} that neither version could print)"
    );
    assert!(files > 0, "no corpus file was formatted");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
