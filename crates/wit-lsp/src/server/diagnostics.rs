//! Live diagnostics. Each change publishes the document's syntax errors at
//! once (see `State::change`); the packages it touches are analysed in the
//! background once edits pause for [`DEBOUNCE`], and every file of those
//! packages, open or not, gets the analysis' diagnostics, which are exactly
//! what `wit-lsp check` prints, plus the mismatches of the components of
//! their worlds (`components.rs`), checked in the same run.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::MessageType;
use wit_analysis::Workspace;

use super::background::Background;
use super::state::{AnalysisJob, Outgoing, State};
use super::{Backend, lock, panic_message};

/// How long edits must pause before the packages they touch are analysed
/// again: long enough to skip the keystrokes of a burst, short enough that
/// the last one's diagnostics arrive well within 50 ms.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// What the client asked to hear about, beyond diagnostics and messages.
pub(super) struct Notices {
    /// `experimental/serverStatus`.
    pub(super) status: bool,
    /// `workspace/codeLens/refresh`.
    pub(super) code_lens_refresh: bool,
}

/// Starts the tasks that send messages to the client and analyse packages.
pub(super) fn start(backend: &Backend, notices: Notices) {
    let (sender, receiver) = mpsc::unbounded_channel();
    if backend.outgoing.set(sender.clone()).is_err() {
        return;
    }
    tokio::spawn(send_in_order(backend.client.clone(), receiver, notices));
    tokio::spawn(analyze_when_wanted(
        backend.state.clone(),
        backend.analysis_wanted.clone(),
        sender,
    ));
}

async fn send_in_order(
    client: Client,
    mut receiver: mpsc::UnboundedReceiver<Outgoing>,
    notices: Notices,
) {
    while let Some(message) = receiver.recv().await {
        match message {
            Outgoing::Publish {
                uri,
                diagnostics,
                version,
            } => client.publish_diagnostics(uri, diagnostics, version).await,
            Outgoing::Log(kind, message) => client.log_message(kind, message).await,
            Outgoing::Show(kind, message) => client.show_message(kind, message).await,
            Outgoing::Status { quiescent } => {
                if notices.status {
                    client
                        .send_notification::<ServerStatus>(serde_json::json!({
                            "health": "ok",
                            "quiescent": quiescent,
                        }))
                        .await;
                }
            }
            Outgoing::RefreshCodeLenses => {
                if notices.code_lens_refresh {
                    // A request: waiting for its answer would hold up the
                    // messages behind it.
                    let client = client.clone();
                    tokio::spawn(async move {
                        if let Err(error) = client.code_lens_refresh().await {
                            tracing::warn!("the client did not refresh code lenses: {error}");
                        }
                    });
                }
            }
        }
    }
}

async fn analyze_when_wanted(
    state: Arc<Mutex<State>>,
    wanted: Arc<Notify>,
    outgoing: mpsc::UnboundedSender<Outgoing>,
) {
    let background = match Background::start() {
        Ok(background) => background,
        Err(error) => {
            let message = format!("wit-lsp cannot start its analysis thread: {error}");
            tracing::error!("{message}");
            let _ = outgoing.send(Outgoing::Show(MessageType::ERROR, message));
            return;
        }
    };
    loop {
        wanted.notified().await;
        if lock(&state).closed {
            return;
        }
        // Whether this round analysed anything; `quiescent: false` went out
        // with the change that made the work.
        let mut busy = false;
        // Edits that arrive while a run is going on make the state dirty
        // again; the loop runs until nothing is left, so the last edit is
        // always analysed.
        loop {
            let pause = lock(&state)
                .last_change
                .map(|last| DEBOUNCE.saturating_sub(last.elapsed()));
            if let Some(pause) = pause.filter(|pause| !pause.is_zero()) {
                tokio::time::sleep(pause).await;
                continue;
            }
            let job = {
                let mut locked = lock(&state);
                let job = locked.take_job();
                // Said under the lock, in order with the changes: a change
                // that comes after this has its own `quiescent: false`.
                if job.is_none() && busy {
                    let _ = outgoing.send(Outgoing::Status { quiescent: true });
                }
                job
            };
            let Some(job) = job else {
                break;
            };
            busy = true;
            let AnalysisJob {
                roots,
                workspace,
                versions,
                components,
                folders,
            } = job;
            // The index is built from the trees this analysis parses.
            let index_workspace = workspace.clone();
            let analysed = background
                .run(move || {
                    roots
                        .into_iter()
                        .map(|root| {
                            let result = workspace.analyze_root(&root);
                            let targets = result
                                .as_ref()
                                .ok()
                                .and_then(|analysis| components.check(&folders, analysis));
                            (root, result, targets)
                        })
                        .collect::<Vec<_>>()
                })
                .await;
            let analysed = {
                let mut locked = lock(&state);
                let (messages, analysed) = match analysed {
                    Ok(results) => {
                        let mut messages = Vec::new();
                        let mut analysed = Vec::new();
                        for (root, result, targets) in results {
                            messages.extend(locked.apply_analysis(
                                root.clone(),
                                &result,
                                targets,
                                &versions,
                            ));
                            analysed.push((root, result));
                        }
                        (messages, analysed)
                    }
                    // The analysis is wit-parser's and ours; a panic in it must
                    // not stop diagnostics for good. The next edit tries again.
                    Err(panic) => {
                        let message =
                            format!("wit-lsp's analysis failed: {}", panic_message(&panic));
                        tracing::error!("{message}");
                        (vec![Outgoing::Log(MessageType::ERROR, message)], Vec::new())
                    }
                };
                for message in messages {
                    // Fails only once the sending task has ended, at exit.
                    let _ = outgoing.send(message);
                }
                analysed
            };
            index_analysed(&state, &background, &index_workspace, analysed, versions).await;
        }
    }
}

/// Builds the navigation index of each analysed package, after its
/// diagnostics are out, so that requests find it ready.
async fn index_analysed(
    state: &Arc<Mutex<State>>,
    background: &Background,
    workspace: &Workspace,
    analysed: Vec<(
        PathBuf,
        Result<wit_analysis::PackageAnalysis, wit_analysis::LoadError>,
    )>,
    versions: HashMap<PathBuf, i32>,
) {
    let workspace = workspace.clone();
    let built = background
        .run(move || {
            analysed
                .into_iter()
                .filter_map(|(root, result)| {
                    let analysis = result.ok()?;
                    let index = workspace.index(&analysis);
                    Some((root, Arc::new(index)))
                })
                .collect::<Vec<_>>()
        })
        .await;
    match built {
        Ok(built) => {
            let mut state = lock(state);
            for (root, index) in built {
                state.store_index(root, index, versions.clone());
            }
        }
        Err(panic) => tracing::error!("indexing failed: {}", panic_message(&panic)),
    }
}

/// rust-analyzer's `experimental/serverStatus`: clients show it, and tests
/// and benchmarks wait for `quiescent` to know the analysis caught up.
enum ServerStatus {}

impl tower_lsp_server::ls_types::notification::Notification for ServerStatus {
    type Params = serde_json::Value;
    const METHOD: &'static str = "experimental/serverStatus";
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::{Notices, start};

    /// An embedder serving one session after another in one runtime must
    /// not keep the tasks (and the analysis thread) of the finished ones.
    #[tokio::test]
    async fn the_analysis_task_ends_with_the_server() {
        let (service, _socket) = crate::server::service();
        let notices = Notices {
            status: false,
            code_lens_refresh: false,
        };
        start(service.inner(), notices);
        // The analysis task holds the state until it ends.
        let state = Arc::downgrade(&service.inner().state);
        drop(service);
        tokio::time::timeout(Duration::from_secs(10), async {
            while state.strong_count() > 0 {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("the analysis task ends once the server is gone");
    }
}
