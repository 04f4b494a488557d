//! `textDocument/hover`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::Backend;

pub(super) async fn hover(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params;
    let answer = backend
        .query(
            &position.text_document.uri,
            Some(position.position),
            |index, cursor, locator| {
                let info = index.hover(&cursor.path, cursor.offset)?;
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: info.markdown,
                    }),
                    range: locator.range(&cursor.path, info.range),
                })
            },
        )
        .await?;
    Ok(answer.flatten())
}
