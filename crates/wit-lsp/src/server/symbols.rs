//! `textDocument/documentSymbol` and `workspace/symbol`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{self as lsp, *};
use wit_analysis::nav;

use super::Backend;
use super::requests::Locator;

pub(super) async fn document_symbol(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let answer = backend
        .query(&params.text_document.uri, None, |index, cursor, locator| {
            index
                .document_symbols(&cursor.path)
                .into_iter()
                .filter_map(|symbol| document_symbol_to_lsp(symbol, &cursor.path, locator))
                .collect::<Vec<_>>()
        })
        .await?;
    Ok(answer.map(DocumentSymbolResponse::Nested))
}

#[allow(deprecated)] // `deprecated` is a required field of the type, replaced by `tags`.
fn document_symbol_to_lsp(
    symbol: nav::DocumentSymbol,
    path: &std::path::Path,
    locator: &mut Locator<'_>,
) -> Option<lsp::DocumentSymbol> {
    let children: Vec<_> = symbol
        .children
        .into_iter()
        .filter_map(|child| document_symbol_to_lsp(child, path, locator))
        .collect();
    Some(lsp::DocumentSymbol {
        name: symbol.name,
        detail: symbol.detail,
        kind: kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: locator.range(path, symbol.range)?,
        selection_range: locator.range(path, symbol.selection_range)?,
        children: (!children.is_empty()).then_some(children),
    })
}

pub(super) async fn workspace_symbol(
    backend: &Backend,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let query = params.query;
    let answer = backend
        .query_all(move |index, locator| {
            index
                .workspace_symbols(&query)
                .into_iter()
                .filter_map(|symbol| {
                    Some(lsp::WorkspaceSymbol {
                        name: symbol.name,
                        kind: kind(symbol.kind),
                        tags: None,
                        container_name: symbol.container,
                        location: OneOf::Left(locator.location(&symbol.location)?),
                        data: None,
                    })
                })
                .collect::<Vec<_>>()
        })
        .await?;
    let mut symbols: Vec<_> = answer.into_iter().flatten().collect();
    // A dependency shared by two packages is listed once.
    symbols.dedup_by(|a, b| a.name == b.name && a.location == b.location);
    Ok(Some(WorkspaceSymbolResponse::Nested(symbols)))
}

fn kind(kind: nav::SymbolKind) -> lsp::SymbolKind {
    use nav::SymbolKind as Wit;
    match kind {
        Wit::Package => lsp::SymbolKind::PACKAGE,
        Wit::Interface => lsp::SymbolKind::INTERFACE,
        Wit::World => lsp::SymbolKind::MODULE,
        Wit::Record => lsp::SymbolKind::STRUCT,
        Wit::Variant | Wit::Enum => lsp::SymbolKind::ENUM,
        Wit::Flags => lsp::SymbolKind::STRUCT,
        Wit::Resource => lsp::SymbolKind::CLASS,
        Wit::TypeAlias | Wit::UseName => lsp::SymbolKind::TYPE_PARAMETER,
        Wit::Function => lsp::SymbolKind::FUNCTION,
        Wit::Method | Wit::StaticMethod => lsp::SymbolKind::METHOD,
        Wit::Constructor => lsp::SymbolKind::CONSTRUCTOR,
        Wit::Field => lsp::SymbolKind::FIELD,
        Wit::VariantCase | Wit::EnumCase | Wit::Flag => lsp::SymbolKind::ENUM_MEMBER,
        Wit::Parameter => lsp::SymbolKind::VARIABLE,
        Wit::Import | Wit::Export => lsp::SymbolKind::MODULE,
    }
}
