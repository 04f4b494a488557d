//! Shared helpers for the workspace tests: where the shared WIT corpus is and
//! what its `MANIFEST.tsv` says about each unit.

use std::path::{Path, PathBuf};

/// The corpus of real-world WIT: `$WIT_CORPUS`, or `../shared/corpus` beside
/// the repository (where CI puts it).
pub fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("WIT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the WIT corpus is missing: no MANIFEST.tsv in {} (set WIT_CORPUS)",
        dir.display()
    );
    dir
}

/// wasm-tools' verdict on a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Error,
}

/// One row of `MANIFEST.tsv`: a file or package directory and what
/// `wasm-tools component wit` (1.263.0) says about it.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Relative to the corpus directory.
    pub path: String,
    /// How the source repository means it, `valid-file`, `invalid-package-dir`, ...
    pub kind: String,
    pub verdict: Verdict,
    pub flags: Vec<String>,
    pub error_file: Option<String>,
    pub error_line: Option<usize>,
    pub error_col: Option<usize>,
    pub message: String,
}

impl Unit {
    /// A workspace of this unit's root under `corpus`, with the unit's flags
    /// (`--features a,b`, `--all-features`) as wasm-tools was given them.
    pub fn workspace(&self, corpus: &Path) -> wit_analysis::Workspace {
        let mut workspace = wit_analysis::Workspace::from_paths([corpus.join(&self.path)]);
        let mut flags = self.flags.iter();
        while let Some(flag) = flags.next() {
            match flag.as_str() {
                "--features" => {
                    let features = flags.next().expect("--features takes a value");
                    workspace
                        .settings
                        .features
                        .extend(features.split(',').map(str::to_owned));
                }
                "--all-features" => workspace.settings.all_features = true,
                other => panic!("{}: unknown flag {other}", self.path),
            }
        }
        workspace
    }

    /// Every `.wit` file of the unit: the file itself, or all files of the
    /// package directory including `deps/`, sorted.
    pub fn wit_files(&self, corpus: &Path) -> Vec<PathBuf> {
        let root = corpus.join(&self.path);
        let mut files = Vec::new();
        if root.is_file() {
            files.push(root);
        } else {
            collect_wit_files(&root, &mut files);
        }
        files.sort();
        files
    }

    /// The message without the location prefixes that wasm-tools adds
    /// (`failed to parse package: DIR: ` and `FILE:LINE:COL: `).
    pub fn bare_message(&self) -> &str {
        let mut message = self.message.as_str();
        if let Some(rest) = message.strip_prefix("failed to parse package: ") {
            message = rest.split_once(": ").map_or(rest, |(_, rest)| rest);
        }
        if let Some((location, rest)) = message.split_once(": ")
            && location.ends_with(|c: char| c.is_ascii_digit())
            && location.contains(".wit:")
        {
            message = rest;
        }
        message
    }

    /// Whether wit-parser rejects this unit in its lexer or parser (as
    /// opposed to name resolution or validation), judged by the message.
    pub fn is_syntax_error(&self) -> bool {
        const SYNTAX_MESSAGES: &[&str] = &[
            // The parser's "expected X, found Y" and the lexer's "expected character".
            "expected ",
            "unknown attribute",
            "@external-id is not allowed on",
            "cannot place attributes on nested packages",
            "type nesting too deep",
            "package nesting too deep",
            "invalid list size",
            // The lexer.
            "Control code",
            "Codepoint",
            "unexpected character",
            "unterminated block comment",
            "invalid character in identifier",
            "identifiers must have characters between",
            "invalid unicode value",
            "invalid string",
            "unexpected end of file",
            "invalid UTF-8",
            "number is too big",
            "trailing underscore in number",
            "invalid hex digit",
        ];
        self.verdict == Verdict::Error
            && SYNTAX_MESSAGES
                .iter()
                .any(|prefix| self.bare_message().starts_with(prefix))
    }
}

fn collect_wit_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_wit_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "wit") {
            files.push(path);
        }
    }
}

/// Every unit of the corpus manifest, in its order.
pub fn manifest(corpus: &Path) -> Vec<Unit> {
    let text = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("readable MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let column = |i: usize| columns.get(i).copied().unwrap_or("");
            let optional = |i: usize| Some(column(i)).filter(|s| !s.is_empty());
            Unit {
                path: column(0).to_owned(),
                kind: column(1).to_owned(),
                verdict: match column(2) {
                    "ok" => Verdict::Ok,
                    "error" => Verdict::Error,
                    other => panic!("unknown verdict {other:?} in MANIFEST.tsv"),
                },
                flags: column(3).split_whitespace().map(str::to_owned).collect(),
                error_file: optional(4).map(str::to_owned),
                error_line: optional(5).and_then(|s| s.parse().ok()),
                error_col: optional(6).and_then(|s| s.parse().ok()),
                // The message may itself contain tabs.
                message: columns
                    .get(7..)
                    .map(|rest| rest.join("\t"))
                    .unwrap_or_default(),
            }
        })
        .collect()
}
