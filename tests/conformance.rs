//! The analysis against wasm-tools on the shared corpus: for every unit of
//! `MANIFEST.tsv`, the same verdict, and for rejected units the first
//! diagnostic in the same file, at the same line and column, with the same
//! message.

use std::path::Path;

use wit_analysis::PackageAnalysis;
use wit_lsp_tests::{Unit, Verdict, corpus_dir, manifest};
use wit_syntax::LineIndex;

/// Units under this folder were run from inside it, as upstream does, so the
/// paths in their messages are relative to it.
const WIT_PARSER_CRATE: &str = "wit-parser-0.263.0-crate";

/// Where a unit's messages' paths are relative to.
fn message_base(corpus: &Path, unit: &Unit) -> String {
    let base = if unit.path.starts_with(&format!("{WIT_PARSER_CRATE}/")) {
        corpus.join(WIT_PARSER_CRATE)
    } else {
        corpus.to_path_buf()
    };
    format!("{}/", base.display())
}

/// The first diagnostic's file (relative to the corpus), 1-based line and
/// byte column, and message.
fn first_error(
    corpus: &Path,
    unit: &Unit,
    analysis: &PackageAnalysis,
) -> Option<(String, usize, usize, String)> {
    let first = analysis.diagnostics.first()?;
    let text = analysis.text(&first.path).unwrap_or("");
    let position = LineIndex::new(text).line_col(first.range.start);
    let file = first
        .path
        .strip_prefix(corpus)
        .unwrap_or(&first.path)
        .display()
        .to_string();
    let message = first.message.replace(&message_base(corpus, unit), "");
    Some((file, position.line + 1, position.col + 1, message))
}

/// MANIFEST keeps one line of a multi-line message: the first (`package 'x'
/// not found. known packages:`), or for a duplicate package, which has no
/// code frame, the last (`* FILE:LINE:COL`).
fn same_message(ours: &str, manifest: &str) -> bool {
    let manifest = manifest.trim();
    let first = ours.lines().next().unwrap_or("").trim();
    let last = ours.lines().last().unwrap_or("").trim();
    first == manifest || (ours.contains('\n') && last == manifest)
}

#[test]
fn corpus_agrees_with_wit_parser() {
    let corpus = corpus_dir();
    let units = manifest(&corpus);
    let mut verdicts_agree = 0;
    let mut verdict_mismatches = Vec::new();
    let (mut located, mut locations_agree) = (0, 0);
    let mut location_mismatches = Vec::new();
    let mut columns_agree = 0;
    let mut column_mismatches = Vec::new();
    let (mut messages, mut messages_agree) = (0, 0);
    let mut message_mismatches = Vec::new();

    for unit in &units {
        let workspace = unit.workspace(&corpus);
        let analysis = match workspace.analyze_root(&corpus.join(&unit.path)) {
            Ok(analysis) => analysis,
            Err(error) => {
                verdict_mismatches.push(format!("{}: cannot load: {error}", unit.path));
                continue;
            }
        };
        let verdict = if analysis.has_errors() {
            Verdict::Error
        } else {
            Verdict::Ok
        };
        if verdict == unit.verdict {
            verdicts_agree += 1;
        } else {
            let first = analysis
                .diagnostics
                .first()
                .map(|d| format!("{}: {}", d.path.display(), d.message));
            verdict_mismatches.push(format!(
                "{}: wasm-tools says {:?}, we say {verdict:?} {}",
                unit.path,
                unit.verdict,
                first.unwrap_or_default()
            ));
        }
        if unit.verdict != Verdict::Error || verdict != Verdict::Error {
            continue;
        }
        let Some((file, line, col, message)) = first_error(&corpus, unit, &analysis) else {
            continue;
        };
        if let (Some(error_file), Some(error_line)) = (&unit.error_file, unit.error_line) {
            located += 1;
            if *error_file == file && error_line == line {
                locations_agree += 1;
                if unit.error_col == Some(col) {
                    columns_agree += 1;
                } else {
                    column_mismatches.push(format!(
                        "{}: wasm-tools column {:?}, we {col}",
                        unit.path, unit.error_col
                    ));
                }
            } else {
                location_mismatches.push(format!(
                    "{}: wasm-tools {error_file}:{error_line}, we {file}:{line}: {message}",
                    unit.path
                ));
            }
        }
        messages += 1;
        if same_message(&message, unit.bare_message()) {
            messages_agree += 1;
        } else {
            message_mismatches.push(format!(
                "{}:\n    wasm-tools: {}\n    we:         {message}",
                unit.path,
                unit.bare_message()
            ));
        }
    }

    println!(
        "verdict: {verdicts_agree}/{} agree; first error file+line: {locations_agree}/{located}; \
         message: {messages_agree}/{messages}; column: {columns_agree}/{located}",
        units.len()
    );
    assert!(
        verdict_mismatches.is_empty(),
        "verdicts differ:\n{}",
        verdict_mismatches.join("\n")
    );
    assert!(
        location_mismatches.is_empty(),
        "first errors in different places:\n{}",
        location_mismatches.join("\n")
    );
    assert!(
        column_mismatches.is_empty(),
        "first errors at different columns:\n{}",
        column_mismatches.join("\n")
    );
    assert!(
        message_mismatches.is_empty(),
        "first errors with different messages:\n{}",
        message_mismatches.join("\n")
    );
}
