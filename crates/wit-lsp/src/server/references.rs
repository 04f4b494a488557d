//! `textDocument/references` and `documentHighlight`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::Backend;

pub(super) async fn references(
    backend: &Backend,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let position = params.text_document_position;
    let include_declaration = params.context.include_declaration;
    let answer = backend
        .query(
            &position.text_document.uri,
            Some(position.position),
            move |index, cursor, locator| {
                let found = index.references(&cursor.path, cursor.offset, include_declaration);
                locator.locations(&found)
            },
        )
        .await?;
    Ok(answer.filter(|locations| !locations.is_empty()))
}

pub(super) async fn document_highlight(
    backend: &Backend,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let position = params.text_document_position_params;
    let answer = backend
        .query(
            &position.text_document.uri,
            Some(position.position),
            |index, cursor, locator| {
                index
                    .highlights(&cursor.path, cursor.offset)
                    .into_iter()
                    .filter_map(|highlight| {
                        Some(DocumentHighlight {
                            range: locator.range(&cursor.path, highlight.range)?,
                            kind: Some(if highlight.is_definition {
                                DocumentHighlightKind::WRITE
                            } else {
                                DocumentHighlightKind::READ
                            }),
                        })
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    Ok(answer.filter(|highlights| !highlights.is_empty()))
}
