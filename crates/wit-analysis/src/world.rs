//! A world as wit-parser elaborates it: every import and export after
//! `include … with`, plus the interfaces its items pull in through `use`.

use std::collections::HashSet;
use std::fmt;

use wit_parser::{
    Function, Handle, InterfaceId, Resolve, Type, TypeDefKind, TypeId, WorldId, WorldItem, WorldKey,
};

use crate::Resolved;
use crate::nav::Index;
use crate::targets::{params, type_name};

/// A world's imports and exports in wit-parser's (topological) order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElaboratedWorld {
    /// `ns:pkg/world@version`.
    pub name: String,
    pub imports: Vec<WorldEntry>,
    pub exports: Vec<WorldEntry>,
}

/// One import or export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldEntry {
    /// As `Resolve::name_world_key` spells it: `ns:pkg/iface@version` for an
    /// interface named by path, else the plain name.
    pub name: String,
    pub kind: EntryKind,
    /// For functions, `func(a: u32) -> string`; for types, what they are
    /// (`record`, `resource`, or the type an alias stands for).
    pub signature: Option<String>,
    /// An interface that no import, export or include of the world names: it
    /// is there because another item `use`s it.
    pub pulled_in: bool,
}

/// `interface a:b/c`, `func log: func(msg: string)`, `type t: record`.
impl fmt::Display for WorldEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.keyword(), self.name)?;
        match &self.signature {
            Some(signature) => write!(f, ": {signature}"),
            None => Ok(()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Interface,
    Function,
    Type,
}

impl EntryKind {
    pub fn keyword(self) -> &'static str {
        match self {
            EntryKind::Interface => "interface",
            EntryKind::Function => "func",
            EntryKind::Type => "type",
        }
    }
}

/// Why no world could be chosen; each lists the worlds there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldError {
    NoWorlds,
    /// No name was given and the package has several worlds.
    Ambiguous {
        worlds: Vec<String>,
    },
    Unknown {
        name: String,
        worlds: Vec<String>,
    },
}

impl fmt::Display for WorldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldError::NoWorlds => write!(f, "the package has no worlds"),
            WorldError::Ambiguous { worlds } => write!(
                f,
                "the package has several worlds, choose one with `--world`: {}",
                worlds.join(", ")
            ),
            WorldError::Unknown { name, worlds } => write!(
                f,
                "the package has no world `{name}`; its worlds are {}",
                worlds.join(", ")
            ),
        }
    }
}

impl std::error::Error for WorldError {}

/// The world `name` of the root's package, or its only world when `name` is
/// `None`. `index` is the root's navigation index, which knows what the
/// source names.
pub fn elaborate(
    resolved: &Resolved,
    index: &Index,
    name: Option<&str>,
) -> Result<ElaboratedWorld, WorldError> {
    let worlds = &resolved.resolve.packages[resolved.package].worlds;
    let names = || worlds.keys().cloned().collect::<Vec<_>>();
    let world = match name {
        Some(name) => *worlds.get(name).ok_or_else(|| WorldError::Unknown {
            name: name.to_owned(),
            worlds: names(),
        })?,
        None => match worlds.len() {
            0 => return Err(WorldError::NoWorlds),
            1 => worlds[0],
            _ => return Err(WorldError::Ambiguous { worlds: names() }),
        },
    };
    Ok(elaborate_world(
        &resolved.resolve,
        world,
        &index.named_interfaces(&resolved.resolve, world),
    ))
}

/// `world`'s items; `named` are the interfaces its source (and that of the
/// worlds it includes) imports or exports by path.
pub(crate) fn elaborate_world(
    resolve: &Resolve,
    world: WorldId,
    named: &HashSet<InterfaceId>,
) -> ElaboratedWorld {
    let world_def = &resolve.worlds[world];
    let entries = |items: &wit_parser::IndexMap<WorldKey, WorldItem>| {
        items
            .iter()
            .map(|(key, item)| entry(resolve, key, item, named))
            .collect()
    };
    let package = world_def.package.map(|package| &resolve.packages[package]);
    ElaboratedWorld {
        name: match package {
            Some(package) => package.name.interface_id(&world_def.name),
            None => world_def.name.clone(),
        },
        imports: entries(&world_def.imports),
        exports: entries(&world_def.exports),
    }
}

fn entry(
    resolve: &Resolve,
    key: &WorldKey,
    item: &WorldItem,
    named: &HashSet<InterfaceId>,
) -> WorldEntry {
    let (kind, signature) = match item {
        WorldItem::Interface { .. } => (EntryKind::Interface, None),
        WorldItem::Function(function) => (
            EntryKind::Function,
            Some(function_signature(resolve, function)),
        ),
        WorldItem::Type { id, .. } => (EntryKind::Type, Some(type_kind(resolve, *id))),
    };
    // Only an interface keyed by its path can be added by elaboration; a named
    // `import x: …` is always written.
    let pulled_in = matches!(key, WorldKey::Interface(id) if !named.contains(id));
    WorldEntry {
        name: resolve.name_world_key(key),
        kind,
        signature,
        pulled_in,
    }
}

fn function_signature(resolve: &Resolve, function: &Function) -> String {
    let keyword = if function.kind.is_async() {
        "async func"
    } else {
        "func"
    };
    let mut signature = format!("{keyword}{}", params(resolve, function));
    if let Some(result) = &function.result {
        signature.push_str(" -> ");
        signature.push_str(&type_name(resolve, result));
    }
    signature
}

/// What the type definition `id` is: `record`, `resource`, … for the kinds
/// that only a named definition has, else the type it is written as (its
/// parts by name, as `type_name` spells them).
fn type_kind(resolve: &Resolve, id: TypeId) -> String {
    let name = |ty: &Type| type_name(resolve, ty);
    let optional = |ty: &Option<Type>| ty.as_ref().map_or("_".to_owned(), name);
    let generic = |keyword: &str, ty: &Option<Type>| match ty {
        Some(ty) => format!("{keyword}<{}>", name(ty)),
        None => keyword.to_owned(),
    };
    match &resolve.types[id].kind {
        TypeDefKind::Handle(Handle::Own(resource)) => name(&Type::Id(*resource)),
        TypeDefKind::Handle(Handle::Borrow(resource)) => {
            format!("borrow<{}>", name(&Type::Id(*resource)))
        }
        TypeDefKind::Tuple(tuple) => {
            let types: Vec<String> = tuple.types.iter().map(name).collect();
            format!("tuple<{}>", types.join(", "))
        }
        TypeDefKind::Option(ty) => format!("option<{}>", name(ty)),
        TypeDefKind::Result(result) => match (&result.ok, &result.err) {
            (None, None) => "result".to_owned(),
            (ok, None) => format!("result<{}>", optional(ok)),
            (ok, err) => format!("result<{}, {}>", optional(ok), optional(err)),
        },
        TypeDefKind::List(ty) => format!("list<{}>", name(ty)),
        TypeDefKind::Map(key, value) => format!("map<{}, {}>", name(key), name(value)),
        TypeDefKind::FixedLengthList(ty, length) => format!("list<{}, {length}>", name(ty)),
        TypeDefKind::Future(ty) => generic("future", ty),
        TypeDefKind::Stream(ty) => generic("stream", ty),
        TypeDefKind::Type(ty) => name(ty),
        kind => kind.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests;
