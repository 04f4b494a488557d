//! `textDocument/definition`, `declaration` and `typeDefinition`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::request::{GotoDeclarationParams, GotoDeclarationResponse};
use tower_lsp_server::ls_types::*;
use wit_analysis::nav::{Index, Location as NavLocation};

use super::Backend;

/// Which of the three questions is asked.
#[derive(Clone, Copy)]
pub(super) enum Goto {
    Definition,
    Declaration,
    TypeDefinition,
}

pub(super) async fn goto(
    backend: &Backend,
    params: TextDocumentPositionParams,
    goto: Goto,
) -> Result<Option<Vec<Location>>> {
    let answer = backend
        .query(
            &params.text_document.uri,
            Some(params.position),
            move |index: &Index, cursor, locator| {
                let targets: Vec<NavLocation> = match goto {
                    Goto::Definition => index.definition(&cursor.path, cursor.offset),
                    Goto::Declaration => index.declaration(&cursor.path, cursor.offset),
                    Goto::TypeDefinition => index.type_definition(&cursor.path, cursor.offset),
                };
                locator.locations(&targets)
            },
        )
        .await?;
    Ok(answer.filter(|locations| !locations.is_empty()))
}

pub(super) async fn definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let locations = goto(
        backend,
        params.text_document_position_params,
        Goto::Definition,
    )
    .await?;
    Ok(locations.map(GotoDefinitionResponse::Array))
}

pub(super) async fn declaration(
    backend: &Backend,
    params: GotoDeclarationParams,
) -> Result<Option<GotoDeclarationResponse>> {
    let locations = goto(
        backend,
        params.text_document_position_params,
        Goto::Declaration,
    )
    .await?;
    Ok(locations.map(GotoDeclarationResponse::Array))
}

pub(super) async fn type_definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let locations = goto(
        backend,
        params.text_document_position_params,
        Goto::TypeDefinition,
    )
    .await?;
    Ok(locations.map(GotoDefinitionResponse::Array))
}
