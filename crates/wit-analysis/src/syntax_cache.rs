//! What the syntax pass found in each file, kept from one analysis to the
//! next: in the server, an edit re-parses and re-lints only the files whose
//! text it changed; every other file's errors and lint findings (and tree,
//! when a lint needs it) are taken as they were. Clones of a `Workspace`
//! share one cache, so the server's background analyses fill it for the
//! next one.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use wit_syntax::{Parse, SyntaxError};

use crate::lint::Finding;

#[derive(Clone, Default)]
pub(crate) struct SyntaxCache(Arc<Mutex<HashMap<PathBuf, FileSyntax>>>);

/// What the syntax pass found in one file.
#[derive(Clone)]
pub(crate) struct FileSyntax {
    /// The text it was found in.
    pub(crate) text: Arc<str>,
    pub(crate) errors: Vec<SyntaxError>,
    /// The tree-only lints' findings (none for a dependency's file).
    pub(crate) findings: Vec<Finding>,
    /// The tree, when a lint that needs wit-parser's view may use it.
    pub(crate) parse: Option<Parse>,
}

impl SyntaxCache {
    /// What the syntax pass found in the main package's file `path` as it
    /// reads `text`, with its tree when `keep_tree`: from the cache when an
    /// earlier pass saw the same text (and kept the tree, if it is wanted),
    /// else from `compute`, whose answer is kept.
    pub(crate) fn get_or_compute(
        &self,
        path: &Path,
        text: &Arc<str>,
        keep_tree: bool,
        compute: impl FnOnce() -> FileSyntax,
    ) -> FileSyntax {
        let cached = {
            let entries = self.lock();
            entries
                .get(path)
                .filter(|cached| {
                    (Arc::ptr_eq(&cached.text, text) || cached.text == *text)
                        && (!keep_tree || cached.parse.is_some())
                })
                .cloned()
        };
        if let Some(mut cached) = cached {
            if !keep_tree {
                cached.parse = None;
            }
            return cached;
        }
        let found = compute();
        self.lock().insert(path.to_owned(), found.clone());
        found
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
