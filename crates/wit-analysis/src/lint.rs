//! Lints: warnings about WIT that wit-parser accepts but that is probably not
//! what its author meant. Each has a stable code, and a level the user sets.
//!
//! Lints look only at the files of a root's main package: dependencies are
//! someone else's code.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use wit_parser::{InterfaceId, PackageId, Resolve, Stability, Type, TypeDefKind, TypeId, WorldId};
use wit_syntax::ast::{
    AstNode, BorrowType, Identifier, InterfaceBody, Item, NamedType, OwnType, UseItem, UsePath,
    WorldBody, WorldMember,
};
use wit_syntax::{Node, Parse};

use crate::rules::Rule;

pub const UNUSED_USE: Rule = Rule {
    code: "unused-use",
    description: "a name brought into scope by `use` is never used",
};

pub const DEPRECATED: Rule = Rule {
    code: "deprecated",
    description: "an item marked `@deprecated` is used",
};

/// Every lint, in the order they are documented.
pub const LINTS: &[Rule] = &[UNUSED_USE, DEPRECATED];

/// The name that sets the level of every lint at once, as in rustc.
pub const WARNINGS_GROUP: &str = "warnings";

/// What to do with a lint's findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LintLevel {
    /// Report nothing.
    Allow,
    /// Report a warning (the default).
    Warn,
    /// Report an error.
    Deny,
}

/// A level was set for a name that is neither a lint nor `warnings`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLint(pub String);

impl fmt::Display for UnknownLint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<_> = LINTS.iter().map(|lint| lint.code).collect();
        write!(
            f,
            "unknown lint `{}`; the lints are {} (or `{WARNINGS_GROUP}` for all)",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownLint {}

/// The level of each lint. As in rustc, the `warnings` group applies to every
/// lint still at `warn`: `deny(warnings)` turns them into errors,
/// `allow(warnings)` silences them; a lint set to `allow` stays silent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintLevels {
    levels: BTreeMap<&'static str, LintLevel>,
    warnings: Option<LintLevel>,
}

impl LintLevels {
    /// Sets the level of the lint named `code`, or of all with `warnings`.
    /// A later setting of the same name wins.
    pub fn set(&mut self, code: &str, level: LintLevel) -> Result<(), UnknownLint> {
        if code == WARNINGS_GROUP {
            self.warnings = Some(level);
            return Ok(());
        }
        let lint = LINTS
            .iter()
            .find(|lint| lint.code == code)
            .ok_or_else(|| UnknownLint(code.to_owned()))?;
        self.levels.insert(lint.code, level);
        Ok(())
    }

    pub fn level(&self, lint: Rule) -> LintLevel {
        match self.levels.get(lint.code) {
            Some(LintLevel::Warn) | None => self.warnings.unwrap_or(LintLevel::Warn),
            Some(level) => *level,
        }
    }
}

/// One finding of a lint in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) lint: Rule,
    pub(crate) range: Range<usize>,
    pub(crate) message: String,
}

/// Every `use` name that nothing in its scope refers to.
pub(crate) fn unused_uses(parse: &Parse) -> Vec<Finding> {
    let mut findings = Vec::new();
    for scope in decl_lists(parse) {
        unused_toplevel_uses(&scope, &mut findings);
        for item in &scope {
            match item {
                Item::Interface(interface) => {
                    if let Some(body) = interface.body() {
                        unused_in_body(body.syntax(), interface_uses(body), &mut findings);
                    }
                }
                Item::World(world) => {
                    if let Some(body) = world.body() {
                        unused_in_body(body.syntax(), world_uses(body), &mut findings);
                    }
                }
                Item::Use(_) | Item::Package(_) => {}
            }
        }
    }
    findings
}

/// The items of each scope of top-level names: the file, and each nested
/// package block.
fn decl_lists(parse: &Parse) -> Vec<Vec<Item<'_>>> {
    let items: Vec<_> = parse.source_file().items().collect();
    let mut lists = Vec::new();
    for item in &items {
        if let Item::Package(package) = item
            && let Some(body) = package.body()
        {
            lists.push(body.items().collect());
        }
    }
    lists.insert(0, items);
    lists
}

fn interface_uses<'t>(body: InterfaceBody<'t>) -> Vec<UseItem<'t>> {
    body.members()
        .filter_map(|member| match member {
            wit_syntax::ast::InterfaceMember::Use(use_item) => Some(use_item),
            _ => None,
        })
        .collect()
}

fn world_uses<'t>(body: WorldBody<'t>) -> Vec<UseItem<'t>> {
    body.members()
        .filter_map(|member| match member {
            WorldMember::Use(use_item) => Some(use_item),
            _ => None,
        })
        .collect()
}

/// Reports the names of `uses` that no type in `body` refers to.
fn unused_in_body(body: Node<'_>, uses: Vec<UseItem<'_>>, findings: &mut Vec<Finding>) {
    if uses.is_empty() {
        return;
    }
    let source = uses[0].source();
    let mut referenced = HashSet::new();
    for_each_type_reference(body, source, &mut |name| {
        referenced.insert(name.name());
    });
    for use_item in uses {
        for name in use_item.names().filter_map(|name| name.local_name()) {
            if !referenced.contains(name.name()) {
                findings.push(unused(name));
            }
        }
    }
}

/// Top-level `use … as x;` whose name no path in the same scope starts from.
fn unused_toplevel_uses(scope: &[Item<'_>], findings: &mut Vec<Finding>) {
    let uses: Vec<_> = scope
        .iter()
        .filter_map(|item| match item {
            Item::Use(toplevel) => toplevel
                .alias()
                .or_else(|| toplevel.path().and_then(|path| path.name())),
            _ => None,
        })
        .collect();
    if uses.is_empty() {
        return;
    }
    let mut referenced = HashSet::new();
    for item in scope {
        if matches!(item, Item::Interface(_) | Item::World(_)) {
            wit_syntax::walk(item.syntax(), |node| {
                if let Some(path) = UsePath::cast(node, item.source())
                    && path.namespace().is_none()
                    && let Some(name) = path.name()
                {
                    referenced.insert(name.name());
                }
                true
            });
        }
    }
    for name in uses {
        if !referenced.contains(name.name()) {
            findings.push(unused(name));
        }
    }
}

fn unused(name: Identifier<'_>) -> Finding {
    Finding {
        lint: UNUSED_USE,
        range: name.range(),
        message: format!("`{}` is brought in by `use` but never used", name.name()),
    }
}

/// Calls `f` with every name a type in `node` refers to: `T`, `borrow<T>`, `own<T>`.
fn for_each_type_reference<'t>(
    node: Node<'t>,
    source: &'t str,
    f: &mut impl FnMut(Identifier<'t>),
) {
    wit_syntax::walk(node, |node| {
        let name = if let Some(named) = NamedType::cast(node, source) {
            named.name()
        } else if let Some(borrow) = BorrowType::cast(node, source) {
            borrow.resource()
        } else if let Some(own) = OwnType::cast(node, source) {
            own.resource()
        } else {
            return true;
        };
        if let Some(name) = name {
            f(name);
        }
        true
    });
}

/// Every use of a deprecated item in the file, resolved through wit-parser's
/// view of the package. `package` is the package the file's top level belongs to.
pub(crate) fn deprecated_uses(
    parse: &Parse,
    resolve: &Resolve,
    package: PackageId,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let file = parse.source_file();
    let mut scopes = vec![(package, file.items().collect::<Vec<_>>())];
    for item in file.items() {
        if let Item::Package(nested) = item
            && let (Some(name), Some(body)) = (nested.name(), nested.body())
            && let Some(id) = find_package(resolve, name.namespace(), name.name(), name.version())
        {
            scopes.push((id, body.items().collect()));
        }
    }
    for (package, items) in scopes {
        let scope = Scope::new(resolve, package, parse.text(), &items);
        for item in &items {
            scope.check_item(*item, &mut findings);
        }
    }
    findings
}

/// The names visible at the top level of a file or nested package.
struct Scope<'a, 't> {
    resolve: &'a Resolve,
    package: PackageId,
    source: &'t str,
    /// Top-level `use` names and the paths they stand for.
    toplevel: HashMap<&'t str, UsePath<'t>>,
}

#[derive(Clone, Copy)]
enum Target {
    Interface(InterfaceId),
    World(WorldId),
}

impl<'a, 't> Scope<'a, 't> {
    fn new(resolve: &'a Resolve, package: PackageId, source: &'t str, items: &[Item<'t>]) -> Self {
        let toplevel = items
            .iter()
            .filter_map(|item| match item {
                Item::Use(toplevel) => {
                    let path = toplevel.path()?;
                    let name = toplevel.alias().or_else(|| path.name())?;
                    Some((name.name(), path))
                }
                _ => None,
            })
            .collect();
        Scope {
            resolve,
            package,
            source,
            toplevel,
        }
    }

    fn check_item(&self, item: Item<'t>, findings: &mut Vec<Finding>) {
        match item {
            Item::Use(toplevel) => {
                if let Some(path) = toplevel.path() {
                    self.check_path(path, findings);
                }
            }
            Item::Interface(interface) => {
                let (Some(name), Some(body)) = (interface.name(), interface.body()) else {
                    return;
                };
                let Some(&id) = self.resolve.packages[self.package]
                    .interfaces
                    .get(name.name())
                else {
                    return;
                };
                for member in body.members() {
                    if let wit_syntax::ast::InterfaceMember::Use(use_item) = member {
                        self.check_use(use_item, findings);
                    }
                }
                self.check_local_references(body.syntax(), id, findings);
            }
            Item::World(world) => {
                let Some(body) = world.body() else {
                    return;
                };
                for member in body.members() {
                    match member {
                        WorldMember::Use(use_item) => self.check_use(use_item, findings),
                        WorldMember::Import(import) => {
                            if let Some(path) = import.path() {
                                self.check_path(path, findings);
                            }
                        }
                        WorldMember::Export(export) => {
                            if let Some(path) = export.path() {
                                self.check_path(path, findings);
                            }
                        }
                        WorldMember::Include(include) => {
                            if let Some(path) = include.path() {
                                self.check_path(path, findings);
                            }
                        }
                        WorldMember::TypeDef(_) => {}
                    }
                }
            }
            Item::Package(_) => {}
        }
    }

    /// `use iface.{a, b}`: the interface and each name.
    fn check_use(&self, use_item: UseItem<'t>, findings: &mut Vec<Finding>) {
        let Some(path) = use_item.path() else {
            return;
        };
        let Some(Target::Interface(interface)) = self.check_path(path, findings) else {
            return;
        };
        for name in use_item.names().filter_map(|name| name.name()) {
            let Some(&id) = self.resolve.interfaces[interface].types.get(name.name()) else {
                continue;
            };
            if let Some(version) = self.deprecated_type(id)
                && !in_deprecated_item(use_item.syntax())
            {
                findings.push(deprecated(name.range(), "type", name.name(), version));
            }
        }
    }

    /// A path to an interface or world; reports it when that is deprecated.
    fn check_path(&self, path: UsePath<'t>, findings: &mut Vec<Finding>) -> Option<Target> {
        let target = self.resolve_path(path, 0)?;
        let (kind, name, stability) = match target {
            Target::Interface(id) => {
                let interface = &self.resolve.interfaces[id];
                ("interface", interface.name.as_deref(), &interface.stability)
            }
            Target::World(id) => {
                let world = &self.resolve.worlds[id];
                ("world", Some(world.name.as_str()), &world.stability)
            }
        };
        if let (Some(name), Some(version)) = (name, deprecated_since(stability))
            && !in_deprecated_item(path.syntax())
        {
            findings.push(deprecated(path.range(), kind, name, version));
        }
        Some(target)
    }

    /// Types of the interface `id` that its own definitions refer to by name.
    fn check_local_references(&self, body: Node<'t>, id: InterfaceId, findings: &mut Vec<Finding>) {
        let types = &self.resolve.interfaces[id].types;
        for_each_type_reference(body, self.source, &mut |name| {
            let Some(&type_id) = types.get(name.name()) else {
                return;
            };
            // A `use`d type was reported at its `use`.
            if self.used_from(type_id).is_some() {
                return;
            }
            if let Some(version) = deprecated_since(&self.resolve.types[type_id].stability)
                && !in_deprecated_item(name.syntax())
            {
                findings.push(deprecated(name.range(), "type", name.name(), version));
            }
        });
    }

    /// The interface or world a path names, as wit-parser resolves it.
    fn resolve_path(&self, path: UsePath<'t>, depth: usize) -> Option<Target> {
        let name = path.name()?.name();
        let package = match (path.namespace(), path.package()) {
            (Some(namespace), Some(package)) => {
                find_package(self.resolve, Some(namespace), Some(package), path.version())?
            }
            _ => {
                // A top-level `use` may rename another path; it cannot refer
                // to itself (wit-parser rejects that), the depth guard is for
                // broken input only.
                if let Some(&aliased) = self.toplevel.get(name)
                    && aliased != path
                    && depth < 8
                {
                    return self.resolve_path(aliased, depth + 1);
                }
                self.package
            }
        };
        let package = &self.resolve.packages[package];
        package
            .interfaces
            .get(name)
            .map(|&id| Target::Interface(id))
            .or_else(|| package.worlds.get(name).map(|&id| Target::World(id)))
    }

    /// When `id` was made by a `use` (rather than defined), the type it brings in.
    fn used_from(&self, id: TypeId) -> Option<TypeId> {
        let def = &self.resolve.types[id];
        match def.kind {
            TypeDefKind::Type(Type::Id(target))
                if self.resolve.types[target].owner != def.owner =>
            {
                Some(target)
            }
            _ => None,
        }
    }

    /// The version `id` was deprecated in, following `use`s back to the definition.
    fn deprecated_type(&self, mut id: TypeId) -> Option<String> {
        for _ in 0..64 {
            if let Some(version) = deprecated_since(&self.resolve.types[id].stability) {
                return Some(version);
            }
            id = self.used_from(id)?;
        }
        None
    }
}

/// The package named `namespace:name[@version]`; without a version, the only
/// package of that name (wit-parser rejects the path when there are several).
fn find_package(
    resolve: &Resolve,
    namespace: Option<Identifier<'_>>,
    name: Option<Identifier<'_>>,
    version: Option<wit_syntax::ast::Version<'_>>,
) -> Option<PackageId> {
    let (namespace, name) = (namespace?.name(), name?.name());
    let mut candidates = resolve.packages.iter().filter(|(_, package)| {
        package.name.namespace == namespace
            && package.name.name == name
            && version.is_none_or(|version| {
                package
                    .name
                    .version
                    .as_ref()
                    .is_some_and(|v| v.to_string() == version.text())
            })
    });
    let (id, _) = candidates.next()?;
    candidates.next().is_none().then_some(id)
}

/// The version in `@deprecated(version = …)`, if the item has one.
fn deprecated_since(stability: &Stability) -> Option<String> {
    match stability {
        Stability::Stable {
            deprecated: Some(version),
            ..
        }
        | Stability::Unstable {
            deprecated: Some(version),
            ..
        } => Some(version.to_string()),
        _ => None,
    }
}

fn deprecated(range: Range<usize>, kind: &str, name: &str, version: String) -> Finding {
    Finding {
        lint: DEPRECATED,
        range,
        message: format!("{kind} `{name}` is deprecated since version {version}"),
    }
}

/// Whether `node` lies inside an item that is itself deprecated: a deprecated
/// item may use other deprecated items without warning, as in rustc.
fn in_deprecated_item(node: Node<'_>) -> bool {
    let mut ancestor = Some(node);
    while let Some(node) = ancestor {
        // Bodies hold items, not gates; looking only at items keeps this short.
        if !node.kind().ends_with("_body") && node.kind() != "source_file" {
            let mut cursor = node.walk();
            if node
                .named_children(&mut cursor)
                .any(|child| child.kind() == "deprecated_gate")
            {
                return true;
            }
        }
        ancestor = node.parent();
    }
    false
}
