//! Finding a root's files the way wit-parser's `Resolve::push_path` does.

use std::path::{Path, PathBuf};

use crate::LoadError;
use crate::vfs::{Contents, Vfs};

/// A WIT file and the text that was analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
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
            text,
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
        text: contents.into_text(path)?,
    }]))
}

/// The header of a binary component, as `wasmparser::Parser::is_component`
/// checks it: the magic number, version 0x0d and layer 1.
fn is_component(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\0asm\x0d\x00\x01\x00")
}
