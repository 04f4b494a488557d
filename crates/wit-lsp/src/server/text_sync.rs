//! `textDocument/didOpen`, `didChange`, `didClose`: applied at once, in order.

use tower_lsp_server::ls_types::*;

use super::Backend;

pub(super) fn did_open(backend: &Backend, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    backend.guarded("didOpen", |state| {
        state.open(document.uri, document.text, document.version)
    });
}

pub(super) fn did_change(backend: &Backend, params: DidChangeTextDocumentParams) {
    let document = params.text_document;
    backend.guarded("didChange", |state| {
        state.change(&document.uri, &params.content_changes, document.version)
    });
}

pub(super) fn did_close(backend: &Backend, params: DidCloseTextDocumentParams) {
    backend.guarded("didClose", |state| state.close(&params.text_document.uri));
}
