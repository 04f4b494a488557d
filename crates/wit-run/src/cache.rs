//! Compiled components on disk, so that a second run of a large component
//! starts in milliseconds. An entry is named by the SHA-256 of the
//! component's bytes and Wasmtime's compatibility hash (its version and every
//! setting that changes the machine code), so a different component, a new
//! Wasmtime or other settings never load a stale entry. The cache is kept
//! under `SIZE_LIMIT` by removing the entries used least recently, as
//! Wasmtime's own cache does.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

/// The most the entries may take together. Past it, the least recently used
/// go, after each new entry is written.
const SIZE_LIMIT: u64 = 1 << 30;

/// A temporary file older than this was left by a process that died while
/// writing it.
const ABANDONED_AFTER: Duration = Duration::from_secs(60 * 60);

/// `$WIT_LSP_CACHE_DIR`, else `$XDG_CACHE_HOME/wit-lsp`, else
/// `~/.cache/wit-lsp`; `None` when none is known.
pub fn default_cache_dir() -> Option<PathBuf> {
    let from_env = |name| std::env::var_os(name).filter(|value| !value.is_empty());
    if let Some(dir) = from_env("WIT_LSP_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = from_env("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("wit-lsp"));
    }
    from_env("HOME").map(|home| PathBuf::from(home).join(".cache").join("wit-lsp"))
}

/// The component compiled by `engine`: from `cache_dir` when it holds it,
/// else compiled now and stored there. A cache that cannot be read or
/// written only costs time; the second value tells whether it was a hit.
pub(crate) fn load(
    engine: &Engine,
    bytes: &[u8],
    cache_dir: Option<&Path>,
) -> wasmtime::Result<(Component, bool)> {
    let Some(cache_dir) = cache_dir else {
        return Ok((Component::from_binary(engine, bytes)?, false));
    };
    let entry = entry_path(engine, bytes, cache_dir);
    if entry.is_file() {
        match deserialize(engine, &entry) {
            Ok(component) => {
                mark_used(&entry);
                return Ok((component, true));
            }
            Err(error) => {
                tracing::warn!("ignoring cache entry {}: {error}", entry.display());
            }
        }
    }
    let component = Component::from_binary(engine, bytes)?;
    match store(&component, &entry) {
        Ok(()) => prune(
            entry.parent().expect("entries live in a directory"),
            SIZE_LIMIT,
        ),
        Err(error) => tracing::warn!("cannot write cache entry {}: {error}", entry.display()),
    }
    Ok((component, false))
}

fn entry_path(engine: &Engine, bytes: &[u8], cache_dir: &Path) -> PathBuf {
    let mut settings = DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut settings);
    let name = format!(
        "{:x}-{:016x}.cwasm",
        Sha256::digest(bytes),
        settings.finish()
    );
    cache_dir.join("components").join(name)
}

/// Loads a compiled component by mapping the file.
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, entry: &Path) -> wasmtime::Result<Component> {
    // SAFETY: Wasmtime trusts a compiled artifact's machine code. Entries are
    // written only by `store` below, whole (a temporary file renamed into
    // place), under a name that includes the hash of the source and of the
    // engine's settings; Wasmtime still checks the artifact's header against
    // this engine before using it. The cache directory is the user's own, like
    // the binaries they run.
    unsafe { Component::deserialize_file(engine, entry) }
}

fn store(component: &Component, entry: &Path) -> std::io::Result<()> {
    let serialized = component
        .serialize()
        .map_err(|error| std::io::Error::other(error.to_string()))?;
    let dir = entry.parent().expect("entries live in a directory");
    fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        entry.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(&serialized)?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temporary, entry)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// Records that `entry` was used now: its modification time orders the
/// entries for `prune` (access times are often not kept).
fn mark_used(entry: &Path) {
    let touched = fs::File::options()
        .write(true)
        .open(entry)
        .and_then(|file| file.set_modified(SystemTime::now()));
    if let Err(error) = touched {
        tracing::warn!("cannot mark cache entry {} used: {error}", entry.display());
    }
}

/// Removes the entries of `dir` used least recently until the rest take at
/// most `limit` bytes, and temporary files abandoned by processes that died.
/// Another process may be pruning too: a file already gone is no error.
fn prune(dir: &Path, limit: u64) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let mut entries = Vec::new();
    for item in listing.flatten() {
        let path = item.path();
        let Ok(metadata) = item.metadata() else {
            continue;
        };
        let modified = metadata.modified().unwrap_or(now);
        match path.extension().and_then(|extension| extension.to_str()) {
            Some("cwasm") if metadata.is_file() => {
                entries.push((modified, metadata.len(), path));
            }
            Some("tmp") if now.duration_since(modified).unwrap_or_default() > ABANDONED_AFTER => {
                remove(&path);
            }
            _ => {}
        }
    }
    let mut total: u64 = entries.iter().map(|(_, size, _)| size).sum();
    entries.sort();
    for (_, size, path) in entries {
        if total <= limit {
            break;
        }
        remove(&path);
        total -= size;
    }
}

fn remove(path: &Path) {
    match fs::remove_file(path) {
        Ok(()) => tracing::debug!("removed cache file {}", path.display()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => tracing::warn!("cannot remove cache file {}: {error}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch directory, removed on drop.
    struct Scratch(PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn write_aged(dir: &Path, name: &str, size: usize, age: Duration) {
        let path = dir.join(name);
        fs::write(&path, vec![0; size]).unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn pruning_removes_the_least_recently_used_entries_and_abandoned_files() {
        let scratch = Scratch(
            std::env::temp_dir().join(format!("wit-run-cache-test-{}", std::process::id())),
        );
        let dir = &scratch.0;
        fs::create_dir_all(dir).unwrap();
        let minutes = |n: u64| Duration::from_secs(60 * n);
        write_aged(dir, "oldest.cwasm", 400, minutes(30));
        write_aged(dir, "older.cwasm", 400, minutes(20));
        write_aged(dir, "recent.cwasm", 400, minutes(10));
        write_aged(dir, "new.cwasm", 400, minutes(0));
        write_aged(dir, ".abandoned.cwasm.1.tmp", 10, minutes(61));
        write_aged(dir, ".being-written.cwasm.2.tmp", 10, minutes(1));
        write_aged(dir, "not-an-entry.txt", 10_000, minutes(100));

        // Within the limit: only the abandoned temporary file goes.
        prune(dir, 1_600);
        assert_eq!(
            names(dir),
            [
                ".being-written.cwasm.2.tmp",
                "new.cwasm",
                "not-an-entry.txt",
                "older.cwasm",
                "oldest.cwasm",
                "recent.cwasm"
            ]
        );

        // A use makes the oldest the most recent.
        mark_used(&dir.join("oldest.cwasm"));
        prune(dir, 1_000);
        assert_eq!(
            names(dir),
            [
                ".being-written.cwasm.2.tmp",
                "new.cwasm",
                "not-an-entry.txt",
                "oldest.cwasm"
            ]
        );

        // A missing directory is nothing to prune.
        prune(&dir.join("missing"), 0);
    }
}
