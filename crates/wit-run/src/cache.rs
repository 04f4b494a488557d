//! Compiled components on disk, so that a second run of a large component
//! starts in milliseconds. An entry is named by the SHA-256 of the
//! component's bytes and Wasmtime's compatibility hash (its version and every
//! setting that changes the machine code), so a different component, a new
//! Wasmtime or other settings never load a stale entry.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

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
            Ok(component) => return Ok((component, true)),
            Err(error) => {
                tracing::warn!("ignoring cache entry {}: {error}", entry.display());
            }
        }
    }
    let component = Component::from_binary(engine, bytes)?;
    if let Err(error) = store(&component, &entry) {
        tracing::warn!("cannot write cache entry {}: {error}", entry.display());
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
