//! The server's settings, as editors send them: in `initializationOptions`,
//! in `workspace/didChangeConfiguration`, or on request through
//! `workspace/configuration` (section `wit-lsp`).
//!
//! ```json
//! { "features": ["fancy"], "allFeatures": false,
//!   "lints": { "unused-use": "allow", "warnings": "deny" },
//!   "run": { "component": { "greeter": "build/greeter.wasm" },
//!            "timeout": "10s", "maxMemory": "256MiB", "cache": "/tmp/c" } }
//! ```
//!
//! The same object may come wrapped as `{ "wit-lsp": { … } }`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Map, Value};
use wit_analysis::{LintLevel, Settings};

/// The section name under which editors keep our settings.
pub(crate) const SECTION: &str = "wit-lsp";

/// Everything the settings say: how WIT is analysed, which the analysis
/// layer knows, and what only the server uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Config {
    pub(crate) analysis: Settings,
    pub(crate) run: RunSettings,
}

/// The `run` section: the components of worlds, and how `runWorld` runs
/// them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RunSettings {
    /// `run.component`: the component of each world, by the world's name, as
    /// written: absolute, or relative to the workspace folder.
    pub(crate) components: BTreeMap<String, PathBuf>,
    /// `run.timeout`: `"10s"`, `"250ms"`, or seconds.
    pub(crate) timeout: Duration,
    /// `run.maxMemory`: `"256MiB"`, or bytes.
    pub(crate) max_memory: usize,
    /// `run.cache`: where compiled components are kept; `false` for nowhere.
    pub(crate) cache_dir: Option<PathBuf>,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            components: BTreeMap::new(),
            timeout: wit_run::DEFAULT_TIMEOUT,
            max_memory: wit_run::DEFAULT_MAX_MEMORY,
            cache_dir: wit_run::default_cache_dir(),
        }
    }
}

/// Reads settings from `value`, starting from the defaults. Each setting that
/// cannot be understood is skipped and explained in the returned messages, so
/// that one typo does not lose the rest.
pub(crate) fn parse(value: &Value) -> (Config, Vec<String>) {
    let value = value.get(SECTION).unwrap_or(value);
    let mut config = Config::default();
    let settings = &mut config.analysis;
    let mut problems = Vec::new();
    let Some(object) = as_object(value) else {
        if !value.is_null() {
            problems.push(format!("{SECTION} settings must be an object, not {value}"));
        }
        return (config, problems);
    };
    for (key, value) in object.iter() {
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
            "lints" => parse_lints(value, settings, &mut problems),
            "run" => parse_run(value, &mut config.run, &mut problems),
            // Settings of the editor extensions themselves (the server path,
            // tracing) travel in the same section.
            _ => {}
        }
    }
    (config, problems)
}

/// An object, or an empty array as an empty object: clients whose settings
/// are Lua tables (Neovim) send an empty table as `[]`.
fn as_object(value: &Value) -> Option<Cow<'_, Map<String, Value>>> {
    match value {
        Value::Object(object) => Some(Cow::Borrowed(object)),
        Value::Array(items) if items.is_empty() => Some(Cow::Owned(Map::new())),
        _ => None,
    }
}

fn parse_lints(value: &Value, settings: &mut Settings, problems: &mut Vec<String>) {
    let Some(lints) = as_object(value) else {
        problems.push(format!(
            "{SECTION}.lints must map lint names to levels, not {value}"
        ));
        return;
    };
    for (lint, level) in lints.iter() {
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

fn parse_run(value: &Value, run: &mut RunSettings, problems: &mut Vec<String>) {
    let Some(object) = as_object(value) else {
        problems.push(format!("{SECTION}.run must be an object, not {value}"));
        return;
    };
    for (key, value) in object.iter() {
        match key.as_str() {
            "component" => parse_components(value, run, problems),
            "timeout" => {
                let timeout = match value {
                    Value::String(text) => wit_run::parse_duration(text),
                    Value::Number(seconds) => seconds
                        .as_f64()
                        .filter(|seconds| *seconds > 0.0)
                        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
                        .ok_or_else(|| format!("{seconds} is not a number of seconds")),
                    _ => Err(format!("{value} is not a duration")),
                };
                match timeout {
                    Ok(timeout) => run.timeout = timeout,
                    Err(error) => problems.push(format!("{SECTION}.run.timeout: {error}")),
                }
            }
            "maxMemory" => {
                let max_memory = match value {
                    Value::String(text) => wit_run::parse_size(text),
                    Value::Number(bytes) => bytes
                        .as_u64()
                        .and_then(|bytes| usize::try_from(bytes).ok())
                        .filter(|bytes| *bytes > 0)
                        .ok_or_else(|| format!("{bytes} is not a number of bytes")),
                    _ => Err(format!("{value} is not a size")),
                };
                match max_memory {
                    Ok(max_memory) => run.max_memory = max_memory,
                    Err(error) => problems.push(format!("{SECTION}.run.maxMemory: {error}")),
                }
            }
            "cache" => match value {
                Value::Bool(false) => run.cache_dir = None,
                Value::String(dir) if !dir.is_empty() => run.cache_dir = Some(PathBuf::from(dir)),
                _ => problems.push(format!(
                    "{SECTION}.run.cache must be a directory, or false for none, not {value}"
                )),
            },
            _ => problems.push(format!(
                "{SECTION}.run.{key}: unknown setting; the settings are component, timeout, \
                 maxMemory and cache"
            )),
        }
    }
}

fn parse_components(value: &Value, run: &mut RunSettings, problems: &mut Vec<String>) {
    let Some(components) = as_object(value) else {
        problems.push(format!(
            "{SECTION}.run.component must map world names to component paths, not {value}"
        ));
        return;
    };
    for (world, path) in components.iter() {
        match path.as_str().filter(|path| !path.is_empty()) {
            Some(path) => {
                run.components.insert(world.clone(), PathBuf::from(path));
            }
            None => problems.push(format!(
                "{SECTION}.run.component.{world} must be the path of a component, not {path}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_lua_tables_are_empty_objects() {
        let (config, problems) = parse(&json!({ "wit-lsp": { "lints": [], "run": [] } }));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(config, parse(&json!([])).0);
    }

    #[test]
    fn reads_every_setting_and_explains_the_bad_ones() {
        let (config, problems) = parse(&json!({
            "wit-lsp": {
                "features": ["a", "b"],
                "allFeatures": "yes",
                "lints": { "unused-use": "deny", "nope": "allow", "deprecated": 3 },
                "server": { "path": "/bin/wit-lsp" },
                "run": {
                    "component": { "host": "build/host.wasm", "guest": 3 },
                    "timeout": "2s", "maxMemory": "soon", "cache": false,
                },
            }
        }));
        let settings = &config.analysis;
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
                "wit-lsp.run.component.guest must be the path of a component, not 3",
                "wit-lsp.run.maxMemory: `soon` is not a size: write 256MiB, 1GiB or 65536",
            ]
        );
        assert_eq!(config.run.timeout, Duration::from_secs(2));
        assert_eq!(config.run.max_memory, wit_run::DEFAULT_MAX_MEMORY);
        assert_eq!(config.run.cache_dir, None);
        assert_eq!(
            config.run.components,
            BTreeMap::from([("host".to_owned(), PathBuf::from("build/host.wasm"))])
        );
        assert_eq!(
            parse(&json!({ "run": { "component": "a.wasm" } })).1,
            ["wit-lsp.run.component must map world names to component paths, not \"a.wasm\""]
        );
        assert_eq!(parse(&Value::Null), (Config::default(), Vec::new()));
    }
}
