//! Synthetic WIT workspaces of any size, for benchmarks.
//!
//! The output is deterministic (a seeded PRNG, same options, same bytes) and
//! valid for wit-parser 0.263, and it is shaped like real WIT: a root package
//! split over many files, dependency packages under `deps/<name>/`, interfaces
//! with every kind of type definition, resources, functions, doc and ordinary
//! comments, `use` between interfaces and packages, and worlds that import,
//! export and `include`.
//!
//! Validity rests on three rules the generator keeps:
//! - every name gets a unique numeric suffix, so nothing is defined twice and
//!   no name is a keyword;
//! - interface `i` uses types only from interfaces generated before it, and a
//!   package only from packages generated before it, so nothing is cyclic;
//! - a world's exports do not depend on each other, and none of its imports
//!   depends on one of its exports (wit-parser rejects a world whose export
//!   would see an interface both imported and exported).
//!
//! It also draws no wit-lsp warnings: a `use` brings in only the names that
//! the items after it refer to.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// How the generated interfaces are spread over packages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A root package that `use`s a few dependency packages under `deps/<name>/`.
    WithDependencies,
    /// Every interface in one package directory, without `deps/`.
    SinglePackage,
}

#[derive(Clone, Debug)]
pub struct Options {
    /// The workspace has at least this many lines; it overshoots by at most
    /// one interface per package and the worlds.
    pub min_lines: usize,
    pub layout: Layout,
    /// The same options give the same files, byte for byte.
    pub seed: u64,
}

/// The seed of `Options::new`, which every benchmark uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 0x5eed_b3c4;

impl Options {
    pub fn new(min_lines: usize, layout: Layout) -> Self {
        Self {
            min_lines,
            layout,
            seed: DEFAULT_SEED,
        }
    }
}

/// One generated file.
#[derive(Clone, Debug)]
pub struct File {
    /// Relative to the workspace root.
    pub path: PathBuf,
    pub text: String,
}

/// A generated workspace: the root package's files at the top, dependency
/// packages under `deps/<name>/`.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub files: Vec<File>,
}

impl Workspace {
    pub fn line_count(&self) -> usize {
        self.files
            .iter()
            .map(|file| file.text.lines().count())
            .sum()
    }

    /// Writes every file below `dir`, creating directories as needed.
    pub fn write_to(&self, dir: &Path) -> io::Result<()> {
        let with_path = |path: &Path, error: io::Error| {
            io::Error::new(error.kind(), format!("{}: {error}", path.display()))
        };
        for file in &self.files {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|error| with_path(parent, error))?;
            }
            std::fs::write(&path, &file.text).map_err(|error| with_path(&path, error))?;
        }
        Ok(())
    }
}

/// The name of the root package (`@1.0.0`), which holds the worlds.
pub const ROOT_PACKAGE: &str = "bench:app";
const ROOT_VERSION: &str = "1.0.0";
/// Dependency packages in generation order: each may use the ones before it.
const DEPENDENCIES: [&str; 3] = ["base", "codec", "storage"];
const DEPENDENCY_VERSION: &str = "0.1.0";
/// Each dependency package gets this share of the requested lines.
const DEPENDENCY_PERCENT: usize = 4;
/// A new file starts once the current one has this many lines.
const LINES_PER_FILE: usize = 300;
/// The first interfaces of each package, which any later interface of the
/// package may use, as real packages have a `types` interface everyone uses.
const CORE_INTERFACES: usize = 4;
/// How deep `list<option<…>>` nests.
const MAX_TYPE_DEPTH: u32 = 3;

pub fn generate(options: &Options) -> Workspace {
    let mut generator = Generator {
        rng: Rng(options.seed),
        next_suffix: 0,
        packages: Vec::new(),
        interfaces: Vec::new(),
        files: Vec::new(),
        referenced: BTreeSet::new(),
    };
    let dependencies: &[&str] = match options.layout {
        Layout::WithDependencies => &DEPENDENCIES,
        Layout::SinglePackage => &[],
    };
    let mut lines = 0;
    for short_name in dependencies {
        let package = generator.add_package(
            format!("bench:{short_name}"),
            DEPENDENCY_VERSION,
            Path::new("deps").join(short_name),
        );
        lines += generator.package_files(package, options.min_lines * DEPENDENCY_PERCENT / 100);
        lines += generator.dependency_world(package);
    }
    let root = generator.add_package(ROOT_PACKAGE.to_owned(), ROOT_VERSION, PathBuf::new());
    generator.package_files(root, options.min_lines.saturating_sub(lines));
    generator.root_worlds(root);
    Workspace {
        files: generator.files,
    }
}

const NOUNS: &[&str] = &[
    "account", "ledger", "invoice", "session", "cursor", "bucket", "channel", "message", "report",
    "schedule", "profile", "catalog", "order", "shipment", "sensor", "reading", "policy", "token",
    "device", "region", "volume", "snapshot", "metric", "query", "batch", "tenant", "widget",
    "document", "archive", "route",
];
const INTERFACE_ROLES: &[&str] = &["api", "types", "events", "admin", "queries", "jobs"];
const VERBS: &[&str] = &[
    "get", "list", "create", "update", "remove", "find", "open", "close", "send", "fetch", "load",
    "merge", "split", "count", "check", "watch", "reset", "export",
];
const FIELDS: &[&str] = &[
    "id",
    "name",
    "count",
    "size",
    "offset",
    "label",
    "amount",
    "kind",
    "status",
    "owner",
    "created-at",
    "updated-at",
    "payload",
    "items",
    "limit",
    "cursor",
    "region",
    "priority",
    "weight",
    "score",
    "path",
    "timeout",
    "retries",
    "enabled",
    "tags",
    "parent",
    "origin",
    "target",
    "checksum",
    "note",
];
const CASES: &[&str] = &[
    "low", "medium", "high", "critical", "pending", "active", "paused", "closed", "failed",
    "unknown", "retry", "denied", "expired", "missing", "invalid", "busy",
];
const FLAG_NAMES: &[&str] = &[
    "read", "write", "execute", "append", "create", "truncate", "sync", "hidden", "archived",
    "pinned", "shared", "locked",
];
/// Method and static function names of resources (one namespace).
const METHODS: &[&str] = &[
    "name",
    "size",
    "refresh",
    "close",
    "duplicate",
    "next",
    "peek",
    "reset",
    "subscribe",
    "finish",
    "append-item",
    "set-label",
    "to-bytes",
    "describe",
    "open",
    "from-bytes",
];
const PRIMITIVES: &[&str] = &[
    "bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "char", "string",
];
const SENTENCES: &[&str] = &[
    "Returns the current state.",
    "Fails when the caller lacks permission.",
    "Kept for compatibility with older hosts.",
    "Times are in milliseconds since the Unix epoch.",
    "Identifiers are unique within a tenant.",
    "Callers should retry after a short delay.",
    "The order of the items is unspecified.",
    "Empty when nothing matched.",
    "The host may close this at any time.",
    "Sizes are in bytes.",
];
const COMMENTS: &[&str] = &[
    "// TODO: split this once the API settles.",
    "// Keep in sync with the host implementation.",
    "/* The order of cases is part of the ABI. */",
    "/* Block comments /* nest */ in WIT. */",
    "// NOTE: see the design document for the rationale.",
];

/// SplitMix64: tiny, fast and good enough to vary the shape of the output.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct indices into a slice of length `len`, in random order.
    fn distinct(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut indices: Vec<usize> = (0..len).collect();
        let count = count.min(len);
        for i in 0..count {
            let j = i + self.below(len - i);
            indices.swap(i, j);
        }
        indices.truncate(count);
        indices
    }

    /// `count` distinct words of `words`, in random order.
    fn words<'a>(&mut self, words: &[&'a str], count: usize) -> Vec<&'a str> {
        self.distinct(words.len(), count)
            .into_iter()
            .map(|i| words[i])
            .collect()
    }
}

struct Package {
    /// `bench:base`
    name: String,
    version: &'static str,
    /// Relative to the workspace root.
    dir: PathBuf,
    /// Its interfaces are `interfaces[first_interface..]` up to the next package's.
    first_interface: usize,
}

struct Interface {
    package: usize,
    name: String,
    /// The types it defines, which later interfaces may use.
    types: Vec<NamedType>,
    /// This interface and every interface it uses, transitively.
    closure: BTreeSet<usize>,
}

#[derive(Clone)]
struct NamedType {
    name: String,
    /// Only resources may appear in `borrow<…>` and `own<…>`.
    is_resource: bool,
}

/// A root-package world, remembered so that later worlds can include it.
struct World {
    name: String,
    /// Every interface its imports depend on, transitively: an including
    /// world must export none of them.
    import_closure: BTreeSet<usize>,
    /// Its freestanding function imports, which an `include … with` may rename.
    function_imports: Vec<String>,
}

/// Lines of WIT text being built, with their indentation.
#[derive(Default)]
struct Text(String);

impl Text {
    fn line(&mut self, depth: usize, text: &str) {
        if !text.is_empty() {
            for _ in 0..depth {
                self.0.push_str("    ");
            }
            self.0.push_str(text);
        }
        self.0.push('\n');
    }

    fn line_count(&self) -> usize {
        self.0.matches('\n').count()
    }
}

struct Generator {
    rng: Rng,
    /// Appended to every generated name, which makes all names unique.
    next_suffix: usize,
    packages: Vec<Package>,
    interfaces: Vec<Interface>,
    files: Vec<File>,
    /// The scope names `type_expr` and `resource_in` have handed out since
    /// this was last cleared: what a `use` has to bring in.
    referenced: BTreeSet<String>,
}

impl Generator {
    fn add_package(&mut self, name: String, version: &'static str, dir: PathBuf) -> usize {
        self.packages.push(Package {
            name,
            version,
            dir,
            first_interface: self.interfaces.len(),
        });
        self.packages.len() - 1
    }

    /// `stem` plus a suffix no other name has.
    fn fresh(&mut self, stem: &str) -> String {
        self.next_suffix += 1;
        format!("{stem}{}", self.next_suffix)
    }

    /// A random word of `words`, then `tail`, then a unique suffix.
    fn fresh_from(&mut self, words: &[&str], tail: &str) -> String {
        let word = *self.rng.pick(words);
        self.fresh(&format!("{word}{tail}"))
    }

    fn doc(&mut self, out: &mut Text, depth: usize, percent: u64) {
        if !self.rng.chance(percent) {
            return;
        }
        let first = *self.rng.pick(SENTENCES);
        if self.rng.chance(15) {
            let second = *self.rng.pick(SENTENCES);
            out.line(depth, &format!("/** {first}"));
            out.line(depth, &format!("    {second} */"));
        } else {
            out.line(depth, &format!("/// {first}"));
            if self.rng.chance(30) {
                out.line(depth, "///");
                let second = *self.rng.pick(SENTENCES);
                out.line(depth, &format!("/// {second}"));
            }
        }
    }

    fn comment(&mut self, out: &mut Text, depth: usize, percent: u64) {
        if self.rng.chance(percent) {
            let comment = *self.rng.pick(COMMENTS);
            out.line(depth, comment);
        }
    }

    fn since(&mut self, out: &mut Text, depth: usize, package: usize, percent: u64) {
        if self.rng.chance(percent) {
            let version = self.packages[package].version;
            out.line(depth, &format!("@since(version = {version})"));
        }
    }

    /// Writes the files of `package` until they hold `min_lines` lines (at
    /// least one file), and returns how many lines they hold.
    fn package_files(&mut self, package: usize, min_lines: usize) -> usize {
        let mut lines = 0;
        loop {
            let file_lines = LINES_PER_FILE.min(min_lines - lines);
            lines += self.interface_file(package, file_lines);
            if lines >= min_lines {
                return lines;
            }
        }
    }

    /// One file of interfaces (at least one) with about `min_lines` lines.
    fn interface_file(&mut self, package: usize, min_lines: usize) -> usize {
        let first_interface = self.interfaces.len();
        let mut body = Text::default();
        // File-level `use … as alias;` of other packages' interfaces.
        let mut aliases = Vec::new();
        while self.interfaces.len() == first_interface || body.line_count() < min_lines {
            body.line(0, "");
            self.interface(package, first_interface, &mut body, &mut aliases);
        }
        let mut text = Text::default();
        let Package { name, version, .. } = &self.packages[package];
        text.line(0, &format!("package {name}@{version};"));
        if !aliases.is_empty() {
            text.line(0, "");
            for (alias, path) in &aliases {
                text.line(0, &format!("use {path} as {alias};"));
            }
        }
        text.0.push_str(&body.0);
        let path = self.packages[package]
            .dir
            .join(format!("{}.wit", self.interfaces[first_interface].name));
        self.push_file(path, text)
    }

    fn push_file(&mut self, path: PathBuf, text: Text) -> usize {
        let lines = text.line_count();
        self.files.push(File { path, text: text.0 });
        lines
    }

    /// How `package` names interface `target`: by its bare name within the
    /// package, else by its full name or a file-level alias of it.
    fn interface_path(
        &mut self,
        package: usize,
        target: usize,
        aliases: &mut Vec<(String, String)>,
    ) -> String {
        let interface = &self.interfaces[target];
        if interface.package == package {
            return interface.name.clone();
        }
        if !self.rng.chance(50) {
            return self.full_interface_path(target);
        }
        // Interface names are unique, and no interface name starts with `dep-`.
        let alias = format!("dep-{}", self.interfaces[target].name);
        if !aliases.iter().any(|(existing, _)| *existing == alias) {
            aliases.push((alias.clone(), self.full_interface_path(target)));
        }
        alias
    }

    /// `bench:base/ledger-api3@0.1.0`
    fn full_interface_path(&self, target: usize) -> String {
        let interface = &self.interfaces[target];
        let Package { name, version, .. } = &self.packages[interface.package];
        format!("{name}/{}@{version}", interface.name)
    }

    /// Picks an earlier interface to use types from: mostly one of the same
    /// file, else one of the package's core interfaces, any earlier one of the
    /// package, or one of an earlier package.
    fn use_source(&mut self, package: usize, first_in_file: usize) -> Option<usize> {
        let first_in_package = self.packages[package].first_interface;
        let current = self.interfaces.len();
        let range = match self.rng.below(20) {
            0..9 => first_in_file..current,
            9..14 => first_in_package..(first_in_package + CORE_INTERFACES).min(current),
            14..17 => first_in_package..current,
            _ => 0..first_in_package,
        };
        if range.is_empty() {
            return None;
        }
        let source = range.start + self.rng.below(range.len());
        Some(source).filter(|&source| !self.interfaces[source].types.is_empty())
    }

    fn interface(
        &mut self,
        package: usize,
        first_in_file: usize,
        out: &mut Text,
        aliases: &mut Vec<(String, String)>,
    ) {
        let index = self.interfaces.len();
        let noun = *self.rng.pick(NOUNS);
        let role = *self.rng.pick(INTERFACE_ROLES);
        let name = self.fresh(&format!("{noun}-{role}"));
        let mut scope = Vec::new();
        let mut types = Vec::new();

        // Types of earlier interfaces that the items may refer to: (source
        // interface, name there, name here).
        let mut offered: Vec<(usize, String, String)> = Vec::new();
        let mut sources = Vec::new();
        for _ in 0..self.rng.below(4) {
            if let Some(source) = self.use_source(package, first_in_file)
                && !sources.contains(&source)
            {
                sources.push(source);
            }
        }
        for &source in &sources {
            let available = self.interfaces[source].types.len();
            let count = self.rng.between(1, 3);
            for pick in self.rng.distinct(available, count) {
                let mut used = self.interfaces[source].types[pick].clone();
                let original = used.name.clone();
                if self.rng.chance(15) {
                    used.name = format!("{original}-local");
                }
                offered.push((source, original, used.name.clone()));
                scope.push(used);
            }
        }

        self.referenced.clear();
        let mut items = Text::default();
        for item in 0..self.rng.between(3, 8) {
            if item > 0 {
                items.line(0, "");
            }
            self.comment(&mut items, 1, 8);
            self.doc(&mut items, 1, 60);
            self.since(&mut items, 1, package, 10);
            // The first item is a type, so that every interface has one to use.
            let kind = if item == 0 {
                self.rng.below(6)
            } else {
                self.rng.below(9)
            };
            let defined = match kind {
                0 => self.record(&scope, &mut items),
                1 => self.variant(&scope, &mut items),
                2 => self.enumeration(&mut items),
                3 => self.flags(&mut items),
                4 => self.type_alias(&scope, &mut items),
                5 => self.resource(&scope, &mut items),
                _ => {
                    let verb = *self.rng.pick(VERBS);
                    let noun = *self.rng.pick(NOUNS);
                    let function = self.fresh(&format!("{verb}-{noun}"));
                    let signature = self.signature(&scope);
                    items.line(1, &format!("{function}: func{signature};"));
                    None
                }
            };
            if let Some(defined) = defined {
                scope.push(defined.clone());
                types.push(defined);
            }
        }

        self.comment(out, 0, 10);
        self.doc(out, 0, 80);
        self.since(out, 0, package, 20);
        out.line(0, &format!("interface {name} {{"));
        // Only what the items refer to, as wit-lsp warns about unused `use`s.
        let mut closure = BTreeSet::from([index]);
        for &source in &sources {
            let names: Vec<String> = offered
                .iter()
                .filter(|(from, _, local)| *from == source && self.referenced.contains(local))
                .map(|(_, original, local)| {
                    if original == local {
                        original.clone()
                    } else {
                        format!("{original} as {local}")
                    }
                })
                .collect();
            if names.is_empty() {
                continue;
            }
            let path = self.interface_path(package, source, aliases);
            out.line(1, &format!("use {path}.{{{}}};", names.join(", ")));
            closure.extend(&self.interfaces[source].closure);
        }
        if closure.len() > 1 {
            out.line(0, "");
        }
        out.0.push_str(&items.0);
        out.line(0, "}");
        self.interfaces.push(Interface {
            package,
            name,
            types,
            closure,
        });
    }

    fn record(&mut self, scope: &[NamedType], out: &mut Text) -> Option<NamedType> {
        let name = self.fresh_from(NOUNS, "");
        out.line(1, &format!("record {name} {{"));
        let count = self.rng.between(1, 5);
        for field in self.rng.words(FIELDS, count) {
            self.doc(out, 2, 20);
            let ty = self.type_expr(scope, 0);
            out.line(2, &format!("{field}: {ty},"));
        }
        out.line(1, "}");
        Some(NamedType {
            name,
            is_resource: false,
        })
    }

    fn variant(&mut self, scope: &[NamedType], out: &mut Text) -> Option<NamedType> {
        let name = self.fresh_from(NOUNS, "-outcome");
        out.line(1, &format!("variant {name} {{"));
        let count = self.rng.between(2, 5);
        for case in self.rng.words(CASES, count) {
            if self.rng.chance(60) {
                let ty = self.type_expr(scope, 0);
                out.line(2, &format!("{case}({ty}),"));
            } else {
                out.line(2, &format!("{case},"));
            }
        }
        out.line(1, "}");
        Some(NamedType {
            name,
            is_resource: false,
        })
    }

    fn enumeration(&mut self, out: &mut Text) -> Option<NamedType> {
        let name = self.fresh_from(NOUNS, "-level");
        let count = self.rng.between(2, 6);
        let cases = self.rng.words(CASES, count);
        if self.rng.chance(50) {
            out.line(1, &format!("enum {name} {{ {} }}", cases.join(", ")));
        } else {
            out.line(1, &format!("enum {name} {{"));
            for case in cases {
                out.line(2, &format!("{case},"));
            }
            out.line(1, "}");
        }
        Some(NamedType {
            name,
            is_resource: false,
        })
    }

    fn flags(&mut self, out: &mut Text) -> Option<NamedType> {
        let name = self.fresh_from(NOUNS, "-permissions");
        out.line(1, &format!("flags {name} {{"));
        let count = self.rng.between(1, 6);
        for flag in self.rng.words(FLAG_NAMES, count) {
            out.line(2, &format!("{flag},"));
        }
        out.line(1, "}");
        Some(NamedType {
            name,
            is_resource: false,
        })
    }

    fn type_alias(&mut self, scope: &[NamedType], out: &mut Text) -> Option<NamedType> {
        let name = self.fresh_from(NOUNS, "-alias");
        let ty = self.type_expr(scope, 0);
        out.line(1, &format!("type {name} = {ty};"));
        Some(NamedType {
            name,
            is_resource: false,
        })
    }

    fn resource(&mut self, scope: &[NamedType], out: &mut Text) -> Option<NamedType> {
        let name = self.fresh_from(NOUNS, "-handle");
        let resource = NamedType {
            name: name.clone(),
            is_resource: true,
        };
        if self.rng.chance(20) {
            out.line(1, &format!("resource {name};"));
            return Some(resource);
        }
        out.line(1, &format!("resource {name} {{"));
        if self.rng.chance(60) {
            self.doc(out, 2, 40);
            let params = self.params(scope);
            out.line(2, &format!("constructor({params});"));
        }
        // Its methods may take and return the resource itself.
        let mut scope = scope.to_vec();
        scope.push(resource.clone());
        let method_count = self.rng.between(1, 4);
        for (i, method) in self
            .rng
            .words(METHODS, method_count)
            .into_iter()
            .enumerate()
        {
            self.doc(out, 2, 40);
            let signature = self.signature(&scope);
            // A static function for some resources, as the last member.
            let is_static = i > 0 && i + 1 == method_count && self.rng.chance(50);
            let kind = if is_static { "static func" } else { "func" };
            out.line(2, &format!("{method}: {kind}{signature};"));
        }
        out.line(1, "}");
        Some(resource)
    }

    /// `(a: T, b: U) -> R`, or without the result.
    fn signature(&mut self, scope: &[NamedType]) -> String {
        let params = self.params(scope);
        if self.rng.chance(75) {
            let result = self.type_expr(scope, 0);
            format!("({params}) -> {result}")
        } else {
            format!("({params})")
        }
    }

    fn params(&mut self, scope: &[NamedType]) -> String {
        let count = self.rng.below(5);
        let names = self.rng.words(FIELDS, count);
        let mut params = Vec::new();
        for name in names {
            // `borrow<…>` only where wit-parser allows it: directly in a parameter.
            let ty = if self.rng.chance(25)
                && let Some(resource) = self.resource_in(scope)
            {
                format!("borrow<{resource}>")
            } else {
                self.type_expr(scope, 0)
            };
            params.push(format!("{name}: {ty}"));
        }
        params.join(", ")
    }

    /// A resource of `scope`, counted as referenced: the caller must use it.
    fn resource_in(&mut self, scope: &[NamedType]) -> Option<String> {
        let resources: Vec<&NamedType> = scope.iter().filter(|ty| ty.is_resource).collect();
        if resources.is_empty() {
            return None;
        }
        let name = self.rng.pick(&resources).name.clone();
        self.referenced.insert(name.clone());
        Some(name)
    }

    fn type_expr(&mut self, scope: &[NamedType], depth: u32) -> String {
        if depth < MAX_TYPE_DEPTH && self.rng.chance(35) {
            let depth = depth + 1;
            return match self.rng.below(8) {
                0 | 1 => format!("list<{}>", self.type_expr(scope, depth)),
                2 | 3 => format!("option<{}>", self.type_expr(scope, depth)),
                4 => format!(
                    "result<{}, {}>",
                    self.type_expr(scope, depth),
                    self.type_expr(scope, depth)
                ),
                5 => match self.rng.below(3) {
                    0 => "result".to_owned(),
                    1 => format!("result<{}>", self.type_expr(scope, depth)),
                    _ => format!("result<_, {}>", self.type_expr(scope, depth)),
                },
                6 => {
                    let count = self.rng.between(1, 3);
                    let items: Vec<String> =
                        (0..count).map(|_| self.type_expr(scope, depth)).collect();
                    format!("tuple<{}>", items.join(", "))
                }
                _ => match self.resource_in(scope) {
                    Some(resource) => format!("own<{resource}>"),
                    None => format!("list<{}>", self.type_expr(scope, depth)),
                },
            };
        }
        if !scope.is_empty() && self.rng.chance(45) {
            let name = self.rng.pick(scope).name.clone();
            self.referenced.insert(name.clone());
            return name;
        }
        (*self.rng.pick(PRIMITIVES)).to_owned()
    }

    /// A world `imports` in the dependency package that imports some of its
    /// interfaces, for the root's worlds to include. Returns its line count.
    fn dependency_world(&mut self, package: usize) -> usize {
        let first = self.packages[package].first_interface;
        let count = self.interfaces.len() - first;
        let Package {
            name, version, dir, ..
        } = &self.packages[package];
        let path = dir.join("world.wit");
        let mut text = Text::default();
        text.line(0, &format!("package {name}@{version};"));
        text.line(0, "");
        text.line(
            0,
            "/// Everything this package offers, for worlds to include.",
        );
        text.line(0, "world imports {");
        for i in self.rng.distinct(count, 4) {
            text.line(1, &format!("import {};", self.interfaces[first + i].name));
        }
        text.line(0, "}");
        self.push_file(path, text)
    }

    /// `worlds.wit` of the root package: two import-only platform worlds (the
    /// second includes the first) and service worlds that include one of them
    /// and the dependencies' `imports` worlds, import and export interfaces
    /// and freestanding functions.
    fn root_worlds(&mut self, root: usize) {
        let mut out = Text::default();
        out.line(0, &format!("package {ROOT_PACKAGE}@{ROOT_VERSION};"));
        let first = self.packages[root].first_interface;
        let end = self.interfaces.len();
        let mut worlds: Vec<World> = Vec::new();

        // Platform worlds import from the first half of the root package, so
        // that services have interfaces left to export.
        let platform_pool: Vec<usize> = (first..first + (end - first).div_ceil(2)).collect();
        for name in ["platform", "platform-extended"] {
            out.line(0, "");
            self.doc(&mut out, 0, 100);
            out.line(0, &format!("world {name} {{"));
            let mut import_closure = BTreeSet::new();
            let mut function_imports = Vec::new();
            if let Some(included) = worlds.last() {
                out.line(1, &format!("include {};", included.name));
                import_closure.extend(&included.import_closure);
            }
            let count = self.rng.between(2, 5);
            for i in self.rng.distinct(platform_pool.len(), count) {
                let interface = platform_pool[i];
                out.line(1, &format!("import {};", self.interfaces[interface].name));
                import_closure.extend(&self.interfaces[interface].closure);
            }
            // Dependency packages' interfaces come before the root's.
            if first > 0 {
                let dependency = self.rng.below(first);
                out.line(
                    1,
                    &format!("import {};", self.full_interface_path(dependency)),
                );
            }
            let function = self.fresh("log");
            out.line(1, &format!("import {function}: func(message: string);"));
            function_imports.push(function);
            out.line(0, "}");
            worlds.push(World {
                name: name.to_owned(),
                import_closure,
                function_imports,
            });
        }

        let service_count = 3 + (end - first) / 150;
        for service in 0..service_count {
            out.line(0, "");
            self.comment(&mut out, 0, 30);
            self.doc(&mut out, 0, 80);
            let name = self.fresh("service");
            out.line(0, &format!("world {name} {{"));
            let platform = &worlds[self.rng.below(worlds.len())];
            let mut import_closure = platform.import_closure.clone();
            // The first service renames the platform's log import, to have an
            // `include … with`.
            if service == 0 {
                let function = &platform.function_imports[0];
                out.line(
                    1,
                    &format!(
                        "include {} with {{ {function} as {function}-renamed }}",
                        platform.name
                    ),
                );
            } else {
                out.line(1, &format!("include {};", platform.name));
            }
            for package in &self.packages[..root] {
                if self.rng.chance(50) {
                    out.line(
                        1,
                        &format!("include {}/imports@{};", package.name, package.version),
                    );
                }
            }

            let mut exports: Vec<usize> = Vec::new();
            let wanted = self.rng.between(1, 3);
            for _ in 0..10 {
                if exports.len() == wanted {
                    break;
                }
                let candidate = self.rng.between(first, end - 1);
                let independent = |other: &usize| {
                    !self.interfaces[*other].closure.contains(&candidate)
                        && !self.interfaces[candidate].closure.contains(other)
                };
                if !import_closure.contains(&candidate) && exports.iter().all(independent) {
                    exports.push(candidate);
                }
            }

            let mut imports: Vec<usize> = Vec::new();
            for _ in 0..self.rng.between(1, 4) {
                let candidate = self.rng.between(first, end - 1);
                let closure = &self.interfaces[candidate].closure;
                if !imports.contains(&candidate)
                    && exports.iter().all(|export| !closure.contains(export))
                {
                    imports.push(candidate);
                    import_closure.extend(closure);
                }
            }
            for &import in &imports {
                out.line(1, &format!("import {};", self.interfaces[import].name));
            }

            // A freestanding import whose signature may use a type of one of
            // the imports, brought in by `use` only if it does.
            let mut scope = Vec::new();
            if let Some(&import) = imports.first() {
                let interface = &self.interfaces[import];
                let used = interface.types[self.rng.below(interface.types.len())].clone();
                scope.push(used);
            }
            let noun = *self.rng.pick(NOUNS);
            let function = self.fresh(&format!("fetch-{noun}"));
            self.referenced.clear();
            let signature = self.signature(&scope);
            if let (Some(&import), Some(used)) = (imports.first(), scope.first())
                && self.referenced.contains(&used.name)
            {
                let interface = &self.interfaces[import].name;
                out.line(1, &format!("use {interface}.{{{}}};", used.name));
            }
            out.line(1, &format!("import {function}: func{signature};"));
            if self.rng.chance(50) {
                let hooks = self.fresh_from(NOUNS, "-hooks");
                out.line(1, &format!("import {hooks}: interface {{"));
                for _ in 0..self.rng.between(1, 3) {
                    let function = self.fresh_from(VERBS, "");
                    let signature = self.signature(&[]);
                    out.line(2, &format!("{function}: func{signature};"));
                }
                out.line(1, "}");
            }

            for &export in &exports {
                out.line(1, &format!("export {};", self.interfaces[export].name));
            }
            let run = self.fresh("run");
            out.line(
                1,
                &format!("export {run}: func(args: list<string>) -> result<_, string>;"),
            );
            out.line(0, "}");
        }
        self.push_file(self.packages[root].dir.join("worlds.wit"), out);
    }
}
