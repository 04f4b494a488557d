//! The language server: a thin LSP shell over the analysis layer. It owns
//! documents and position encodings; everything it reports comes from
//! `wit-analysis`, the same code as `wit-lsp check`.
//!
//! Notifications that change state are applied synchronously, under one
//! lock, before any `.await` (tower-lsp issue #284), so edits are never
//! reordered; what they produce for the client goes through one queue
//! ([`Outgoing`]), so it is sent in the same order. Analysis runs in the
//! background on a snapshot (see `diagnostics.rs`).

mod background;
mod code_actions;
mod code_lens;
mod commands;
mod completion;
mod components;
mod config;
mod definition;
mod diagnostics;
mod document;
mod formatting;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod hover;
mod lifecycle;
mod position;
mod ranges;
mod references;
mod rename;
mod requests;
mod semantic_tokens;
mod state;
mod symbols;
mod text_sync;
mod transport;
mod workspace;

use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{Notify, mpsc};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService, Server};

use state::{Outgoing, State};

/// The language server, as `tower-lsp-server` drives it.
pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Messages for the client, sent in order by one task.
    outgoing: OnceLock<mpsc::UnboundedSender<Outgoing>>,
    /// Wakes the analysis task.
    analysis_wanted: Arc<Notify>,
    /// What the client can do, from `initialize`.
    capabilities: OnceLock<ClientCapabilities>,
}

impl Backend {
    fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::default(),
            outgoing: OnceLock::new(),
            analysis_wanted: Arc::default(),
            capabilities: OnceLock::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Queues messages for the client. Callers hold the state lock, so that
    /// messages leave in the order the state changed.
    fn send(&self, _state: &State, messages: Vec<Outgoing>) {
        if let Some(outgoing) = self.outgoing.get() {
            for message in messages {
                // Fails only once the sending task has ended, at exit.
                let _ = outgoing.send(message);
            }
        }
    }

    /// Runs a state change, catching a panic so that one bad notification
    /// does not take the server down; the client hears about it.
    fn guarded(&self, what: &str, change: impl FnOnce(&mut State) -> Vec<Outgoing>) {
        let mut state = self.state();
        let messages = match std::panic::catch_unwind(AssertUnwindSafe(|| change(&mut state))) {
            Ok(messages) => messages,
            Err(panic) => {
                let message = format!("wit-lsp failed to handle {what}: {}", panic_message(&panic));
                tracing::error!("{message}");
                vec![Outgoing::Log(MessageType::ERROR, message)]
            }
        };
        self.send(&state, messages);
        // Said in order with the change, so that a client waiting for the
        // analysis to catch up with it sees this before the end of that.
        if state.has_dirty() {
            self.send(&state, vec![Outgoing::Status { quiescent: false }]);
        }
        drop(state);
        self.analysis_wanted.notify_one();
    }
}

impl Drop for Backend {
    /// Ends the analysis task, which otherwise waits for work forever, with
    /// its thread: an embedder that serves many sessions in one runtime
    /// (`service()`) would leak them, one per session.
    fn drop(&mut self) {
        lock(&self.state).closed = true;
        self.analysis_wanted.notify_one();
    }
}

/// The state lock, even after a panic while it was held: the state is still
/// the best there is, and refusing it would stop the server for good.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|message| message.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        lifecycle::initialize(self, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        lifecycle::initialized(self).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.state().shutdown_requested = true;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        text_sync::did_open(self, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        text_sync::did_change(self, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        text_sync::did_close(self, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        workspace::did_change_configuration(self, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        workspace::did_change_watched_files(self, params).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        workspace::did_change_workspace_folders(self, params).await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        definition::definition(self, params).await
    }

    async fn goto_declaration(
        &self,
        params: request::GotoDeclarationParams,
    ) -> Result<Option<request::GotoDeclarationResponse>> {
        definition::declaration(self, params).await
    }

    async fn goto_type_definition(
        &self,
        params: request::GotoTypeDefinitionParams,
    ) -> Result<Option<request::GotoTypeDefinitionResponse>> {
        definition::type_definition(self, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        references::references(self, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        references::document_highlight(self, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        rename::prepare_rename(self, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        rename::rename(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::hover(self, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        completion::completion(self, params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        formatting::formatting(self, params).await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        formatting::range_formatting(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        symbols::document_symbol(self, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        symbols::workspace_symbol(self, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        semantic_tokens::full(self, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        semantic_tokens::range(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_actions::code_action(self, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        code_lens::code_lens(self, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute_command(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        ranges::folding_range(self, params).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        ranges::selection_range(self, params).await
    }
}

/// The server as a service, for tests that talk to it in process.
pub fn service() -> (LspService<Backend>, ClientSocket) {
    LspService::new(Backend::new)
}

/// Serves LSP on `input`/`output` until the client says `exit`. Returns
/// whether `shutdown` came first, as the protocol asks exit codes to tell.
pub async fn serve(
    input: impl AsyncRead + Unpin + Send + 'static,
    output: impl AsyncWrite,
) -> bool {
    let (service, socket) = service();
    let state = service.inner().state.clone();
    Server::new(transport::checked(input), output, socket)
        .serve(service)
        .await;
    lock(&state).shutdown_requested
}

/// `wit-lsp serve`: the server on stdin/stdout, logs on stderr.
pub fn run_stdio() -> ExitCode {
    init_logging();
    limit_malloc_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the server's runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Background analysis may still be running; it has nobody to tell.
    runtime.shutdown_background();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// glibc gives each thread that allocates its own arena (up to 8 per core)
/// and rarely returns their freed memory: with analyses on the blocking pool
/// and wit-parser on threads of their own, the server's peak RSS while typing
/// in a 50k-line package was 389 MiB. One arena gives 99 MiB but makes the
/// threads wait for each other (syntax diagnostics p99 16 -> 19 ms); two give
/// 126 MiB (BENCHMARKS.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn limit_malloc_arenas() {
    // SAFETY: `mallopt` only sets a parameter of the allocator; it is called
    // before the runtime starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// Logs go to stderr (stdout is the protocol's), at the level of
/// `WIT_LSP_LOG` (default `info`), in `tracing`'s filter syntax.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("WIT_LSP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
