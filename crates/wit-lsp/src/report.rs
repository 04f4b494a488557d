//! What `wit-lsp check` found, and the formats it prints it in.
//!
//! The analysis speaks byte offsets; everything printed speaks 1-based lines
//! and columns counted in characters (Unicode scalar values), as rustc does.

mod github;
mod human;
mod json;
mod sarif;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use wit_analysis::{Diagnostic, LoadError, LoadErrorKind, PackageAnalysis, Severity};
use wit_syntax::LineIndex;

pub(crate) use human::ColorChoice;

/// A 1-based line and character column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Position {
    /// The position of byte `offset` of `text`, whose lines `index` knows.
    pub(crate) fn of(text: &str, index: &LineIndex, offset: usize) -> Position {
        let at = index.line_col(offset);
        let line_start = offset.min(text.len()) - at.col;
        let column = text
            .get(line_start..line_start + at.col)
            .map_or(at.col, |prefix| prefix.chars().count());
        Position {
            line: at.line + 1,
            column: column + 1,
        }
    }
}

/// A diagnostic and where it is in lines and columns.
pub(crate) struct Located {
    pub(crate) diagnostic: Diagnostic,
    pub(crate) start: Position,
    pub(crate) end: Position,
    /// The text the diagnostic's byte range refers to; `None` for a binary
    /// package that was read by wit-parser alone.
    pub(crate) text: Option<Arc<str>>,
}

/// Everything one run of `check` found.
#[derive(Default)]
pub(crate) struct Report {
    /// Sorted by file and position, each once even when several roots
    /// share the file (a dependency of two packages).
    pub(crate) diagnostics: Vec<Located>,
    /// Paths that could not be read.
    pub(crate) load_errors: Vec<LoadError>,
    pub(crate) packages: usize,
    pub(crate) files: usize,
    /// The analyses the diagnostics came from, kept whole: the caller decides
    /// when (and whether, at exit) their trees and `Resolve`s are freed.
    analyses: Vec<PackageAnalysis>,
}

impl Report {
    pub(crate) fn new(results: Vec<Result<PackageAnalysis, LoadError>>) -> Report {
        let mut report = Report::default();
        // Each file's text, and its line index once a diagnostic needs it.
        let mut texts: HashMap<PathBuf, (Arc<str>, Option<LineIndex>)> = HashMap::new();
        let mut diagnostics = Vec::new();
        for result in results {
            let mut analysis = match result {
                Ok(analysis) => analysis,
                Err(error) => {
                    report.load_errors.push(error);
                    continue;
                }
            };
            report.packages += 1;
            for file in analysis.package.files() {
                texts
                    .entry(file.path.clone())
                    .or_insert_with(|| (file.text.clone(), None));
            }
            diagnostics.append(&mut analysis.diagnostics);
            report.analyses.push(analysis);
        }
        report.files = texts.len();
        diagnostics.sort_by(|a, b| {
            (&a.path, a.range.start, a.range.end, &a.message).cmp(&(
                &b.path,
                b.range.start,
                b.range.end,
                &b.message,
            ))
        });
        diagnostics.dedup();
        report.diagnostics = diagnostics
            .into_iter()
            .map(|diagnostic| {
                let Some((text, index)) = texts.get_mut(&diagnostic.path) else {
                    let start = Position { line: 1, column: 1 };
                    return Located {
                        diagnostic,
                        start,
                        end: start,
                        text: None,
                    };
                };
                let index = index.get_or_insert_with(|| LineIndex::new(text));
                Located {
                    start: Position::of(text, index, diagnostic.range.start),
                    end: Position::of(text, index, diagnostic.range.end),
                    text: Some(text.clone()),
                    diagnostic,
                }
            })
            .collect();
        report
    }

    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|located| located.diagnostic.severity == severity)
            .count()
    }
}

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// rustc-style messages with source snippets, on stderr.
    Human,
    /// One JSON document on stdout (schema in docs/check-json.md).
    Json,
    /// GitHub Actions workflow commands (`::error file=…`) on stdout.
    Github,
    /// A SARIF 2.1.0 log on stdout, for code-scanning services.
    Sarif,
}

impl Report {
    /// The report in `format`, and whether it goes to stdout (machine
    /// formats) rather than stderr (messages for people).
    pub(crate) fn render(&self, format: Format, color: ColorChoice) -> (String, bool) {
        match format {
            Format::Human => (human::render(self, color), false),
            Format::Json => (json::render(self), true),
            Format::Github => (github::render(self), true),
            Format::Sarif => (sarif::render(self), true),
        }
    }
}

/// Where a load error is, when it is a position in a file.
fn load_error_position(error: &LoadError) -> Option<(Position, usize)> {
    match error.kind {
        LoadErrorKind::NotUtf8 {
            offset,
            line,
            column,
        } => Some((
            Position {
                line: line + 1,
                column: column + 1,
            },
            offset,
        )),
        _ => None,
    }
}

/// The path as printed: `/` separators, as every format here expects, and
/// no leading `./` (which searching `.` puts there).
pub(crate) fn display_path(path: &Path) -> String {
    let path = match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest,
        _ => path,
    };
    let shown = path.display().to_string();
    if std::path::MAIN_SEPARATOR == '/' {
        shown
    } else {
        shown.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The lines of `text` that `range` touches, with the range made relative to
/// them: snippets show these lines only, however long the file is.
fn lines_around(text: &str, range: Range<usize>) -> (Range<usize>, Range<usize>) {
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let first = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
    let last = text[end..]
        .find('\n')
        .map_or(text.len(), |newline| end + newline);
    (first..last, start - first..end - first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\ncé🙂x\n";
        let index = LineIndex::new(text);
        assert_eq!(
            Position::of(text, &index, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of(text, &index, 3),
            Position { line: 2, column: 1 }
        );
        // After `c`, `é` (2 bytes) and `🙂` (4 bytes).
        assert_eq!(
            Position::of(text, &index, 10),
            Position { line: 2, column: 4 }
        );
        assert_eq!(
            Position::of(text, &index, 99),
            Position { line: 3, column: 1 }
        );
    }

    #[test]
    fn snippets_cover_whole_lines() {
        let text = "one\ntwo three\nfour\n";
        assert_eq!(lines_around(text, 8..9), (4..13, 4..5));
        assert_eq!(lines_around(text, 8..16), (4..18, 4..12));
        assert_eq!(lines_around(text, 18..18), (14..18, 4..4));
        assert_eq!(lines_around(text, 19..19), (19..19, 0..0));
    }
}
