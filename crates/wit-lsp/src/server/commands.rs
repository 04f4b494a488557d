//! `workspace/executeCommand`: the commands the lenses above worlds run.
//!
//! `wit-lsp.checkComponent`, with `[{"uri": WIT file, "world": name,
//! "component": path or URI (optional)}]`: checks that the component (by
//! default the world's, see `components.rs`) targets the world, as
//! `wit-lsp targets --allow-wasi` does, and answers
//! `{"ok", "component", "world", "mismatches": [{"item", "direction",
//! "message"}], "output"}`, `output` being what `wit-lsp targets` prints,
//! which also goes to the client's log. The component becomes the world's,
//! so its mismatches are published on the world and follow its changes.
//!
//! `wit-lsp.runWorld`, with the same arguments and `"invoke"` (a WAVE call;
//! `wasi:cli/run` when absent) and `"stubs"` (`["iface#func=WAVE"]`): checks
//! the component the same way and, when it targets the world, runs it as
//! `wit-lsp run` does, with the guest's output captured. The answer adds
//! `"function"`, `"status"` (`returned`, `exited`, `trapped`, `timedOut`,
//! `outOfMemory`), `"results"` (WAVE), `"exitCode"`, `"stdout"`, `"stderr"`
//! and `"stubCalls"`; `output` is all of it as text, and goes to the log.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, MessageType, Uri};
use wit_analysis::targets::{Mismatch, read_component, report, select_world};
use wit_run::{Output, RunOptions, Status};

use super::Backend;
use super::components::{resolve_path, shown_path};
use super::requests::failed;
use super::state::{Outgoing, file_path};

pub(crate) const CHECK_COMPONENT: &str = "wit-lsp.checkComponent";
pub(crate) const RUN_WORLD: &str = "wit-lsp.runWorld";

/// The commands the server runs, as advertised.
pub(crate) const COMMANDS: &[&str] = &[CHECK_COMPONENT, RUN_WORLD];

pub(super) async fn execute_command(
    backend: &Backend,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    match params.command.as_str() {
        CHECK_COMPONENT => check_component(backend, &params.arguments).await.map(Some),
        RUN_WORLD => run_world(backend, &params.arguments).await.map(Some),
        unknown => Err(Error::invalid_params(format!(
            "unknown command `{unknown}`; the commands are {}",
            COMMANDS.join(", ")
        ))),
    }
}

/// What `checkComponent` and `runWorld` are asked to do.
struct CheckRequest {
    /// Which of the two: the commands' names start their error messages.
    command: &'static str,
    /// The WIT file whose package defines the world.
    path: PathBuf,
    world: String,
    /// As given: a path (maybe relative) or a `file:` URI.
    component: Option<String>,
    /// `runWorld`'s call, in WAVE.
    invoke: Option<String>,
    /// `runWorld`'s stub results: `iface#func=WAVE`.
    stubs: Vec<String>,
}

fn parse_check_request(command: &'static str, arguments: &[Value]) -> Result<CheckRequest> {
    let [Value::Object(argument)] = arguments else {
        return Err(Error::invalid_params(format!(
            "{command} takes one argument, {{\"uri\", \"world\", \"component\"}}, not {}",
            Value::from(arguments.to_vec())
        )));
    };
    let field = |name: &str| argument.get(name).unwrap_or(&Value::Null);
    let path = field("uri")
        .as_str()
        .and_then(|uri| uri.parse::<Uri>().ok())
        .and_then(|uri| file_path(&uri))
        .ok_or_else(|| {
            Error::invalid_params(format!(
                "{command}: `uri` must be the `file:` URI of a WIT file, not {}",
                field("uri")
            ))
        })?;
    let world = field("world").as_str().ok_or_else(|| {
        Error::invalid_params(format!(
            "{command}: `world` must be the name of a world, not {}",
            field("world")
        ))
    })?;
    let component = match argument.get("component") {
        None | Some(Value::Null) => None,
        Some(Value::String(component)) if !component.is_empty() => Some(component.clone()),
        Some(other) => {
            return Err(Error::invalid_params(format!(
                "{command}: `component` must be the path or `file:` URI of a component, not {other}"
            )));
        }
    };
    let invoke = match argument.get("invoke") {
        None | Some(Value::Null) => None,
        Some(Value::String(invoke)) => Some(invoke.clone()),
        Some(other) => {
            return Err(Error::invalid_params(format!(
                "{command}: `invoke` must be a call written in WAVE, such as \"greet(\\\"world\\\")\", not {other}"
            )));
        }
    };
    let stubs = match argument.get("stubs") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(stubs)) if stubs.iter().all(Value::is_string) => stubs
            .iter()
            .filter_map(|stub| stub.as_str().map(str::to_owned))
            .collect(),
        Some(other) => {
            return Err(Error::invalid_params(format!(
                "{command}: `stubs` must be a list of \"FUNCTION=VALUE\", not {other}"
            )));
        }
    };
    Ok(CheckRequest {
        command,
        path,
        world: world.to_owned(),
        component,
        invoke,
        stubs,
    })
}

/// A component checked against a world.
struct Checked {
    request: CheckRequest,
    component: PathBuf,
    mismatches: Vec<Mismatch>,
    /// What `wit-lsp targets` prints.
    output: String,
}

impl Checked {
    fn answer(&self) -> Value {
        json!({
            "ok": self.mismatches.is_empty(),
            "component": self.component.display().to_string(),
            "world": self.request.world,
            "mismatches": self.mismatches
                .iter()
                .map(|mismatch| json!({
                    "item": mismatch.item,
                    "direction": mismatch.direction.to_string(),
                    "message": mismatch.to_string(),
                }))
                .collect::<Vec<_>>(),
            "output": self.output,
        })
    }
}

async fn check_component(backend: &Backend, arguments: &[Value]) -> Result<Value> {
    let checked = check(backend, parse_check_request(CHECK_COMPONENT, arguments)?).await?;
    log(backend, CHECK_COMPONENT, checked.output.clone());
    Ok(checked.answer())
}

async fn run_world(backend: &Backend, arguments: &[Value]) -> Result<Value> {
    let mut checked = check(backend, parse_check_request(RUN_WORLD, arguments)?).await?;
    if !checked.mismatches.is_empty() {
        checked
            .output
            .push_str("not running a component that does not target its world\n");
        log(backend, RUN_WORLD, checked.output.clone());
        return Ok(checked.answer());
    }
    let component = checked.component.clone();
    let settings = backend.state().run.clone();
    let options = RunOptions {
        invoke: checked.request.invoke.clone(),
        stubs: checked.request.stubs.clone(),
        args: vec![wit_run::program_name(&component)],
        timeout: settings.timeout,
        max_memory: settings.max_memory,
        cache_dir: settings.cache_dir,
        output: Output::Capture,
        ..RunOptions::default()
    };
    let ran = tokio::task::spawn_blocking(move || {
        let bytes = read_component(&component)
            .map_err(|error| request_failed(format!("{}: {error}", component.display())))?;
        wit_run::run(&bytes, &options).map_err(|error| match error {
            wit_run::RunError::Spec(spec) => Error::invalid_params(spec_message(&spec)),
            error => request_failed(error.to_string()),
        })
    })
    .await
    .map_err(failed)??;

    let stdout = String::from_utf8_lossy(&ran.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&ran.stderr).into_owned();
    let mut output = String::new();
    for (heading, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        if !text.is_empty() {
            output.push_str(&format!("--- {heading}\n{text}"));
            if !text.ends_with('\n') {
                output.push('\n');
            }
        }
    }
    for call in &ran.stub_calls {
        output.push_str(&format!("stub: {call}\n"));
    }
    let (status, results, exit_code) = match &ran.status {
        Status::Returned(results) => ("returned", results.clone(), None),
        Status::Exited(code) => ("exited", Vec::new(), Some(*code)),
        Status::Trapped { .. } => ("trapped", Vec::new(), None),
        Status::TimedOut(_) => ("timedOut", Vec::new(), None),
        Status::OutOfMemory { .. } => ("outOfMemory", Vec::new(), None),
    };
    for result in &results {
        output.push_str(&format!("{result}\n"));
    }
    if let Some(failure) = ran.failure() {
        output.push_str(&format!("error: {failure}\n"));
    }
    log(backend, RUN_WORLD, output.clone());
    let mut answer = checked.answer();
    answer["ok"] = Value::Bool(ran.status.is_success());
    answer["function"] = Value::from(ran.function.clone());
    answer["status"] = Value::from(status);
    answer["results"] = Value::from(results);
    answer["exitCode"] = exit_code.map_or(Value::Null, Value::from);
    answer["stdout"] = Value::from(stdout);
    answer["stderr"] = Value::from(stderr);
    answer["stubCalls"] = Value::from(ran.stub_calls.clone());
    answer["output"] = Value::from(output);
    Ok(answer)
}

/// A mistake in `invoke` or `stubs`, named as the command's arguments name
/// them: ``RUN_WORLD: `invoke` `greet(42)`: invalid value type at characters
/// 7–8; `greet` takes (name: string)``.
fn spec_message(spec: &wit_run::SpecError) -> String {
    let argument = if spec.option == "--stub" {
        "stubs"
    } else {
        "invoke"
    };
    let mut message = format!(
        "{RUN_WORLD}: `{argument}` `{}`: {} at characters {}–{}",
        spec.text,
        spec.message,
        spec.span.start + 1,
        spec.span.end.max(spec.span.start + 1)
    );
    if let Some(help) = &spec.help {
        message.push_str(&format!("; {help}"));
    }
    message
}

/// Puts a command's output in the client's log.
fn log(backend: &Backend, command: &str, output: String) {
    backend.guarded(command, |_| vec![Outgoing::Log(MessageType::INFO, output)]);
}

/// Checks the component `request` names (or the world's) against its world;
/// the component becomes the world's.
async fn check(backend: &Backend, request: CheckRequest) -> Result<Checked> {
    let path = request.path.clone();
    let world = request.world.clone();
    let command = request.command;
    let (root, workspace, components, folders, component) = {
        let state = backend.state();
        let root = state
            .root_of(&path)
            .ok_or_else(|| Error::invalid_params(format!("{} is in no package", path.display())))?;
        let component = match &request.component {
            Some(component) => component_path(command, &state.folders, &root, component)?,
            None => state
                .world_components(&path)
                .remove(&world)
                .or_else(|| state.components.chosen(&state.folders, &root, &world))
                .ok_or_else(|| {
                    Error::invalid_params(format!(
                        "{command}: no component is known for world `{world}`; \
                         pass `component`, or set `run.component`"
                    ))
                })?,
        };
        (
            root,
            state.workspace.clone(),
            state.components.clone(),
            state.folders.clone(),
            component,
        )
    };
    let checked = {
        let (world, component) = (world.clone(), component.clone());
        tokio::task::spawn_blocking(move || {
            let analysis = workspace
                .analyze_root(&root)
                .map_err(|error| request_failed(error.to_string()))?;
            let Some(resolved) = &analysis.resolved else {
                return Err(request_failed(format!(
                    "{}: the package has errors; fix them to check a component against it",
                    root.display()
                )));
            };
            // A world the package lacks is a bad argument, not a failed check.
            select_world(resolved, Some(&world))
                .map_err(|error| Error::invalid_params(error.to_string()))?;
            let mismatches = components
                .decode(&component)
                .map_err(request_failed)?
                .check(resolved, Some(&world), true)
                .map_err(|error| request_failed(error.to_string()))?;
            let output = report(&shown_path(&folders, &component), &world, &mismatches);
            Ok((mismatches, output))
        })
        .await
    };
    let (mismatches, output) = checked.map_err(failed)??;
    backend.guarded(command, |state| {
        state.component_checked(&path, world, component.clone());
        Vec::new()
    });
    Ok(Checked {
        request,
        component,
        mismatches,
        output,
    })
}

/// The component a command was given: a `file:` URI, or a path.
fn component_path(
    command: &str,
    folders: &[PathBuf],
    root: &Path,
    component: &str,
) -> Result<PathBuf> {
    if component.starts_with("file:") {
        return component
            .parse::<Uri>()
            .ok()
            .and_then(|uri| file_path(&uri))
            .ok_or_else(|| {
                Error::invalid_params(format!(
                    "{command}: `component` is not a file URI: {component}"
                ))
            });
    }
    Ok(resolve_path(folders, root, Path::new(component)))
}

/// LSP's `RequestFailed`: the request was valid, but what it asks for
/// cannot be done.
fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: Cow::Owned(message),
        data: None,
    }
}
