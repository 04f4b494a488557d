//! The server's settings, as editors send them: in `initializationOptions`,
//! in `workspace/didChangeConfiguration`, or on request through
//! `workspace/configuration` (section `wit-lsp`).
//!
//! ```json
//! { "features": ["fancy"], "allFeatures": false,
//!   "lints": { "unused-use": "allow", "warnings": "deny" } }
//! ```
//!
//! The same object may come wrapped as `{ "wit-lsp": { … } }`.

use serde_json::Value;
use wit_analysis::{LintLevel, Settings};

/// The section name under which editors keep our settings.
pub(crate) const SECTION: &str = "wit-lsp";

/// Reads settings from `value`, starting from the defaults. Each setting that
/// cannot be understood is skipped and explained in the returned messages, so
/// that one typo does not lose the rest.
pub(crate) fn parse(value: &Value) -> (Settings, Vec<String>) {
    let value = value.get(SECTION).unwrap_or(value);
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    let Some(object) = value.as_object() else {
        if !value.is_null() {
            problems.push(format!("{SECTION} settings must be an object, not {value}"));
        }
        return (settings, problems);
    };
    for (key, value) in object {
        match key.as_str() {
            "features" => match value.as_array().map(|items| {
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            }) {
                Some(Some(features)) => settings.features = features,
                _ => problems.push(format!(
                    "{SECTION}.features must be a list of feature names, not {value}"
                )),
            },
            "allFeatures" => match value.as_bool() {
                Some(all) => settings.all_features = all,
                None => problems.push(format!(
                    "{SECTION}.allFeatures must be true or false, not {value}"
                )),
            },
            "lints" => parse_lints(value, &mut settings, &mut problems),
            // Settings of the editor extensions themselves (the server path,
            // tracing) travel in the same section.
            _ => {}
        }
    }
    (settings, problems)
}

fn parse_lints(value: &Value, settings: &mut Settings, problems: &mut Vec<String>) {
    let Some(lints) = value.as_object() else {
        problems.push(format!(
            "{SECTION}.lints must map lint names to levels, not {value}"
        ));
        return;
    };
    for (lint, level) in lints {
        let level = match level.as_str() {
            Some("allow") => LintLevel::Allow,
            Some("warn") => LintLevel::Warn,
            Some("deny") => LintLevel::Deny,
            _ => {
                problems.push(format!(
                    "{SECTION}.lints.{lint} must be \"allow\", \"warn\" or \"deny\", not {level}"
                ));
                continue;
            }
        };
        if let Err(error) = settings.lints.set(lint, level) {
            problems.push(format!("{SECTION}.lints: {error}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_setting_and_explains_the_bad_ones() {
        let (settings, problems) = parse(&json!({
            "wit-lsp": {
                "features": ["a", "b"],
                "allFeatures": "yes",
                "lints": { "unused-use": "deny", "nope": "allow", "deprecated": 3 },
                "server": { "path": "/bin/wit-lsp" },
            }
        }));
        assert_eq!(settings.features, ["a", "b"]);
        assert!(!settings.all_features);
        assert_eq!(
            settings.lints.level(wit_analysis::lint::UNUSED_USE),
            LintLevel::Deny
        );
        assert_eq!(
            problems,
            [
                "wit-lsp.allFeatures must be true or false, not \"yes\"",
                "wit-lsp.lints: unknown lint `nope`; the lints are unused-use, deprecated (or `warnings` for all)",
                "wit-lsp.lints.deprecated must be \"allow\", \"warn\" or \"deny\", not 3",
            ]
        );
        assert_eq!(parse(&Value::Null), (Settings::default(), Vec::new()));
    }
}
