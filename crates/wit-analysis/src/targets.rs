//! Does a component target a world? Every difference between the world a
//! component was built for (decoded from its binary) and a world of a
//! resolved package, not just the first.
//!
//! A component targets a world when it exports everything the world exports,
//! with the same types, and imports nothing the world does not import (it may
//! import less). Types are compared by structure, as the component model
//! does: records field by field, variants case by case, resources by name.
//! Interfaces are compared through their functions, which reach every type
//! that matters to a caller.
//!
//! Editors also find components here: the files below a directory that may
//! be the components of its worlds.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use wit_component::WitPrinter;
use wit_parser::decoding::{DecodedWasm, decode};
use wit_parser::{Function, Handle, InterfaceId, Resolve, Type, TypeDefKind, WorldId, WorldItem};

use crate::Resolved;
use crate::load::is_skipped_dir;

/// Whether an item is imported or exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Import,
    Export,
}

/// One difference between a component and the world it should target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The import or export, named as wit-parser names world keys:
    /// `greet`, `example:greeter/greeter@1.0.0`.
    pub item: String,
    pub direction: Direction,
    pub problem: Problem,
}

/// What is wrong with an import or export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The world exports the item; the component does not.
    MissingExport,
    /// The component imports the item; the world, named here, does not.
    ImportNotAllowed { world: String },
    /// One side has an interface, the other a function or a type.
    KindMismatch {
        expected: &'static str,
        found: &'static str,
    },
    /// The world's interface has a function the component's export lacks.
    MissingFunction { function: String },
    /// The component's import uses a function the world's interface lacks.
    UnexpectedFunction { function: String },
    /// Types differ at `path` (`func `greet` param `name``, `… field `a``);
    /// `expected` is the world's, `found` the component's, both in WIT.
    TypeMismatch {
        path: String,
        expected: String,
        found: String,
    },
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::Import => "import",
            Direction::Export => "export",
        })
    }
}

/// `export `greeter`: func `greet` param `name`: expected string, found u32`.
impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`: ", self.direction, self.item)?;
        match &self.problem {
            Problem::MissingExport => write!(f, "missing"),
            Problem::ImportNotAllowed { world } => write!(f, "not allowed by world `{world}`"),
            Problem::KindMismatch { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            Problem::MissingFunction { function } => write!(f, "func `{function}`: missing"),
            Problem::UnexpectedFunction { function } => {
                write!(f, "func `{function}`: not in the world's interface")
            }
            Problem::TypeMismatch {
                path,
                expected,
                found,
            } => write!(f, "{path}: expected {expected}, found {found}"),
        }
    }
}

/// Why the comparison could not be made.
#[derive(Debug)]
pub enum TargetsError {
    /// The bytes are not a component wit-component can decode a world from.
    NotAComponent(String),
    /// `--world NAME` names no world of the package.
    WorldNotFound {
        name: String,
        available: Vec<String>,
    },
    /// The package has several worlds and none was named.
    WorldRequired { available: Vec<String> },
    /// The package has no world at all.
    NoWorlds,
}

impl fmt::Display for TargetsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetsError::NotAComponent(reason) => write!(f, "not a component: {reason}"),
            TargetsError::WorldNotFound { name, available } => write!(
                f,
                "no world `{name}` in the package; its worlds: {}",
                available.join(", ")
            ),
            TargetsError::WorldRequired { available } => write!(
                f,
                "the package has several worlds, choose one with --world: {}",
                available.join(", ")
            ),
            TargetsError::NoWorlds => write!(f, "the package defines no world"),
        }
    }
}

impl std::error::Error for TargetsError {}

/// The component at `path` as a binary: a `.wasm` file as it is, a text
/// (`.wat`) one compiled. A file that is neither is an error naming it.
pub fn read_component(path: &Path) -> Result<Vec<u8>, io::Error> {
    let bytes = std::fs::read(path)?;
    // `wat` passes binaries through and compiles text, whatever the extension.
    wat::parse_bytes(&bytes)
        .map(|binary| binary.into_owned())
        .map_err(|mut error| {
            error.set_path(path);
            io::Error::new(io::ErrorKind::InvalidData, error.to_string())
        })
}

/// How many directories below a searched one components are looked for.
const MAX_COMPONENT_DEPTH: usize = 8;

/// How many components a search finds at most: each is decoded and checked
/// against every world, so a tree of test modules must not make that slow.
const MAX_COMPONENTS: usize = 64;

/// The `.wasm` and `.wat` files at or below `dir` (a directory's own first,
/// then those below it, each in name order), where an editor looks for the
/// components of worlds: at most [`MAX_COMPONENTS`], at most
/// [`MAX_COMPONENT_DEPTH`] directories down, not inside the directories a
/// package search skips (build output, `node_modules`, hidden ones) nor
/// `deps/` (whose binaries are encoded WIT packages), and not through
/// symbolic links. A directory that cannot be read is passed over.
pub fn find_components(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    // Directories still to read, the next one last, with their depth.
    let mut pending = vec![(dir.to_path_buf(), 0)];
    while let Some((dir, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|entry| entry.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_str().unwrap_or_default();
            if kind.is_dir() {
                if depth < MAX_COMPONENT_DEPTH && !is_skipped_dir(name) && name != "deps" {
                    subdirs.push((path, depth + 1));
                }
            } else if kind.is_file() && is_component_file(&path) {
                if found.len() == MAX_COMPONENTS {
                    return found;
                }
                found.push(path);
            }
        }
        pending.extend(subdirs.into_iter().rev());
    }
    found
}

/// Whether `path` has a component's extension: `.wasm`, or `.wat` for text.
pub fn is_component_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "wasm" || extension == "wat")
}

/// Every way the component in `component` (a binary) fails to target the
/// world `world` of `resolved` (the root package's only world when `None`).
/// With `allow_wasi`, WASI 0.2 imports count as allowed: the host provides
/// them.
pub fn check_targets(
    component: &[u8],
    resolved: &Resolved,
    world: Option<&str>,
    allow_wasi: bool,
) -> Result<Vec<Mismatch>, TargetsError> {
    Component::decode(component)?.check(resolved, world, allow_wasi)
}

/// The world a component was built for, decoded from its binary once, to
/// be checked against as many worlds as needed.
#[derive(Debug)]
pub struct Component {
    resolve: Resolve,
    world: WorldId,
}

impl Component {
    /// The component's own world; an error for bytes that are not a
    /// component (a core module, an encoded WIT package, garbage).
    pub fn decode(component: &[u8]) -> Result<Component, TargetsError> {
        if is_core_module(component) {
            return Err(TargetsError::NotAComponent(
                "it is a core module; wrap it with `wasm-tools component new`".to_string(),
            ));
        }
        match decode(component) {
            Ok(DecodedWasm::Component(resolve, world)) => Ok(Component { resolve, world }),
            Ok(DecodedWasm::WitPackage(..)) => Err(TargetsError::NotAComponent(
                "it is an encoded WIT package".to_string(),
            )),
            Err(error) => Err(TargetsError::NotAComponent(format!("{error:#}"))),
        }
    }

    /// Every way the component fails to target `world` (see [`check_targets`]).
    pub fn check(
        &self,
        resolved: &Resolved,
        world: Option<&str>,
        allow_wasi: bool,
    ) -> Result<Vec<Mismatch>, TargetsError> {
        let found_resolve = &self.resolve;
        let expected_world = select_world(resolved, world)?;
        let compare = Compare {
            expected: &resolved.resolve,
            found: found_resolve,
        };
        let mut mismatches = Vec::new();

        let expected_world = &resolved.resolve.worlds[expected_world];
        let found_world = &found_resolve.worlds[self.world];
        let expected_exports = named_items(&resolved.resolve, &expected_world.exports);
        let found_exports = named_items(found_resolve, &found_world.exports);
        for (name, expected) in &expected_exports {
            let problems = match found_exports.iter().find(|(found, _)| found == name) {
                None => vec![Problem::MissingExport],
                Some((_, found)) => compare.items(expected, found, Direction::Export),
            };
            mismatches.extend(problems.into_iter().map(|problem| Mismatch {
                item: name.clone(),
                direction: Direction::Export,
                problem,
            }));
        }

        let expected_imports = named_items(&resolved.resolve, &expected_world.imports);
        for (name, found) in named_items(found_resolve, &found_world.imports) {
            let problems = match expected_imports
                .iter()
                .find(|(expected, _)| *expected == name)
            {
                Some((_, expected)) => compare.items(expected, found, Direction::Import),
                None if allow_wasi && is_wasi_0_2(found_resolve, found) => Vec::new(),
                None => vec![Problem::ImportNotAllowed {
                    world: expected_world.name.clone(),
                }],
            };
            mismatches.extend(problems.into_iter().map(|problem| Mismatch {
                item: name.clone(),
                direction: Direction::Import,
                problem,
            }));
        }
        Ok(mismatches)
    }
}

/// What `wit-lsp targets` prints: one line per mismatch, then the verdict
/// on the component (shown as `component`) and the world.
pub fn report(component: &str, world: &str, mismatches: &[Mismatch]) -> String {
    let mut output = String::new();
    for mismatch in mismatches {
        output.push_str(&format!("{mismatch}\n"));
    }
    let verdict = match mismatches.len() {
        0 => format!("`{component}` targets world `{world}`\n"),
        1 => format!("`{component}` does not target world `{world}`: 1 mismatch\n"),
        count => format!("`{component}` does not target world `{world}`: {count} mismatches\n"),
    };
    output.push_str(&verdict);
    output
}

/// The preamble of a core module: magic, then version 1 in layer 0. A
/// component's layer is 1. (wit-parser decodes a core module as a component
/// with an empty world, which would "miss" every export.)
fn is_core_module(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\0asm\x01\0\0\0")
}

/// The world `name` of the root package, or its only world.
pub fn select_world(resolved: &Resolved, name: Option<&str>) -> Result<WorldId, TargetsError> {
    let worlds = &resolved.resolve.packages[resolved.package].worlds;
    let available = || worlds.keys().cloned().collect::<Vec<_>>();
    match name {
        Some(name) => worlds
            .get(name)
            .copied()
            .ok_or_else(|| TargetsError::WorldNotFound {
                name: name.to_string(),
                available: available(),
            }),
        None => match worlds.len() {
            0 => Err(TargetsError::NoWorlds),
            1 => Ok(worlds[0]),
            _ => Err(TargetsError::WorldRequired {
                available: available(),
            }),
        },
    }
}

fn named_items<'a>(
    resolve: &Resolve,
    items: &'a wit_parser::IndexMap<wit_parser::WorldKey, WorldItem>,
) -> Vec<(String, &'a WorldItem)> {
    items
        .iter()
        .map(|(key, item)| (resolve.name_world_key(key), item))
        .collect()
}

/// An interface of a `wasi:` package at version 0.2.x, which a WASI 0.2
/// host provides.
fn is_wasi_0_2(resolve: &Resolve, item: &WorldItem) -> bool {
    let WorldItem::Interface { id, .. } = item else {
        return false;
    };
    let Some(package) = resolve.interfaces[*id].package else {
        return false;
    };
    let name = &resolve.packages[package].name;
    name.namespace == "wasi"
        && name
            .version
            .as_ref()
            .is_some_and(|version| version.major == 0 && version.minor == 2)
}

fn kind_name(item: &WorldItem) -> &'static str {
    match item {
        WorldItem::Interface { .. } => "an interface",
        WorldItem::Function(_) => "a function",
        WorldItem::Type { .. } => "a type",
    }
}

/// The world's side (`expected`) and the component's (`found`), each in its
/// own `Resolve`.
struct Compare<'a> {
    expected: &'a Resolve,
    found: &'a Resolve,
}

impl Compare<'_> {
    fn items(&self, expected: &WorldItem, found: &WorldItem, direction: Direction) -> Vec<Problem> {
        let mut problems = Vec::new();
        match (expected, found) {
            (WorldItem::Interface { id: expected, .. }, WorldItem::Interface { id: found, .. }) => {
                self.interfaces(*expected, *found, direction, &mut problems)
            }
            (WorldItem::Function(expected), WorldItem::Function(found)) => {
                self.functions(expected, found, &mut problems)
            }
            (WorldItem::Type { id: expected, .. }, WorldItem::Type { id: found, .. }) => self
                .types(
                    &Type::Id(*expected),
                    &Type::Id(*found),
                    "type".to_string(),
                    &mut problems,
                ),
            _ => problems.push(Problem::KindMismatch {
                expected: kind_name(expected),
                found: kind_name(found),
            }),
        }
        problems
    }

    /// An export must have every function of the world's interface; an import
    /// may use only functions the world's interface has.
    fn interfaces(
        &self,
        expected: InterfaceId,
        found: InterfaceId,
        direction: Direction,
        problems: &mut Vec<Problem>,
    ) {
        let expected = &self.expected.interfaces[expected].functions;
        let found = &self.found.interfaces[found].functions;
        match direction {
            Direction::Export => {
                for (name, expected) in expected {
                    match found.get(name) {
                        Some(found) => self.functions(expected, found, problems),
                        None => problems.push(Problem::MissingFunction {
                            function: name.clone(),
                        }),
                    }
                }
            }
            Direction::Import => {
                for (name, found) in found {
                    match expected.get(name) {
                        Some(expected) => self.functions(expected, found, problems),
                        None => problems.push(Problem::UnexpectedFunction {
                            function: name.clone(),
                        }),
                    }
                }
            }
        }
    }

    fn functions(&self, expected: &Function, found: &Function, problems: &mut Vec<Problem>) {
        let at = format!("func `{}`", expected.name);
        let names = |function: &Function| -> Vec<String> {
            function
                .params
                .iter()
                .map(|param| param.name.clone())
                .collect()
        };
        if names(expected) != names(found) {
            problems.push(Problem::TypeMismatch {
                path: format!("{at} params"),
                expected: params(self.expected, expected),
                found: params(self.found, found),
            });
        } else {
            for (expected, found) in expected.params.iter().zip(&found.params) {
                self.types(
                    &expected.ty,
                    &found.ty,
                    format!("{at} param `{}`", expected.name),
                    problems,
                );
            }
        }
        let path = format!("{at} result");
        match (&expected.result, &found.result) {
            (Some(expected), Some(found)) => self.types(expected, found, path, problems),
            (None, None) => {}
            (expected, found) => problems.push(Problem::TypeMismatch {
                path,
                expected: result(self.expected, expected.as_ref()),
                found: result(self.found, found.as_ref()),
            }),
        }
    }

    /// Compares by structure, following aliases; reports the innermost
    /// difference, or where the shapes part ways.
    fn types(&self, expected: &Type, found: &Type, path: String, problems: &mut Vec<Problem>) {
        let expected_ty = dealias(self.expected, *expected);
        let found_ty = dealias(self.found, *found);
        let mismatch = |problems: &mut Vec<Problem>, path: String| {
            problems.push(Problem::TypeMismatch {
                path,
                expected: type_name(self.expected, expected),
                found: type_name(self.found, found),
            })
        };
        let (Type::Id(expected_id), Type::Id(found_id)) = (expected_ty, found_ty) else {
            if expected_ty != found_ty {
                mismatch(problems, path);
            }
            return;
        };
        let expected_kind = &self.expected.types[expected_id].kind;
        let found_kind = &self.found.types[found_id].kind;
        use TypeDefKind as K;
        match (expected_kind, found_kind) {
            (K::Record(expected), K::Record(found)) => {
                let expected_fields = expected
                    .fields
                    .iter()
                    .map(|field| (&field.name, Some(&field.ty)));
                let found_fields = found
                    .fields
                    .iter()
                    .map(|field| (&field.name, Some(&field.ty)));
                self.members(
                    "record",
                    "field",
                    expected_fields,
                    found_fields,
                    &path,
                    problems,
                );
            }
            (K::Variant(expected), K::Variant(found)) => {
                let expected_cases = expected
                    .cases
                    .iter()
                    .map(|case| (&case.name, case.ty.as_ref()));
                let found_cases = found
                    .cases
                    .iter()
                    .map(|case| (&case.name, case.ty.as_ref()));
                self.members(
                    "variant",
                    "case",
                    expected_cases,
                    found_cases,
                    &path,
                    problems,
                );
            }
            (K::Enum(expected), K::Enum(found)) => {
                let expected_cases = expected.cases.iter().map(|case| (&case.name, None));
                let found_cases = found.cases.iter().map(|case| (&case.name, None));
                self.members("enum", "case", expected_cases, found_cases, &path, problems);
            }
            (K::Flags(expected), K::Flags(found)) => {
                let expected_flags = expected.flags.iter().map(|flag| (&flag.name, None));
                let found_flags = found.flags.iter().map(|flag| (&flag.name, None));
                self.members(
                    "flags",
                    "flag",
                    expected_flags,
                    found_flags,
                    &path,
                    problems,
                );
            }
            (K::Tuple(expected), K::Tuple(found)) => {
                if expected.types.len() != found.types.len() {
                    mismatch(problems, path);
                } else {
                    for (index, (expected, found)) in
                        expected.types.iter().zip(&found.types).enumerate()
                    {
                        self.types(expected, found, format!("{path} element {index}"), problems);
                    }
                }
            }
            (K::Option(expected), K::Option(found)) => {
                self.types(expected, found, format!("{path} option"), problems)
            }
            (K::List(expected), K::List(found)) => {
                self.types(expected, found, format!("{path} element"), problems)
            }
            (K::FixedLengthList(expected, expected_len), K::FixedLengthList(found, found_len)) => {
                if expected_len != found_len {
                    mismatch(problems, path);
                } else {
                    self.types(expected, found, format!("{path} element"), problems)
                }
            }
            (K::Map(expected_key, expected_value), K::Map(found_key, found_value)) => {
                self.types(expected_key, found_key, format!("{path} key"), problems);
                self.types(
                    expected_value,
                    found_value,
                    format!("{path} value"),
                    problems,
                );
            }
            (K::Result(expected), K::Result(found)) => {
                self.optional(
                    expected.ok.as_ref(),
                    found.ok.as_ref(),
                    format!("{path} ok"),
                    problems,
                );
                self.optional(
                    expected.err.as_ref(),
                    found.err.as_ref(),
                    format!("{path} err"),
                    problems,
                );
            }
            (K::Future(expected), K::Future(found)) | (K::Stream(expected), K::Stream(found)) => {
                self.optional(
                    expected.as_ref(),
                    found.as_ref(),
                    format!("{path} payload"),
                    problems,
                )
            }
            (K::Handle(expected_handle), K::Handle(found_handle)) => {
                let same_resource = handle_resource_name(self.expected, expected_handle)
                    == handle_resource_name(self.found, found_handle);
                let same_kind = matches!(
                    (expected_handle, found_handle),
                    (Handle::Own(_), Handle::Own(_)) | (Handle::Borrow(_), Handle::Borrow(_))
                );
                if !(same_resource && same_kind) {
                    mismatch(problems, path);
                }
            }
            (K::Resource, K::Resource) => {
                if self.expected.types[expected_id].name != self.found.types[found_id].name {
                    mismatch(problems, path);
                }
            }
            _ => mismatch(problems, path),
        }
    }

    /// Record fields, variant and enum cases, flags: the same names in the
    /// same order, then each payload compared.
    fn members<'t>(
        &self,
        kind: &str,
        member: &str,
        expected: impl Iterator<Item = (&'t String, Option<&'t Type>)>,
        found: impl Iterator<Item = (&'t String, Option<&'t Type>)>,
        path: &str,
        problems: &mut Vec<Problem>,
    ) {
        let expected: Vec<_> = expected.collect();
        let found: Vec<_> = found.collect();
        let names = |members: &[(&String, Option<&Type>)]| -> Vec<String> {
            members.iter().map(|(name, _)| name.to_string()).collect()
        };
        if names(&expected) != names(&found) {
            problems.push(Problem::TypeMismatch {
                path: path.to_string(),
                expected: format!("{kind} {{ {} }}", names(&expected).join(", ")),
                found: format!("{kind} {{ {} }}", names(&found).join(", ")),
            });
            return;
        }
        for ((name, expected), (_, found)) in expected.iter().zip(&found) {
            self.optional(
                *expected,
                *found,
                format!("{path} {member} `{name}`"),
                problems,
            );
        }
    }

    fn optional(
        &self,
        expected: Option<&Type>,
        found: Option<&Type>,
        path: String,
        problems: &mut Vec<Problem>,
    ) {
        match (expected, found) {
            (Some(expected), Some(found)) => self.types(expected, found, path, problems),
            (None, None) => {}
            (expected, found) => problems.push(Problem::TypeMismatch {
                path,
                expected: result(self.expected, expected),
                found: result(self.found, found),
            }),
        }
    }
}

fn handle_resource_name<'r>(resolve: &'r Resolve, handle: &Handle) -> Option<&'r str> {
    let (Handle::Own(resource) | Handle::Borrow(resource)) = handle;
    let Type::Id(resource) = dealias(resolve, Type::Id(*resource)) else {
        return None;
    };
    resolve.types[resource].name.as_deref()
}

/// `ty` with `type a = b` aliases (and `use`s) followed to what they name.
fn dealias(resolve: &Resolve, mut ty: Type) -> Type {
    while let Type::Id(id) = ty {
        match resolve.types[id].kind {
            TypeDefKind::Type(aliased) => ty = aliased,
            _ => break,
        }
    }
    ty
}

/// `ty` in WIT syntax, as a declaration would spell it.
pub(crate) fn type_name(resolve: &Resolve, ty: &Type) -> String {
    let mut printer = WitPrinter::default();
    match printer.print_type_name(resolve, ty) {
        Ok(()) => printer.output.to_string(),
        // Only anonymous types of unknown kind fail to print; none survive resolution.
        Err(_) => "<unknown>".to_string(),
    }
}

fn result(resolve: &Resolve, ty: Option<&Type>) -> String {
    ty.map_or_else(|| "nothing".to_string(), |ty| type_name(resolve, ty))
}

/// `(name: string, count: u32)`.
pub(crate) fn params(resolve: &Resolve, function: &Function) -> String {
    let params: Vec<String> = function
        .params
        .iter()
        .map(|param| format!("{}: {}", param.name, type_name(resolve, &param.ty)))
        .collect();
    format!("({})", params.join(", "))
}

#[cfg(test)]
mod tests;
