//! A package's diagnostics: the syntax errors of its files, and wit-parser's
//! verdict on the whole, fed to wit-parser in the order `Resolve::push_path`
//! feeds it.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use wit_parser::{
    PackageId, ParseError, ParseErrorKind, Resolve, ResolveError, ResolveErrorKind, SourceMap,
    Span, UnresolvedPackageGroup,
};
use wit_syntax::{LineIndex, SyntaxError};

use crate::lint::{self, LintLevel};
use crate::load::{Package, PackageSource, SourceFile};
use crate::rules::{self, Rule};
use crate::syntax_cache::{FileSyntax, RuleErrors, SyntaxCache};
use crate::{Diagnostic, PackageAnalysis, Resolved, Settings, Severity};

/// Why wit-parser rejected a package.
enum ParserError {
    /// Lexing, parsing or resolving names within one group; the spans are
    /// offsets into that group's own source map.
    Parse { map: SourceMap, error: ParseError },
    /// Resolving packages against each other; the spans are offsets into the
    /// `Resolve`'s source map.
    Resolve(ResolveError),
    /// Decoding or merging a package encoded as a component.
    Encoded { path: PathBuf, message: String },
}

/// What the syntax pass found in one file, before wit-parser's verdict is known.
#[derive(Default)]
struct SyntaxFound {
    /// A dependency's every syntax error; a main file's tree errors only,
    /// its rule errors wait for the verdict.
    errors: Vec<SyntaxError>,
    findings: Vec<crate::lint::Finding>,
    /// A main file's tree and its rule errors, once known (see `FileSyntax`).
    main: Option<(wit_syntax::Parse, RuleErrors)>,
}

/// wit-parser's verdict: the resolved packages, or the diagnostic for its
/// error and whether that is a syntax error the tree may report too.
type Verdict = Result<Resolved, (Diagnostic, bool)>;

pub(crate) fn check(
    package: Package,
    settings: &Settings,
    syntax_cache: Option<&SyntaxCache>,
) -> PackageAnalysis {
    // wit-parser and the syntax pass are independent until the end: run both at once.
    let accepted = AtomicBool::new(false);
    let (verdict, syntax) = std::thread::scope(|scope| {
        let parser = scope.spawn(|| {
            let verdict = run_wit_parser(&package, settings);
            accepted.store(verdict.is_ok(), Ordering::Relaxed);
            verdict
        });
        let syntax = syntax_pass(&package, &accepted, syntax_cache);
        let verdict = parser
            .join()
            .unwrap_or_else(|panic| Err((parser_panic(&package, panic), false)));
        (verdict, syntax)
    });

    let mut diagnostics = Vec::new();
    let mut resolved = None;
    // wit-parser's error, when it is a syntax error the tree may report too.
    let mut parser_syntax_error = None;
    let rejected = verdict.is_err();
    match verdict {
        Ok(verdict) => resolved = Some(verdict),
        Err((diagnostic, is_syntax)) => {
            if is_syntax {
                parser_syntax_error = Some((diagnostic.path.clone(), diagnostic.range.start));
            }
            diagnostics.push(diagnostic);
        }
    }

    // A name wit-parser could not find is not also reported as unused.
    let not_found: Vec<(PathBuf, Range<usize>)> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == Some(rules::NOT_FOUND.code))
        .map(|diagnostic| (diagnostic.path.clone(), diagnostic.range.clone()))
        .collect();
    let may_deprecate = may_have_deprecated_items(&package);
    for (file, mut syntax) in package.files().zip(syntax) {
        if rejected && let Some((parse, rule_errors)) = &syntax.main {
            syntax
                .errors
                .extend_from_slice(rule_errors.get_or_init(|| parse.rule_errors()));
        }
        syntax.findings.retain(|finding| {
            !not_found
                .iter()
                .any(|(path, range)| *path == file.path && *range == finding.range)
        });
        if let Some((path, offset)) = &parser_syntax_error
            && *path == file.path
            && let Some(duplicate) = same_error(&file.text, &syntax.errors, *offset)
        {
            syntax.errors.remove(duplicate);
        }
        if may_deprecate && let (Some((parse, _)), Some(resolved)) = (&syntax.main, &resolved) {
            syntax.findings.extend(lint::deprecated_uses(
                parse,
                &resolved.resolve,
                resolved.package,
            ));
        }
        let file_start = diagnostics.len();
        diagnostics.extend(syntax.errors.into_iter().map(|error| Diagnostic {
            path: file.path.clone(),
            range: error.range,
            severity: Severity::Error,
            code: Some(rules::SYNTAX.code),
            message: error.message,
        }));
        for finding in syntax.findings {
            let severity = match settings.lints.level(finding.lint) {
                LintLevel::Allow => continue,
                LintLevel::Warn => Severity::Warning,
                LintLevel::Deny => Severity::Error,
            };
            diagnostics.push(Diagnostic {
                path: file.path.clone(),
                range: finding.range,
                severity,
                code: Some(finding.lint.code),
                message: finding.message,
            });
        }
        diagnostics[file_start..].sort_by_key(|diagnostic| diagnostic.range.start);
    }

    PackageAnalysis {
        package,
        diagnostics,
        resolved,
    }
}

fn run_wit_parser(package: &Package, settings: &Settings) -> Verdict {
    let mut resolve = Resolve::new();
    resolve.features.extend(settings.features.iter().cloned());
    resolve.all_features = settings.all_features;
    match push(&mut resolve, package) {
        Ok(id) => Ok(Resolved {
            resolve,
            package: id,
        }),
        Err(error) => {
            let is_syntax = matches!(
                &error,
                ParserError::Parse { error, .. }
                    if matches!(error.kind(), ParseErrorKind::Lex(_) | ParseErrorKind::Syntax { .. })
            );
            Err((parser_diagnostic(error, &resolve, package), is_syntax))
        }
    }
}

/// Every file's syntax errors, and the lints of the main package that need
/// only the tree. wit-parser rejects every breach of the rules the grammar
/// cannot express, so a main file's rule errors (a walk of its whole tree)
/// are found only once wit-parser has rejected the package, from the trees
/// kept till then. Once wit-parser has `accepted` the package, the
/// dependencies' files are left alone: they have no syntax errors (wit-parser
/// and the grammar agree on that) and are not linted. With a `cache`, the
/// main package's files come from it when their text is unchanged.
fn syntax_pass(
    package: &Package,
    accepted: &AtomicBool,
    cache: Option<&SyntaxCache>,
) -> Vec<SyntaxFound> {
    let main_files = package.main.files().len();
    let mut parser = wit_syntax::Parser::new();
    package
        .files()
        .enumerate()
        .map(|(index, file)| {
            let is_main = index < main_files;
            if is_main {
                let mut compute = || {
                    let parse = parser.parse(file.text.clone(), None);
                    FileSyntax {
                        text: file.text.clone(),
                        tree_errors: parse.tree_errors(),
                        rule_errors: RuleErrors::default(),
                        findings: lint::unused_uses(&parse),
                        parse,
                    }
                };
                let found = match cache {
                    Some(cache) => cache.get_or_compute(&file.path, &file.text, compute),
                    None => compute(),
                };
                return SyntaxFound {
                    errors: found.tree_errors,
                    findings: found.findings,
                    main: Some((found.parse, found.rule_errors)),
                };
            }
            if accepted.load(Ordering::Relaxed) {
                return SyntaxFound::default();
            }
            let parse = parser.parse(file.text.clone(), None);
            SyntaxFound {
                errors: parse.errors(),
                ..SyntaxFound::default()
            }
        })
        .collect()
}

/// Whether any item of the package or its dependencies could be marked
/// `@deprecated`: a cheap test that spares keeping every tree in memory.
fn may_have_deprecated_items(package: &Package) -> bool {
    let encoded = std::iter::once(&package.main)
        .chain(&package.deps)
        .any(|source| matches!(source, PackageSource::Encoded(_)));
    encoded
        || package
            .files()
            .any(|file| file.text.contains("@deprecated"))
}

/// wit-parser panicked (0.263 does, on a `/**/` comment right before an
/// item): say so at the start of the package instead of dying with it.
fn parser_panic(package: &Package, panic: Box<dyn std::any::Any + Send>) -> Diagnostic {
    let reason = panic
        .downcast_ref::<&str>()
        .map(|reason| reason.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    Diagnostic {
        path: first_main_file(package),
        range: 0..0,
        severity: Severity::Error,
        code: Some(rules::PARSER_PANIC.code),
        message: format!(
            "wit-parser crashed on this package ({reason}); this is a bug in wit-parser, \
             so its verdict is unknown"
        ),
    }
}

/// Where a diagnostic without a place of its own goes.
fn first_main_file(package: &Package) -> PathBuf {
    package
        .main
        .files()
        .first()
        .map_or_else(|| package.root.clone(), |file| file.path.clone())
}

/// Feeds the package to wit-parser as `Resolve::push_path` does: the main
/// group is parsed first, then each dependency in order (encoded ones are
/// merged right away), and then all are sorted by their dependencies and
/// resolved.
fn push(resolve: &mut Resolve, package: &Package) -> Result<PackageId, ParserError> {
    let main = match &package.main {
        PackageSource::Wit(files) => parse_group(files)?,
        PackageSource::Encoded(path) => return push_encoded(resolve, path),
    };
    let mut deps = Vec::new();
    for dep in &package.deps {
        match dep {
            PackageSource::Wit(files) => deps.push(parse_group(files)?),
            PackageSource::Encoded(path) => {
                push_encoded(resolve, path)?;
            }
        }
    }
    resolve
        .push_groups(main, deps)
        .map_err(ParserError::Resolve)
}

fn parse_group(files: &[SourceFile]) -> Result<UnresolvedPackageGroup, ParserError> {
    let mut map = SourceMap::new();
    for file in files {
        map.push(&file.path, &*file.text);
    }
    map.parse()
        .map_err(|(map, error)| ParserError::Parse { map, error })
}

/// Binary packages are wit-parser's to read and decode.
fn push_encoded(resolve: &mut Resolve, path: &Path) -> Result<PackageId, ParserError> {
    resolve
        .push_file(path)
        .map_err(|error| ParserError::Encoded {
            path: path.to_path_buf(),
            message: format!("{error:#}"),
        })
}

fn parser_diagnostic(error: ParserError, resolve: &Resolve, package: &Package) -> Diagnostic {
    let (map, span, rule, message) = match error {
        ParserError::Encoded { path, message } => {
            return Diagnostic {
                path,
                range: 0..0,
                severity: Severity::Error,
                code: Some(rules::ENCODED_PACKAGE.code),
                message,
            };
        }
        ParserError::Parse { map, error } => {
            let kind = error.kind();
            let rule = match kind {
                ParseErrorKind::Lex(_) | ParseErrorKind::Syntax { .. } => rules::SYNTAX,
                ParseErrorKind::ItemNotFound { .. } => rules::NOT_FOUND,
                ParseErrorKind::TypeCycle { .. } => rules::TYPE_CYCLE,
                _ => rules::PARSE,
            };
            let span = kind.span();
            return locate(&map, span, package, rule, error.to_string());
        }
        ParserError::Resolve(error) => {
            let kind = error.kind();
            let rule = match kind {
                ResolveErrorKind::PackageNotFound { .. } => rules::PACKAGE_NOT_FOUND,
                ResolveErrorKind::WorldNotFound { .. } => rules::WORLD_NOT_FOUND,
                ResolveErrorKind::InterfaceNotFound { .. } => rules::INTERFACE_NOT_FOUND,
                ResolveErrorKind::InvalidTransitiveDependency { .. } => {
                    rules::INVALID_TRANSITIVE_DEPENDENCY
                }
                ResolveErrorKind::DuplicatePackage { .. } => rules::DUPLICATE_PACKAGE,
                ResolveErrorKind::PackageCycle { .. } => rules::PACKAGE_CYCLE,
                ResolveErrorKind::ItemShadowing { .. } => rules::ITEM_SHADOWING,
                ResolveErrorKind::StabilityMismatch { .. } => rules::STABILITY_MISMATCH,
                _ => rules::RESOLVE,
            };
            let message = match kind {
                // Both places, as wit-parser renders it.
                ResolveErrorKind::DuplicatePackage { name, span1, span2 } => format!(
                    "package `{name}` is defined in two different locations:\n  * {}\n  * {}",
                    resolve.source_map.render_location(*span1),
                    resolve.source_map.render_location(*span2),
                ),
                _ => kind.to_string(),
            };
            (&resolve.source_map, kind.span(), rule, message)
        }
    };
    locate(map, span, package, rule, message)
}

/// The diagnostic at `span` of `map`, or at the start of the package's first
/// file when the error has no place (a package without a `package` header).
fn locate(
    map: &SourceMap,
    span: Span,
    package: &Package,
    rule: Rule,
    message: String,
) -> Diagnostic {
    let (path, range) = match map.resolve_span(span) {
        Some(location) => {
            let file = package
                .files()
                .find(|file| file.path.display().to_string() == location.path);
            match file {
                Some(file) => (
                    file.path.clone(),
                    char_boundaries(&file.text, location.range),
                ),
                None => (PathBuf::from(location.path), location.range),
            }
        }
        None => (first_main_file(package), 0..0),
    };
    Diagnostic {
        path,
        range,
        severity: Severity::Error,
        code: Some(rule.code),
        message,
    }
}

/// Which of the tree's `errors` is wit-parser's syntax error at `offset`: the
/// one on the same line, the nearest if there are several.
fn same_error(text: &str, errors: &[SyntaxError], offset: usize) -> Option<usize> {
    let index = LineIndex::new(text);
    let line = index.line_col(offset).line;
    errors
        .iter()
        .enumerate()
        .filter(|(_, error)| index.line_col(error.range.start).line == line)
        .min_by_key(|(_, error)| error.range.start.abs_diff(offset))
        .map(|(i, _)| i)
}

/// `range` widened to whole characters: the lexer reports a bad character as
/// one byte, which may be the first of several.
fn char_boundaries(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}
