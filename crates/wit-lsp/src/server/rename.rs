//! `textDocument/prepareRename` and `rename`.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::Backend;

/// A refusal the user should read, as the protocol carries it.
fn refusal(message: String) -> Error {
    let mut error = Error::invalid_params(message.clone());
    error.message = message.into();
    error
}

pub(super) async fn prepare_rename(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let answer = backend
        .query(
            &params.text_document.uri,
            Some(params.position),
            |index, cursor, locator| match index.prepare_rename(&cursor.path, cursor.offset) {
                Ok(location) => Ok(locator.range(&location.path, location.range)),
                Err(error) => Err(error.to_string()),
            },
        )
        .await?;
    match answer {
        None | Some(Ok(None)) => Ok(None),
        Some(Ok(Some(range))) => Ok(Some(PrepareRenameResponse::Range(range))),
        Some(Err(message)) => Err(refusal(message)),
    }
}

pub(super) async fn rename(
    backend: &Backend,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>> {
    let position = params.text_document_position;
    let new_name = params.new_name;
    let answer = backend
        .query(
            &position.text_document.uri,
            Some(position.position),
            move |index, cursor, locator| {
                let files = index
                    .rename(&cursor.path, cursor.offset, &new_name)
                    .map_err(|error| error.to_string())?;
                Ok(locator.changes(files))
            },
        )
        .await?;
    match answer {
        None => Ok(None),
        Some(Ok(changes)) => Ok(Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        })),
        Some(Err(message)) => Err(refusal(message)),
    }
}
