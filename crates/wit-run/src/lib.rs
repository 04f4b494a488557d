//! Runs a WebAssembly component in an embedded Wasmtime: WASI 0.2 from
//! `wasmtime-wasi`, a stub for every other import, arguments and results in
//! WAVE, and a sandbox with limits.
//!
//! This crate knows nothing of WIT files, worlds or the editor: the caller
//! checks the component against its world first (`wit_analysis::targets`) and
//! renders the [`Outcome`]. Everything here works from the component's own
//! types, as Wasmtime sees them.

mod cache;
mod call;
mod sandbox;
mod stubs;

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use wasmtime::component::{Linker, Val};
use wasmtime::{Config, Engine};

pub use crate::cache::default_cache_dir;
pub use crate::sandbox::{DirGrant, parse_env};
use crate::stubs::StubLog;

/// How long a guest may run by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// How much linear memory a guest may have by default (all memories together).
pub const DEFAULT_MAX_MEMORY: usize = 256 << 20;

/// What to run and what the guest may use. The defaults are a closed
/// sandbox: no directories, no environment, no network, no clocks.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The export to call, in WAVE: `greet("world")`,
    /// `example:greeter/greeter#greet("world")`. `None` runs `wasi:cli/run`.
    pub invoke: Option<String>,
    /// Results for stubbed imports, each `iface#func=WAVE` or `func=WAVE`.
    pub stubs: Vec<String>,
    /// Host directories the guest may open.
    pub dirs: Vec<DirGrant>,
    /// Environment variables the guest sees.
    pub env: Vec<(String, String)>,
    /// The guest's command line, its program name ([`program_name`]) first.
    pub args: Vec<String>,
    /// Let the guest open sockets and look up names.
    pub inherit_network: bool,
    /// Let the guest read the host's clocks; otherwise both read zero.
    pub inherit_clocks: bool,
    /// Wall-clock limit of instantiation plus the call.
    pub timeout: Duration,
    /// Limit of the guest's linear memories together, in bytes.
    pub max_memory: usize,
    /// Where compiled components are kept; `None` compiles every time.
    pub cache_dir: Option<PathBuf>,
    /// Where the guest's stdout and stderr (and the stub log) go.
    pub output: Output,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            invoke: None,
            stubs: Vec::new(),
            dirs: Vec::new(),
            env: Vec::new(),
            args: Vec::new(),
            inherit_network: false,
            inherit_clocks: false,
            timeout: DEFAULT_TIMEOUT,
            max_memory: DEFAULT_MAX_MEMORY,
            cache_dir: None,
            output: Output::Capture,
        }
    }
}

/// Where the guest's output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Straight to this process' stdout and stderr, as it is written; stub
    /// calls are logged to stderr. For the command line.
    Inherit,
    /// Into [`Outcome::stdout`] and [`Outcome::stderr`], never this process'
    /// stdio (the language server speaks on it).
    Capture,
}

/// What happened when the component ran.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The function called, fully named: `example:greeter/greeter@1.0.0#greet`.
    pub function: String,
    pub status: Status,
    /// The guest's output, when captured.
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The calls of stubbed imports, in order: `host#name() -> "x"`; the
    /// first 1,000, each cut at 1 KiB, then `… and N more calls`.
    pub stub_calls: Vec<String>,
    pub timings: Timings,
}

/// How the call ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The export returned these results, in WAVE.
    Returned(Vec<String>),
    /// The guest exited with this code: `wasi:cli/run` returned (`ok` is 0,
    /// `err` is 1) or the guest called `wasi:cli/exit`.
    Exited(i32),
    /// The guest trapped.
    Trapped {
        message: String,
        /// The guest's stack, innermost frame first, one line each, as
        /// Wasmtime prints it.
        backtrace: Option<String>,
    },
    /// The guest ran longer than [`RunOptions::timeout`].
    TimedOut(Duration),
    /// The guest asked for more than [`RunOptions::max_memory`] bytes.
    OutOfMemory { limit: usize, requested: usize },
}

impl Status {
    /// Whether the run went as the guest meant it to.
    pub fn is_success(&self) -> bool {
        matches!(self, Status::Returned(_) | Status::Exited(0))
    }
}

impl Outcome {
    /// What went wrong, as a sentence naming the function; `None` when the
    /// call returned or the guest exited with 0.
    pub fn failure(&self) -> Option<String> {
        let function = &self.function;
        Some(match &self.status {
            Status::Returned(_) | Status::Exited(0) => return None,
            Status::Exited(code) => format!("`{function}` exited with code {code}"),
            Status::Trapped { message, backtrace } => {
                let mut text = format!("`{function}` trapped: {message}");
                if let Some(backtrace) = backtrace {
                    text.push_str("\nguest backtrace (innermost first):\n");
                    text.push_str(backtrace.trim_end());
                }
                text
            }
            Status::TimedOut(timeout) => {
                format!(
                    "`{function}` ran longer than {} and was stopped",
                    seconds(*timeout)
                )
            }
            Status::OutOfMemory { limit, requested } => format!(
                "`{function}` asked for {} of linear memory, over the limit of {}",
                mebibytes(*requested),
                mebibytes(*limit)
            ),
        })
    }
}

fn seconds(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// `256 MiB`, `9.1 MiB`.
pub(crate) fn mebibytes(bytes: usize) -> String {
    if bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
    }
}

/// Where the time went, for benchmarks and logs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading the compiled component from the cache, or compiling it.
    pub load: Duration,
    /// Whether `load` was a cache hit.
    pub cached: bool,
    /// From the start of [`run`] until the call began (load, linking,
    /// instantiation).
    pub to_first_call: Duration,
    /// The call itself.
    pub call: Duration,
}

/// Why the component could not be run at all.
#[derive(Debug)]
pub enum RunError {
    /// The bytes are not a component Wasmtime can compile.
    Compile(String),
    /// `--invoke` or `--stub` is wrong; `span` points into `text`.
    Spec(SpecError),
    /// The component has no `wasi:cli/run` and nothing to invoke was given.
    NoRunExport { exports: Vec<String> },
    /// A directory to share cannot be opened.
    Dir { host: PathBuf, error: String },
    /// Linking or instantiation failed before any guest code ran.
    Link(String),
}

/// A mistake in a user-written call or stub value, located in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// Which option the text came from: `--invoke` or `--stub`.
    pub option: &'static str,
    pub text: String,
    /// The offending characters (byte offsets into `text`).
    pub span: Range<usize>,
    pub message: String,
    /// A hint, such as the functions that do exist.
    pub help: Option<String>,
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Compile(reason) => write!(f, "cannot compile the component: {reason}"),
            RunError::Spec(error) => write!(f, "{error}"),
            RunError::NoRunExport { exports } => {
                write!(
                    f,
                    "the component does not export `wasi:cli/run`; pass --invoke with one of: {}",
                    exports.join(", ")
                )
            }
            RunError::Dir { host, error } => {
                write!(f, "cannot share directory `{}`: {error}", host.display())
            }
            RunError::Link(reason) => write!(f, "cannot instantiate the component: {reason}"),
        }
    }
}

impl std::error::Error for RunError {}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}`: {} (at {}..{})",
            self.option, self.text, self.message, self.span.start, self.span.end
        )?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

/// Compiles (or loads from the cache), links and instantiates `component`
/// (binary), then calls the export `options.invoke` names, or `wasi:cli/run`.
pub fn run(component: &[u8], options: &RunOptions) -> Result<Outcome, RunError> {
    let started = Instant::now();
    let engine = engine().map_err(|error| RunError::Compile(error_chain(&error)))?;

    let load_started = Instant::now();
    let (component, cached) = cache::load(&engine, component, options.cache_dir.as_deref())
        .map_err(|error| RunError::Compile(error_chain(&error)))?;
    let load = load_started.elapsed();

    // Everything the user wrote is checked before any guest code runs.
    let target = call::resolve(&engine, &component, options.invoke.as_deref())?;
    let mut linker = Linker::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker)
        .map_err(|error| RunError::Link(error_chain(&error)))?;
    stubs::define(&mut linker, &engine, &component, &options.stubs)?;
    let pre = linker
        .instantiate_pre(&component)
        .map_err(|error| RunError::Link(error_chain(&error)))?;
    let (mut store, output) = sandbox::store(&engine, options)?;

    let deadline = sandbox::Deadline::start(&engine, options.timeout);
    let called = (|| {
        let instance = pre.instantiate(&mut store)?;
        let func = target.lookup(&instance, &mut store)?;
        let mut results = vec![Val::Bool(false); func.ty(&store).results().len()];
        let call_started = Instant::now();
        let to_first_call = started.elapsed();
        func.call(&mut store, &target.params, &mut results)?;
        Ok::<_, wasmtime::Error>((results, to_first_call, call_started.elapsed()))
    })();
    drop(deadline);

    let mut timings = Timings {
        load,
        cached,
        ..Timings::default()
    };
    let status = match called {
        Ok((results, to_first_call, call)) => {
            timings.to_first_call = to_first_call;
            timings.call = call;
            target.status(&results)
        }
        Err(error) => sandbox::failure(&error, store.data(), options),
    };
    let stub_calls =
        std::mem::replace(&mut store.data_mut().stub_calls, StubLog::new(false)).into_lines();
    drop(store);
    let (stdout, stderr) = output.contents();
    Ok(Outcome {
        function: target.name,
        status,
        stdout,
        stderr,
        stub_calls,
        timings,
    })
}

/// One engine per run: the timeout ticks its epoch, so runs must not share
/// one. Compiled code is shared through the on-disk cache instead.
fn engine() -> wasmtime::Result<Engine> {
    let mut config = Config::new();
    config.epoch_interruption(true);
    Engine::new(&config)
}

/// The guest's program name (its first argument) for the component at
/// `path`: the file's name, as a shell would give it.
pub fn program_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || "component".to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// `10s`, `1.5s`, `250ms`, `2m`; a bare number is seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = split_number(text);
    let scale = match unit {
        "" | "s" => Some(1.0),
        "ms" => Some(0.001),
        "m" | "min" => Some(60.0),
        _ => None,
    };
    scale
        .zip(number.parse::<f64>().ok())
        .filter(|(_, value)| value.is_finite() && *value > 0.0)
        .and_then(|(scale, value)| Duration::try_from_secs_f64(value * scale).ok())
        .ok_or_else(|| format!("`{text}` is not a duration: write 10s, 250ms or 2m"))
}

/// `256MiB`, `1GiB`, `64KiB` (also `M`, `G`, `K`); a bare number is bytes.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let (number, unit) = split_number(text);
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => Some(0),
        "k" | "kib" => Some(10),
        "m" | "mib" => Some(20),
        "g" | "gib" => Some(30),
        _ => None,
    };
    shift
        .zip(number.parse::<usize>().ok())
        .and_then(|(shift, value)| value.checked_mul(1 << shift))
        .filter(|bytes| *bytes > 0)
        .ok_or_else(|| format!("`{text}` is not a size: write 256MiB, 1GiB or 65536"))
}

fn split_number(text: &str) -> (&str, &str) {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    (&text[..end], text[end..].trim())
}

/// An error and its causes on one line, without Wasmtime's backtrace (which
/// is reported apart).
fn error_chain(error: &wasmtime::Error) -> String {
    let backtrace = error
        .downcast_ref::<wasmtime::WasmBacktrace>()
        .map(ToString::to_string);
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if Some(&text) == backtrace.as_ref() {
            continue;
        }
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{names_instance, split_qualifier};
    use crate::stubs::provided_by_wasi;

    #[test]
    fn durations_and_sizes() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("65536"), Ok(65536));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn wasi_0_2_packages_wasmtime_provides() {
        assert!(provided_by_wasi("wasi:cli/stdout@0.2.0"));
        assert!(provided_by_wasi("wasi:io/streams@0.2.6"));
        assert!(!provided_by_wasi("wasi:http/types@0.2.0"));
        assert!(!provided_by_wasi("wasi:cli/stdout@0.3.0"));
        assert!(!provided_by_wasi("wasi:cli/stdout"));
        assert!(!provided_by_wasi("example:host/logger@0.2.0"));
    }

    #[test]
    fn interfaces_are_named_in_full_unversioned_or_short() {
        let name = "example:greeter/greeter@1.0.0";
        for wanted in [name, "example:greeter/greeter", "greeter"] {
            assert!(names_instance(name, wanted), "{wanted}");
        }
        assert!(!names_instance(name, "example:greeter"));
        assert!(!names_instance(name, "greeters"));
    }

    #[test]
    fn the_qualifier_ends_at_the_last_hash_before_the_call() {
        assert_eq!(split_qualifier(r##"greet("#")"##), (None, 0));
        assert_eq!(
            split_qualifier(r##"a:b/c@1.0.0#greet("#")"##),
            (Some(("a:b/c@1.0.0", 0..11)), 12)
        );
        assert_eq!(
            split_qualifier(r##"host#name="#""##),
            (Some(("host", 0..4)), 5)
        );
    }

    #[test]
    fn grants_are_parsed() {
        assert_eq!(
            DirGrant::parse("/tmp/in::/data"),
            Ok(DirGrant {
                host: "/tmp/in".into(),
                guest: "/data".into()
            })
        );
        assert_eq!(
            DirGrant::parse("out"),
            Ok(DirGrant {
                host: "out".into(),
                guest: "out".into()
            })
        );
        assert!(DirGrant::parse("::/data").is_err());
        assert_eq!(parse_env("A=b=c"), Ok(("A".into(), "b=c".into())));
        assert_eq!(parse_env("EMPTY="), Ok(("EMPTY".into(), String::new())));
        assert!(parse_env("=x").is_err());
        assert!(parse_env("WIT_RUN_TEST_SURELY_UNSET").is_err());
    }
}
