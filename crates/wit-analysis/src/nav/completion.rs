//! Completion: what may be typed at the cursor.
//!
//! The context is read from the leaves of the syntax tree before the cursor
//! (so comments, nested block comments and strings are lexed by the grammar)
//! with a stack of the `{ … }` bodies they open and the statement being
//! typed. ERROR nodes make the shape of a broken tree unreliable, but every
//! token is still one of its leaves, so this holds in broken files too. The
//! names offered come from the index: the types of the enclosing interface or
//! world, the packages with their interfaces and worlds, and their docs.

use std::ops::Range;
use std::path::Path;

use wit_syntax::{KEYWORDS, Parse};

use super::{FileId, Index, PackageIdx, PackageInfo, PackageName, SymbolId, SymbolKind};

/// Something that may be typed at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// A short description: a type's kind, a package's full name.
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// What to insert when it is not the label.
    pub insert_text: Option<String>,
    /// Whether `insert_text` is a snippet, with `$1`, `${1:name}` and `$0` tab stops.
    pub is_snippet: bool,
    /// The partial word (or path segment) being completed, which the
    /// insertion replaces.
    pub replace: Option<Range<usize>>,
}

/// What a completion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    Keyword,
    /// A template for a new item.
    Snippet,
    /// A primitive or generic type (`u32`, `list<T>`).
    BuiltinType,
    /// A type defined in, or brought into, the enclosing interface or world.
    Type,
    Interface,
    World,
    /// A namespace or a package of a path.
    Package,
    /// A package version after `@`.
    Version,
    /// A feature gate after `@`.
    Attribute,
}

impl Completion {
    fn new(label: impl Into<String>, kind: CompletionKind) -> Completion {
        Completion {
            label: label.into(),
            kind,
            detail: None,
            documentation: None,
            insert_text: None,
            is_snippet: false,
            replace: None,
        }
    }

    fn detail(mut self, detail: impl Into<String>) -> Completion {
        self.detail = Some(detail.into());
        self
    }

    fn docs(mut self, docs: Option<impl Into<String>>) -> Completion {
        self.documentation = docs.map(Into::into);
        self
    }

    fn insert(mut self, text: impl Into<String>) -> Completion {
        self.insert_text = Some(text.into());
        self
    }

    fn snippet(mut self, text: impl Into<String>) -> Completion {
        self.is_snippet = true;
        self.insert(text)
    }

    fn replacing(mut self, range: Range<usize>) -> Completion {
        self.replace = Some(range);
        self
    }
}

pub(super) fn completions(index: &Index, path: &Path, offset: usize) -> Vec<Completion> {
    let Some(&file) = index.file_ids.get(path) else {
        return Vec::new();
    };
    let text = index.files[file].text.clone();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let word = word_start(&text, offset)..offset;
    let parse = wit_syntax::parse(text.clone());
    let Some(tokens) = tokens_before(&parse, &text, word.clone()) else {
        return Vec::new();
    };
    let (frames, statement) = scan(&tokens);
    let completer = Completer {
        index,
        file,
        text: &text,
        word: word.clone(),
        frames: &frames,
    };
    let mut completions = completer.complete(&statement);
    for completion in &mut completions {
        completion.replace.get_or_insert_with(|| word.clone());
    }
    completions
}

/// Where the identifier (or `%`-escaped identifier) that ends at `offset` starts.
fn word_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = offset;
    while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'-') {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] == b'%' {
        start -= 1;
    }
    start
}

/// A token before the cursor.
#[derive(Clone, Copy, Debug)]
struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

/// The tokens that end before `word`, without comments; `None` when the
/// cursor is inside a comment or a string, where nothing is to be completed.
fn tokens_before<'t>(parse: &Parse, text: &'t str, word: Range<usize>) -> Option<Vec<Token<'t>>> {
    let mut tokens = Vec::new();
    let mut cursor = parse.tree().walk();
    'walk: loop {
        let node = cursor.node();
        // Nodes come in the order of their starts: the rest are after the cursor.
        if node.start_byte() > word.end {
            break;
        }
        if node.child_count() == 0 {
            let (start, end) = (node.start_byte(), node.end_byte());
            let token = &text[start..end];
            match node.kind() {
                "comment" | "doc_comment" | "string" => {
                    // A line comment goes on to the end of its line.
                    let is_line_comment = token.starts_with("//") && !token.ends_with('\n');
                    if start < word.end && (word.end < end || is_line_comment && word.end == end) {
                        return None;
                    }
                }
                _ if node.is_missing() || start == end || end > word.start => {}
                _ => tokens.push(Token {
                    text: token,
                    start,
                    end,
                }),
            }
        } else if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    Some(tokens)
}

/// A `{ … }` body the cursor is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Body {
    Package,
    Interface,
    World,
    Record,
    Variant,
    Enum,
    Flags,
    Resource,
    /// `use path.{ … }`.
    UseNames,
    Other,
}

impl Body {
    /// Whether `,` separates its members.
    fn is_list(self) -> bool {
        matches!(
            self,
            Body::Record | Body::Variant | Body::Enum | Body::Flags | Body::UseNames | Body::Other
        )
    }
}

/// A body the cursor is in, and the statement that opened it (without attributes).
#[derive(Debug)]
struct Frame<'t> {
    body: Body,
    opener: Vec<Token<'t>>,
}

/// The bodies the cursor is in, outermost first, and the tokens of the
/// statement (item, member, field) it is in, up to the word being typed.
fn scan<'t>(tokens: &[Token<'t>]) -> (Vec<Frame<'t>>, Vec<Token<'t>>) {
    let mut frames: Vec<Frame<'t>> = Vec::new();
    let mut statement: Vec<Token<'t>> = Vec::new();
    for &token in tokens {
        match token.text {
            "{" => {
                let opener = match attributes(&statement) {
                    Attributes::Before(rest) => rest.to_vec(),
                    Attributes::Gate | Attributes::Inside => Vec::new(),
                };
                let body = body_opened_by(&opener);
                frames.push(Frame { body, opener });
                statement.clear();
            }
            "}" => {
                frames.pop();
                statement.clear();
            }
            ";" => statement.clear(),
            "," if frames.last().is_some_and(|frame| frame.body.is_list())
                && open_brackets(&statement).is_empty() =>
            {
                statement.clear();
            }
            _ => statement.push(token),
        }
    }
    (frames, statement)
}

fn body_opened_by(opener: &[Token<'_>]) -> Body {
    match opener.first().map(|token| token.text) {
        Some("package") => Body::Package,
        Some("interface") => Body::Interface,
        Some("world") => Body::World,
        Some("record") => Body::Record,
        Some("variant") => Body::Variant,
        Some("enum") => Body::Enum,
        Some("flags") => Body::Flags,
        Some("resource") => Body::Resource,
        Some("use") => Body::UseNames,
        // An inline interface.
        Some("import" | "export") if opener.iter().any(|token| token.text == "interface") => {
            Body::Interface
        }
        _ => Body::Other,
    }
}

/// A statement's leading attributes (`@since(…)`, …).
enum Attributes<'a, 't> {
    /// The cursor is right after an `@` that starts an attribute.
    Gate,
    /// The cursor is inside an attribute.
    Inside,
    /// The rest of the statement, after its attributes.
    Before(&'a [Token<'t>]),
}

fn attributes<'a, 't>(mut statement: &'a [Token<'t>]) -> Attributes<'a, 't> {
    while let [first, rest @ ..] = statement
        && first.text == "@"
    {
        let [_name, rest @ ..] = rest else {
            return Attributes::Gate;
        };
        statement = match rest {
            [open, arguments @ ..] if open.text == "(" => {
                match arguments.iter().position(|token| token.text == ")") {
                    Some(close) => &arguments[close + 1..],
                    None => return Attributes::Inside,
                }
            }
            [] => return Attributes::Inside,
            _ => rest,
        };
    }
    Attributes::Before(statement)
}

/// The brackets (`(` and `<`) open at the end of `tokens`, each with the
/// token before it.
fn open_brackets<'a, 't>(tokens: &'a [Token<'t>]) -> Vec<(&'a str, Option<&'a str>)> {
    let mut open = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.text {
            "(" | "<" => open.push((token.text, i.checked_sub(1).map(|i| tokens[i].text))),
            ")" | ">" => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// Keywords after which a statement goes on.
const CONTINUED_BY: &[&str] = &[
    "use",
    "import",
    "export",
    "include",
    "type",
    "record",
    "variant",
    "enum",
    "flags",
    "resource",
    "interface",
    "world",
    "package",
    "func",
    "async",
    "static",
    "as",
    "with",
    "constructor",
];

/// Whether a statement that ends with `token` may well be complete: then a
/// new line after it starts a new one, though a `;` or `,` is missing.
fn looks_complete(token: &Token<'_>) -> bool {
    let starts_word = token
        .text
        .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '%');
    matches!(token.text, ")" | ">") || starts_word && !CONTINUED_BY.contains(&token.text)
}

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathKind {
    /// An interface in a top-level `use`, which only sees the package's items.
    ToplevelInterface,
    /// An interface in `use`, `import` or `export`.
    Interface,
    /// A world in `include`.
    World,
}

/// Works out completions for one cursor.
struct Completer<'a> {
    index: &'a Index,
    file: FileId,
    text: &'a str,
    /// The partial word being typed.
    word: Range<usize>,
    frames: &'a [Frame<'a>],
}

impl Completer<'_> {
    fn complete(&self, statement: &[Token<'_>]) -> Vec<Completion> {
        let body = self.frames.last().map(|frame| frame.body);
        let rest = match attributes(statement) {
            Attributes::Gate => return gates(),
            Attributes::Inside => return Vec::new(),
            Attributes::Before(rest) => rest,
        };
        let rest = match rest.last() {
            Some(last)
                if looks_complete(last) && self.text[last.end..self.word.start].contains('\n') =>
            {
                &[]
            }
            _ => rest,
        };
        let Some(last) = rest.last() else {
            return self.members(body);
        };
        match (body, rest[0].text) {
            (None | Some(Body::Package), "use") => {
                return self.path(&rest[1..], PathKind::ToplevelInterface);
            }
            (Some(Body::Interface | Body::World), "use") => {
                return self.path(&rest[1..], PathKind::Interface);
            }
            (Some(Body::World), "include") => return self.path(&rest[1..], PathKind::World),
            (Some(Body::World), "import" | "export") => {
                if let Some(completions) = self.extern_item(&rest[1..]) {
                    return completions;
                }
            }
            _ => {}
        }
        // A record, variant or alias cannot refer to itself.
        let defining = match (body, rest[0].text) {
            (Some(Body::Record | Body::Variant), _) => {
                self.frames.last().and_then(|frame| frame.opener.get(1))
            }
            (_, "type") => rest.get(1),
            _ => None,
        }
        .map(|name| name.text.trim_start_matches('%'));
        let open = open_brackets(rest);
        let innermost = open.last().copied();
        match (last.text, innermost) {
            ("->", _) => self.types(false, defining),
            ("=", None) if rest[0].text == "type" => self.types(false, defining),
            (":", Some(("(", _))) => self.types(false, defining),
            (":", None) if body == Some(Body::Record) => self.types(false, defining),
            ("(", Some(("(", _))) if body == Some(Body::Variant) && rest.len() == 2 => {
                self.types(false, defining)
            }
            ("<" | ",", Some(("<", Some("borrow" | "own")))) => self.types(true, defining),
            // The length of a fixed-length list.
            (",", Some(("<", Some("list")))) => Vec::new(),
            ("<" | ",", Some(("<", _))) => self.types(false, defining),
            (":", None) if rest.len() == 2 => match body {
                Some(Body::Interface) => keywords(&[FUNC, ASYNC]),
                Some(Body::Resource) => keywords(&[FUNC, ASYNC, STATIC]),
                _ => Vec::new(),
            },
            ("static", None) if body == Some(Body::Resource) => keywords(&[FUNC, ASYNC]),
            ("async", None) => keywords(&[FUNC]),
            _ => Vec::new(),
        }
    }

    /// A new member of `body`: keywords and snippets, or the names of a `use`.
    fn members(&self, body: Option<Body>) -> Vec<Completion> {
        let (words, snippets): (&[Keyword], &[ItemSnippet]) = match body {
            None => (
                &[PACKAGE, INTERFACE, WORLD, TOPLEVEL_USE],
                &[INTERFACE_SNIPPET, WORLD_SNIPPET],
            ),
            Some(Body::Package) => (
                &[INTERFACE, WORLD, TOPLEVEL_USE],
                &[INTERFACE_SNIPPET, WORLD_SNIPPET],
            ),
            Some(Body::Interface) => (
                &[USE, TYPE, RECORD, VARIANT, ENUM, FLAGS, RESOURCE],
                &[
                    FUNC_SNIPPET,
                    TYPE_SNIPPET,
                    RECORD_SNIPPET,
                    VARIANT_SNIPPET,
                    ENUM_SNIPPET,
                    FLAGS_SNIPPET,
                    RESOURCE_SNIPPET,
                ],
            ),
            Some(Body::World) => (
                &[
                    IMPORT, EXPORT, INCLUDE, USE, TYPE, RECORD, VARIANT, ENUM, FLAGS, RESOURCE,
                ],
                &[
                    TYPE_SNIPPET,
                    RECORD_SNIPPET,
                    VARIANT_SNIPPET,
                    ENUM_SNIPPET,
                    FLAGS_SNIPPET,
                    RESOURCE_SNIPPET,
                ],
            ),
            Some(Body::Resource) => (&[CONSTRUCTOR], &[CONSTRUCTOR_SNIPPET, METHOD_SNIPPET]),
            Some(Body::UseNames) => return self.use_names(),
            Some(Body::Record | Body::Variant | Body::Enum | Body::Flags | Body::Other) => {
                return Vec::new();
            }
        };
        let mut completions = keywords(words);
        completions.extend(snippets.iter().map(|snippet| {
            Completion::new(snippet.label, CompletionKind::Snippet)
                .detail(snippet.detail)
                .docs(Some(snippet.docs))
                .snippet(snippet.body)
        }));
        completions
    }

    /// After `import` or `export`: a path, or after `name:` a function, an
    /// inline interface or a path. `None` in a function's signature.
    fn extern_item(&self, after_keyword: &[Token<'_>]) -> Option<Vec<Completion>> {
        let tail: Vec<&str> = after_keyword.iter().map(|token| token.text).collect();
        match tail.as_slice() {
            // `name:` or the start of a path `ns:`.
            [_, ":"] => {
                let mut completions = keywords(&[FUNC, ASYNC, INLINE_INTERFACE]);
                completions.extend(self.path(after_keyword, PathKind::Interface));
                Some(completions)
            }
            [_, ":", "async"] => Some(keywords(&[FUNC])),
            [_, ":", rest @ ..] if rest.iter().any(|text| matches!(*text, "func" | "(")) => None,
            // `name: ns:` is a path after a label.
            [_, ":", _, ..] if tail.iter().filter(|text| **text == ":").count() > 1 => {
                Some(self.path(&after_keyword[2..], PathKind::Interface))
            }
            _ => Some(self.path(after_keyword, PathKind::Interface)),
        }
    }

    // ---- paths ---------------------------------------------------------------

    /// A path whose tokens so far are `typed` (the partial word not included),
    /// one segment at a time: `ns:` → `pkg/` → item → `@version`.
    fn path(&self, typed: &[Token<'_>], kind: PathKind) -> Vec<Completion> {
        let start = typed.first().map_or(self.word.start, |token| token.start);
        let path = &self.text[start..self.word.end];
        // Paths have no spaces and no `.` but in versions: past one, the path is done.
        if path.contains(char::is_whitespace) || path.contains('.') && !path.contains('@') {
            return Vec::new();
        }
        if let Some((item_path, _)) = path.rsplit_once('@') {
            let at = start + item_path.len() + 1;
            self.versions(item_path, at)
        } else if let Some((package, _)) = path.split_once('/') {
            let at = start + package.len() + 1;
            self.package_items(package, kind, at)
        } else if let Some((namespace, _)) = path.split_once(':') {
            let at = start + namespace.len() + 1;
            self.packages_in(namespace, at)
        } else {
            self.path_starts(kind)
        }
    }

    /// The packages other than the cursor's, with their names.
    fn other_packages(&self) -> impl Iterator<Item = (&PackageInfo, &PackageName)> {
        let own = self.package();
        self.index
            .packages
            .iter()
            .enumerate()
            .filter(move |&(id, _)| id != own)
            .filter_map(|(_, package)| Some((package, package.name.as_ref()?)))
    }

    /// After `ns:pkg/item@`: the versions of `ns:pkg` that have `item`.
    fn versions(&self, item_path: &str, at: usize) -> Vec<Completion> {
        let Some(((namespace, name), item)) = parse_path(item_path) else {
            return Vec::new();
        };
        self.other_packages()
            .filter(|(info, package)| {
                package.namespace == namespace
                    && package.name == name
                    && info.items.contains_key(item)
            })
            .filter_map(|(_, package)| {
                let version = package.version.as_ref()?;
                Some(
                    Completion::new(version.clone(), CompletionKind::Version)
                        .detail(package.to_string())
                        .replacing(at..self.word.end),
                )
            })
            .collect()
    }

    /// After `ns:pkg/`: its interfaces (or worlds), with its version.
    fn package_items(&self, package_path: &str, kind: PathKind, at: usize) -> Vec<Completion> {
        let Some((namespace, name)) = package_path.split_once(':') else {
            return Vec::new();
        };
        let mut completions = Vec::new();
        for (info, package) in self.other_packages() {
            if package.namespace != namespace || package.name != name {
                continue;
            }
            for id in self.sorted_items(info.items.values().copied(), kind) {
                let symbol = &self.index.symbols[id];
                let label = match &package.version {
                    Some(version) => format!("{}@{version}", escaped(&symbol.name)),
                    None => escaped(&symbol.name),
                };
                completions.push(
                    self.item(id, label)
                        .detail(format!("{} in {package}", symbol.kind.describe()))
                        .replacing(at..self.word.end),
                );
            }
        }
        completions
    }

    /// After `ns:`: the packages in it, each once whatever its versions.
    fn packages_in(&self, namespace: &str, at: usize) -> Vec<Completion> {
        let mut completions: Vec<Completion> = Vec::new();
        for (_, package) in self.other_packages() {
            if package.namespace != namespace {
                continue;
            }
            let full_name = package.to_string();
            match completions
                .iter_mut()
                .find(|completion| completion.label == package.name)
            {
                Some(seen) => {
                    let details = seen.detail.take().unwrap_or_default();
                    seen.detail = Some(format!("{details}, {full_name}"));
                }
                None => completions.push(
                    Completion::new(package.name.clone(), CompletionKind::Package)
                        .detail(full_name)
                        .insert(format!("{}/", package.name))
                        .replacing(at..self.word.end),
                ),
            }
        }
        completions
    }

    /// The first segment of a path: an item of this package, a top-level
    /// `use` of the file, or the namespace of another package.
    fn path_starts(&self, kind: PathKind) -> Vec<Completion> {
        // An interface cannot use itself.
        let scope = self.scope();
        let own_items = self.index.packages[self.package()]
            .items
            .values()
            .copied()
            .filter(|&id| Some(id) != scope);
        let mut completions: Vec<Completion> = self
            .sorted_items(own_items, kind)
            .into_iter()
            .map(|id| {
                let symbol = &self.index.symbols[id];
                self.item(id, escaped(&symbol.name))
                    .detail(symbol.kind.describe())
            })
            .collect();
        // A top-level `use` path only sees the package's items.
        if kind != PathKind::ToplevelInterface {
            for id in self.toplevel_uses() {
                let symbol = &self.index.symbols[id];
                let Some(target) = self.index.follow_uses(id) else {
                    continue;
                };
                if self.sorted_items([target], kind).is_empty() {
                    continue;
                }
                let path = symbol.detail.as_deref().unwrap_or_default();
                completions.push(
                    self.item(target, escaped(&symbol.name))
                        .detail(format!("use {path}")),
                );
            }
        }
        let mut namespaces: Vec<&str> = Vec::new();
        for (_, package) in self.other_packages() {
            if !namespaces.contains(&package.namespace.as_str()) {
                namespaces.push(&package.namespace);
            }
        }
        completions.extend(namespaces.into_iter().map(|namespace| {
            Completion::new(namespace, CompletionKind::Package)
                .detail("namespace")
                .insert(format!("{namespace}:"))
        }));
        completions
    }

    /// The interfaces (or worlds) among `items`, by name.
    fn sorted_items(
        &self,
        items: impl IntoIterator<Item = SymbolId>,
        kind: PathKind,
    ) -> Vec<SymbolId> {
        let wanted = match kind {
            PathKind::ToplevelInterface | PathKind::Interface => SymbolKind::Interface,
            PathKind::World => SymbolKind::World,
        };
        let mut items: Vec<SymbolId> = items
            .into_iter()
            .filter(|&id| self.index.symbols[id].kind == wanted)
            .collect();
        items.sort_by(|&a, &b| self.index.symbols[a].name.cmp(&self.index.symbols[b].name));
        items
    }

    /// An interface or world, with its docs.
    fn item(&self, id: SymbolId, label: String) -> Completion {
        let symbol = &self.index.symbols[id];
        let kind = match symbol.kind {
            SymbolKind::World => CompletionKind::World,
            _ => CompletionKind::Interface,
        };
        Completion::new(label, kind).docs(symbol.docs.clone())
    }

    /// The package the cursor is in: the innermost package block's, else the file's.
    fn package(&self) -> PackageIdx {
        self.package_block()
            .map_or(self.index.files[self.file].package, |id| {
                self.index.symbols[id].package
            })
    }

    /// The symbol of the innermost package block around the cursor.
    fn package_block(&self) -> Option<SymbolId> {
        let frame = self
            .frames
            .iter()
            .rev()
            .find(|frame| frame.body == Body::Package)?;
        // `package ns:name@version {`: the name is all but the keyword.
        let (first, last) = (frame.opener.get(1)?, frame.opener.last()?);
        self.symbol_named(first.start..last.end, &[SymbolKind::Package])
    }

    /// The top-level `use` names of the file or package block the cursor is in.
    fn toplevel_uses(&self) -> Vec<SymbolId> {
        let siblings = match self.package_block() {
            Some(block) => &self.index.symbols[block].children,
            None => &self.index.files[self.file].roots,
        };
        siblings
            .iter()
            .copied()
            .filter(|&id| self.index.symbols[id].kind == SymbolKind::UseName)
            .collect()
    }

    /// The symbol of this file of one of `kinds` named at `range`.
    fn symbol_named(&self, range: Range<usize>, kinds: &[SymbolKind]) -> Option<SymbolId> {
        self.index.files[self.file]
            .defs
            .iter()
            .copied()
            .find(|&id| {
                let symbol = &self.index.symbols[id];
                symbol.name_range == range && kinds.contains(&symbol.kind)
            })
    }

    // ---- names of `use` --------------------------------------------------

    /// In `use path.{…}`: the types of the interface `path` names.
    fn use_names(&self) -> Vec<Completion> {
        let Some(frame) = self.frames.last() else {
            return Vec::new();
        };
        // `use path . {`
        let [_, first, .., dot] = frame.opener.as_slice() else {
            return Vec::new();
        };
        if dot.text != "." {
            return Vec::new();
        }
        let Some(interface) = self.lookup_path(&self.text[first.start..dot.start]) else {
            return Vec::new();
        };
        self.scope_types(interface, false)
    }

    /// The interface or world a path names, as wit-parser looks it up.
    fn lookup_path(&self, path: &str) -> Option<SymbolId> {
        let path = path.trim();
        let found = match parse_path(path) {
            Some(((namespace, name), item)) => {
                let version = path.split_once('@').map(|(_, version)| version);
                self.index
                    .packages
                    .iter()
                    .filter(|package| {
                        package.name.as_ref().is_some_and(|package| {
                            package.namespace == namespace
                                && package.name == name
                                && (version.is_none() || package.version.as_deref() == version)
                        })
                    })
                    .find_map(|package| package.items.get(item).copied())?
            }
            None => {
                let name = path.strip_prefix('%').unwrap_or(path);
                self.toplevel_uses()
                    .into_iter()
                    .find(|&id| self.index.symbols[id].name == name)
                    .or_else(|| self.index.packages[self.package()].items.get(name).copied())?
            }
        };
        self.index.follow_uses(found)
    }

    // ---- types -----------------------------------------------------------

    /// A type: the builtins, then the types of the enclosing interface or
    /// world but `defining`; only resources in `borrow<…>` and `own<…>`.
    fn types(&self, only_resources: bool, defining: Option<&str>) -> Vec<Completion> {
        let mut completions = Vec::new();
        if !only_resources {
            completions.extend(PRIMITIVES.iter().map(|(name, docs)| {
                Completion::new(*name, CompletionKind::BuiltinType)
                    .detail(*name)
                    .docs(Some(*docs))
            }));
            completions.extend(GENERICS.iter().map(|generic| {
                Completion::new(generic.name, CompletionKind::BuiltinType)
                    .detail(generic.detail)
                    .docs(Some(generic.docs))
                    .snippet(generic.snippet)
            }));
        }
        if let Some(scope) = self.scope() {
            let types = self.scope_types(scope, only_resources);
            completions.extend(
                types
                    .into_iter()
                    .filter(|completion| Some(completion.label.as_str()) != defining),
            );
        }
        completions
    }

    /// The interface, inline interface or world the cursor is in.
    fn scope(&self) -> Option<SymbolId> {
        let frame = self
            .frames
            .iter()
            .rev()
            .find(|frame| matches!(frame.body, Body::Interface | Body::World))?;
        // `interface name {`, `world name {`, `import name: interface {`.
        let name = frame.opener.get(1)?;
        self.symbol_named(
            name.start..name.end,
            &[
                SymbolKind::Interface,
                SymbolKind::World,
                SymbolKind::Import,
                SymbolKind::Export,
            ],
        )
    }

    /// The types of an interface or world, defined there or brought in by `use`.
    fn scope_types(&self, scope: SymbolId, only_resources: bool) -> Vec<Completion> {
        let mut completions = Vec::new();
        for &id in &self.index.symbols[scope].children {
            let symbol = &self.index.symbols[id];
            if !symbol.kind.is_type() && symbol.kind != SymbolKind::UseName {
                continue;
            }
            let original = self.index.follow_uses(id).map(|id| &self.index.symbols[id]);
            let kind = original.map(|original| original.kind);
            if only_resources && kind != Some(SymbolKind::Resource) {
                continue;
            }
            let mut detail = match original {
                Some(original) if original.kind == SymbolKind::TypeAlias => {
                    format!("type {}", original.detail.as_deref().unwrap_or_default())
                }
                Some(original) => original.kind.describe().to_owned(),
                None => "unresolved".to_owned(),
            };
            if symbol.kind == SymbolKind::UseName {
                let from = symbol.detail.as_deref().unwrap_or_default();
                detail = format!("{detail}, from {from}");
            }
            let mut completion = Completion::new(symbol.name.clone(), CompletionKind::Type)
                .detail(detail)
                .docs(original.and_then(|original| original.docs.clone()));
            if KEYWORDS.contains(&symbol.name.as_str()) {
                completion = completion.insert(format!("%{}", symbol.name));
            }
            completions.push(completion);
        }
        completions
    }
}

/// `(namespace, package)` and the item of `ns:pkg/item[@version]`.
fn parse_path(path: &str) -> Option<((&str, &str), &str)> {
    let path = path.split_once('@').map_or(path, |(path, _)| path);
    let (package, item) = path.split_once('/')?;
    let (namespace, name) = package.split_once(':')?;
    let item = item.strip_prefix('%').unwrap_or(item);
    Some(((namespace, name), item))
}

/// A name as it must be written: keywords `%`-escaped.
fn escaped(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("%{name}")
    } else {
        name.to_owned()
    }
}

// ---- what is offered ---------------------------------------------------------

/// A keyword and what it does.
#[derive(Clone, Copy)]
struct Keyword {
    word: &'static str,
    docs: &'static str,
}

const PACKAGE: Keyword = Keyword {
    word: "package",
    docs: "Names the package of the file, `package ns:name@1.0.0;`, or opens a nested package, `package ns:name { … }`.",
};
const INTERFACE: Keyword = Keyword {
    word: "interface",
    docs: "Defines an interface: named types and functions.",
};
const INLINE_INTERFACE: Keyword = Keyword {
    word: "interface",
    docs: "An inline interface: `import name: interface { … }`.",
};
const WORLD: Keyword = Keyword {
    word: "world",
    docs: "Defines a world: what a component imports and exports.",
};
const TOPLEVEL_USE: Keyword = Keyword {
    word: "use",
    docs: "Names an interface for this file: `use ns:pkg/iface@1.0.0 as name;`.",
};
const USE: Keyword = Keyword {
    word: "use",
    docs: "Brings types of another interface into scope: `use iface.{a, b as c};`.",
};
const TYPE: Keyword = Keyword {
    word: "type",
    docs: "Defines another name for a type: `type name = T;`.",
};
const RECORD: Keyword = Keyword {
    word: "record",
    docs: "Defines a record: named fields, each of a type.",
};
const VARIANT: Keyword = Keyword {
    word: "variant",
    docs: "Defines a variant: cases, each with an optional payload.",
};
const ENUM: Keyword = Keyword {
    word: "enum",
    docs: "Defines an enum: cases without payloads.",
};
const FLAGS: Keyword = Keyword {
    word: "flags",
    docs: "Defines flags: a set of named booleans.",
};
const RESOURCE: Keyword = Keyword {
    word: "resource",
    docs: "Defines a resource: a handle to something that lives elsewhere, with a constructor and methods.",
};
const IMPORT: Keyword = Keyword {
    word: "import",
    docs: "Imports an interface or a function into the world.",
};
const EXPORT: Keyword = Keyword {
    word: "export",
    docs: "Exports an interface or a function from the world.",
};
const INCLUDE: Keyword = Keyword {
    word: "include",
    docs: "Includes the imports and exports of another world: `include w;`.",
};
const FUNC: Keyword = Keyword {
    word: "func",
    docs: "A function: `func(a: T) -> R`.",
};
const ASYNC: Keyword = Keyword {
    word: "async",
    docs: "An async function: `async func(a: T) -> R`.",
};
const STATIC: Keyword = Keyword {
    word: "static",
    docs: "A static function of the resource, called without an instance.",
};
const CONSTRUCTOR: Keyword = Keyword {
    word: "constructor",
    docs: "The resource's constructor: `constructor(a: T);`.",
};

fn keywords(words: &[Keyword]) -> Vec<Completion> {
    words
        .iter()
        .map(|keyword| {
            Completion::new(keyword.word, CompletionKind::Keyword).docs(Some(keyword.docs))
        })
        .collect()
}

/// A template for a new item.
struct ItemSnippet {
    label: &'static str,
    detail: &'static str,
    docs: &'static str,
    body: &'static str,
}

const INTERFACE_SNIPPET: ItemSnippet = ItemSnippet {
    label: "interface",
    detail: "interface name { … }",
    docs: INTERFACE.docs,
    body: "interface ${1:name} {\n\t$0\n}",
};
const WORLD_SNIPPET: ItemSnippet = ItemSnippet {
    label: "world",
    detail: "world name { … }",
    docs: WORLD.docs,
    body: "world ${1:name} {\n\t$0\n}",
};
const FUNC_SNIPPET: ItemSnippet = ItemSnippet {
    label: "func",
    detail: "name: func(…);",
    docs: "Defines a function.",
    body: "${1:name}: func($2)$0;",
};
const TYPE_SNIPPET: ItemSnippet = ItemSnippet {
    label: "type",
    detail: "type name = T;",
    docs: TYPE.docs,
    body: "type ${1:name} = ${2:T};",
};
const RECORD_SNIPPET: ItemSnippet = ItemSnippet {
    label: "record",
    detail: "record name { … }",
    docs: RECORD.docs,
    body: "record ${1:name} {\n\t${2:field}: ${3:T},$0\n}",
};
const VARIANT_SNIPPET: ItemSnippet = ItemSnippet {
    label: "variant",
    detail: "variant name { … }",
    docs: VARIANT.docs,
    body: "variant ${1:name} {\n\t${2:case}(${3:T}),$0\n}",
};
const ENUM_SNIPPET: ItemSnippet = ItemSnippet {
    label: "enum",
    detail: "enum name { … }",
    docs: ENUM.docs,
    body: "enum ${1:name} {\n\t${2:case},$0\n}",
};
const FLAGS_SNIPPET: ItemSnippet = ItemSnippet {
    label: "flags",
    detail: "flags name { … }",
    docs: FLAGS.docs,
    body: "flags ${1:name} {\n\t${2:flag},$0\n}",
};
const RESOURCE_SNIPPET: ItemSnippet = ItemSnippet {
    label: "resource",
    detail: "resource name { … }",
    docs: RESOURCE.docs,
    body: "resource ${1:name} {\n\tconstructor($2);$0\n}",
};
const CONSTRUCTOR_SNIPPET: ItemSnippet = ItemSnippet {
    label: "constructor",
    detail: "constructor(…);",
    docs: CONSTRUCTOR.docs,
    body: "constructor($1);",
};
const METHOD_SNIPPET: ItemSnippet = ItemSnippet {
    label: "func",
    detail: "name: func(…);",
    docs: "Defines a method of the resource.",
    body: "${1:name}: func($2)$0;",
};

/// The feature gates, after `@`.
fn gates() -> Vec<Completion> {
    [
        (
            "since",
            "since(version = ${1:1.0.0})",
            "The version of the package that added the item.",
        ),
        (
            "unstable",
            "unstable(feature = ${1:name})",
            "Hides the item unless the feature is enabled.",
        ),
        (
            "deprecated",
            "deprecated(version = ${1:1.0.0})",
            "The version of the package that deprecated the item.",
        ),
    ]
    .into_iter()
    .map(|(name, snippet, docs)| {
        Completion::new(name, CompletionKind::Attribute)
            .detail(format!("@{}", snippet_text(snippet)))
            .docs(Some(docs))
            .snippet(snippet)
    })
    .collect()
}

/// A gate snippet as it reads once the defaults are kept.
fn snippet_text(snippet: &str) -> String {
    snippet.replace("${1:", "").replace('}', "")
}

const PRIMITIVES: &[(&str, &str)] = &[
    ("bool", "`true` or `false`."),
    ("u8", "An unsigned 8-bit integer."),
    ("u16", "An unsigned 16-bit integer."),
    ("u32", "An unsigned 32-bit integer."),
    ("u64", "An unsigned 64-bit integer."),
    ("s8", "A signed 8-bit integer."),
    ("s16", "A signed 16-bit integer."),
    ("s32", "A signed 32-bit integer."),
    ("s64", "A signed 64-bit integer."),
    ("f32", "A 32-bit floating-point number."),
    ("f64", "A 64-bit floating-point number."),
    ("char", "A Unicode scalar value."),
    ("string", "A Unicode string."),
    (
        "error-context",
        "Diagnostics for an error, passed between components.",
    ),
];

/// A builtin type with parameters.
struct Generic {
    name: &'static str,
    detail: &'static str,
    docs: &'static str,
    snippet: &'static str,
}

const GENERICS: &[Generic] = &[
    Generic {
        name: "list",
        detail: "list<T>",
        docs: "A list of `T`; `list<T, N>` has exactly `N` elements.",
        snippet: "list<${1:T}>",
    },
    Generic {
        name: "option",
        detail: "option<T>",
        docs: "A `T`, or nothing.",
        snippet: "option<${1:T}>",
    },
    Generic {
        name: "result",
        detail: "result<T, E>",
        docs: "A `T` on success, an `E` on failure; either may be left out: `result<T>`, `result<_, E>`, `result`.",
        snippet: "result<${1:T}, ${2:E}>",
    },
    Generic {
        name: "map",
        detail: "map<K, V>",
        docs: "A map from `K` to `V`.",
        snippet: "map<${1:K}, ${2:V}>",
    },
    Generic {
        name: "tuple",
        detail: "tuple<T, …>",
        docs: "A fixed sequence of values, each of its own type.",
        snippet: "tuple<${1:T}>",
    },
    Generic {
        name: "borrow",
        detail: "borrow<R>",
        docs: "A handle to the resource `R`, lent for the duration of a call.",
        snippet: "borrow<${1:R}>",
    },
    Generic {
        name: "own",
        detail: "own<R>",
        docs: "A handle to the resource `R`, owned by the receiver.",
        snippet: "own<${1:R}>",
    },
    Generic {
        name: "future",
        detail: "future<T>",
        docs: "A `T` that will be available later.",
        snippet: "future<${1:T}>",
    },
    Generic {
        name: "stream",
        detail: "stream<T>",
        docs: "A sequence of `T`s, available over time.",
        snippet: "stream<${1:T}>",
    },
];
