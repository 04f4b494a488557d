//! `textDocument/codeAction`: the analysis' quick fixes for the diagnostics
//! the client passes back, and "organize uses".

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use wit_analysis::nav::CodeActionKind as Kind;
use wit_analysis::{Severity, lint, rules};

use super::Backend;

/// The kinds of action the server offers, as advertised.
pub(super) fn kinds() -> Vec<CodeActionKind> {
    vec![
        CodeActionKind::QUICKFIX,
        CodeActionKind::SOURCE_ORGANIZE_IMPORTS,
    ]
}

pub(super) async fn code_action(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let CodeActionContext {
        diagnostics, only, ..
    } = params.context;
    let range = params.range;
    let answer = backend
        .query(
            &params.text_document.uri,
            None,
            move |index, cursor, locator| {
                let path = &cursor.path;
                let range = locator.byte_range(path, range)?;
                // Only this server's diagnostics go to the analysis;
                // `ours[i]` is where its `i`th one is in the request's list.
                let (ours, analysis): (Vec<usize>, Vec<wit_analysis::Diagnostic>) = diagnostics
                    .iter()
                    .enumerate()
                    .filter_map(|(i, diagnostic)| {
                        Some((
                            i,
                            from_lsp(
                                diagnostic,
                                path,
                                locator.byte_range(path, diagnostic.range)?,
                            )?,
                        ))
                    })
                    .unzip();
                let actions = index
                    .code_actions(path, range, &analysis)
                    .into_iter()
                    .filter(|action| {
                        only.as_ref().is_none_or(|only| {
                            only.iter()
                                .any(|wanted| is_within(kind(action.kind), wanted))
                        })
                    })
                    .map(|action| {
                        CodeActionOrCommand::CodeAction(CodeAction {
                            title: action.title,
                            kind: Some(kind(action.kind)),
                            diagnostics: action
                                .diagnostic
                                .map(|i| vec![diagnostics[ours[i]].clone()]),
                            edit: Some(WorkspaceEdit {
                                changes: Some(locator.changes(action.edits)),
                                ..WorkspaceEdit::default()
                            }),
                            is_preferred: action.is_preferred.then_some(true),
                            ..CodeAction::default()
                        })
                    })
                    .collect();
                Some(actions)
            },
        )
        .await?;
    Ok(answer.flatten())
}

fn kind(kind: Kind) -> CodeActionKind {
    match kind {
        Kind::QuickFix => CodeActionKind::QUICKFIX,
        Kind::SourceOrganizeUses => CodeActionKind::SOURCE_ORGANIZE_IMPORTS,
    }
}

/// Whether `kind` is `wanted` or below it (`source` covers `source.organizeImports`).
fn is_within(kind: CodeActionKind, wanted: &CodeActionKind) -> bool {
    let (kind, wanted) = (kind.as_str(), wanted.as_str());
    kind == wanted
        || kind
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// A diagnostic this server published, back in analysis terms; `None` for
/// another tool's or one whose code is not a known rule.
fn from_lsp(
    diagnostic: &Diagnostic,
    path: &std::path::Path,
    range: std::ops::Range<usize>,
) -> Option<wit_analysis::Diagnostic> {
    if diagnostic.source.as_deref() != Some("wit-lsp") {
        return None;
    }
    let Some(NumberOrString::String(code)) = &diagnostic.code else {
        return None;
    };
    let rule = rules::ERRORS
        .iter()
        .chain(lint::LINTS)
        .find(|rule| rule.code == code)?;
    Some(wit_analysis::Diagnostic {
        path: path.to_path_buf(),
        range,
        severity: if diagnostic.severity == Some(DiagnosticSeverity::WARNING) {
            Severity::Warning
        } else {
            Severity::Error
        },
        code: Some(rule.code),
        message: diagnostic.message.clone(),
    })
}
