//! The thread that runs the background analysis and index builds, at a
//! lower priority than the threads that apply edits and answer requests: on
//! two cores, an analysis of the previous keystrokes (wit-parser on one
//! thread, the rest on another) otherwise delays the syntax diagnostics of
//! the next one (p99 12 ms against 3 ms, BENCHMARKS.md).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::thread;

use tokio::sync::oneshot;

type Work = Box<dyn FnOnce() + Send>;

/// Runs work in order on its thread; the thread ends when this is dropped.
pub(super) struct Background {
    work: mpsc::Sender<Work>,
}

impl Background {
    pub(super) fn start() -> std::io::Result<Background> {
        let (work, queue) = mpsc::channel::<Work>();
        thread::Builder::new()
            .name("wit-lsp analysis".into())
            .spawn(move || {
                lower_priority();
                for work in queue {
                    return_freed_memory();
                    work();
                }
            })?;
        Ok(Background { work })
    }

    /// `work`'s result, or its panic.
    pub(super) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> thread::Result<T> {
        let (answer, answered) = oneshot::channel();
        let job: Work = Box::new(move || {
            let _ = answer.send(catch_unwind(AssertUnwindSafe(work)));
        });
        if self.work.send(job).is_err() {
            return Err(Box::new("the analysis thread has ended"));
        }
        answered
            .await
            .unwrap_or_else(|_| Err(Box::new("the analysis thread has ended")))
    }
}

/// Nice 10 for this thread and the threads it starts (wit-parser's), on
/// Linux, where the nice value is a thread's own.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn lower_priority() {
    // SAFETY: `setpriority` on the calling thread (`who` 0) only changes
    // its scheduling; failing (it cannot, for a lower priority) changes
    // nothing.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Gives the memory freed since the last time (the analysis and index an
/// analysis replaced) back to the system, before the next analysis builds
/// its own beside the current ones: glibc keeps freed memory in its arenas,
/// and the peak of one analysis would otherwise stack on the garbage of the
/// last (BENCHMARKS.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn return_freed_memory() {
    // SAFETY: `malloc_trim` only releases free memory of glibc's arenas; it
    // takes each arena's lock, so it is safe beside other threads' use.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_freed_memory() {}
