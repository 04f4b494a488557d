//! Walking the syntax trees: every symbol, the scopes names are looked up in,
//! and every reference, to be resolved once all symbols are known
//! (`resolve.rs`).
//!
//! Walks never recurse over the tree: bodies are read through cursors, and
//! nested package blocks (which wit-parser limits to 100 deep) are followed
//! only as deep as wit-parser allows.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use wit_syntax::ast::KindSet;
use wit_syntax::ast::{
    AstNode, Attribute, Extern, FuncItem, FuncType, Identifier, Include, InterfaceMember, Item,
    NestedPackage, PackageName as AstPackageName, ParamList, ToplevelUse, Type, TypeDef, UseItem,
    UsePath, WorldMember,
};
use wit_syntax::{Node, Parse};

use super::{
    File, FileId, Index, PackageIdx, PackageInfo, PackageName, RefId, RefKind, Reference, Symbol,
    SymbolId, SymbolKind,
};
use crate::{Package, PackageSource, SourceFile};

/// wit-parser's `MAX_ITEM_DEPTH`: package blocks nested deeper are an error there.
const MAX_PACKAGE_DEPTH: usize = 100;

/// How a reference is to be resolved, once every symbol is known.
#[derive(Debug)]
pub(super) enum Pending {
    /// A type name, looked up in the types of an interface or world.
    Type { scope: SymbolId },
    /// The interface or world a path names.
    Path {
        /// The file or package block, for its top-level `use`s.
        decl: usize,
        package: PackageIdx,
        /// `ns:pkg[@version]` when the path is qualified.
        qualified: Option<PackageName>,
        /// The path of a top-level `use`, which never goes through another one.
        toplevel: bool,
    },
    /// The `ns:pkg` of a qualified path, or a second `package` header.
    Package(PackageName),
    /// The original name in `use path.{name}`: a type of the interface `path` names.
    UseName { path: RefId },
    /// `a` in `include w with { a as b }`: an import or export of `w`.
    IncludeName { path: RefId },
}

/// The index under construction, and the lookup tables that resolving needs.
pub(super) struct Builder {
    pub(super) index: Index,
    /// Parallel to `index.refs`.
    pub(super) pending: Vec<Pending>,
    pub(super) package_keys: HashMap<PackageName, PackageIdx>,
    /// Packages by `(namespace, name)`, any version.
    pub(super) packages_by_name: HashMap<(String, String), Vec<PackageIdx>>,
    /// Top-level `use` names of each file or package block.
    pub(super) decl_uses: HashMap<(usize, String), SymbolId>,
    next_decl: usize,
    /// The types of each interface, world and inline interface.
    pub(super) type_scopes: HashMap<(SymbolId, String), SymbolId>,
    /// The named imports and exports of each world (types included).
    pub(super) externs: HashMap<(SymbolId, String), SymbolId>,
    /// The include paths of each world.
    pub(super) includes: HashMap<SymbolId, Vec<RefId>>,
    type_ref_kinds: KindSet,
    interface_body_kind: KindSet,
    doc_kinds: DocKinds,
}

/// Where a walk is.
#[derive(Clone, Copy)]
struct Ctx<'t> {
    file: FileId,
    source: &'t str,
    package: PackageIdx,
    decl: usize,
    /// How many package blocks enclose it.
    depth: usize,
    /// The file's doc comments (see `doc_comments`).
    docs: &'t HashMap<usize, Vec<Range<usize>>>,
}

/// The index of `package`; `parsed` gives the trees it already has (the
/// others are parsed here).
pub(super) fn build(package: &Package, parsed: &dyn Fn(&SourceFile) -> Option<Parse>) -> Index {
    let mut builder = Builder::new();
    let mut parser = wit_syntax::Parser::new();
    let groups =
        std::iter::once((&package.main, false)).chain(package.deps.iter().map(|d| (d, true)));
    for (source, is_dep) in groups {
        let PackageSource::Wit(files) = source else {
            continue;
        };
        let parses: Vec<Parse> = files
            .iter()
            .map(|file| parsed(file).unwrap_or_else(|| parser.parse(file.text.clone(), None)))
            .collect();
        // One header names the package of all the group's files.
        let name = parses
            .iter()
            .find_map(|parse| package_name(parse.source_file().package_decl()?.name()?));
        let fallback = if is_dep {
            files
                .first()
                .map(|file| file.path.display().to_string())
                .unwrap_or_default()
        } else {
            package.root.display().to_string()
        };
        let group = builder.package(name, fallback);
        for (file, parse) in files.iter().zip(&parses) {
            let id = builder.add_file(file.path.clone(), file.text.clone(), is_dep, group);
            builder.walk_file(id, parse, group);
        }
    }
    builder.resolve();
    builder.finish()
}

/// `ns:name@version` of a package name, when it has both parts.
fn package_name(name: AstPackageName<'_>) -> Option<PackageName> {
    Some(PackageName {
        namespace: name.namespace()?.name().to_owned(),
        name: name.name()?.name().to_owned(),
        version: name.version().map(|version| version.text().to_owned()),
    })
}

/// The children of `node`, with those of ERROR nodes in their place: a
/// broken item's neighbours are still items.
fn flat_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return out;
    }
    // How many ERROR nodes the cursor is inside of.
    let mut depth = 0;
    loop {
        let child = cursor.node();
        if child.is_error() {
            if cursor.goto_first_child() {
                depth += 1;
                continue;
            }
        } else {
            out.push(child);
        }
        while !cursor.goto_next_sibling() {
            if depth == 0 || !cursor.goto_parent() {
                return out;
            }
            depth -= 1;
        }
    }
}

/// The doc comments right before each node that has any (ordinary comments
/// between them are skipped), by node id: one walk over the tree, where
/// asking each item for its previous siblings would be quadratic.
fn doc_comments(root: Node<'_>, kinds: &DocKinds) -> HashMap<usize, Vec<Range<usize>>> {
    let mut docs = HashMap::new();
    let mut cursor = root.walk();
    // The run of doc comments so far among the current node's siblings.
    let mut runs: Vec<Vec<Range<usize>>> = vec![Vec::new()];
    loop {
        let node = cursor.node();
        if let Some(run) = runs.last_mut() {
            if kinds.doc_comment.contains(node) {
                run.push(node.byte_range());
            } else if !kinds.comment.contains(node) && !run.is_empty() {
                docs.insert(node.id(), std::mem::take(run));
            }
        }
        // Items are only in bodies, and inside items and ERROR nodes on the
        // way to them: types and function signatures need no visit.
        let descend = node == root || kinds.containers.contains(node) || node.is_error();
        if descend && cursor.goto_first_child() {
            runs.push(Vec::new());
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return docs;
            }
            runs.pop();
        }
    }
}

fn is_attribute_or_comment(kind: &str) -> bool {
    matches!(
        kind,
        "since_gate"
            | "unstable_gate"
            | "deprecated_gate"
            | "external_id_attribute"
            | "doc_comment"
            | "comment"
    )
}

/// Where an item starts after its attributes and the comments among them.
fn item_start(node: Node<'_>) -> usize {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .find(|child| !is_attribute_or_comment(child.kind()))
        .map_or(node.start_byte(), |child| child.start_byte())
}

/// The feature gates of an item, as written.
fn gates(node: Node<'_>, source: &str) -> Vec<String> {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .filter_map(|child| Attribute::cast(child, source))
        .filter(|attribute| !matches!(attribute, Attribute::ExternalId(_)))
        .map(|attribute| attribute.text().to_owned())
        .collect()
}

/// The node kinds `doc_comments` looks at.
struct DocKinds {
    doc_comment: KindSet,
    comment: KindSet,
    /// Nodes that may hold items, or bodies of them.
    containers: KindSet,
}

impl DocKinds {
    fn new() -> Self {
        DocKinds {
            doc_comment: KindSet::new(&["doc_comment"]),
            comment: KindSet::new(&["comment"]),
            containers: KindSet::new(&[
                "nested_package",
                "package_body",
                "interface_item",
                "interface_body",
                "world_item",
                "world_body",
                "import_item",
                "export_item",
                "record_item",
                "record_body",
                "variant_item",
                "variant_body",
                "enum_item",
                "enum_body",
                "flags_item",
                "flags_body",
                "resource_item",
                "resource_body",
            ]),
        }
    }
}

/// The doc comments of an item: those right before it, and any among its
/// attributes.
fn docs(node: Node<'_>, ctx: Ctx<'_>) -> Option<String> {
    let source = ctx.source;
    let mut comments: Vec<&str> = ctx
        .docs
        .get(&node.id())
        .into_iter()
        .flatten()
        .map(|range| &source[range.clone()])
        .collect();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        match child.kind() {
            "doc_comment" => comments.push(&source[child.byte_range()]),
            kind if is_attribute_or_comment(kind) => {}
            _ => break,
        }
    }
    render_docs(&comments)
}

/// Doc comments as wit-parser renders them: markers stripped, common
/// indentation removed, trailing blank lines dropped.
pub(super) fn render_docs(comments: &[&str]) -> Option<String> {
    if comments.is_empty() {
        return None;
    }
    let lines: Vec<&str> = comments
        .iter()
        .map(|comment| match comment.strip_prefix("/**") {
            Some(block) => block.strip_suffix("*/").unwrap_or(block),
            None => comment.trim_start_matches('/'),
        })
        .map(str::trim_end)
        .collect();
    let indent = lines
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| line.bytes().take_while(u8::is_ascii_whitespace).count())
        .min()
        .unwrap_or(0);
    let mut contents = String::new();
    for line in lines {
        if line.is_empty() {
            contents.push('\n');
            continue;
        }
        for line in line.lines() {
            let strip = line
                .bytes()
                .take(indent)
                .take_while(u8::is_ascii_whitespace)
                .count();
            contents.push_str(&line[strip..]);
            contents.push('\n');
        }
    }
    let contents = contents.trim_end_matches('\n');
    (!contents.is_empty()).then(|| contents.to_owned())
}

/// The range of the name a type refers to directly: `t`, `own<t>`, `borrow<t>`.
fn type_name(ty: Option<Type<'_>>) -> Option<Range<usize>> {
    let name = match ty? {
        Type::Named(named) => named.name()?,
        Type::Own(own) => own.resource()?,
        Type::Borrow(borrow) => borrow.resource()?,
        _ => return None,
    };
    Some(name.range())
}

/// A symbol before it is added: what `Builder::add` cannot work out itself.
struct NewSymbol<'t> {
    kind: SymbolKind,
    /// The name (without `%`) and its range.
    name: (String, Range<usize>),
    node: Node<'t>,
    parent: Option<SymbolId>,
}

/// The name an identifier spells, and where it is.
fn named(name: Identifier<'_>) -> (String, Range<usize>) {
    (name.name().to_owned(), name.range())
}

impl Builder {
    fn new() -> Self {
        Builder {
            index: Index {
                files: Vec::new(),
                file_ids: HashMap::new(),
                symbols: Vec::new(),
                refs: Vec::new(),
                packages: Vec::new(),
                canonical: Vec::new(),
                refs_to: HashMap::new(),
                plain_uses: HashMap::new(),
                world_items: HashMap::new(),
            },
            pending: Vec::new(),
            package_keys: HashMap::new(),
            packages_by_name: HashMap::new(),
            decl_uses: HashMap::new(),
            next_decl: 0,
            type_scopes: HashMap::new(),
            externs: HashMap::new(),
            includes: HashMap::new(),
            type_ref_kinds: KindSet::new(&["named_type", "borrow_type", "own_type"]),
            interface_body_kind: KindSet::new(&["interface_body"]),
            doc_kinds: DocKinds::new(),
        }
    }

    fn add_file(
        &mut self,
        path: PathBuf,
        text: std::sync::Arc<str>,
        is_dep: bool,
        package: PackageIdx,
    ) -> FileId {
        let id = self.index.files.len();
        self.index.file_ids.entry(path.clone()).or_insert(id);
        self.index.files.push(File {
            path,
            text,
            is_dep,
            package,
            refs: Vec::new(),
            defs: Vec::new(),
            roots: Vec::new(),
        });
        id
    }

    /// The package called `name`, made on first sight.
    fn package(&mut self, name: Option<PackageName>, fallback: String) -> PackageIdx {
        if let Some(name) = &name
            && let Some(&id) = self.package_keys.get(name)
        {
            return id;
        }
        let id = self.index.packages.len();
        if let Some(name) = &name {
            self.package_keys.insert(name.clone(), id);
            self.packages_by_name
                .entry((name.namespace.clone(), name.name.clone()))
                .or_default()
                .push(id);
        }
        self.index.packages.push(PackageInfo {
            name,
            symbol: None,
            items: HashMap::new(),
            fallback_name: fallback,
        });
        id
    }

    fn new_decl(&mut self) -> usize {
        self.next_decl += 1;
        self.next_decl
    }

    fn add_ref(
        &mut self,
        ctx: Ctx<'_>,
        range: Range<usize>,
        kind: RefKind,
        pending: Pending,
    ) -> RefId {
        let id = self.index.refs.len();
        self.index.refs.push(Reference {
            file: ctx.file,
            range,
            kind,
            target: None,
        });
        self.pending.push(pending);
        self.index.files[ctx.file].refs.push(id);
        id
    }

    /// Adds a symbol named by an identifier; its signature is the item
    /// without attributes, which callers may narrow.
    fn add(&mut self, ctx: Ctx<'_>, new: NewSymbol<'_>) -> SymbolId {
        let NewSymbol {
            kind,
            name,
            node,
            parent,
        } = new;
        let (name, name_range) = name;
        let id = self.index.symbols.len();
        self.index.symbols.push(Symbol {
            kind,
            name,
            file: ctx.file,
            name_range,
            range: node.byte_range(),
            signature: item_start(node)..node.end_byte(),
            parent,
            children: Vec::new(),
            package: ctx.package,
            docs: docs(node, ctx),
            gates: gates(node, ctx.source),
            detail: None,
            navigable: true,
            aliased: false,
            origin: None,
            type_name: None,
        });
        match parent {
            Some(parent) => self.index.symbols[parent].children.push(id),
            None => self.index.files[ctx.file].roots.push(id),
        }
        self.index.files[ctx.file].defs.push(id);
        id
    }

    fn symbol_mut(&mut self, id: SymbolId) -> &mut Symbol {
        &mut self.index.symbols[id]
    }

    // ---- files and packages ------------------------------------------------

    fn walk_file(&mut self, file: FileId, parse: &Parse, package: PackageIdx) {
        let source_file = parse.source_file();
        let docs = doc_comments(source_file.syntax(), &self.doc_kinds);
        let ctx = Ctx {
            file,
            source: parse.text(),
            package,
            decl: self.new_decl(),
            depth: 0,
            docs: &docs,
        };
        if let Some(decl) = source_file.package_decl()
            && let Some(name) = decl.name()
        {
            self.package_header(ctx, decl.syntax(), name);
        }
        self.walk_items(ctx, source_file.syntax(), None);
    }

    /// `package a:b;`: the package's definition, or a reference to it when
    /// another file already named it.
    fn package_header(&mut self, ctx: Ctx<'_>, decl: Node<'_>, name: AstPackageName<'_>) {
        let Some(key) = package_name(name) else {
            return;
        };
        let same = self.index.packages[ctx.package].name.as_ref() == Some(&key);
        if same && self.index.packages[ctx.package].symbol.is_none() {
            let id = self.package_symbol(ctx, decl, name, &key, None);
            self.index.packages[ctx.package].symbol = Some(id);
        } else {
            self.add_ref(ctx, name.range(), RefKind::Package, Pending::Package(key));
        }
    }

    fn package_symbol(
        &mut self,
        ctx: Ctx<'_>,
        node: Node<'_>,
        name: AstPackageName<'_>,
        key: &PackageName,
        parent: Option<SymbolId>,
    ) -> SymbolId {
        let id = self.add(
            ctx,
            NewSymbol {
                kind: SymbolKind::Package,
                name: (key.to_string(), name.range()),
                node,
                parent,
            },
        );
        let symbol = self.symbol_mut(id);
        symbol.signature = symbol.signature.start..name.range().end;
        symbol.gates.clear();
        id
    }

    /// The items of a file or package block.
    fn walk_items(&mut self, ctx: Ctx<'_>, list: Node<'_>, parent: Option<SymbolId>) {
        for node in flat_children(list) {
            let Some(item) = Item::cast(node, ctx.source) else {
                continue;
            };
            match item {
                Item::Interface(interface) => {
                    let Some(name) = interface.name() else {
                        continue;
                    };
                    let id = self.add(
                        ctx,
                        NewSymbol {
                            kind: SymbolKind::Interface,
                            name: named(name),
                            node,
                            parent,
                        },
                    );
                    let start = self.index.symbols[id].signature.start;
                    self.symbol_mut(id).signature = start..name.range().end;
                    self.define_item(ctx.package, name.name(), id);
                    if let Some(body) = interface.body() {
                        self.interface_body(ctx, body.syntax(), id);
                    }
                }
                Item::World(world) => {
                    let Some(name) = world.name() else {
                        continue;
                    };
                    let id = self.add(
                        ctx,
                        NewSymbol {
                            kind: SymbolKind::World,
                            name: named(name),
                            node,
                            parent,
                        },
                    );
                    let start = self.index.symbols[id].signature.start;
                    self.symbol_mut(id).signature = start..name.range().end;
                    self.define_item(ctx.package, name.name(), id);
                    if let Some(body) = world.body() {
                        self.world_body(ctx, body.syntax(), id);
                    }
                }
                Item::Use(toplevel) => self.toplevel_use(ctx, toplevel, parent),
                Item::Package(nested) => self.nested_package(ctx, nested, parent),
            }
        }
    }

    fn define_item(&mut self, package: PackageIdx, name: &str, id: SymbolId) {
        self.index.packages[package]
            .items
            .entry(name.to_owned())
            .or_insert(id);
    }

    fn nested_package(
        &mut self,
        ctx: Ctx<'_>,
        nested: NestedPackage<'_>,
        parent: Option<SymbolId>,
    ) {
        let (Some(name), Some(body)) = (nested.name(), nested.body()) else {
            return;
        };
        let Some(key) = package_name(name) else {
            return;
        };
        if ctx.depth >= MAX_PACKAGE_DEPTH {
            return;
        }
        let fallback = self.index.files[ctx.file].path.display().to_string();
        let package = self.package(Some(key.clone()), fallback);
        let id = self.package_symbol(ctx, nested.syntax(), name, &key, parent);
        if self.index.packages[package].symbol.is_none() {
            self.index.packages[package].symbol = Some(id);
        }
        self.symbol_mut(id).package = package;
        let inner = Ctx {
            package,
            decl: self.new_decl(),
            depth: ctx.depth + 1,
            ..ctx
        };
        self.walk_items(inner, body.syntax(), Some(id));
    }

    fn toplevel_use(&mut self, ctx: Ctx<'_>, toplevel: ToplevelUse<'_>, parent: Option<SymbolId>) {
        let Some(path) = toplevel.path() else {
            return;
        };
        let origin = self.path_ref(ctx, path, true);
        let Some(local) = toplevel.alias().or_else(|| path.name()) else {
            return;
        };
        let id = self.add(
            ctx,
            NewSymbol {
                kind: SymbolKind::UseName,
                name: named(local),
                node: toplevel.syntax(),
                parent,
            },
        );
        let symbol = self.symbol_mut(id);
        symbol.aliased = toplevel.alias().is_some();
        symbol.origin = origin;
        symbol.detail = Some(path.text().to_owned());
        self.decl_uses
            .entry((ctx.decl, local.name().to_owned()))
            .or_insert(id);
    }

    /// A reference to the interface or world `path` names (and to its package).
    fn path_ref(&mut self, ctx: Ctx<'_>, path: UsePath<'_>, toplevel: bool) -> Option<RefId> {
        let name = path.name()?;
        let qualified = match (path.namespace(), path.package()) {
            (Some(namespace), Some(package)) => {
                let key = PackageName {
                    namespace: namespace.name().to_owned(),
                    name: package.name().to_owned(),
                    version: path.version().map(|version| version.text().to_owned()),
                };
                self.add_ref(
                    ctx,
                    namespace.range().start..package.range().end,
                    RefKind::Package,
                    Pending::Package(key.clone()),
                );
                Some(key)
            }
            _ => None,
        };
        Some(self.add_ref(
            ctx,
            name.range(),
            RefKind::Path,
            Pending::Path {
                decl: ctx.decl,
                package: ctx.package,
                qualified,
                toplevel,
            },
        ))
    }

    // ---- interfaces and worlds ---------------------------------------------

    /// The members of an interface (or an inline interface), whose types are `scope`'s.
    fn interface_body(&mut self, ctx: Ctx<'_>, body: Node<'_>, scope: SymbolId) {
        for node in flat_children(body) {
            match InterfaceMember::cast(node, ctx.source) {
                Some(InterfaceMember::TypeDef(typedef)) => {
                    self.typedef(ctx, typedef, scope);
                }
                Some(InterfaceMember::Func(func)) => self.func(ctx, func, scope),
                Some(InterfaceMember::Use(use_item)) => self.use_item(ctx, use_item, scope),
                None => {}
            }
        }
        self.type_refs(ctx, body, scope);
    }

    fn world_body(&mut self, ctx: Ctx<'_>, body: Node<'_>, world: SymbolId) {
        for node in flat_children(body) {
            match WorldMember::cast(node, ctx.source) {
                Some(WorldMember::Import(import)) => {
                    self.extern_item(ctx, SymbolKind::Import, node, import.extern_kind(), world);
                }
                Some(WorldMember::Export(export)) => {
                    self.extern_item(ctx, SymbolKind::Export, node, export.extern_kind(), world);
                }
                Some(WorldMember::Include(include)) => self.include(ctx, include, world),
                Some(WorldMember::Use(use_item)) => self.use_item(ctx, use_item, world),
                Some(WorldMember::TypeDef(typedef)) => {
                    if let Some(id) = self.typedef(ctx, typedef, world) {
                        let name = self.index.symbols[id].name.clone();
                        self.externs.entry((world, name)).or_insert(id);
                    }
                }
                None => {}
            }
        }
        self.type_refs(ctx, body, world);
    }

    /// An import or export of a world.
    fn extern_item(
        &mut self,
        ctx: Ctx<'_>,
        kind: SymbolKind,
        node: Node<'_>,
        what: Option<Extern<'_>>,
        world: SymbolId,
    ) {
        let new = |name| NewSymbol {
            kind,
            name: named(name),
            node,
            parent: Some(world),
        };
        match what {
            Some(Extern::Func(name, func)) => {
                let id = self.add(ctx, new(name));
                self.symbol_mut(id).detail = Some(func.text().to_owned());
                self.define_extern(world, name, id);
                self.params(ctx, func.params(), id);
            }
            Some(Extern::Interface(name, body)) => {
                let id = self.add(ctx, new(name));
                let start = self.index.symbols[id].signature.start;
                let header = ctx.source[start..body.range().start].trim_end();
                let symbol = self.symbol_mut(id);
                symbol.signature = start..start + header.len();
                symbol.detail = Some("interface".to_owned());
                self.define_extern(world, name, id);
                self.interface_body(ctx, body.syntax(), id);
            }
            Some(Extern::NamedPath(name, path)) => {
                let id = self.add(ctx, new(name));
                self.symbol_mut(id).detail = Some(path.text().to_owned());
                self.define_extern(world, name, id);
                self.path_ref(ctx, path, false);
            }
            Some(Extern::Path(path)) => {
                let Some(last) = path.name() else {
                    return;
                };
                // Named by its path, which is a reference, not a new name.
                let id = self.add(ctx, new(last));
                let symbol = self.symbol_mut(id);
                symbol.name = path.text().to_owned();
                symbol.name_range = path.range();
                symbol.navigable = false;
                self.path_ref(ctx, path, false);
            }
            None => {
                let mut cursor = node.walk();
                let path = node
                    .children_by_field_name("path", &mut cursor)
                    .find_map(|child| UsePath::cast(child, ctx.source));
                if let Some(path) = path {
                    self.path_ref(ctx, path, false);
                }
            }
        }
    }

    fn define_extern(&mut self, world: SymbolId, name: Identifier<'_>, id: SymbolId) {
        self.externs
            .entry((world, name.name().to_owned()))
            .or_insert(id);
    }

    fn include(&mut self, ctx: Ctx<'_>, include: Include<'_>, world: SymbolId) {
        let Some(path) = include
            .path()
            .and_then(|path| self.path_ref(ctx, path, false))
        else {
            return;
        };
        self.includes.entry(world).or_default().push(path);
        for name in include.names() {
            if let Some(name) = name.name() {
                self.add_ref(
                    ctx,
                    name.range(),
                    RefKind::IncludeName,
                    Pending::IncludeName { path },
                );
            }
        }
    }

    /// `use path.{a, b as c};` in an interface or world.
    fn use_item(&mut self, ctx: Ctx<'_>, use_item: UseItem<'_>, scope: SymbolId) {
        let Some(path) = use_item.path() else {
            return;
        };
        let path_ref = self.path_ref(ctx, path, false);
        for use_name in use_item.names() {
            let Some(name) = use_name.name() else {
                continue;
            };
            let origin = path_ref.map(|path| {
                self.add_ref(
                    ctx,
                    name.range(),
                    RefKind::UseName,
                    Pending::UseName { path },
                )
            });
            let local = use_name.alias().unwrap_or(name);
            let id = self.add(
                ctx,
                NewSymbol {
                    kind: SymbolKind::UseName,
                    name: named(local),
                    node: use_name.syntax(),
                    parent: Some(scope),
                },
            );
            let gates = gates(use_item.syntax(), ctx.source);
            let docs = docs(use_item.syntax(), ctx);
            let symbol = self.symbol_mut(id);
            symbol.aliased = use_name.alias().is_some();
            symbol.origin = origin;
            symbol.signature = item_start(use_item.syntax())..use_item.range().end;
            symbol.detail = Some(path.text().to_owned());
            symbol.gates = gates;
            symbol.docs = docs;
            self.type_scopes
                .entry((scope, local.name().to_owned()))
                .or_insert(id);
            // A world's `use`d types are among its imports.
            if self.index.symbols[scope].kind == SymbolKind::World {
                self.define_extern(scope, local, id);
            }
        }
    }

    /// Every type name in `body` is looked up in `scope`; inline interfaces
    /// (in a world) are scopes of their own.
    fn type_refs(&mut self, ctx: Ctx<'_>, body: Node<'_>, scope: SymbolId) {
        let mut names = Vec::new();
        wit_syntax::walk(body, |node| {
            if node != body && self.interface_body_kind.contains(node) {
                return false;
            }
            if self.type_ref_kinds.contains(node) {
                let name = node
                    .child_by_field_name("name")
                    .or_else(|| node.child_by_field_name("resource"))
                    .and_then(|name| Identifier::cast(name, ctx.source));
                if let Some(name) = name {
                    names.push(name.range());
                }
            }
            true
        });
        for range in names {
            self.add_ref(ctx, range, RefKind::Type, Pending::Type { scope });
        }
    }

    // ---- items ---------------------------------------------------------------

    fn typedef(&mut self, ctx: Ctx<'_>, typedef: TypeDef<'_>, scope: SymbolId) -> Option<SymbolId> {
        let name = typedef.name()?;
        let kind = match typedef {
            TypeDef::Alias(_) => SymbolKind::TypeAlias,
            TypeDef::Record(_) => SymbolKind::Record,
            TypeDef::Variant(_) => SymbolKind::Variant,
            TypeDef::Enum(_) => SymbolKind::Enum,
            TypeDef::Flags(_) => SymbolKind::Flags,
            TypeDef::Resource(_) => SymbolKind::Resource,
        };
        let id = self.add(
            ctx,
            NewSymbol {
                kind,
                name: named(name),
                node: typedef.syntax(),
                parent: Some(scope),
            },
        );
        self.type_scopes
            .entry((scope, name.name().to_owned()))
            .or_insert(id);
        let body: Vec<Node<'_>> = typedef
            .syntax()
            .child_by_field_name("body")
            .map(flat_children)
            .unwrap_or_default();
        match typedef {
            TypeDef::Alias(alias) => {
                let symbol = self.symbol_mut(id);
                symbol.type_name = type_name(alias.ty());
                symbol.detail = alias.ty().map(|ty| ty.text().to_owned());
            }
            TypeDef::Record(_) => {
                for node in body {
                    if let Some(field) = wit_syntax::ast::RecordField::cast(node, ctx.source)
                        && let Some(name) = field.name()
                    {
                        self.member(ctx, SymbolKind::Field, name, node, id, field.ty());
                    }
                }
            }
            TypeDef::Variant(_) => {
                for node in body {
                    if let Some(case) = wit_syntax::ast::VariantCase::cast(node, ctx.source)
                        && let Some(name) = case.name()
                    {
                        self.member(ctx, SymbolKind::VariantCase, name, node, id, case.ty());
                    }
                }
            }
            TypeDef::Enum(_) => {
                for node in body {
                    if let Some(case) = wit_syntax::ast::EnumCase::cast(node, ctx.source)
                        && let Some(name) = case.name()
                    {
                        self.member(ctx, SymbolKind::EnumCase, name, node, id, None);
                    }
                }
            }
            TypeDef::Flags(_) => {
                for node in body {
                    if let Some(flag) = wit_syntax::ast::Flag::cast(node, ctx.source)
                        && let Some(name) = flag.name()
                    {
                        self.member(ctx, SymbolKind::Flag, name, node, id, None);
                    }
                }
            }
            TypeDef::Resource(_) => {
                for node in body {
                    self.resource_member(ctx, node, id);
                }
            }
        }
        Some(id)
    }

    /// A field, case or flag: a symbol with an optional type.
    fn member(
        &mut self,
        ctx: Ctx<'_>,
        kind: SymbolKind,
        name: Identifier<'_>,
        node: Node<'_>,
        parent: SymbolId,
        ty: Option<Type<'_>>,
    ) -> SymbolId {
        let id = self.add(
            ctx,
            NewSymbol {
                kind,
                name: named(name),
                node,
                parent: Some(parent),
            },
        );
        let symbol = self.symbol_mut(id);
        symbol.type_name = type_name(ty);
        symbol.detail = ty.map(|ty| ty.text().to_owned());
        id
    }

    fn resource_member(&mut self, ctx: Ctx<'_>, node: Node<'_>, resource: SymbolId) {
        use wit_syntax::ast::{Constructor, Method};
        if let Some(method) = Method::cast(node, ctx.source) {
            let Some(name) = method.name() else {
                return;
            };
            let kind = if method.is_static() {
                SymbolKind::StaticMethod
            } else {
                SymbolKind::Method
            };
            let id = self.add(
                ctx,
                NewSymbol {
                    kind,
                    name: named(name),
                    node,
                    parent: Some(resource),
                },
            );
            let func = method.func_type();
            self.set_func_detail(id, func, method.is_static());
            self.params(ctx, func.and_then(|func| func.params()), id);
        } else if let Some(constructor) = Constructor::cast(node, ctx.source) {
            // Named by its keyword.
            let mut cursor = node.walk();
            let Some(keyword) = node
                .children(&mut cursor)
                .find(|child| child.kind() == "constructor" && !child.is_named())
            else {
                return;
            };
            let id = self.add(
                ctx,
                NewSymbol {
                    kind: SymbolKind::Constructor,
                    name: ("constructor".to_owned(), keyword.byte_range()),
                    node,
                    parent: Some(resource),
                },
            );
            let params = constructor.params();
            let detail = ctx.source[item_start(node)..node.end_byte()]
                .strip_prefix("constructor")
                .map(|rest| rest.trim_end_matches(';').trim().to_owned());
            self.symbol_mut(id).detail = detail;
            self.params(ctx, params, id);
        }
    }

    fn set_func_detail(&mut self, id: SymbolId, func: Option<FuncType<'_>>, is_static: bool) {
        let detail = func.map(|func| {
            if is_static {
                format!("static {}", func.text())
            } else {
                func.text().to_owned()
            }
        });
        self.symbol_mut(id).detail = detail;
    }

    fn func(&mut self, ctx: Ctx<'_>, func: FuncItem<'_>, scope: SymbolId) {
        let Some(name) = func.name() else {
            return;
        };
        let id = self.add(
            ctx,
            NewSymbol {
                kind: SymbolKind::Function,
                name: named(name),
                node: func.syntax(),
                parent: Some(scope),
            },
        );
        let func_type = func.func_type();
        self.set_func_detail(id, func_type, false);
        self.params(ctx, func_type.and_then(|func| func.params()), id);
    }

    fn params(&mut self, ctx: Ctx<'_>, params: Option<ParamList<'_>>, func: SymbolId) {
        let Some(params) = params else {
            return;
        };
        for param in params.params() {
            if let Some(name) = param.name() {
                self.member(
                    ctx,
                    SymbolKind::Parameter,
                    name,
                    param.syntax(),
                    func,
                    param.ty(),
                );
            }
        }
    }

    // ---- the end ---------------------------------------------------------------

    /// Sorts each file's references and names, and works out which symbols
    /// are the same (a `use` without `as` is its original).
    fn finish(self) -> Index {
        let mut index = self.index;
        for file in &mut index.files {
            let refs = &index.refs;
            file.refs
                .sort_by_key(|&id| (refs[id].range.start, refs[id].range.end));
            file.refs
                .dedup_by_key(|id| (refs[*id].range.start, refs[*id].range.end));
            let symbols = &index.symbols;
            file.defs.retain(|&id| symbols[id].navigable);
            file.defs.sort_by_key(|&id| symbols[id].name_range.start);
        }
        let canonical: Vec<SymbolId> = (0..index.symbols.len())
            .map(|id| canonical(&index, id))
            .collect();
        for (id, reference) in index.refs.iter().enumerate() {
            if let Some(target) = reference.target {
                index.refs_to.entry(canonical[target]).or_default().push(id);
            }
        }
        for (id, &target) in canonical.iter().enumerate() {
            if target != id {
                index.plain_uses.entry(target).or_default().push(id);
            }
        }
        index.canonical = canonical;
        index
    }
}

/// The symbol `id` is another name of: through `use`s without `as`.
fn canonical(index: &Index, mut id: SymbolId) -> SymbolId {
    for _ in 0..64 {
        let symbol = &index.symbols[id];
        if symbol.kind != SymbolKind::UseName || symbol.aliased {
            return id;
        }
        match symbol.origin.and_then(|origin| index.refs[origin].target) {
            Some(target) => id = target,
            None => return id,
        }
    }
    id
}
