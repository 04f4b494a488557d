//! The worlds of a root's own package, which components are checked
//! against, and where in a world's source a component's mismatch belongs.

use std::collections::HashSet;

use super::symbols::qualified_name;
use super::{Index, Location, RefKind, SymbolId, SymbolKind};
use crate::targets::{Direction, Mismatch};
use crate::{Diagnostic, Severity, rules};

/// A world of the root's own package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldDeclaration {
    pub name: String,
    /// Where its name is.
    pub location: Location,
}

impl Index {
    /// The worlds of the root's own package, in file order: those
    /// `targets::select_world` chooses from, not those of nested
    /// `package a:b { … }` blocks or of `deps/`.
    pub fn worlds(&self) -> Vec<WorldDeclaration> {
        self.own_worlds()
            .map(|id| WorldDeclaration {
                name: self.symbols[id].name.clone(),
                location: self.name_location(id),
            })
            .collect()
    }

    /// The diagnostic for `mismatch`, one way a component fails to target the
    /// world `world` of the root's own package, on the item it is about: the
    /// world's `import` or `export` that wit-parser keys as the mismatch's
    /// item (`greet`, `ns:pkg/iface@version`), or else the path of the
    /// `include` that brings the item in, or else the world's name. `None`
    /// when the package has no such world.
    pub fn mismatch_diagnostic(&self, world: &str, mismatch: &Mismatch) -> Option<Diagnostic> {
        let world = self
            .own_worlds()
            .find(|&id| self.symbols[id].name == world)?;
        let location = self
            .world_item(
                world,
                mismatch.direction,
                &mismatch.item,
                &mut HashSet::new(),
            )
            .unwrap_or_else(|| self.name_location(world));
        Some(Diagnostic {
            path: location.path,
            range: location.range,
            severity: Severity::Error,
            code: Some(rules::TARGETS.code),
            message: mismatch.to_string(),
        })
    }

    /// The worlds declared at the top level of the root's own files (a nested
    /// package block's are its children).
    fn own_worlds(&self) -> impl Iterator<Item = SymbolId> + '_ {
        self.files
            .iter()
            .filter(|file| !file.is_dep)
            .flat_map(|file| &file.roots)
            .copied()
            .filter(|&id| self.symbols[id].kind == SymbolKind::World)
    }

    /// Where `world` has the item `item`: the statement that declares it
    /// (without attributes; an inline interface's header), or the path of the
    /// `include` of a world that has it.
    fn world_item(
        &self,
        world: SymbolId,
        direction: Direction,
        item: &str,
        visited: &mut HashSet<SymbolId>,
    ) -> Option<Location> {
        if !visited.insert(world) {
            return None;
        }
        let symbol = &self.symbols[world];
        let file = &self.files[symbol.file];
        let at = |range| Location {
            path: file.path.clone(),
            range,
        };
        if let Some(&member) = symbol
            .children
            .iter()
            .find(|&&member| self.is_world_item(member, direction, item))
        {
            return Some(at(self.symbols[member].signature.clone()));
        }
        // Inside a world, only the paths of `include`s name worlds.
        file.refs
            .iter()
            .map(|&id| &self.refs[id])
            .filter(|reference| {
                reference.kind == RefKind::Path
                    && symbol.range.start <= reference.range.start
                    && reference.range.end <= symbol.range.end
            })
            .find(|reference| {
                reference
                    .target
                    .and_then(|target| self.follow_uses(target))
                    .filter(|&included| self.symbols[included].kind == SymbolKind::World)
                    .is_some_and(|included| {
                        self.world_item(included, direction, item, visited)
                            .is_some()
                    })
            })
            .map(|reference| at(reference.range.clone()))
    }

    /// Whether the world member `member` is the import or export `item`. A
    /// world's types (defined or `use`d) are imports.
    fn is_world_item(&self, member: SymbolId, direction: Direction, item: &str) -> bool {
        let symbol = &self.symbols[member];
        let in_direction = match direction {
            Direction::Export => symbol.kind == SymbolKind::Export,
            Direction::Import => {
                symbol.kind == SymbolKind::Import
                    || symbol.kind == SymbolKind::UseName
                    || symbol.kind.is_type()
            }
        };
        if !in_direction {
            return false;
        }
        if symbol.navigable {
            return symbol.name == item;
        }
        // `import ns:pkg/iface;`, `export iface;`: keyed by the interface's
        // full name, which the path inside the item's name refers to.
        self.files[symbol.file].refs.iter().any(|&id| {
            let reference = &self.refs[id];
            reference.kind == RefKind::Path
                && symbol.name_range.start <= reference.range.start
                && reference.range.end <= symbol.name_range.end
                && reference
                    .target
                    .and_then(|target| self.follow_uses(target))
                    .is_some_and(|interface| qualified_name(self, interface) == item)
        })
    }
}
