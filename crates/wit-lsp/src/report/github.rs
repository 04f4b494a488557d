//! `--format github`: workflow commands that GitHub Actions turns into
//! annotations on the pull request
//! (<https://docs.github.com/actions/reference/workflow-commands-for-github-actions>).

use wit_analysis::Severity;

use super::{Report, display_path, load_error_position, severity_name};

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    for located in &report.diagnostics {
        let diagnostic = &located.diagnostic;
        let mut properties = vec![
            ("file", display_path(&diagnostic.path)),
            ("line", located.start.line.to_string()),
            ("col", located.start.column.to_string()),
            ("endLine", located.end.line.to_string()),
            ("endColumn", located.end.column.to_string()),
        ];
        if let Some(code) = diagnostic.code {
            properties.push(("title", format!("wit-lsp {code}")));
        }
        command(
            &mut out,
            severity_name(diagnostic.severity),
            &properties,
            &diagnostic.message,
        );
    }
    for error in &report.load_errors {
        let mut properties = vec![("file", display_path(&error.path))];
        if let Some((position, _)) = load_error_position(error) {
            properties.push(("line", position.line.to_string()));
            properties.push(("col", position.column.to_string()));
        }
        command(
            &mut out,
            severity_name(Severity::Error),
            &properties,
            &error.to_string(),
        );
    }
    out
}

fn command(out: &mut String, name: &str, properties: &[(&str, String)], message: &str) {
    let properties: Vec<_> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    out.push_str(&format!(
        "::{name} {}::{}\n",
        properties.join(","),
        escape_data(message)
    ));
}

/// A message may hold any text but line breaks and `%`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value must also not hold the separators `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_command() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("C:\\a,b.wit"), "C%3A\\a%2Cb.wit");
    }
}
