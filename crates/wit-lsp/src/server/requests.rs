//! What every read request shares: a snapshot of the package index the
//! document belongs to, current with the open documents; the query run off
//! the async threads, a panic in it turned into an error response; and byte
//! ranges turned back into LSP locations.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{self as lsp, Uri};
use wit_analysis::nav::{FileEdits, Index, Location};
use wit_syntax::LineIndex;

use super::position::{LastPosition, PositionEncoding, PositionMapper};
use super::state::{IndexJob, file_path};
use super::{Backend, panic_message};

/// Where a request points, in analysis terms.
pub(crate) struct Cursor {
    pub(crate) path: PathBuf,
    pub(crate) offset: usize,
}

/// Converts the analysis' byte ranges in any indexed file to LSP locations.
pub(crate) struct Locator<'a> {
    index: &'a Index,
    encoding: PositionEncoding,
    /// Each file's line index, and where its last position was found.
    line_indexes: HashMap<PathBuf, (LineIndex, LastPosition)>,
}

impl<'a> Locator<'a> {
    /// A mapper of `path`'s text that goes on from the last position found
    /// in it, and where that is kept.
    fn mapper(&mut self, path: &Path) -> Option<(PositionMapper<'_>, &mut LastPosition)> {
        let text = self.index.text(path)?;
        let (line_index, last) = self
            .line_indexes
            .entry(path.to_path_buf())
            .or_insert_with(|| (LineIndex::new(text), LastPosition::default()));
        let mapper = PositionMapper::new(text, line_index, self.encoding).resuming(*last);
        Some((mapper, last))
    }

    pub(crate) fn range(
        &mut self,
        path: &Path,
        range: std::ops::Range<usize>,
    ) -> Option<lsp::Range> {
        // Ranges mostly come in order: each is found from the last.
        let (mapper, last) = self.mapper(path)?;
        let range = mapper.range(range);
        *last = mapper.last();
        Some(range)
    }

    /// The byte range in the indexed text of `path` that an LSP range spans.
    pub(crate) fn byte_range(
        &mut self,
        path: &Path,
        range: lsp::Range,
    ) -> Option<std::ops::Range<usize>> {
        let (mapper, _) = self.mapper(path)?;
        Some(mapper.offset(range.start)?..mapper.offset(range.end)?)
    }

    /// The analysis' edits as a `WorkspaceEdit`'s changes.
    pub(crate) fn changes(&mut self, files: Vec<FileEdits>) -> HashMap<Uri, Vec<lsp::TextEdit>> {
        let mut changes = HashMap::new();
        for file in files {
            let Some(uri) = Uri::from_file_path(&file.path) else {
                continue;
            };
            let edits = file
                .edits
                .into_iter()
                .filter_map(|edit| {
                    Some(lsp::TextEdit {
                        range: self.range(&file.path, edit.range)?,
                        new_text: edit.new_text,
                    })
                })
                .collect();
            changes.insert(uri, edits);
        }
        changes
    }

    pub(crate) fn location(&mut self, location: &Location) -> Option<lsp::Location> {
        let range = self.range(&location.path, location.range.clone())?;
        Some(lsp::Location {
            uri: Uri::from_file_path(&location.path)?,
            range,
        })
    }

    pub(crate) fn locations(&mut self, locations: &[Location]) -> Vec<lsp::Location> {
        locations
            .iter()
            .filter_map(|location| self.location(location))
            .collect()
    }
}

impl Backend {
    /// Runs `query` on the latest index of every analysed package, for
    /// requests about the whole workspace.
    pub(crate) async fn query_all<T: Send + 'static>(
        &self,
        query: impl Fn(&Index, &mut Locator<'_>) -> T + Send + 'static,
    ) -> Result<Vec<T>> {
        let (indexes, encoding) = {
            let state = self.state();
            (state.latest_indexes(), state.encoding)
        };
        let answer = tokio::task::spawn_blocking(move || {
            indexes
                .iter()
                .map(|index| {
                    let mut locator = Locator {
                        index,
                        encoding,
                        line_indexes: HashMap::new(),
                    };
                    query(index, &mut locator)
                })
                .collect()
        })
        .await;
        answer.map_err(failed)
    }

    /// Runs `query` on the index of the package that reads the document at
    /// `uri`, with the cursor at `position` (the start of the file when
    /// `None`). `Ok(None)` when the document is not part of any package.
    pub(crate) async fn query<T: Send + 'static>(
        &self,
        uri: &Uri,
        position: Option<lsp::Position>,
        query: impl FnOnce(&Index, &Cursor, &mut Locator<'_>) -> T + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(path) = file_path(uri) else {
            return Ok(None);
        };
        let (job, offset, encoding) = {
            let state = self.state();
            let Some(job) = state.index_job(&path) else {
                return Ok(None);
            };
            // An open document's position is in its current text; another
            // file's is in the text the index read.
            let offset = match position {
                None => Some(0),
                Some(position) => state.offset(&path, position),
            };
            (job, offset.ok_or(position), state.encoding)
        };
        let state = self.state.clone();
        let answer = tokio::task::spawn_blocking(move || {
            let index = match job {
                IndexJob::Ready(index) => index,
                IndexJob::Build(build) => {
                    let index = Arc::new(build.run()?);
                    super::lock(&state).store_index(build.root, index.clone(), build.versions);
                    index
                }
            };
            let offset = match offset {
                Ok(offset) => offset,
                Err(position) => {
                    let text = index.text(&path)?;
                    let line_index = LineIndex::new(text);
                    // Past the end of the text: nothing is there.
                    PositionMapper::new(text, &line_index, encoding).offset(position?)?
                }
            };
            let cursor = Cursor { path, offset };
            let mut locator = Locator {
                index: &index,
                encoding,
                line_indexes: HashMap::new(),
            };
            Some(query(&index, &cursor, &mut locator))
        })
        .await;
        answer.map_err(failed)
    }
}

/// The error response for a query that panicked: the request fails, the
/// server lives.
pub(crate) fn failed(error: tokio::task::JoinError) -> Error {
    let reason = match error.try_into_panic() {
        Ok(panic) => panic_message(&panic),
        Err(error) => error.to_string(),
    };
    tracing::error!("a request failed: {reason}");
    let mut error = Error::internal_error();
    error.message = format!("wit-lsp failed on this request: {reason}").into();
    error
}
