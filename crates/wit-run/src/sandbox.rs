//! What the guest may touch: WASI with nothing granted unless asked for, a
//! memory limit over all its linear memories, and a wall-clock deadline.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use wasmtime::component::ResourceTable;
use wasmtime::{Engine, ResourceLimiter, Store, Trap, WasmBacktrace};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use crate::stubs::StubLog;
use crate::{Output, RunError, RunOptions, Status, error_chain, mebibytes};

/// How much guest output is kept when it is captured, per stream. A guest
/// that writes more gets a write error, not the host's memory.
const CAPTURE_LIMIT: usize = 16 << 20;

/// The clocks of a guest that was not granted the host's: the wall clock
/// reads the Unix epoch and the monotonic clock 0, so that the guest learns
/// nothing of the host's time (and runs the same each time). Sleeps still
/// wait for real; the timeout bounds them.
struct StoppedClock;

impl wasmtime_wasi::HostWallClock for StoppedClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(1)
    }

    fn now(&self) -> Duration {
        Duration::ZERO
    }
}

impl wasmtime_wasi::HostMonotonicClock for StoppedClock {
    fn resolution(&self) -> u64 {
        1
    }

    fn now(&self) -> u64 {
        0
    }
}

/// A host directory shared with the guest: `--dir HOST[::GUEST]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirGrant {
    pub host: PathBuf,
    /// The path the guest opens it by; the host path as written when not given.
    pub guest: String,
}

impl DirGrant {
    /// Reads `HOST` or `HOST::GUEST`.
    pub fn parse(text: &str) -> Result<DirGrant, String> {
        let (host, guest) = match text.split_once("::") {
            Some((host, guest)) => (host, guest),
            None => (text, text),
        };
        if host.is_empty() || guest.is_empty() {
            return Err(format!(
                "`{text}` is not a directory to share: write HOST or HOST::GUEST"
            ));
        }
        Ok(DirGrant {
            host: PathBuf::from(host),
            guest: guest.to_string(),
        })
    }
}

/// Reads `KEY=VALUE`, or `KEY` alone for the host's value of `KEY`.
pub fn parse_env(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some(("", _)) => Err(format!("`{text}` has no variable name: write KEY=VALUE")),
        Some((key, value)) => Ok((key.to_string(), value.to_string())),
        None => match std::env::var(text) {
            Ok(value) => Ok((text.to_string(), value)),
            Err(_) => Err(format!(
                "`{text}` is not set here: write KEY=VALUE to give it a value"
            )),
        },
    }
}

/// The store's data: WASI's state, the limits and the stubs' log.
pub(crate) struct Host {
    wasi: WasiCtx,
    table: ResourceTable,
    memory: MemoryLimiter,
    pub(crate) stub_calls: StubLog,
    /// The representation of the next resource a stub creates.
    pub(crate) next_stub_resource: u32,
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// The guest's output when it is captured.
pub(crate) struct CapturedOutput {
    stdout: Option<MemoryOutputPipe>,
    stderr: Option<MemoryOutputPipe>,
}

impl CapturedOutput {
    pub(crate) fn contents(&self) -> (Vec<u8>, Vec<u8>) {
        let contents = |pipe: &Option<MemoryOutputPipe>| {
            pipe.as_ref()
                .map(|pipe| pipe.contents().to_vec())
                .unwrap_or_default()
        };
        (contents(&self.stdout), contents(&self.stderr))
    }
}

/// A store with WASI as `options` grant it and the memory limit and deadline
/// armed.
pub(crate) fn store(
    engine: &Engine,
    options: &RunOptions,
) -> Result<(Store<Host>, CapturedOutput), RunError> {
    let mut wasi = WasiCtxBuilder::new();
    wasi.args(&options.args).envs(&options.env);
    for dir in &options.dirs {
        wasi.preopened_dir(&dir.host, &dir.guest, FsPerms::ReadWrite)
            .map_err(|error| RunError::Dir {
                host: dir.host.clone(),
                error: error_chain(&error),
            })?;
    }
    // Spelled out, not left to wasmtime-wasi's defaults: no grant, no sockets.
    if options.inherit_network {
        wasi.inherit_network();
    }
    wasi.allow_ip_name_lookup(options.inherit_network)
        .allow_tcp(options.inherit_network)
        .allow_udp(options.inherit_network);
    if !options.inherit_clocks {
        wasi.wall_clock(StoppedClock).monotonic_clock(StoppedClock);
    }
    let output = match options.output {
        Output::Inherit => {
            wasi.inherit_stdout().inherit_stderr();
            CapturedOutput {
                stdout: None,
                stderr: None,
            }
        }
        Output::Capture => {
            let stdout = MemoryOutputPipe::new(CAPTURE_LIMIT);
            let stderr = MemoryOutputPipe::new(CAPTURE_LIMIT);
            wasi.stdout(stdout.clone()).stderr(stderr.clone());
            CapturedOutput {
                stdout: Some(stdout),
                stderr: Some(stderr),
            }
        }
    };
    let host = Host {
        wasi: wasi.build(),
        table: ResourceTable::new(),
        memory: MemoryLimiter {
            limit: options.max_memory,
            used: 0,
            last_growth: 0,
            exceeded: None,
            table_elements: 0,
        },
        stub_calls: StubLog::new(options.output == Output::Inherit),
        next_stub_resource: 0,
    };
    let mut store = Store::new(engine, host);
    store.limiter(|host| &mut host.memory);
    store.set_epoch_deadline(1);
    store.epoch_deadline_trap();
    Ok((store, output))
}

/// How many table elements the guest's tables may hold together. Each costs
/// the host a pointer or two, outside the linear-memory limit; compilers
/// emit one table of a few thousand functions.
const TABLE_ELEMENTS_LIMIT: usize = 1 << 20;

/// Caps the guest's linear memories together, and remembers an attempt to go
/// over so that the failure can be told apart from other traps. Caps its
/// tables' elements together too.
struct MemoryLimiter {
    limit: usize,
    used: usize,
    last_growth: usize,
    exceeded: Option<usize>,
    table_elements: usize,
}

impl ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let growth = desired.saturating_sub(current);
        let total = self.used.saturating_add(growth);
        if total > self.limit {
            self.exceeded = Some(total);
            wasmtime::bail!(
                "memory limit of {} exceeded: the guest asked for {} in all",
                mebibytes(self.limit),
                mebibytes(total)
            );
        }
        self.used = total;
        self.last_growth = growth;
        Ok(true)
    }

    fn memory_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        self.used -= self.last_growth;
        Ok(())
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if maximum.is_some_and(|maximum| desired > maximum) {
            return Ok(false);
        }
        let total = self
            .table_elements
            .saturating_add(desired.saturating_sub(current));
        if total > TABLE_ELEMENTS_LIMIT {
            wasmtime::bail!(
                "table limit of {TABLE_ELEMENTS_LIMIT} elements exceeded: the guest asked for \
                 {total} in all"
            );
        }
        self.table_elements = total;
        Ok(true)
    }
}

/// Interrupts the guest when `timeout` passes, through the engine's epoch
/// (the store's deadline is one tick). Dropping it stops the clock.
pub(crate) struct Deadline {
    stop: Option<mpsc::Sender<()>>,
    clock: Option<thread::JoinHandle<()>>,
}

impl Deadline {
    pub(crate) fn start(engine: &Engine, timeout: Duration) -> Deadline {
        let (stop, stopped) = mpsc::channel::<()>();
        let engine = engine.clone();
        let clock = thread::Builder::new()
            .name("wit-run deadline".into())
            .spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(timeout) {
                    engine.increment_epoch();
                }
            })
            .ok();
        Deadline {
            stop: Some(stop),
            clock,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(clock) = self.clock.take() {
            let _ = clock.join();
        }
    }
}

/// How a failed instantiation or call ended, in the guest's terms.
pub(crate) fn failure(error: &wasmtime::Error, host: &Host, options: &RunOptions) -> Status {
    if let Some(exit) = error.downcast_ref::<I32Exit>() {
        return Status::Exited(exit.0);
    }
    if let Some(requested) = host.memory.exceeded {
        return Status::OutOfMemory {
            limit: options.max_memory,
            requested,
        };
    }
    if error.downcast_ref::<Trap>() == Some(&Trap::Interrupt) {
        return Status::TimedOut(options.timeout);
    }
    Status::Trapped {
        message: error_chain(error),
        // Without Wasmtime's heading: the caller titles it.
        backtrace: error.downcast_ref::<WasmBacktrace>().map(|backtrace| {
            let text = backtrace.to_string();
            text.split_once('\n')
                .map_or(text.clone(), |(_, frames)| frames.to_string())
        }),
    }
}
