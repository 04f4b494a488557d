//! `textDocument/foldingRange` and `textDocument/selectionRange`, from the
//! open document's own tree: they need neither the package nor its index.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use wit_syntax::{Fold, FoldKind, LineIndex, Parse};

use super::Backend;
use super::position::{PositionEncoding, PositionMapper};
use super::requests::failed;

pub(super) async fn folding_range(
    backend: &Backend,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    on_document(backend, &params.text_document.uri, |parse, _| {
        let line_index = LineIndex::new(parse.text());
        parse
            .folds()
            .into_iter()
            .filter_map(|fold| folding_range_to_lsp(&fold, &line_index))
            .collect()
    })
    .await
}

/// Folds are by lines. A block's closing bracket stays visible: its fold ends
/// on the line before, as the editor's own indentation folding does.
fn folding_range_to_lsp(fold: &Fold, line_index: &LineIndex) -> Option<FoldingRange> {
    let start_line = line_index.line_col(fold.range.start).line;
    let last_line = line_index.line_col(fold.range.end).line;
    let (end_line, kind) = match fold.kind {
        FoldKind::Region => (last_line.checked_sub(1)?, FoldingRangeKind::Region),
        FoldKind::Comment => (last_line, FoldingRangeKind::Comment),
        FoldKind::Imports => (last_line, FoldingRangeKind::Imports),
    };
    (end_line > start_line).then(|| FoldingRange {
        start_line: u32::try_from(start_line).unwrap_or(u32::MAX),
        end_line: u32::try_from(end_line).unwrap_or(u32::MAX),
        kind: Some(kind),
        ..FoldingRange::default()
    })
}

/// How many ranges one selection range chain holds at most. Each is one
/// level of JSON nesting, and clients parse with a limit (serde_json's is 128),
/// while nesting in WIT has none (a 10,000-deep `list<list<…>>`).
const MAX_SELECTION_DEPTH: usize = 100;

pub(super) async fn selection_range(
    backend: &Backend,
    params: SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let positions = params.positions;
    on_document(
        backend,
        &params.text_document.uri,
        move |parse, encoding| {
            let text = parse.text();
            let line_index = LineIndex::new(text);
            let mapper = PositionMapper::new(text, &line_index, encoding);
            positions
                .iter()
                .map(|&position| {
                    // Past the end of the text: its end.
                    let offset = mapper.offset(position).unwrap_or(text.len());
                    let mut ranges = parse.selection_ranges(offset);
                    // The innermost, then the outermost (the whole file).
                    if ranges.len() > MAX_SELECTION_DEPTH {
                        ranges.drain(MAX_SELECTION_DEPTH - 1..ranges.len() - 1);
                    }
                    // Nested from the outermost in, so the innermost comes out on top.
                    let mut selection: Option<SelectionRange> = None;
                    for range in ranges.into_iter().rev() {
                        selection = Some(SelectionRange {
                            range: mapper.range(range),
                            parent: selection.map(Box::new),
                        });
                    }
                    selection.unwrap_or(SelectionRange {
                        range: Range::new(position, position),
                        parent: None,
                    })
                })
                .collect()
        },
    )
    .await
}

/// Runs `query` on the open document at `uri`, off the async threads, a panic
/// in it failing this request only. `Ok(None)` when the document is not open.
async fn on_document<T: Send + 'static>(
    backend: &Backend,
    uri: &Uri,
    query: impl FnOnce(&Parse, PositionEncoding) -> T + Send + 'static,
) -> Result<Option<T>> {
    let (parse, encoding) = {
        let state = backend.state();
        let Some(open) = state.documents.get(uri) else {
            return Ok(None);
        };
        (open.document.parse().clone(), state.encoding)
    };
    let answer = tokio::task::spawn_blocking(move || query(&parse, encoding)).await;
    answer.map(Some).map_err(failed)
}
