//! Name resolution and navigation: what each name in a package root's WIT
//! files refers to, and the editor's questions about it (where is this
//! defined, who uses it, what is it, rename it), answered in plain data:
//! paths, byte offsets and names.
//!
//! An [`Index`] is built from the syntax trees of every WIT file a root reads
//! (its own package and the WIT packages in `deps/`), so it works on broken
//! files too. Names are resolved as wit-parser 0.263's resolver resolves them
//! (`ast/resolve.rs`):
//!
//! - packages by `namespace:name[@version]`: the root's own package, each
//!   nested `package a:b { … }` block, each package in `deps/`;
//! - a package's interfaces and worlds; the file-scoped names of top-level
//!   `use ns:pkg/iface as x;`: a bare path `x` is a top-level `use` of the
//!   file (or nested package block) first, else the package's item `x`;
//! - the types of an interface or world: its own definitions plus the names
//!   its `use iface.{a, b as c};` bring in. An inline `import x: interface {…}`
//!   is a scope of its own, as in wit-parser.
//!
//! A name brought in by a `use` is a symbol of its own (a [`SymbolKind::UseName`])
//! that stands for the original: "definition" goes through it, "declaration"
//! stops at it. A `use` without `as` is the original under the same name, so
//! references and renames of the original include it; an alias `as c` is a new
//! name with references and renames of its own.

mod actions;
#[cfg(test)]
mod actions_tests;
mod build;
mod completion;
#[cfg(test)]
mod completion_tests;
mod hover;
mod rename;
mod resolve;
mod symbols;
#[cfg(test)]
mod tests;
mod tokens;
mod worlds;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use wit_parser::{InterfaceId, Resolve, WorldId};

use crate::world::ElaboratedWorld;
use crate::{Package, Resolved, SourceFile};
use wit_syntax::Parse;

pub use actions::{CodeAction, CodeActionKind};
pub use completion::{Completion, CompletionKind};
pub use tokens::{SemanticToken, TokenKind, TokenModifiers};
pub use worlds::WorldDeclaration;

/// A range in a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub path: PathBuf,
    /// Byte offsets in the file's text.
    pub range: Range<usize>,
}

/// An occurrence of a name in the file a highlight was asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    /// Whether the name is defined (or declared by a `use`) here, rather than referred to.
    pub is_definition: bool,
}

/// The edits a rename or code action makes in one file, sorted by position,
/// never overlapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdits {
    pub path: PathBuf,
    pub edits: Vec<TextEdit>,
}

/// Replace `range` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// Why a rename cannot be done, for the user to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameError(pub String);

impl fmt::Display for RenameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenameError {}

/// What to show for the name under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    /// The name hovered over.
    pub range: Range<usize>,
    pub markdown: String,
}

/// What kind of thing a symbol is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Package,
    Interface,
    World,
    Record,
    Variant,
    Enum,
    Flags,
    Resource,
    TypeAlias,
    Function,
    Method,
    StaticMethod,
    Constructor,
    Field,
    VariantCase,
    EnumCase,
    Flag,
    Parameter,
    /// A name brought into scope by `use` (in an interface or world, or at
    /// the top level of a file).
    UseName,
    Import,
    Export,
}

impl SymbolKind {
    /// How WIT spells the kind, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            SymbolKind::Package => "package",
            SymbolKind::Interface => "interface",
            SymbolKind::World => "world",
            SymbolKind::Record => "record",
            SymbolKind::Variant => "variant",
            SymbolKind::Enum => "enum",
            SymbolKind::Flags => "flags",
            SymbolKind::Resource => "resource",
            SymbolKind::TypeAlias => "type",
            SymbolKind::Function => "function",
            SymbolKind::Method => "method",
            SymbolKind::StaticMethod => "static function",
            SymbolKind::Constructor => "constructor",
            SymbolKind::Field => "field",
            SymbolKind::VariantCase => "variant case",
            SymbolKind::EnumCase => "enum case",
            SymbolKind::Flag => "flag",
            SymbolKind::Parameter => "parameter",
            SymbolKind::UseName => "use",
            SymbolKind::Import => "import",
            SymbolKind::Export => "export",
        }
    }

    /// Whether this kind defines a named type.
    pub fn is_type(self) -> bool {
        matches!(
            self,
            SymbolKind::Record
                | SymbolKind::Variant
                | SymbolKind::Enum
                | SymbolKind::Flags
                | SymbolKind::Resource
                | SymbolKind::TypeAlias
        )
    }
}

/// An entry of a file's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    /// A short description: a function's type, a field's type, an import's path.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole item, attributes included.
    pub range: Range<usize>,
    /// The name.
    pub selection_range: Range<usize>,
    pub children: Vec<DocumentSymbol>,
}

/// A symbol found by name across the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// What it is in: its interface or world, or for those their package.
    pub container: Option<String>,
    /// Where its name is.
    pub location: Location,
}

/// A reference that could not be resolved (for tests and diagnostics tools).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    pub location: Location,
    /// What the name should have been: `type`, `path`, `use name`, `include name`, `package`.
    pub kind: &'static str,
    pub name: String,
}

/// How big an index is, for tests and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub files: usize,
    pub symbols: usize,
    pub references: usize,
    pub unresolved: usize,
}

type FileId = usize;
type SymbolId = usize;
type RefId = usize;
type PackageIdx = usize;

/// A package name, `namespace:name[@version]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PackageName {
    namespace: String,
    name: String,
    version: Option<String>,
}

impl fmt::Display for PackageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.namespace, self.name)?;
        if let Some(version) = &self.version {
            write!(f, "@{version}")?;
        }
        Ok(())
    }
}

/// One indexed file.
#[derive(Debug)]
struct File {
    path: PathBuf,
    text: Arc<str>,
    /// Not a file of the root's own package.
    is_dep: bool,
    /// The package of its top level (a nested package block is a package of its own).
    package: PackageIdx,
    /// The references in it, sorted by start.
    refs: Vec<RefId>,
    /// The symbols whose names a cursor may stand on, sorted by the start of the name.
    defs: Vec<SymbolId>,
    /// The outermost symbols of the file, in source order.
    roots: Vec<SymbolId>,
}

/// A named thing that is defined somewhere.
#[derive(Debug)]
struct Symbol {
    kind: SymbolKind,
    /// The name without a `%` escape (for unnamed imports, the path).
    name: String,
    file: FileId,
    /// The identifier (with its `%`).
    name_range: Range<usize>,
    /// The whole item, attributes included.
    range: Range<usize>,
    /// The text shown in hovers: the item without its attributes (the header
    /// only for interfaces and worlds).
    signature: Range<usize>,
    parent: Option<SymbolId>,
    children: Vec<SymbolId>,
    package: PackageIdx,
    docs: Option<String>,
    /// `@since(…)`, `@unstable(…)`, `@deprecated(…)`, as written.
    gates: Vec<String>,
    detail: Option<String>,
    /// Whether a cursor on `name_range` means this symbol (not for an
    /// `import a:b/c;`, whose "name" is a path that refers to the interface).
    navigable: bool,
    /// A `use` name with `as`.
    aliased: bool,
    /// For use names: the reference to what it stands for.
    origin: Option<RefId>,
    /// For type aliases, fields, parameters and cases whose type is named
    /// (or `own<r>`/`borrow<r>`): the range of that name.
    type_name: Option<Range<usize>>,
}

/// What a reference is to, for reporting unresolved ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefKind {
    Type,
    Path,
    UseName,
    IncludeName,
    Package,
}

#[derive(Debug)]
struct Reference {
    file: FileId,
    range: Range<usize>,
    kind: RefKind,
    target: Option<SymbolId>,
}

#[derive(Debug)]
struct PackageInfo {
    name: Option<PackageName>,
    /// Where it is declared (the first header, or the nested block's name).
    symbol: Option<SymbolId>,
    /// Interfaces and worlds by name.
    items: HashMap<String, SymbolId>,
    /// A name for an unnamed package, for messages: its first file.
    fallback_name: String,
}

impl PackageInfo {
    fn display_name(&self) -> String {
        match &self.name {
            Some(name) => name.to_string(),
            None => self.fallback_name.clone(),
        }
    }
}

/// The navigation index of one package root: every WIT file it reads (its
/// own package and the WIT packages of `deps/`), parsed, with every name
/// resolved that can be.
#[derive(Debug)]
pub struct Index {
    files: Vec<File>,
    file_ids: HashMap<PathBuf, FileId>,
    symbols: Vec<Symbol>,
    refs: Vec<Reference>,
    packages: Vec<PackageInfo>,
    /// Each symbol's canonical symbol: itself, or for a `use` without `as`
    /// the original it brings in.
    canonical: Vec<SymbolId>,
    /// The references to each canonical symbol, through plain `use`s.
    refs_to: HashMap<SymbolId, Vec<RefId>>,
    /// The plain `use` names that stand for each canonical symbol.
    plain_uses: HashMap<SymbolId, Vec<SymbolId>>,
    /// For each world, wit-parser's elaborated imports and exports.
    world_items: HashMap<SymbolId, ElaboratedWorld>,
}

/// What the cursor stands on.
#[derive(Clone, Copy, Debug)]
enum At {
    Ref(RefId),
    Def(SymbolId),
}

impl Index {
    /// Parses every WIT file of `package` (wit_syntax never fails) and
    /// resolves every name it can. `resolved` is wit-parser's view when it
    /// accepted the package (used for world elaboration in hover).
    pub fn new(package: &Package, resolved: Option<&Resolved>) -> Index {
        Index::with_parses(package, resolved, &|_| None)
    }

    /// As [`Index::new`], with the trees `parsed` already has.
    pub(crate) fn with_parses(
        package: &Package,
        resolved: Option<&Resolved>,
        parsed: &dyn Fn(&SourceFile) -> Option<Parse>,
    ) -> Index {
        let mut index = build::build(package, parsed);
        if let Some(resolved) = resolved {
            index.world_items = hover::elaborate_worlds(&index, resolved);
        }
        index
    }

    /// The interfaces that `world`'s imports and exports name by path, and
    /// those of the worlds it includes, transitively. A world the index has
    /// no source for (from an encoded package) names all of its interfaces.
    pub(crate) fn named_interfaces(
        &self,
        resolve: &Resolve,
        world: WorldId,
    ) -> HashSet<InterfaceId> {
        if let Some(symbol) = self.world_symbol(resolve, world) {
            return self.interfaces_named_by(resolve, symbol);
        }
        let world = &resolve.worlds[world];
        world
            .imports
            .iter()
            .chain(&world.exports)
            .filter_map(|(_, item)| match item {
                wit_parser::WorldItem::Interface { id, .. } => Some(*id),
                _ => None,
            })
            .collect()
    }

    /// [`Index::named_interfaces`] of the world `symbol`.
    fn interfaces_named_by(&self, resolve: &Resolve, symbol: SymbolId) -> HashSet<InterfaceId> {
        let mut named = HashSet::new();
        self.collect_named(resolve, symbol, &mut HashSet::new(), &mut named);
        named
    }

    fn collect_named(
        &self,
        resolve: &Resolve,
        world: SymbolId,
        visited: &mut HashSet<SymbolId>,
        named: &mut HashSet<InterfaceId>,
    ) {
        if !visited.insert(world) {
            return;
        }
        let symbol = &self.symbols[world];
        // An `import a:b/c;` is a symbol named by its path (not navigable);
        // the path's reference is inside that name.
        let path_items: Vec<&Range<usize>> = symbol
            .children
            .iter()
            .map(|&child| &self.symbols[child])
            .filter(|child| {
                matches!(child.kind, SymbolKind::Import | SymbolKind::Export) && !child.navigable
            })
            .map(|child| &child.name_range)
            .collect();
        for &id in &self.files[symbol.file].refs {
            let reference = &self.refs[id];
            let inside = |outer: &Range<usize>| {
                outer.start <= reference.range.start && reference.range.end <= outer.end
            };
            if reference.kind != RefKind::Path || !inside(&symbol.range) {
                continue;
            }
            let Some(target) = reference.target.and_then(|target| self.follow_uses(target)) else {
                continue;
            };
            match self.symbols[target].kind {
                // Only `include` paths name worlds inside a world.
                SymbolKind::World => self.collect_named(resolve, target, visited, named),
                SymbolKind::Interface if path_items.iter().any(|range| inside(range)) => {
                    named.extend(self.resolve_item(resolve, target, |package, name| {
                        package.interfaces.get(name).copied()
                    }));
                }
                _ => {}
            }
        }
    }

    /// The world symbol wit-parser's `world` was built from.
    fn world_symbol(&self, resolve: &Resolve, world: WorldId) -> Option<SymbolId> {
        (0..self.symbols.len()).find(|&symbol| {
            self.symbols[symbol].kind == SymbolKind::World
                && self.resolve_item(resolve, symbol, |package, name| {
                    package.worlds.get(name).copied()
                }) == Some(world)
        })
    }

    /// wit-parser's id of the interface or world `symbol`, looked up by name
    /// in its package with `lookup`.
    fn resolve_item<T>(
        &self,
        resolve: &Resolve,
        symbol: SymbolId,
        lookup: impl Fn(&wit_parser::Package, &str) -> Option<T>,
    ) -> Option<T> {
        let symbol = &self.symbols[symbol];
        let package_name = self.packages[symbol.package].name.as_ref()?.to_string();
        let package = resolve
            .packages
            .iter()
            .find(|(_, package)| package.name.to_string() == package_name)?
            .1;
        lookup(package, &symbol.name)
    }

    /// Whether `path` is one of the indexed files.
    pub fn contains(&self, path: &Path) -> bool {
        self.file_ids.contains_key(path)
    }

    /// The indexed text of `path`, which all byte offsets refer to.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.file_ids.get(path).map(|&id| &*self.files[id].text)
    }

    /// The indexed files, the root's own package first.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|file| file.path.as_path())
    }

    /// Where the thing named at `offset` is defined, through `use`s.
    pub fn definition(&self, path: &Path, offset: usize) -> Vec<Location> {
        let Some(symbol) = self.symbol_at(path, offset) else {
            return Vec::new();
        };
        self.follow_uses(symbol)
            .map(|symbol| vec![self.name_location(symbol)])
            .unwrap_or_default()
    }

    /// The `use` (the use name or its alias) that brought the name at
    /// `offset` into scope; for a name not brought in by `use`, its definition.
    pub fn declaration(&self, path: &Path, offset: usize) -> Vec<Location> {
        let Some(symbol) = self.symbol_at(path, offset) else {
            return Vec::new();
        };
        if self.symbols[symbol].kind == SymbolKind::UseName {
            return vec![self.name_location(symbol)];
        }
        self.definition(path, offset)
    }

    /// The type definition of the name at `offset`: through `use`s and
    /// `type a = b` aliases to the defining record, variant, enum, flags or
    /// resource (or the alias whose target is a builtin type). For a field,
    /// parameter or case, the definition of its type.
    pub fn type_definition(&self, path: &Path, offset: usize) -> Vec<Location> {
        let Some(symbol) = self.symbol_at(path, offset) else {
            return Vec::new();
        };
        self.type_of(symbol)
            .map(|symbol| vec![self.name_location(symbol)])
            .unwrap_or_default()
    }

    /// Every reference to the thing named at `offset`, in every indexed
    /// file, and with `include_declaration` its definition, in file order.
    pub fn references(
        &self,
        path: &Path,
        offset: usize,
        include_declaration: bool,
    ) -> Vec<Location> {
        let Some(symbol) = self.symbol_at(path, offset) else {
            return Vec::new();
        };
        let canonical = self.canonical[symbol];
        let mut found: Vec<(FileId, Range<usize>)> = self
            .refs_to
            .get(&canonical)
            .into_iter()
            .flatten()
            .map(|&id| (self.refs[id].file, self.refs[id].range.clone()))
            .collect();
        if include_declaration {
            let symbol = &self.symbols[canonical];
            found.push((symbol.file, symbol.name_range.clone()));
        }
        found.sort_by_key(|(file, range)| (*file, range.start, range.end));
        found.dedup();
        found
            .into_iter()
            .map(|(file, range)| Location {
                path: self.files[file].path.clone(),
                range,
            })
            .collect()
    }

    /// The occurrences in `path` of the thing named at `offset`.
    pub fn highlights(&self, path: &Path, offset: usize) -> Vec<Highlight> {
        let Some(&file) = self.file_ids.get(path) else {
            return Vec::new();
        };
        let Some(symbol) = self.symbol_at(path, offset) else {
            return Vec::new();
        };
        let canonical = self.canonical[symbol];
        let definitions: Vec<Range<usize>> = std::iter::once(canonical)
            .chain(
                self.plain_uses
                    .get(&canonical)
                    .into_iter()
                    .flatten()
                    .copied(),
            )
            .filter(|&id| self.symbols[id].file == file)
            .map(|id| self.symbols[id].name_range.clone())
            .collect();
        self.references(path, offset, true)
            .into_iter()
            .filter(|location| location.path == path)
            .map(|location| Highlight {
                is_definition: definitions.contains(&location.range),
                range: location.range,
            })
            .collect()
    }

    /// The range of the name that a rename at `offset` would rename.
    pub fn prepare_rename(&self, path: &Path, offset: usize) -> Result<Location, RenameError> {
        rename::prepare(self, path, offset).map(|(_, location)| location)
    }

    /// The edits that rename the thing named at `offset` to `new_name`.
    pub fn rename(
        &self,
        path: &Path,
        offset: usize,
        new_name: &str,
    ) -> Result<Vec<FileEdits>, RenameError> {
        rename::rename(self, path, offset, new_name)
    }

    /// What the name at `offset` is: its signature, gates, docs and where it
    /// is defined, as Markdown.
    pub fn hover(&self, path: &Path, offset: usize) -> Option<HoverInfo> {
        hover::hover(self, path, offset)
    }

    /// What may be typed at `offset` in `path`: keywords, snippets, types,
    /// paths, names and gates that fit there, with their docs.
    pub fn completions(&self, path: &Path, offset: usize) -> Vec<Completion> {
        completion::completions(self, path, offset)
    }

    /// The quick fixes for those of `diagnostics` in `path` that touch
    /// `range`, and the source actions of `path` (see [`actions`]).
    pub fn code_actions(
        &self,
        path: &Path,
        range: Range<usize>,
        diagnostics: &[crate::Diagnostic],
    ) -> Vec<CodeAction> {
        actions::code_actions(self, path, range, diagnostics)
    }

    /// The outline of `path`.
    pub fn document_symbols(&self, path: &Path) -> Vec<DocumentSymbol> {
        symbols::document_symbols(self, path)
    }

    /// The symbols whose names match `query` (case-insensitively, its
    /// characters in order); for an empty query, every interface and world.
    /// The root's own package first.
    pub fn workspace_symbols(&self, query: &str) -> Vec<WorkspaceSymbol> {
        symbols::workspace_symbols(self, query)
    }

    /// The semantic tokens of `path` overlapping `range` (all of them
    /// without one), sorted, each on one line.
    pub fn semantic_tokens(&self, path: &Path, range: Option<Range<usize>>) -> Vec<SemanticToken> {
        tokens::semantic_tokens(self, path, range)
    }

    /// Every reference that could not be resolved, in file order.
    pub fn unresolved(&self) -> Vec<Unresolved> {
        self.files
            .iter()
            .flat_map(|file| &file.refs)
            .map(|&id| &self.refs[id])
            .filter(|reference| reference.target.is_none())
            .map(|reference| Unresolved {
                location: Location {
                    path: self.files[reference.file].path.clone(),
                    range: reference.range.clone(),
                },
                kind: match reference.kind {
                    RefKind::Type => "type",
                    RefKind::Path => "path",
                    RefKind::UseName => "use name",
                    RefKind::IncludeName => "include name",
                    RefKind::Package => "package",
                },
                name: self.ref_name(reference).to_owned(),
            })
            .collect()
    }

    /// How many files, symbols and references (resolved or not) the index holds.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            files: self.files.len(),
            symbols: self.symbols.len(),
            references: self.refs.len(),
            unresolved: self.refs.iter().filter(|r| r.target.is_none()).count(),
        }
    }

    // ---- helpers shared by the queries -------------------------------------

    /// What the cursor stands on: a resolved reference, else a symbol's name.
    /// A cursor just after a name (as editors put it) counts too.
    fn at(&self, path: &Path, offset: usize) -> Option<At> {
        let &file = self.file_ids.get(path)?;
        self.at_exactly(file, offset)
            .or_else(|| self.at_exactly(file, offset.checked_sub(1)?))
    }

    fn at_exactly(&self, file: FileId, offset: usize) -> Option<At> {
        let file = &self.files[file];
        let refs = &file.refs;
        let i = refs.partition_point(|&id| self.refs[id].range.start <= offset);
        // References never overlap, so the one that may contain `offset` is
        // the last that starts at or before it.
        if let Some(&id) = i.checked_sub(1).and_then(|i| refs.get(i)) {
            let reference = &self.refs[id];
            if reference.range.contains(&offset) && reference.target.is_some() {
                return Some(At::Ref(id));
            }
        }
        let defs = &file.defs;
        let i = defs.partition_point(|&id| self.symbols[id].name_range.start <= offset);
        let &id = defs.get(i.checked_sub(1)?)?;
        self.symbols[id]
            .name_range
            .contains(&offset)
            .then_some(At::Def(id))
    }

    /// The symbol at the cursor: a reference's target, or the symbol named there.
    fn symbol_at(&self, path: &Path, offset: usize) -> Option<SymbolId> {
        match self.at(path, offset)? {
            At::Ref(id) => self.refs[id].target,
            At::Def(id) => Some(id),
        }
    }

    /// The range of the name at the cursor.
    fn range_at(&self, at: At) -> Range<usize> {
        match at {
            At::Ref(id) => self.refs[id].range.clone(),
            At::Def(id) => self.symbols[id].name_range.clone(),
        }
    }

    fn name_location(&self, symbol: SymbolId) -> Location {
        let symbol = &self.symbols[symbol];
        Location {
            path: self.files[symbol.file].path.clone(),
            range: symbol.name_range.clone(),
        }
    }

    /// The name a reference spells, without `%`.
    fn ref_name(&self, reference: &Reference) -> &str {
        let text = &self.files[reference.file].text[reference.range.clone()];
        text.strip_prefix('%').unwrap_or(text)
    }

    /// What a `use` name stands for, through chains of `use`s; any other
    /// symbol itself. `None` when a `use` in the chain is unresolved.
    fn follow_uses(&self, mut symbol: SymbolId) -> Option<SymbolId> {
        // wit-parser rejects cycles; the bound is for broken input.
        for _ in 0..64 {
            let current = &self.symbols[symbol];
            if current.kind != SymbolKind::UseName {
                return Some(symbol);
            }
            symbol = self.refs[current.origin?].target?;
        }
        None
    }

    /// The resolved reference whose range starts at `range.start` in `file`.
    fn ref_starting_at(&self, file: FileId, start: usize) -> Option<&Reference> {
        let refs = &self.files[file].refs;
        let i = refs.partition_point(|&id| self.refs[id].range.start < start);
        let reference = &self.refs[*refs.get(i)?];
        (reference.range.start == start).then_some(reference)
    }

    /// The type definition behind `symbol` (see [`Index::type_definition`]).
    fn type_of(&self, symbol: SymbolId) -> Option<SymbolId> {
        let mut symbol = self.follow_uses(symbol)?;
        for _ in 0..64 {
            let current = &self.symbols[symbol];
            let named = current.type_name.as_ref().and_then(|range| {
                let reference = self.ref_starting_at(current.file, range.start)?;
                self.follow_uses(reference.target?)
            });
            match current.kind {
                SymbolKind::TypeAlias => match named {
                    Some(next) => symbol = next,
                    // An alias of a builtin (or of something unresolved).
                    None => return Some(symbol),
                },
                SymbolKind::Field | SymbolKind::Parameter | SymbolKind::VariantCase => {
                    symbol = named?;
                }
                kind if kind.is_type() => return Some(symbol),
                _ => return None,
            }
        }
        None
    }

    fn is_dep(&self, symbol: SymbolId) -> bool {
        self.files[self.symbols[symbol].file].is_dep
    }
}
