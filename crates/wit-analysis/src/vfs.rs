//! The files the analysis sees: the disk, overlaid by the caller's in-memory
//! contents (unsaved editor buffers, or fixtures that exist nowhere on disk).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{LoadError, LoadErrorKind};

/// Disk plus overlay. Overlay paths are compared as given (no
/// canonicalisation), so callers use the same form for roots and overlays.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vfs {
    pub(crate) overlay: BTreeMap<PathBuf, String>,
}

/// An entry of a directory listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DirEntry {
    pub(crate) path: PathBuf,
    /// A directory, or a symbolic link to one.
    pub(crate) is_dir: bool,
}

/// What a file holds: overlay text, or the bytes on disk.
pub(crate) enum Contents {
    Text(String),
    Bytes(Vec<u8>),
}

impl Vfs {
    /// The overlay paths at or below `dir`, in order.
    fn overlay_below<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a PathBuf> {
        self.overlay
            .range(dir.to_path_buf()..)
            .map(|(path, _)| path)
            .take_while(move |path| path.starts_with(dir))
    }

    /// Whether an overlay file lies strictly below `dir`.
    fn overlay_has_descendant(&self, dir: &Path) -> bool {
        self.overlay_below(dir).any(|path| path != dir)
    }

    pub(crate) fn is_dir(&self, path: &Path) -> bool {
        path.is_dir() || self.overlay_has_descendant(path)
    }

    pub(crate) fn exists(&self, path: &Path) -> bool {
        self.overlay.contains_key(path) || path.exists() || self.overlay_has_descendant(path)
    }

    /// The entries of `dir`, from disk and overlay, sorted by file name as
    /// wit-parser sorts `deps/`.
    pub(crate) fn read_dir(&self, dir: &Path) -> Result<Vec<DirEntry>, LoadError> {
        let mut entries: BTreeMap<std::ffi::OsString, DirEntry> = BTreeMap::new();
        if dir.is_dir() {
            let io_error = |error| LoadError::io(dir, error);
            for entry in fs::read_dir(dir).map_err(io_error)? {
                let entry = entry.map_err(io_error)?;
                let path = entry.path();
                let file_type = entry.file_type().map_err(io_error)?;
                // A symbolic link counts as what it points to, as in wit-parser.
                let is_dir = file_type.is_dir()
                    || (file_type.is_symlink()
                        && fs::metadata(&path)
                            .map_err(|error| LoadError::io(&path, error))?
                            .is_dir());
                entries.insert(entry.file_name(), DirEntry { path, is_dir });
            }
        } else if !self.overlay_has_descendant(dir) {
            let kind = if self.exists(dir) {
                LoadErrorKind::NotADirectory
            } else {
                LoadErrorKind::NotFound
            };
            return Err(LoadError::new(dir, kind));
        }
        for path in self.overlay_below(dir) {
            let Ok(rest) = path.strip_prefix(dir) else {
                continue;
            };
            let mut components = rest.components();
            let Some(first) = components.next() else {
                continue;
            };
            let name = first.as_os_str().to_owned();
            let is_dir = components.next().is_some();
            let entry = entries.entry(name.clone()).or_insert_with(|| DirEntry {
                path: dir.join(&name),
                is_dir,
            });
            // An overlay file is a file, even where the disk now has a
            // directory: the editor's buffer wins.
            entry.is_dir = (entry.is_dir || is_dir) && !self.overlay.contains_key(&entry.path);
        }
        Ok(entries.into_values().collect())
    }

    /// The contents of the file at `path`.
    pub(crate) fn read(&self, path: &Path) -> Result<Contents, LoadError> {
        if let Some(text) = self.overlay.get(path) {
            return Ok(Contents::Text(text.clone()));
        }
        fs::read(path)
            .map(Contents::Bytes)
            .map_err(|error| LoadError::io(path, error))
    }

    /// The text of the file at `path`, which must be UTF-8.
    pub(crate) fn read_text(&self, path: &Path) -> Result<String, LoadError> {
        self.read(path)?.into_text(path)
    }
}

impl Contents {
    /// The contents as text; bytes must be UTF-8. `path` names the file in the error.
    pub(crate) fn into_text(self, path: &Path) -> Result<String, LoadError> {
        match self {
            Contents::Text(text) => Ok(text),
            Contents::Bytes(bytes) => String::from_utf8(bytes).map_err(|error| {
                let offset = error.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&error.as_bytes()[..offset])
                    .expect("the bytes before `valid_up_to` are UTF-8");
                let line_start = valid.rfind('\n').map_or(0, |newline| newline + 1);
                let kind = LoadErrorKind::NotUtf8 {
                    offset,
                    line: valid.matches('\n').count(),
                    column: valid[line_start..].chars().count(),
                };
                LoadError::new(path, kind)
            }),
        }
    }
}
