//! Running a child process and measuring its wall time and peak memory.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

pub struct Sample {
    pub status: ExitStatus,
    pub wall: Duration,
    pub peak_rss_bytes: u64,
}

/// How a reaped child ended.
pub struct Exit {
    pub status: ExitStatus,
    pub peak_rss_bytes: u64,
}

/// `ru_maxrss` is in KiB on Linux but in bytes on macOS.
const MAXRSS_UNIT_BYTES: u64 = if cfg!(target_os = "macos") { 1 } else { 1024 };

/// Runs `command` to completion; its stdio is whatever `command` says.
pub fn run(command: &mut Command) -> io::Result<Sample> {
    let start = Instant::now();
    let exit = wait(command.spawn()?)?;
    Ok(Sample {
        status: exit.status,
        wall: start.elapsed(),
        peak_rss_bytes: exit.peak_rss_bytes,
    })
}

/// Reaps `child` with `wait4`, which, unlike `Child::wait`, also gives the
/// child's resource usage.
#[allow(unsafe_code)]
pub fn wait(child: Child) -> io::Result<Exit> {
    let pid = libc::pid_t::try_from(child.id()).map_err(io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is a C struct of integers, for which all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to locals that live, and are not otherwise
        // borrowed, for the whole call. `pid` is our own child and not yet
        // reaped: `child` is moved in here, so nothing else waits for it.
        if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } == pid {
            return Ok(Exit {
                status: ExitStatus::from_raw(status),
                peak_rss_bytes: u64::try_from(usage.ru_maxrss).unwrap_or(0) * MAXRSS_UNIT_BYTES,
            });
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}
