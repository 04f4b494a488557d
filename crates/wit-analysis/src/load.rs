//! Finding a root's files the way wit-parser's `Resolve::push_path` does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::vfs::{Contents, Vfs};
use crate::{LoadError, LoadErrorKind};

/// A WIT file and the text that was analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Shared with the syntax trees parsed from it.
    pub text: Arc<str>,
}

/// What wit-parser parses as one group: the `.wit` files of one directory or a
/// single `.wit` file (all one package, plus the nested `package a:b { … }`
/// blocks they contain), or a package encoded as a WebAssembly component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageSource {
    /// Sorted by path, the order in which wit-parser parses them.
    Wit(Vec<SourceFile>),
    /// A binary `.wasm` (or `.wit`/`.wat` file holding one) that wit-parser
    /// decodes itself.
    Encoded(PathBuf),
}

impl PackageSource {
    pub fn files(&self) -> &[SourceFile] {
        match self {
            PackageSource::Wit(files) => files,
            PackageSource::Encoded(_) => &[],
        }
    }
}

/// A root and everything wit-parser reads for it:
///
/// - a directory is one package made of its `*.wit` files (not recursively),
///   and its `deps/` holds dependencies, each `deps/NAME/` (a directory of
///   `*.wit` files, whose own `deps/` is ignored), `deps/NAME.wit`, or an
///   encoded `deps/NAME.wasm`/`.wat`, in file-name order;
/// - anything else is a file: one package, with no dependencies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub root: PathBuf,
    pub main: PackageSource,
    pub deps: Vec<PackageSource>,
}

impl Package {
    /// Every WIT file, main package first, in wit-parser's order.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        std::iter::once(&self.main)
            .chain(&self.deps)
            .flat_map(PackageSource::files)
    }
}

pub(crate) fn load(vfs: &Vfs, root: &Path) -> Result<Package, LoadError> {
    if vfs.is_dir(root) {
        let main = load_dir(vfs, root)?;
        let deps_dir = root.join("deps");
        let mut deps = Vec::new();
        if vfs.exists(&deps_dir) {
            for entry in vfs.read_dir(&deps_dir)? {
                if entry.is_dir {
                    deps.push(load_dir(vfs, &entry.path)?);
                    continue;
                }
                let extension = entry.path.extension().and_then(|ext| ext.to_str());
                if matches!(extension, Some("wit" | "wat" | "wasm")) {
                    deps.push(load_file(vfs, &entry.path)?);
                }
                // Anything else (`.DS_Store`, a README) is ignored, as in wit-parser.
            }
        }
        Ok(Package {
            root: root.to_path_buf(),
            main,
            deps,
        })
    } else {
        Ok(Package {
            root: root.to_path_buf(),
            main: load_file(vfs, root)?,
            deps: Vec::new(),
        })
    }
}

/// The `*.wit` files directly in `dir`, as wit-parser's `SourceMap::push_dir`.
fn load_dir(vfs: &Vfs, dir: &Path) -> Result<PackageSource, LoadError> {
    let mut files = Vec::new();
    for entry in vfs.read_dir(dir)? {
        let is_wit = entry
            .path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.ends_with(".wit"));
        if entry.is_dir || !is_wit {
            continue;
        }
        let text = vfs.read_text(&entry.path)?;
        files.push(SourceFile {
            path: entry.path,
            text: text.into(),
        });
    }
    // wit-parser parses a directory's files in the order of their path strings.
    files.sort_by_cached_key(|file| file.path.display().to_string());
    Ok(PackageSource::Wit(files))
}

/// A single file: WIT text, or a package encoded as a component.
fn load_file(vfs: &Vfs, path: &Path) -> Result<PackageSource, LoadError> {
    let contents = vfs.read(path)?;
    if let Contents::Bytes(bytes) = &contents
        && is_component(bytes)
    {
        return Ok(PackageSource::Encoded(path.to_path_buf()));
    }
    Ok(PackageSource::Wit(vec![SourceFile {
        path: path.to_path_buf(),
        text: contents.into_text(path)?.into(),
    }]))
}

/// The header of a binary component, as `wasmparser::Parser::is_component`
/// checks it: the magic number, version 0x0d and layer 1.
fn is_component(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\0asm\x0d\x00\x01\x00")
}

/// Directories never searched for packages: build output, installed
/// JavaScript packages, and hidden directories such as `.git`.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// Whether a directory named `name` is never searched (for packages or
/// components): [`SKIPPED_DIRS`] and hidden directories such as `.git`.
pub(crate) fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name)
}

/// How deep below a searched directory packages are looked for.
const MAX_SEARCH_DEPTH: usize = 16;

/// The package roots at or below `path`, for a user who names a project
/// rather than a package: `path` itself when it is a file or a directory with
/// `.wit` files; otherwise every directory below it that has `.wit` files,
/// without looking inside those (their `deps/` belong to them), inside
/// [`SKIPPED_DIRS`] or hidden directories, or through symbolic links (which
/// could loop).
pub(crate) fn find_roots(vfs: &Vfs, path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if !vfs.exists(path) {
        return Err(LoadError::new(path, LoadErrorKind::NotFound));
    }
    if !vfs.is_dir(path) {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut roots = Vec::new();
    search(vfs, path, 0, &mut roots)?;
    if roots.is_empty() {
        return Err(LoadError::new(path, LoadErrorKind::NoWitFiles));
    }
    Ok(roots)
}

fn search(vfs: &Vfs, dir: &Path, depth: usize, roots: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries = vfs.read_dir(dir)?;
    let is_wit = |path: &Path| path.extension().is_some_and(|ext| ext == "wit");
    if entries
        .iter()
        .any(|entry| !entry.is_dir && is_wit(&entry.path))
    {
        roots.push(dir.to_path_buf());
        return Ok(());
    }
    if depth == MAX_SEARCH_DEPTH {
        return Ok(());
    }
    for entry in entries {
        let name = entry.path.file_name().and_then(|name| name.to_str());
        let skipped = name.is_none_or(is_skipped_dir);
        if entry.is_dir && !skipped && !entry.path.is_symlink() {
            search(vfs, &entry.path, depth + 1, roots)?;
        }
    }
    Ok(())
}
