//! `--format sarif`: a SARIF 2.1.0 log
//! (<https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>), as
//! code-scanning services read it. Columns are in Unicode code points, which
//! the run declares with `columnKind`.

use std::path::Path;

use serde_json::{Value, json};
use wit_analysis::Severity;
use wit_analysis::lint::LINTS;
use wit_analysis::rules;

use super::{Report, display_path, load_error_position, severity_name};

pub(super) fn render(report: &Report) -> String {
    let rules: Vec<Value> = rules::ERRORS
        .iter()
        .chain(LINTS)
        .map(|rule| json!({ "id": rule.code, "shortDescription": { "text": rule.description } }))
        .collect();
    let mut results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|located| {
            let diagnostic = &located.diagnostic;
            let mut region = json!({
                "startLine": located.start.line,
                "startColumn": located.start.column,
                "endLine": located.end.line,
                "endColumn": located.end.column,
            });
            if located.text.is_none() {
                region = json!({ "byteOffset": 0 });
            }
            let mut result = json!({
                "level": severity_name(diagnostic.severity),
                "message": { "text": diagnostic.message },
                "locations": [location(&diagnostic.path, region)],
            });
            if let Some(code) = diagnostic.code {
                result["ruleId"] = json!(code);
            }
            result
        })
        .collect();
    // Unreadable files are results too, so that a code-scanning service shows them.
    results.extend(report.load_errors.iter().map(|error| {
        let region = match load_error_position(error) {
            Some((position, _)) => json!({
                "startLine": position.line,
                "startColumn": position.column,
            }),
            None => json!({ "byteOffset": 0 }),
        };
        json!({
            "level": severity_name(Severity::Error),
            "message": { "text": error.to_string() },
            "locations": [location(&error.path, region)],
        })
    }));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "wit-lsp",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("JSON values always serialize");
    out.push('\n');
    out
}

fn location(path: &Path, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_reference(path) },
            "region": region,
        },
    })
}

/// `path` as a URI reference: relative paths stay relative (to where `check`
/// ran), absolute ones become `file:` URIs; reserved characters are escaped.
fn uri_reference(path: &Path) -> String {
    let shown = display_path(path);
    let mut uri = String::with_capacity(shown.len());
    if path.is_absolute() {
        uri.push_str("file://");
        if !shown.starts_with('/') {
            uri.push('/');
        }
    }
    for byte in shown.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            // A drive letter's colon (`C:`) may stay.
            b':' if path.is_absolute() => uri.push(':'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference(Path::new("wit/a b.wit")), "wit/a%20b.wit");
        assert_eq!(
            uri_reference(Path::new("/w/é#1.wit")),
            "file:///w/%C3%A9%231.wit"
        );
    }
}
