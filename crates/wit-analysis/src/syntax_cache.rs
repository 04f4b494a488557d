//! What the syntax pass found in each file of a main package, kept from one
//! analysis to the next: in the server, an edit re-parses and re-lints only
//! the files whose text it changed; every other file's tree, errors and lint
//! findings are taken as they were, by the analysis and by the navigation
//! index. Clones of a `Workspace` share one cache, so the server's
//! background analyses fill it for the next one.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use wit_syntax::{Parse, SyntaxError};

use crate::lint::Finding;

/// A file's [`Parse::rule_errors`], once some analysis has needed them.
pub(crate) type RuleErrors = Arc<OnceLock<Vec<SyntaxError>>>;

#[derive(Clone, Default)]
pub(crate) struct SyntaxCache(Arc<Mutex<HashMap<PathBuf, FileSyntax>>>);

/// What the syntax pass found in one file.
#[derive(Clone)]
pub(crate) struct FileSyntax {
    /// The text it was found in.
    pub(crate) text: Arc<str>,
    /// [`Parse::tree_errors`].
    pub(crate) tree_errors: Vec<SyntaxError>,
    /// [`Parse::rule_errors`], found once an analysis needs them and then
    /// shared by every copy of this entry.
    pub(crate) rule_errors: RuleErrors,
    /// The tree-only lints' findings (none for a dependency's file).
    pub(crate) findings: Vec<Finding>,
    pub(crate) parse: Parse,
}

impl SyntaxCache {
    /// What the syntax pass found in the main package's file `path` as it
    /// reads `text`: from the cache when an earlier pass saw the same text,
    /// else from `compute`, whose answer is kept.
    pub(crate) fn get_or_compute(
        &self,
        path: &Path,
        text: &Arc<str>,
        compute: impl FnOnce() -> FileSyntax,
    ) -> FileSyntax {
        if let Some(cached) = self.get(path, text) {
            return cached;
        }
        let found = compute();
        self.lock().insert(path.to_owned(), found.clone());
        found
    }

    /// The tree of `path` when the cache has it for `text`.
    pub(crate) fn parse(&self, path: &Path, text: &Arc<str>) -> Option<Parse> {
        self.get(path, text).map(|found| found.parse)
    }

    fn get(&self, path: &Path, text: &Arc<str>) -> Option<FileSyntax> {
        self.lock()
            .get(path)
            .filter(|cached| Arc::ptr_eq(&cached.text, text) || cached.text == *text)
            .cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, FileSyntax>> {
        // A panic elsewhere while the lock was held leaves whole entries.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Debug for SyntaxCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SyntaxCache({} files)", self.lock().len())
    }
}
