//! `textDocument/formatting` and `textDocument/rangeFormatting`: the open
//! document through `wit_syntax::format`, which leaves a document with syntax
//! errors alone (no edits).
//!
//! Range formatting formats the whole document and keeps the changed lines
//! that touch the range: a line diff's hunks are independent, because the
//! formatter only changes whitespace and commas.

use std::ops::Range;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use wit_syntax::{FormatOptions, Indent, LineIndex, Parse};

use super::position::{PositionEncoding, PositionMapper};
use super::{Backend, panic_message};

pub(super) async fn formatting(
    backend: &Backend,
    params: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    format_lines(backend, &params.text_document.uri, &params.options, None).await
}

pub(super) async fn range_formatting(
    backend: &Backend,
    params: DocumentRangeFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    let lines = params.range.start.line as usize..params.range.end.line as usize + 1;
    format_lines(
        backend,
        &params.text_document.uri,
        &params.options,
        Some(lines),
    )
    .await
}

/// The edits that format the open document at `uri`, restricted to the
/// changes that touch `lines` when given; `None` when it is not open.
async fn format_lines(
    backend: &Backend,
    uri: &Uri,
    options: &FormattingOptions,
    lines: Option<Range<usize>>,
) -> Result<Option<Vec<TextEdit>>> {
    let (parse, encoding) = {
        let state = backend.state();
        let Some(open) = state.documents.get(uri) else {
            return Ok(None);
        };
        // Cheap: the text and the tree are shared, not copied.
        (open.document.parse().clone(), state.encoding)
    };
    let options = FormatOptions {
        indent: match options.insert_spaces {
            true => Indent::Spaces(options.tab_size as usize),
            false => Indent::Tab,
        },
    };
    let answer = tokio::task::spawn_blocking(move || {
        let formatted = wit_syntax::format(&parse, &options)?;
        Some(edits(&parse, &formatted, lines, encoding))
    })
    .await;
    match answer {
        Ok(edits) => Ok(Some(edits.unwrap_or_default())),
        Err(error) => {
            let reason = match error.try_into_panic() {
                Ok(panic) => panic_message(&panic),
                Err(error) => error.to_string(),
            };
            tracing::error!("formatting failed: {reason}");
            let mut error = Error::internal_error();
            error.message = format!("wit-lsp failed to format: {reason}").into();
            Err(error)
        }
    }
}

/// One edit per run of changed lines between the text of `parse` and
/// `formatted`, keeping the runs whose old lines touch `lines` (all of them
/// when `None`).
fn edits(
    parse: &Parse,
    formatted: &str,
    lines: Option<Range<usize>>,
    encoding: PositionEncoding,
) -> Vec<TextEdit> {
    let text = parse.text();
    let diff = similar::TextDiff::from_lines(text, formatted);
    let old_lines = diff.old_slices();
    let new_lines = diff.new_slices();
    let mut line_starts = Vec::with_capacity(old_lines.len() + 1);
    let mut offset = 0;
    for line in old_lines {
        line_starts.push(offset);
        offset += line.len();
    }
    line_starts.push(offset);

    // Consecutive changes merged, so that edits never touch each other.
    let mut hunks: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for op in diff.ops() {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        match hunks.last_mut() {
            Some((last_old, last_new)) if last_old.end == old.start => {
                last_old.end = old.end;
                last_new.end = new.end;
            }
            _ => hunks.push((old, new)),
        }
    }

    let line_index = LineIndex::new(text);
    let mapper = PositionMapper::new(text, &line_index, encoding);
    hunks
        .into_iter()
        .filter(|(old, _)| {
            lines.as_ref().is_none_or(|lines| {
                // A pure insertion touches the line it is inserted before.
                let touched = old.start..old.end.max(old.start + 1);
                touched.start < lines.end && lines.start < touched.end
            })
        })
        .map(|(old, new)| TextEdit {
            range: mapper.range(line_starts[old.start]..line_starts[old.end]),
            new_text: new_lines[new].concat(),
        })
        .collect()
}
