//! The components of worlds: what the editor checks a world with.
//!
//! A world's component is, first found: the one `wit-lsp.checkComponent`
//! last checked for it (until the `run` settings change), the one the
//! setting `run.component` names, or the first file that
//! `targets::find_components` finds in the workspace folders and that targets
//! the world. Each analysis of a package that wit-parser accepts checks the
//! components of its worlds: the mismatches of a checked or configured one
//! are diagnostics on the world; a found one counts only when it has none.
//! Components are decoded once per file version (modification time and
//! length), so that an analysis only compares worlds.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use wit_analysis::nav::Index;
use wit_analysis::targets::{Component, Mismatch, read_component};
use wit_analysis::{Diagnostic, PackageAnalysis};

/// What decides the components of worlds. Cloned into each analysis job; the
/// decoded components are shared.
#[derive(Clone, Debug, Default)]
pub(crate) struct Components {
    /// `run.component`, as written.
    configured: BTreeMap<String, PathBuf>,
    /// The component `checkComponent` last checked for each world.
    checked: BTreeMap<String, PathBuf>,
    /// The `.wasm` and `.wat` files in the workspace folders.
    found: Vec<PathBuf>,
    cache: Arc<Cache>,
}

/// The components of a package's worlds, and where they fail to target them.
#[derive(Debug, Default)]
pub(crate) struct WorldTargets {
    /// The component of each world that has one.
    pub(crate) components: BTreeMap<String, PathBuf>,
    /// The mismatches of checked and configured components, on the worlds.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Components {
    /// Takes the `run.component` setting; whether it changed. A change
    /// forgets the components `checkComponent` checked: the user just said
    /// which ones they want.
    pub(crate) fn configure(&mut self, configured: BTreeMap<String, PathBuf>) -> bool {
        if self.configured == configured {
            return false;
        }
        self.configured = configured;
        self.checked.clear();
        true
    }

    /// Takes the components found in the workspace folders; whether they
    /// changed.
    pub(crate) fn set_found(&mut self, found: Vec<PathBuf>) -> bool {
        if self.found == found {
            return false;
        }
        self.found = found;
        self.cache.forget_deleted();
        true
    }

    /// Makes `component` the component of `world`, as `checkComponent` does.
    pub(crate) fn set_checked(&mut self, world: String, component: PathBuf) {
        self.checked.insert(world, component);
    }

    /// The component chosen for `world` of the package at `root`: checked,
    /// or configured.
    pub(crate) fn chosen(&self, folders: &[PathBuf], root: &Path, world: &str) -> Option<PathBuf> {
        self.checked.get(world).cloned().or_else(|| {
            let configured = self.configured.get(world)?;
            Some(resolve_path(folders, root, configured))
        })
    }

    /// The component at `path`, decoded, or why it cannot be, naming the file.
    pub(crate) fn decode(&self, path: &Path) -> Result<Arc<Component>, String> {
        self.cache.get(path)
    }

    /// The components of the worlds of the analysed package, and the
    /// mismatches of the chosen ones; `None` when wit-parser did not accept
    /// the package, so its worlds are not known.
    pub(crate) fn check(
        &self,
        folders: &[PathBuf],
        analysis: &PackageAnalysis,
    ) -> Option<WorldTargets> {
        let resolved = analysis.resolved.as_ref()?;
        let root = &analysis.package.root;
        let targets_world = |component: &Path, world: &str| -> Result<Vec<Mismatch>, String> {
            self.decode(component)?
                .check(resolved, Some(world), true)
                .map_err(|error| error.to_string())
        };
        let mut targets = WorldTargets::default();
        let mut mismatches = Vec::new();
        for world in resolved.resolve.packages[resolved.package].worlds.keys() {
            let component = match self.chosen(folders, root, world) {
                Some(component) => {
                    match targets_world(&component, world) {
                        Ok(found) => {
                            mismatches.extend(found.into_iter().map(|mismatch| (world, mismatch)));
                        }
                        // The lens stays, so that running the check says why.
                        Err(problem) => tracing::debug!("world `{world}`: {problem}"),
                    }
                    component
                }
                None => {
                    let targets_it = |component: &&PathBuf| {
                        targets_world(component, world).is_ok_and(|found| found.is_empty())
                    };
                    let Some(component) = self.found.iter().find(targets_it) else {
                        continue;
                    };
                    component.clone()
                }
            };
            targets.components.insert(world.clone(), component);
        }
        if !mismatches.is_empty() {
            // Only the worlds' source is needed, not wit-parser's view of it.
            let index = Index::new(&analysis.package, None);
            targets.diagnostics = mismatches
                .iter()
                .filter_map(|(world, mismatch)| index.mismatch_diagnostic(world, mismatch))
                .collect();
        }
        Some(targets)
    }
}

/// A component path as `run.component` and `checkComponent` take it:
/// absolute, or relative to the workspace folder that holds the package at
/// `root` (the first folder when none does, the package itself when there
/// are no folders).
pub(crate) fn resolve_path(folders: &[PathBuf], root: &Path, path: &Path) -> PathBuf {
    // Joined to an absolute path, the base is dropped.
    let base = folders
        .iter()
        .find(|folder| root.starts_with(folder))
        .or(folders.first())
        .map_or(root, PathBuf::as_path);
    base.join(path)
}

/// How a component is shown to the user: relative to the workspace folder
/// that holds it, else in full.
pub(crate) fn shown_path(folders: &[PathBuf], component: &Path) -> String {
    folders
        .iter()
        .find_map(|folder| component.strip_prefix(folder).ok())
        .unwrap_or(component)
        .display()
        .to_string()
}

/// When a file was last written, and how long it is: a new version of a
/// component changes either.
type Stamp = (Option<SystemTime>, u64);

/// A component as decoded from the file with that stamp, or why it could not be.
type Decoded = (Stamp, Result<Arc<Component>, String>);

/// Decoded components by path.
#[derive(Debug, Default)]
struct Cache(Mutex<HashMap<PathBuf, Decoded>>);

impl Cache {
    fn get(&self, path: &Path) -> Result<Arc<Component>, String> {
        let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
            // Worded as `wit-lsp targets` words it.
            std::io::ErrorKind::NotFound => {
                format!("{}: no such file or directory", path.display())
            }
            _ => format!("{}: {error}", path.display()),
        })?;
        let stamp = (metadata.modified().ok(), metadata.len());
        if let Some((cached, component)) = self.entries().get(path)
            && *cached == stamp
        {
            return component.clone();
        }
        // Decoded without the lock: another check may decode meanwhile.
        let component = read_component(path)
            .map_err(|error| error.to_string())
            .and_then(|bytes| Component::decode(&bytes).map_err(|error| error.to_string()))
            .map(Arc::new)
            .map_err(|error| format!("{}: {error}", path.display()));
        self.entries()
            .insert(path.to_path_buf(), (stamp, component.clone()));
        component
    }

    /// Drops the components whose files are gone.
    fn forget_deleted(&self) {
        self.entries().retain(|path, _| path.exists());
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<PathBuf, Decoded>> {
        // A panic while decoding cannot leave an entry half written.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
