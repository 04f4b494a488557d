//! rustc-style messages, rendered by annotate-snippets.

use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use wit_analysis::Severity;

use super::{Report, display_path, lines_around};

/// When to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// When stderr is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub(crate) fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::env::var("TERM").map_or(true, |term| term != "dumb")
            }
        }
    }
}

pub(super) fn render(report: &Report, color: ColorChoice) -> String {
    let renderer = if color.enabled() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for located in &report.diagnostics {
        let diagnostic = &located.diagnostic;
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // The first line is the message; the rest (a list of known packages,
        // a hint) are notes under the snippet.
        let (title, notes) = diagnostic
            .message
            .split_once('\n')
            .unwrap_or((&diagnostic.message, ""));
        let mut title = level.clone().primary_title(title);
        if let Some(code) = diagnostic.code {
            title = title.id(code);
        }
        let path = display_path(&diagnostic.path);
        let mut group = match &located.text {
            Some(text) => {
                let (lines, span) = lines_around(text, diagnostic.range.clone());
                title.element(
                    Snippet::source(&text[lines])
                        .line_start(located.start.line)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            None => title.element(Origin::path(path)),
        };
        if !notes.trim().is_empty() {
            group = group.element(Level::NOTE.message(dedent(notes)));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    // Their message names the file, and the position when there is one.
    for error in &report.load_errors {
        let title = Level::ERROR.primary_title(error.to_string());
        out.push_str(&renderer.render(&[Group::with_title(title)]));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report, &renderer));
    out.push('\n');
    out
}

/// The last line: how much was checked and what was found.
fn summary(report: &Report, renderer: &Renderer) -> String {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let checked = format!(
        "{} in {} ({})",
        counted(errors, "error").to_string() + ", " + &counted(warnings, "warning"),
        counted(report.packages, "package"),
        counted(report.files, "file"),
    );
    let title = if !report.load_errors.is_empty() {
        let unread = counted(report.load_errors.len(), "path");
        Level::ERROR.primary_title(format!("{unread} could not be read; {checked}"))
    } else if errors > 0 {
        Level::ERROR.primary_title(checked)
    } else if warnings > 0 {
        Level::WARNING.primary_title(checked)
    } else {
        let clean = format!(
            "no errors or warnings in {} ({})",
            counted(report.packages, "package"),
            counted(report.files, "file")
        );
        Level::NOTE.with_name("ok").primary_title(clean)
    };
    renderer.render(&[Group::with_title(title)])
}

fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `text` without the indentation all its lines share, and without trailing
/// blank lines.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<_> = text
        .trim_end()
        .lines()
        .map(|line| line.get(indent..).unwrap_or(line.trim_start()))
        .collect();
    lines.join("\n")
}
