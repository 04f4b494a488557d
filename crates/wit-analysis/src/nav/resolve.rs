//! Name lookup, as wit-parser's resolver does it (`ast/resolve.rs`):
//!
//! - `ns:pkg/x@v` is the item `x` of package `ns:pkg@v`; without a version,
//!   of the only package called `ns:pkg`;
//! - a bare `x` is the top-level `use` named `x` of the file (or package
//!   block) first, else the package's interface or world `x`; the path of a
//!   top-level `use` itself only looks at the package;
//! - a type name is a type of the enclosing interface or world (its own
//!   definitions and the names its `use`s bring in);
//! - `a` in `use path.{a}` is a type of the interface `path` names;
//! - `a` in `include w with { a as b }` is a named import or export of `w`,
//!   or of the worlds `w` includes.

use std::collections::HashSet;

use super::build::{Builder, Pending};
use super::{PackageIdx, PackageName, RefId, SymbolId, SymbolKind};

impl Builder {
    /// Resolves every reference: first those that need only the symbols
    /// (paths, packages, type names), then those that go through a path.
    pub(super) fn resolve(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (id, how) in pending.iter().enumerate() {
            let target = match how {
                Pending::Type { scope } => {
                    let name = self.name_of(id);
                    self.type_scopes.get(&(*scope, name)).copied()
                }
                Pending::Path {
                    decl,
                    package,
                    qualified,
                    toplevel,
                } => self.resolve_path(id, *decl, *package, qualified.as_ref(), *toplevel),
                Pending::Package(name) => self
                    .find_package(name)
                    .and_then(|package| self.index.packages[package].symbol),
                Pending::UseName { .. } | Pending::IncludeName { .. } => continue,
            };
            self.index.refs[id].target = target;
        }
        for (id, how) in pending.iter().enumerate() {
            let target = match how {
                Pending::UseName { path } => self.resolve_use_name(id, *path),
                Pending::IncludeName { path } => self.resolve_include_name(id, *path),
                _ => continue,
            };
            self.index.refs[id].target = target;
        }
        self.pending = pending;
    }

    /// The name a reference spells, without `%`.
    fn name_of(&self, id: RefId) -> String {
        self.index.ref_name(&self.index.refs[id]).to_owned()
    }

    fn find_package(&self, name: &PackageName) -> Option<PackageIdx> {
        if name.version.is_some() {
            return self.package_keys.get(name).copied();
        }
        match self
            .packages_by_name
            .get(&(name.namespace.clone(), name.name.clone()))?
            .as_slice()
        {
            [only] => Some(*only),
            _ => None,
        }
    }

    fn resolve_path(
        &self,
        id: RefId,
        decl: usize,
        package: PackageIdx,
        qualified: Option<&PackageName>,
        toplevel: bool,
    ) -> Option<SymbolId> {
        let name = self.name_of(id);
        if let Some(qualified) = qualified {
            let package = self.find_package(qualified)?;
            return self.index.packages[package].items.get(&name).copied();
        }
        if !toplevel && let Some(&used) = self.decl_uses.get(&(decl, name.clone())) {
            return Some(used);
        }
        self.index.packages[package].items.get(&name).copied()
    }

    /// What a path reference finally names: an interface or world.
    fn path_target(&self, path: RefId) -> Option<SymbolId> {
        self.index.follow_uses(self.index.refs[path].target?)
    }

    fn resolve_use_name(&self, id: RefId, path: RefId) -> Option<SymbolId> {
        let interface = self.path_target(path)?;
        if self.index.symbols[interface].kind != SymbolKind::Interface {
            return None;
        }
        self.type_scopes
            .get(&(interface, self.name_of(id)))
            .copied()
    }

    fn resolve_include_name(&self, id: RefId, path: RefId) -> Option<SymbolId> {
        let world = self.path_target(path)?;
        let name = self.name_of(id);
        // The included world's names, then those of the worlds it includes.
        let mut queue = vec![world];
        let mut seen = HashSet::new();
        while let Some(world) = queue.pop() {
            if self.index.symbols[world].kind != SymbolKind::World || !seen.insert(world) {
                continue;
            }
            if let Some(&found) = self.externs.get(&(world, name.clone())) {
                return Some(found);
            }
            for &include in self.includes.get(&world).into_iter().flatten().rev() {
                if let Some(included) = self.path_target(include) {
                    queue.push(included);
                }
            }
        }
        None
    }
}
