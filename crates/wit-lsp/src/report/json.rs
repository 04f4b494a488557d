//! `--format json`: one document, whose schema docs/check-json.md describes.
//! Fields are only ever added, never renamed or removed, within a `version`.

use serde_json::{Value, json};
use wit_analysis::Severity;

use super::{Located, Position, Report, display_path, load_error_position, severity_name};

/// Bumped when a field changes meaning or goes away.
const SCHEMA_VERSION: u32 = 1;

pub(super) fn render(report: &Report) -> String {
    let diagnostics: Vec<Value> = report.diagnostics.iter().map(diagnostic).collect();
    let load_errors: Vec<Value> = report
        .load_errors
        .iter()
        .map(|error| {
            let mut value = json!({
                "file": display_path(&error.path),
                "message": error.to_string(),
            });
            if let Some((position, offset)) = load_error_position(error) {
                value["position"] = position_json(position, offset);
            }
            value
        })
        .collect();
    let document = json!({
        "version": SCHEMA_VERSION,
        "diagnostics": diagnostics,
        "load_errors": load_errors,
        "summary": {
            "packages": report.packages,
            "files": report.files,
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
        },
    });
    let mut out = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    out.push('\n');
    out
}

fn diagnostic(located: &Located) -> Value {
    let diagnostic = &located.diagnostic;
    json!({
        "file": display_path(&diagnostic.path),
        "severity": severity_name(diagnostic.severity),
        "code": diagnostic.code,
        "message": diagnostic.message,
        "range": {
            "start": position_json(located.start, diagnostic.range.start),
            "end": position_json(located.end, diagnostic.range.end),
        },
    })
}

fn position_json(position: Position, offset: usize) -> Value {
    json!({ "line": position.line, "column": position.column, "offset": offset })
}
