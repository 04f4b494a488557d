//! The server's state: open documents, the analysis workspace, and the
//! latest analysis of each package. It is changed only under the server's
//! lock and never across an `.await`, so edits apply in the order they came.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tower_lsp_server::ls_types::{self as lsp, MessageType, Uri};
use wit_analysis::nav::Index;
use wit_analysis::{Diagnostic, LoadError, PackageAnalysis, Severity, Workspace, rules};
use wit_syntax::LineIndex;

use super::components::{Components, WorldTargets};
use super::config::RunSettings;
use super::document::Document;
use super::position::{PositionEncoding, PositionMapper};

/// Something to send to the client, in order.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Publish {
        uri: Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    },
    /// A line in the client's log (`window/logMessage`).
    Log(MessageType, String),
    /// A message the user sees (`window/showMessage`).
    Show(MessageType, String),
    /// Whether analysis is done (`experimental/serverStatus`, for clients
    /// that ask for it as rust-analyzer's do).
    Status { quiescent: bool },
    /// The components of worlds changed: lenses are to be asked for again
    /// (`workspace/codeLens/refresh`, for clients that can).
    RefreshCodeLenses,
}

/// An open document and where it is on disk, when it is a file.
pub(crate) struct OpenDocument {
    pub(crate) document: Document,
    pub(crate) path: Option<PathBuf>,
}

/// What the latest analysis of a package said about one of its files.
struct AnalyzedFile {
    /// The text the diagnostics' byte ranges refer to.
    text: Arc<str>,
    /// The document version that text was, or `None` when it came from disk.
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
}

/// The navigation index of a package, and the versions of the open
/// documents it was built from.
struct IndexedRoot {
    index: Arc<Index>,
    versions: HashMap<PathBuf, i32>,
}

/// How a read request gets its index: ready, or to be built from a snapshot.
pub(crate) enum IndexJob {
    Ready(Arc<Index>),
    Build(IndexBuild),
}

/// A snapshot to build a package's index from, off the state lock.
pub(crate) struct IndexBuild {
    pub(crate) root: PathBuf,
    workspace: Workspace,
    pub(crate) versions: HashMap<PathBuf, i32>,
}

impl IndexBuild {
    /// The index, with wit-parser's view when it accepts the package; `None`
    /// when the package cannot be read.
    pub(crate) fn run(&self) -> Option<Index> {
        let analysis = self.workspace.analyze_root(&self.root).ok()?;
        Some(self.workspace.index(&analysis))
    }
}

/// The work of one analysis run: which roots, and everything it reads.
pub(crate) struct AnalysisJob {
    pub(crate) roots: Vec<PathBuf>,
    pub(crate) workspace: Workspace,
    /// The version of each open document whose text is in the overlay.
    pub(crate) versions: HashMap<PathBuf, i32>,
    /// What the components of the roots' worlds are checked with.
    pub(crate) components: Components,
    /// The workspace folders, which component paths may be relative to.
    pub(crate) folders: Vec<PathBuf>,
}

pub(crate) struct State {
    pub(crate) encoding: PositionEncoding,
    pub(crate) documents: HashMap<Uri, OpenDocument>,
    /// Open documents that are files, by path.
    open_paths: HashMap<PathBuf, Uri>,
    /// Settings and the overlay of open documents.
    pub(crate) workspace: Workspace,
    /// The workspace folders.
    pub(crate) folders: Vec<PathBuf>,
    /// Package roots found in the folders.
    discovered: Vec<PathBuf>,
    /// Roots analysed in this session (those where a file was opened), with
    /// what their latest analysis found in each file.
    packages: BTreeMap<PathBuf, HashMap<PathBuf, AnalyzedFile>>,
    /// Roots whose analysis is out of date.
    dirty: BTreeSet<PathBuf>,
    /// The latest navigation index of each analysed root.
    indexes: BTreeMap<PathBuf, IndexedRoot>,
    /// Where the components of worlds are (configured, checked or found).
    pub(crate) components: Components,
    /// How `wit-lsp.runWorld` runs them.
    pub(crate) run: RunSettings,
    /// The component of each world of each analysed root, as of its latest
    /// analysis that wit-parser accepted.
    world_components: BTreeMap<PathBuf, BTreeMap<String, PathBuf>>,
    /// When the last edit arrived, for the debounce.
    pub(crate) last_change: Option<Instant>,
    pub(crate) shutdown_requested: bool,
    /// The server is gone (its `Backend` dropped): the analysis task ends.
    pub(crate) closed: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            // The protocol's default, until `initialize` negotiates.
            encoding: PositionEncoding::Utf16,
            documents: HashMap::new(),
            open_paths: HashMap::new(),
            workspace: {
                let mut workspace = Workspace::new();
                workspace.cache_syntax();
                workspace
            },
            folders: Vec::new(),
            discovered: Vec::new(),
            packages: BTreeMap::new(),
            dirty: BTreeSet::new(),
            indexes: BTreeMap::new(),
            components: Components::default(),
            run: RunSettings::default(),
            world_components: BTreeMap::new(),
            last_change: None,
            shutdown_requested: false,
            closed: false,
        }
    }
}

impl State {
    pub(crate) fn set_discovered_roots(&mut self, roots: Vec<PathBuf>) {
        self.discovered = roots;
    }

    /// A document was opened: it overrides the disk, and its package is
    /// analysed from now on.
    pub(crate) fn open(&mut self, uri: Uri, text: String, version: i32) -> Vec<Outgoing> {
        let path = file_path(&uri);
        if let Some(path) = &path {
            self.workspace.set_overlay(path.clone(), text.clone());
            self.open_paths.insert(path.clone(), uri.clone());
        }
        let document = Document::new(text, version);
        self.documents.insert(
            uri.clone(),
            OpenDocument {
                document,
                path: path.clone(),
            },
        );
        if let Some(path) = &path {
            for root in self.roots_of(path) {
                self.packages.entry(root.clone()).or_default();
                self.dirty.insert(root);
            }
            self.last_change = Some(Instant::now());
        }
        vec![self.publish_document(&uri)]
    }

    /// Edits arrived for an open document.
    pub(crate) fn change(
        &mut self,
        uri: &Uri,
        changes: &[lsp::TextDocumentContentChangeEvent],
        version: i32,
    ) -> Vec<Outgoing> {
        let encoding = self.encoding;
        let Some(open) = self.documents.get_mut(uri) else {
            return vec![Outgoing::Log(
                MessageType::WARNING,
                format!("ignored changes to {}, which is not open", uri.as_str()),
            )];
        };
        open.document.apply_changes(changes, version, encoding);
        if let Some(path) = open.path.clone() {
            self.workspace
                .set_overlay(path.clone(), open.document.text().to_owned());
            self.mark_dirty(&path);
        }
        vec![self.publish_document(uri)]
    }

    /// A document was closed: its file is read from disk again. Its package
    /// stays analysed, so its problems stay listed as for any file of an open
    /// package; a document that is not a file has its diagnostics cleared.
    pub(crate) fn close(&mut self, uri: &Uri) -> Vec<Outgoing> {
        let Some(open) = self.documents.remove(uri) else {
            return Vec::new();
        };
        match open.path {
            Some(path) => {
                self.workspace.remove_overlay(&path);
                self.open_paths.remove(&path);
                self.mark_dirty(&path);
                Vec::new()
            }
            None => vec![Outgoing::Publish {
                uri: uri.clone(),
                diagnostics: Vec::new(),
                version: None,
            }],
        }
    }

    /// Files changed on disk: every analysed package at or above them is
    /// analysed again.
    pub(crate) fn files_changed(&mut self, paths: &[PathBuf]) {
        let touched: Vec<_> = self
            .packages
            .keys()
            .filter(|root| {
                paths
                    .iter()
                    .any(|path| path.starts_with(root) || root.starts_with(path))
            })
            .cloned()
            .collect();
        self.dirty.extend(touched);
        self.last_change = Some(Instant::now());
    }

    /// Every analysed package is analysed again (new settings).
    pub(crate) fn all_dirty(&mut self) {
        self.dirty.extend(self.packages.keys().cloned());
        self.last_change = Some(Instant::now());
    }

    fn mark_dirty(&mut self, path: &Path) {
        for root in self.roots_of(path) {
            self.packages.entry(root.clone()).or_default();
            self.dirty.insert(root);
        }
        self.last_change = Some(Instant::now());
    }

    /// The package roots `path` belongs to: the analysed packages that read
    /// it; otherwise the root it is in or in the `deps/` of; otherwise its
    /// own directory.
    fn roots_of(&self, path: &Path) -> Vec<PathBuf> {
        let reading: Vec<_> = self
            .packages
            .iter()
            .filter(|(_, files)| files.contains_key(path))
            .map(|(root, _)| root.clone())
            .collect();
        if !reading.is_empty() {
            return reading;
        }
        let Some(dir) = path.parent() else {
            return Vec::new();
        };
        let known = self.discovered.iter().chain(self.packages.keys());
        for root in known {
            if dir == root || path.starts_with(root.join("deps")) {
                return vec![root.clone()];
            }
        }
        vec![dir.to_path_buf()]
    }

    /// Takes the roots to analyse, with a snapshot of what they read.
    pub(crate) fn take_job(&mut self) -> Option<AnalysisJob> {
        if self.dirty.is_empty() {
            return None;
        }
        let roots = std::mem::take(&mut self.dirty).into_iter().collect();
        let versions = self.open_versions();
        Some(AnalysisJob {
            roots,
            workspace: self.workspace.clone(),
            versions,
            components: self.components.clone(),
            folders: self.folders.clone(),
        })
    }

    /// The package `path` is checked with: the first that reads it.
    pub(crate) fn root_of(&self, path: &Path) -> Option<PathBuf> {
        self.roots_of(path).into_iter().next()
    }

    /// The component of each world of the package of `path` that has one.
    pub(crate) fn world_components(&self, path: &Path) -> BTreeMap<String, PathBuf> {
        self.root_of(path)
            .and_then(|root| self.world_components.get(&root))
            .cloned()
            .unwrap_or_default()
    }

    /// `checkComponent` checked `component` against `world` of the package of
    /// `path`: it is the world's component from now on, and the package is
    /// analysed again so that its mismatches are published.
    pub(crate) fn component_checked(&mut self, path: &Path, world: String, component: PathBuf) {
        self.components.set_checked(world, component);
        self.mark_dirty(path);
    }

    /// The byte offset of `position` in the open document at `path`; `None`
    /// when the file is not open or the position is past its end.
    pub(crate) fn offset(&self, path: &Path, position: lsp::Position) -> Option<usize> {
        let uri = self.open_paths.get(path)?;
        self.documents[uri]
            .document
            .position_mapper(self.encoding)
            .offset(position)
    }

    /// The index a read request on `path` should use: the latest one of the
    /// first package that reads the file, if it was built from the open
    /// documents as they are now; otherwise a snapshot to build one from.
    pub(crate) fn index_job(&self, path: &Path) -> Option<IndexJob> {
        let root = self.roots_of(path).into_iter().next()?;
        let versions = self.open_versions();
        if let Some(indexed) = self.indexes.get(&root)
            && indexed.index.contains(path)
            && versions
                .iter()
                .filter(|(path, _)| indexed.index.contains(path))
                .all(|(path, version)| indexed.versions.get(path) == Some(version))
        {
            return Some(IndexJob::Ready(indexed.index.clone()));
        }
        Some(IndexJob::Build(IndexBuild {
            root,
            workspace: self.workspace.clone(),
            versions,
        }))
    }

    /// Keeps the index of `root`, built from the open documents at
    /// `versions`, for the next requests.
    pub(crate) fn store_index(
        &mut self,
        root: PathBuf,
        index: Arc<Index>,
        versions: HashMap<PathBuf, i32>,
    ) {
        self.indexes.insert(root, IndexedRoot { index, versions });
    }

    /// The latest index of every analysed package.
    pub(crate) fn latest_indexes(&self) -> Vec<Arc<Index>> {
        self.indexes
            .values()
            .map(|indexed| indexed.index.clone())
            .collect()
    }

    /// The version of each open document that is a file.
    fn open_versions(&self) -> HashMap<PathBuf, i32> {
        self.documents
            .values()
            .filter_map(|open| Some((open.path.clone()?, open.document.version())))
            .collect()
    }

    /// Whether packages wait to be analysed again.
    pub(crate) fn has_dirty(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Records the analysis of `root`, and the components of its worlds
    /// when they could be checked, and says what to publish: the new
    /// diagnostics of every file it has (the targets mismatches with the
    /// analysis' own), and none for files it no longer has.
    pub(crate) fn apply_analysis(
        &mut self,
        root: PathBuf,
        result: &Result<PackageAnalysis, LoadError>,
        targets: Option<WorldTargets>,
        versions: &HashMap<PathBuf, i32>,
    ) -> Vec<Outgoing> {
        let mut outgoing = Vec::new();
        let mut lenses_changed = false;
        let mismatches = match targets {
            Some(targets) => {
                let old = self
                    .world_components
                    .insert(root.clone(), targets.components);
                lenses_changed = old.unwrap_or_default() != self.world_components[&root];
                targets.diagnostics
            }
            None => Vec::new(),
        };
        let files = match result {
            Ok(analysis) => {
                let mut files: HashMap<PathBuf, AnalyzedFile> = analysis
                    .package
                    .files()
                    .map(|file| {
                        let analyzed = AnalyzedFile {
                            text: file.text.clone(),
                            version: versions.get(&file.path).copied(),
                            diagnostics: Vec::new(),
                        };
                        (file.path.clone(), analyzed)
                    })
                    .collect();
                for diagnostic in analysis.diagnostics.iter().chain(&mismatches) {
                    match files.get_mut(&diagnostic.path) {
                        Some(file) => file.diagnostics.push(diagnostic.clone()),
                        // A binary package in `deps/` has no text to point into.
                        None => outgoing.push(Outgoing::Log(
                            MessageType::ERROR,
                            format!("{}: {}", diagnostic.path.display(), diagnostic.message),
                        )),
                    }
                }
                files
            }
            Err(error) => {
                outgoing.push(Outgoing::Log(
                    MessageType::WARNING,
                    format!("cannot analyse the package at {}: {error}", root.display()),
                ));
                HashMap::new()
            }
        };
        let old = self.packages.insert(root.clone(), files);
        let mut paths: BTreeSet<PathBuf> = self.packages[&root].keys().cloned().collect();
        paths.extend(old.into_iter().flat_map(|files| files.into_keys()));
        for path in paths {
            if let Some(publish) = self.publish_path(&path) {
                outgoing.push(publish);
            }
        }
        if lenses_changed {
            outgoing.push(Outgoing::RefreshCodeLenses);
        }
        outgoing
    }

    /// The diagnostics of an open document, as of its current text.
    fn publish_document(&self, uri: &Uri) -> Outgoing {
        let open = &self.documents[uri];
        let document = &open.document;
        let analyzed: Vec<&AnalyzedFile> = match &open.path {
            Some(path) => self.analyzed(path).collect(),
            None => Vec::new(),
        };
        let current = !analyzed.is_empty()
            && analyzed
                .iter()
                .all(|file| file.version == Some(document.version()));
        let mut diagnostics: Vec<Diagnostic> = if current {
            analyzed
                .iter()
                .flat_map(|file| file.diagnostics.iter().cloned())
                .collect()
        } else {
            // The analysis is of an older text: its syntax errors are
            // replaced by the current tree's, its other findings kept (clamped
            // to the text) until the next analysis replaces them.
            let text_len = document.text().len();
            let path = open.path.clone().unwrap_or_default();
            let mut diagnostics: Vec<_> = document
                .parse()
                .errors()
                .into_iter()
                .map(|error| Diagnostic {
                    path: path.clone(),
                    range: error.range,
                    severity: Severity::Error,
                    code: Some(rules::SYNTAX.code),
                    message: error.message,
                })
                .collect();
            diagnostics.extend(
                analyzed
                    .iter()
                    .flat_map(|file| &file.diagnostics)
                    .filter(|diagnostic| diagnostic.code != Some(rules::SYNTAX.code))
                    .map(|diagnostic| {
                        let mut diagnostic = diagnostic.clone();
                        diagnostic.range.start = diagnostic.range.start.min(text_len);
                        diagnostic.range.end =
                            diagnostic.range.end.clamp(diagnostic.range.start, text_len);
                        diagnostic
                    }),
            );
            diagnostics
        };
        dedup(&mut diagnostics);
        let map = document.position_mapper(self.encoding);
        Outgoing::Publish {
            uri: uri.clone(),
            diagnostics: diagnostics.iter().map(|d| to_lsp(d, &map)).collect(),
            version: Some(document.version()),
        }
    }

    /// The diagnostics of a file: from its document when it is open,
    /// otherwise from the text the analysis read.
    fn publish_path(&self, path: &Path) -> Option<Outgoing> {
        if let Some(uri) = self.open_paths.get(path) {
            return Some(self.publish_document(uri));
        }
        let uri = Uri::from_file_path(path)?;
        let analyzed: Vec<&AnalyzedFile> = self.analyzed(path).collect();
        let mut diagnostics: Vec<Diagnostic> = analyzed
            .iter()
            .flat_map(|file| file.diagnostics.iter().cloned())
            .collect();
        dedup(&mut diagnostics);
        let diagnostics = match analyzed.first() {
            Some(file) => {
                let index = LineIndex::new(&file.text);
                let map = PositionMapper::new(&file.text, &index, self.encoding);
                diagnostics.iter().map(|d| to_lsp(d, &map)).collect()
            }
            None => Vec::new(),
        };
        Some(Outgoing::Publish {
            uri,
            diagnostics,
            version: None,
        })
    }

    /// What every analysed package said about `path`.
    fn analyzed<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a AnalyzedFile> + 'a {
        self.packages
            .values()
            .filter_map(move |files| files.get(path))
    }
}

/// The path of a `file:` URI.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    if !is_file {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
}

/// A file shared by two packages (a dependency) is reported once.
fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.message).cmp(&(b.range.start, b.range.end, &b.message))
    });
    diagnostics.dedup();
}

fn to_lsp(diagnostic: &Diagnostic, map: &PositionMapper<'_>) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: map.range(diagnostic.range.clone()),
        severity: Some(match diagnostic.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: diagnostic
            .code
            .map(|code| lsp::NumberOrString::String(code.to_owned())),
        source: Some("wit-lsp".to_owned()),
        message: diagnostic.message.clone(),
        ..lsp::Diagnostic::default()
    }
}
