//! `initialize`, `initialized`: capabilities, position encoding, folders.

use std::path::PathBuf;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::state::file_path;
use super::{
    Backend, code_actions, commands, completion, config, diagnostics, position, semantic_tokens,
    workspace,
};

pub(super) fn initialize(backend: &Backend, params: InitializeParams) -> Result<InitializeResult> {
    let encoding = position::negotiate(&params.capabilities);
    let folders: Vec<PathBuf> = match &params.workspace_folders {
        Some(folders) => folders
            .iter()
            .filter_map(|folder| file_path(&folder.uri))
            .collect(),
        #[allow(deprecated)] // `rootUri` is how older clients name the one folder.
        None => params.root_uri.iter().filter_map(file_path).collect(),
    };
    let problems = {
        let mut state = backend.state();
        state.encoding = encoding;
        state.folders = folders;
        match &params.initialization_options {
            Some(options) => {
                let (config, problems) = config::parse(options);
                state.workspace.settings = config.analysis;
                state.components.configure(config.run.components.clone());
                state.run = config.run;
                problems
            }
            None => Vec::new(),
        }
    };
    let notices = diagnostics::Notices {
        status: params
            .capabilities
            .experimental
            .as_ref()
            .and_then(|experimental| experimental.get("serverStatusNotification"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false),
        code_lens_refresh: params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.code_lens.as_ref())
            .and_then(|code_lens| code_lens.refresh_support)
            .unwrap_or(false),
    };
    let _ = backend.capabilities.set(params.capabilities);
    diagnostics::start(backend, notices);
    workspace::report_settings_problems(backend, problems);

    Ok(InitializeResult {
        server_info: Some(ServerInfo {
            name: "wit-lsp".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.into()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            definition_provider: Some(OneOf::Left(true)),
            declaration_provider: Some(DeclarationCapability::Simple(true)),
            type_definition_provider: Some(TypeDefinitionProviderCapability::Simple(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            document_range_formatting_provider: Some(OneOf::Left(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(
                    completion::TRIGGER_CHARACTERS
                        .iter()
                        .map(|character| character.to_string())
                        .collect(),
                ),
                ..CompletionOptions::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: semantic_tokens::legend(),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    range: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
            ),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(code_actions::kinds()),
                ..CodeActionOptions::default()
            })),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: commands::COMMANDS
                    .iter()
                    .map(|command| command.to_string())
                    .collect(),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        },
        offset_encoding: None,
    })
}

pub(super) async fn initialized(backend: &Backend) {
    workspace::watch_files(backend).await;
    workspace::pull_configuration(backend).await;
    workspace::discover(backend).await;
}
