//! The analysis layer: which files make up which WIT packages, and what is
//! wrong with them.
//!
//! A [`Workspace`] is a set of roots (package directories or single files), an
//! in-memory overlay of file contents that take precedence over the disk, and
//! the feature flags to resolve `@unstable` items with. Packages are found
//! exactly as wit-parser's `Resolve::push_path` finds them (see [`Package`]);
//! the analysis of each is every syntax error `wit-syntax` finds in its files
//! plus wit-parser's verdict, all as plain [`Diagnostic`]s: a path, a byte
//! range in that file and a message. Nothing here knows about editors'
//! position encodings, terminals or JSON.

mod check;
pub mod lint;
mod load;
pub mod nav;
pub mod rules;
mod syntax_cache;
pub mod targets;
mod vfs;
pub mod world;

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use lint::{LintLevel, LintLevels};
pub use load::{Package, PackageSource, SourceFile};
pub use rules::Rule;

use syntax_cache::SyntaxCache;
use vfs::Vfs;

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in a file: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the package's root and the directory walk spell it.
    pub path: PathBuf,
    /// Byte offsets in the text of `path` that was analysed.
    pub range: Range<usize>,
    pub severity: Severity,
    /// The [`Rule`] code of the kind of problem, such as `syntax` or
    /// `package-not-found`.
    pub code: Option<&'static str>,
    /// What is wrong, in wit-parser's words. May span several lines (a list of
    /// known packages, a hint).
    pub message: String,
}

/// A path the analysis could not read: missing, unreadable, or not UTF-8.
/// These are problems with the input, not with the WIT in it.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

/// What went wrong reading a path.
#[derive(Debug)]
pub enum LoadErrorKind {
    NotFound,
    NotADirectory,
    /// A directory with no `.wit` files in it or in any directory below.
    NoWitFiles,
    /// The first byte that is not part of a UTF-8 character: its offset, and
    /// its line and column (0-based, the column in characters).
    NotUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
    Io(io::Error),
}

impl LoadError {
    pub(crate) fn new(path: &Path, kind: LoadErrorKind) -> Self {
        LoadError {
            path: path.to_path_buf(),
            kind,
        }
    }

    pub(crate) fn io(path: &Path, error: io::Error) -> Self {
        let kind = match error.kind() {
            io::ErrorKind::NotFound => LoadErrorKind::NotFound,
            _ => LoadErrorKind::Io(error),
        };
        LoadError::new(path, kind)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            LoadErrorKind::NotFound => write!(f, "{path}: no such file or directory"),
            LoadErrorKind::NotADirectory => write!(f, "{path}: not a directory"),
            LoadErrorKind::NoWitFiles => write!(f, "{path}: no `.wit` files in it or below it"),
            LoadErrorKind::NotUtf8 { line, column, .. } => write!(
                f,
                "{path}:{}:{}: the file is not valid UTF-8",
                line + 1,
                column + 1
            ),
            LoadErrorKind::Io(error) => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            LoadErrorKind::Io(error) => Some(error),
            _ => None,
        }
    }
}

/// Everything known about one package root after analysis.
#[derive(Clone, Debug)]
pub struct PackageAnalysis {
    /// What was analysed: the files and encoded packages, in wit-parser's order.
    pub package: Package,
    /// wit-parser's error first (it stops at its first), then every syntax
    /// error of every file in file order, each by position.
    pub diagnostics: Vec<Diagnostic>,
    /// wit-parser's resolved packages when it accepted the root.
    pub resolved: Option<Resolved>,
}

impl PackageAnalysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    }

    /// The text that was analysed for `path`, which the diagnostics' byte
    /// ranges refer to.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.package
            .files()
            .find(|file| file.path == path)
            .map(|file| &*file.text)
    }
}

/// wit-parser's view of an accepted root.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub resolve: wit_parser::Resolve,
    /// The root's main package.
    pub package: wit_parser::PackageId,
}

/// What the user chose about how WIT is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Features that enable `@unstable(feature = …)` items.
    pub features: Vec<String>,
    /// Enable every feature.
    pub all_features: bool,
    pub lints: LintLevels,
}

/// Roots, overlay and settings.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    roots: Vec<PathBuf>,
    vfs: Vfs,
    pub settings: Settings,
    /// Shared by clones: what the last analyses found in each file, when
    /// the workspace lives on (see [`Workspace::cache_syntax`]).
    syntax_cache: Option<SyntaxCache>,
}

impl Workspace {
    pub fn new() -> Self {
        Workspace::default()
    }

    /// A workspace of these roots, each a package directory or a single file.
    pub fn from_paths<P: Into<PathBuf>>(paths: impl IntoIterator<Item = P>) -> Self {
        Workspace {
            roots: paths.into_iter().map(Into::into).collect(),
            ..Workspace::default()
        }
    }

    /// Keep every main-package file's tree and syntax findings from one
    /// analysis to the next (shared by clones), so that a re-analysis parses
    /// only changed files and [`Workspace::index`] parses none. For a
    /// workspace that lives on, as the server's; a one-shot `check` would only
    /// pay the memory.
    pub fn cache_syntax(&mut self) {
        self.syntax_cache.get_or_insert_with(SyntaxCache::default);
    }

    pub fn add_root(&mut self, path: impl Into<PathBuf>) {
        self.roots.push(path.into());
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Use `text` as the contents of `path` instead of what is on disk (an
    /// unsaved buffer). The file need not exist on disk; a file in the overlay
    /// is listed in its directory like any other.
    pub fn set_overlay(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) {
        self.vfs.overlay.insert(path.into(), text.into());
    }

    /// Go back to the disk's contents of `path`.
    pub fn remove_overlay(&mut self, path: &Path) {
        self.vfs.overlay.remove(path);
    }

    /// The text of the file at `path`, read through the overlay.
    pub fn read_text(&self, path: &Path) -> Result<String, LoadError> {
        self.vfs.read_text(path)
    }

    /// The package roots at or below `path` (see [`load::find_roots`]).
    pub fn find_roots(&self, path: &Path) -> Result<Vec<PathBuf>, LoadError> {
        load::find_roots(&self.vfs, path)
    }

    /// The package at `root`, read through the overlay.
    pub fn load(&self, root: &Path) -> Result<Package, LoadError> {
        load::load(&self.vfs, root)
    }

    /// Loads and analyses the package at `root`.
    pub fn analyze_root(&self, root: &Path) -> Result<PackageAnalysis, LoadError> {
        let package = self.load(root)?;
        Ok(check::check(
            package,
            &self.settings,
            self.syntax_cache.as_ref(),
        ))
    }

    /// The navigation index of an analysis made by this workspace (or a
    /// clone): with [`Workspace::cache_syntax`], from the trees the analysis
    /// parsed, so that only files it did not parse are parsed again.
    pub fn index(&self, analysis: &PackageAnalysis) -> nav::Index {
        nav::Index::with_parses(&analysis.package, analysis.resolved.as_ref(), &|file| {
            self.syntax_cache.as_ref()?.parse(&file.path, &file.text)
        })
    }

    /// Analyses every root, independently of each other.
    pub fn analyze(&self) -> Vec<Result<PackageAnalysis, LoadError>> {
        self.roots
            .iter()
            .map(|root| self.analyze_root(root))
            .collect()
    }
}

#[cfg(test)]
mod tests;
