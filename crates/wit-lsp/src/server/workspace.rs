//! The workspace: folders and the packages and components in them, files
//! changed on disk, and settings.

use std::path::PathBuf;

use serde_json::{Value, json};
use tower_lsp_server::ls_types::*;
use wit_analysis::targets::{find_components, is_component_file};

use super::state::{Outgoing, file_path};
use super::{Backend, config};

/// Asks the client to tell us about WIT files and components changing on
/// disk, when it can register watchers at run time.
pub(super) async fn watch_files(backend: &Backend) {
    let dynamic = backend
        .capabilities
        .get()
        .and_then(|capabilities| capabilities.workspace.as_ref())
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    if !dynamic {
        return;
    }
    let watchers = ["**/*.wit", "**/deps/**", "**/*.wasm", "**/*.wat"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_owned()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "wit-lsp/watched-files".to_owned(),
        method: "workspace/didChangeWatchedFiles".to_owned(),
        register_options: Some(json!(options)),
    };
    if let Err(error) = backend.client.register_capability(vec![registration]).await {
        tracing::warn!("the client refused to watch WIT files: {error}");
    }
}

/// Asks the client for our settings, when it answers such requests.
pub(super) async fn pull_configuration(backend: &Backend) {
    let can_pull = backend
        .capabilities
        .get()
        .and_then(|capabilities| capabilities.workspace.as_ref())
        .and_then(|workspace| workspace.configuration)
        .unwrap_or(false);
    if !can_pull {
        return;
    }
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some(config::SECTION.to_owned()),
    };
    match backend.client.configuration(vec![item]).await {
        Ok(values) => {
            if let Some(value) = values.first().filter(|value| !value.is_null()) {
                apply_settings(backend, value);
            }
        }
        Err(error) => tracing::warn!("the client did not send its settings: {error}"),
    }
}

pub(super) async fn did_change_configuration(
    backend: &Backend,
    params: DidChangeConfigurationParams,
) {
    // Clients that answer `workspace/configuration` send nothing useful
    // here; the others send the settings themselves.
    if !params.settings.is_null() {
        apply_settings(backend, &params.settings);
    }
    pull_configuration(backend).await;
}

fn apply_settings(backend: &Backend, value: &Value) {
    let (config, problems) = config::parse(value);
    backend.guarded("new settings", |state| {
        let components_changed = state.components.configure(config.run.components.clone());
        state.run = config.run;
        if state.workspace.settings != config.analysis || components_changed {
            state.workspace.settings = config.analysis;
            state.all_dirty();
        }
        settings_problems(problems)
    });
}

/// Tells the user which settings were not understood.
pub(super) fn report_settings_problems(backend: &Backend, problems: Vec<String>) {
    backend.guarded("settings", |_| settings_problems(problems));
}

fn settings_problems(problems: Vec<String>) -> Vec<Outgoing> {
    problems
        .into_iter()
        .map(|problem| Outgoing::Show(MessageType::WARNING, problem))
        .collect()
}

pub(super) async fn did_change_watched_files(
    backend: &Backend,
    params: DidChangeWatchedFilesParams,
) {
    let paths: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|change| file_path(&change.uri))
        .collect();
    let layout_changed = params
        .changes
        .iter()
        .any(|change| change.typ != FileChangeType::CHANGED);
    if layout_changed {
        discover(backend).await;
    }
    // Any package's worlds may be targeted by a component that changed.
    let component_changed = paths.iter().any(|path| is_component_file(path));
    backend.guarded("didChangeWatchedFiles", |state| {
        state.files_changed(&paths);
        if component_changed {
            state.all_dirty();
        }
        Vec::new()
    });
}

pub(super) async fn did_change_workspace_folders(
    backend: &Backend,
    params: DidChangeWorkspaceFoldersParams,
) {
    backend.guarded("didChangeWorkspaceFolders", |state| {
        let removed: Vec<_> = params
            .event
            .removed
            .iter()
            .filter_map(|folder| file_path(&folder.uri))
            .collect();
        state.folders.retain(|folder| !removed.contains(folder));
        state.folders.extend(
            params
                .event
                .added
                .iter()
                .filter_map(|folder| file_path(&folder.uri)),
        );
        Vec::new()
    });
    discover(backend).await;
}

/// Finds the packages and components in the workspace folders, off the
/// async threads (it walks directories).
pub(super) async fn discover(backend: &Backend) {
    let (folders, workspace) = {
        let state = backend.state();
        (state.folders.clone(), state.workspace.clone())
    };
    let found = tokio::task::spawn_blocking(move || {
        let mut roots = Vec::new();
        let mut components = Vec::new();
        let mut problems = Vec::new();
        for folder in &folders {
            match workspace.find_roots(folder) {
                Ok(found) => roots.extend(found),
                // A folder without WIT is not a problem for an editor.
                Err(error) if matches!(error.kind, wit_analysis::LoadErrorKind::NoWitFiles) => {}
                Err(error) => problems.push(error.to_string()),
            }
            components.extend(find_components(folder));
        }
        (roots, components, problems)
    })
    .await;
    match found {
        Ok((roots, components, problems)) => backend.guarded("workspace folders", |state| {
            state.set_discovered_roots(roots);
            // Which components target which worlds is known after analysis.
            if state.components.set_found(components) {
                state.all_dirty();
            }
            problems
                .into_iter()
                .map(|problem| Outgoing::Log(MessageType::WARNING, problem))
                .collect()
        }),
        Err(error) => tracing::error!("finding the packages in the workspace failed: {error}"),
    }
}
