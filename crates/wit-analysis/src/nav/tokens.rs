//! Semantic tokens: what each token of a file is, for highlighting that knows
//! more than a grammar. Keywords, literals, comments and operators are told
//! by the syntax; a name by what it resolves to (a `use`d name is coloured as
//! its original: a resource as a resource, a record as a record), with the
//! syntax's guess where it does not resolve, so broken files get tokens too.

use std::fmt;
use std::ops::{BitOr, BitOrAssign, Range};
use std::path::Path;

use wit_syntax::Node;

use super::{FileId, Index, SymbolId, SymbolKind};

/// A classified token. Tokens never span lines: a comment over several lines
/// is one token per line, as many clients cannot take multi-line tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: Range<usize>,
    pub kind: TokenKind,
    pub modifiers: TokenModifiers,
}

/// What a token is, in WIT's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A part of a package name, `ns` or `pkg` in `ns:pkg`.
    Package,
    Interface,
    World,
    Record,
    Variant,
    Enum,
    Flags,
    Resource,
    TypeAlias,
    /// A builtin type (with [`TokenModifiers::BUILTIN`]), or a type name that
    /// does not resolve.
    Type,
    Function,
    Method,
    Parameter,
    Field,
    VariantCase,
    EnumCase,
    Flag,
    /// The `@` and the name of `@since`, `@unstable`, `@deprecated`, `@external-id`.
    Attribute,
    /// The feature named by `@unstable(feature = …)`.
    Feature,
    Keyword,
    Comment,
    String,
    /// An integer, or a version.
    Number,
    /// `=` and `->`.
    Operator,
}

/// A set of facts about a token.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TokenModifiers(u8);

impl TokenModifiers {
    pub const NONE: Self = Self(0);
    /// The name is defined (or brought into scope by a `use`) here.
    pub const DECLARATION: Self = Self(1);
    /// A doc comment.
    pub const DOCUMENTATION: Self = Self(1 << 1);
    /// The named item is `@deprecated`.
    pub const DEPRECATED: Self = Self(1 << 2);
    /// A type built into WIT.
    pub const BUILTIN: Self = Self(1 << 3);
    /// A static function of a resource.
    pub const STATIC: Self = Self(1 << 4);
    /// An `async` function.
    pub const ASYNC: Self = Self(1 << 5);

    const NAMES: [(Self, &'static str); 6] = [
        (Self::DECLARATION, "declaration"),
        (Self::DOCUMENTATION, "documentation"),
        (Self::DEPRECATED, "deprecated"),
        (Self::BUILTIN, "builtin"),
        (Self::STATIC, "static"),
        (Self::ASYNC, "async"),
    ];

    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for TokenModifiers {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl BitOrAssign for TokenModifiers {
    fn bitor_assign(&mut self, other: Self) {
        self.0 |= other.0;
    }
}

impl fmt::Debug for TokenModifiers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = Self::NAMES
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| name);
        f.debug_list().entries(names).finish()
    }
}

/// The tokens of `path` overlapping `range` (all of them without one),
/// sorted, never overlapping. Punctuation other than operators gets none.
pub(super) fn semantic_tokens(
    index: &Index,
    path: &Path,
    range: Option<Range<usize>>,
) -> Vec<SemanticToken> {
    let Some(&file) = index.file_ids.get(path) else {
        return Vec::new();
    };
    let text = &index.files[file].text;
    let wanted = range.unwrap_or(0..text.len());
    // The index keeps no trees; parsing one file again is cheap.
    let parse = wit_syntax::parse(text.clone());
    let classifier = Classifier { index, file };
    let mut tokens = Vec::new();
    let mut cursor = parse.tree().walk();
    'walk: loop {
        let node = cursor.node();
        let touches = node.start_byte() <= wanted.end && node.end_byte() >= wanted.start;
        if touches {
            if node.child_count() == 0 {
                if let Some((kind, modifiers)) = classifier.leaf(node, cursor.field_name()) {
                    let pieces = lines(text, node.byte_range())
                        .filter(|piece| piece.start < wanted.end && piece.end > wanted.start);
                    tokens.extend(pieces.map(|range| SemanticToken {
                        range,
                        kind,
                        modifiers,
                    }));
                }
            } else if cursor.goto_first_child() {
                continue;
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    tokens
}

/// The parts of `range` on each line, without the indentation and line
/// breaks around them; blank lines have none.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    text[range.clone()]
        .split('\n')
        .scan(range.start, |line_start, line| {
            let indent = line.len() - line.trim_start().len();
            let piece = *line_start + indent..*line_start + line.trim_end().len();
            *line_start += line.len() + 1;
            Some(piece)
        })
        .filter(|piece| !piece.is_empty())
}

struct Classifier<'a> {
    index: &'a Index,
    file: FileId,
}

impl Classifier<'_> {
    /// What a leaf of the tree is; `None` for punctuation, ERROR and MISSING nodes.
    fn leaf(&self, node: Node<'_>, field: Option<&str>) -> Option<(TokenKind, TokenModifiers)> {
        let plain = |kind| Some((kind, TokenModifiers::NONE));
        if node.byte_range().is_empty() {
            return None;
        }
        match node.kind() {
            // `string` and `version` are keywords too (a type, a gate's argument).
            "string" if node.is_named() => plain(TokenKind::String),
            "integer" | "version" if node.is_named() => plain(TokenKind::Number),
            "identifier" if node.is_named() => self.identifier(node, field),
            "comment" => plain(TokenKind::Comment),
            "doc_comment" => Some((TokenKind::Comment, TokenModifiers::DOCUMENTATION)),
            "=" | "->" => plain(TokenKind::Operator),
            "@" => {
                let in_attribute = node.parent().is_some_and(|parent| {
                    matches!(
                        parent.kind(),
                        "since_gate"
                            | "unstable_gate"
                            | "deprecated_gate"
                            | "external_id_attribute"
                    )
                });
                in_attribute.then_some((TokenKind::Attribute, TokenModifiers::NONE))
            }
            // Keyword extraction makes these keywords only right after `@`.
            "since" | "unstable" | "deprecated" | "external-id" => plain(TokenKind::Attribute),
            // The "no type" of `result<_, E>`.
            "_" => plain(TokenKind::Keyword),
            kind if wit_syntax::BUILTIN_TYPES.contains(&kind) || kind == "primitive_type" => {
                Some((TokenKind::Type, TokenModifiers::BUILTIN))
            }
            kind if !node.is_named() && kind.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                plain(TokenKind::Keyword)
            }
            _ => None,
        }
    }

    /// A name: what it defines or refers to, else what its place in the
    /// syntax says it should be.
    fn identifier(
        &self,
        node: Node<'_>,
        field: Option<&str>,
    ) -> Option<(TokenKind, TokenModifiers)> {
        let parent = node.parent()?;
        let range = node.byte_range();
        let mut modifiers = TokenModifiers::NONE;
        let def = self.definition_at(&range);
        if def.is_some() {
            modifiers |= TokenModifiers::DECLARATION;
        }
        let resolved = def
            .or_else(|| self.reference_at(&range))
            .and_then(|symbol| self.symbol_kind(symbol, &mut modifiers));
        let kind = match resolved {
            Some(kind) => kind,
            None if parent.kind() == "include_name" && field == Some("alias") => {
                // `b` in `include w with { a as b }` renames `a`, whatever it is.
                modifiers |= TokenModifiers::DECLARATION;
                let name = parent.child_by_field_name("name")?;
                self.identifier(name, Some("name"))?.0
            }
            None => syntactic_kind(parent, field)?,
        };
        if field == Some("name") {
            modifiers |= function_modifiers(parent);
        }
        Some((kind, modifiers))
    }

    /// The symbol whose name `range` is (or is part of, for a package name).
    fn definition_at(&self, range: &Range<usize>) -> Option<SymbolId> {
        let index = self.index;
        let defs = &index.files[self.file].defs;
        let i = defs.partition_point(|&id| index.symbols[id].name_range.start <= range.start);
        let &id = defs.get(i.checked_sub(1)?)?;
        let name = &index.symbols[id].name_range;
        (name.end >= range.end).then_some(id)
    }

    /// What the reference at `range` resolves to (a package reference spans
    /// `ns:pkg`, so it starts at the namespace).
    fn reference_at(&self, range: &Range<usize>) -> Option<SymbolId> {
        let reference = self.index.ref_starting_at(self.file, range.start)?;
        if reference.range.end < range.end {
            return None;
        }
        reference.target
    }

    /// The kind of token that names `symbol`, through `use`s; whether what it
    /// stands for is deprecated goes into `modifiers`.
    fn symbol_kind(&self, symbol: SymbolId, modifiers: &mut TokenModifiers) -> Option<TokenKind> {
        let index = self.index;
        let target = index.follow_uses(symbol)?;
        if is_deprecated(index, symbol) || is_deprecated(index, target) {
            *modifiers |= TokenModifiers::DEPRECATED;
        }
        let target = &index.symbols[target];
        Some(match target.kind {
            SymbolKind::Package => TokenKind::Package,
            SymbolKind::Interface => TokenKind::Interface,
            SymbolKind::World => TokenKind::World,
            SymbolKind::Record => TokenKind::Record,
            SymbolKind::Variant => TokenKind::Variant,
            SymbolKind::Enum => TokenKind::Enum,
            SymbolKind::Flags => TokenKind::Flags,
            SymbolKind::Resource => TokenKind::Resource,
            SymbolKind::TypeAlias => TokenKind::TypeAlias,
            SymbolKind::Function => TokenKind::Function,
            SymbolKind::Method | SymbolKind::StaticMethod => TokenKind::Method,
            SymbolKind::Field => TokenKind::Field,
            SymbolKind::VariantCase => TokenKind::VariantCase,
            SymbolKind::EnumCase => TokenKind::EnumCase,
            SymbolKind::Flag => TokenKind::Flag,
            SymbolKind::Parameter => TokenKind::Parameter,
            // Only an include name refers to an import or export; what follows
            // the name of a function is its type, which has a parameter list,
            // and a path never has parentheses.
            SymbolKind::Import | SymbolKind::Export => {
                match target.detail.as_deref().is_some_and(|d| d.contains('(')) {
                    true => TokenKind::Function,
                    false => TokenKind::Interface,
                }
            }
            // Named by a keyword, and `follow_uses` never ends at a `use`.
            SymbolKind::Constructor | SymbolKind::UseName => return None,
        })
    }
}

fn is_deprecated(index: &Index, symbol: SymbolId) -> bool {
    index.symbols[symbol].gates.iter().any(|gate| {
        gate.trim_start_matches('@')
            .trim_start()
            .starts_with("deprecated")
    })
}

/// What a name is by where it stands, for names the index does not know.
fn syntactic_kind(parent: Node<'_>, field: Option<&str>) -> Option<TokenKind> {
    Some(match (parent.kind(), field) {
        ("package_name", _) | ("use_path", Some("namespace" | "package")) => TokenKind::Package,
        ("use_path", _) | ("toplevel_use_item", _) | ("interface_item", _) => TokenKind::Interface,
        ("include_name", _) => TokenKind::Interface,
        ("world_item", _) => TokenKind::World,
        ("import_item" | "export_item", _) => match parent.child_by_field_name("type") {
            Some(_) => TokenKind::Function,
            None => TokenKind::Interface,
        },
        ("func_item", _) => TokenKind::Function,
        ("method_item", _) => TokenKind::Method,
        ("param", _) => TokenKind::Parameter,
        ("use_name" | "type_alias" | "named_type", _) => TokenKind::Type,
        ("record_item", _) => TokenKind::Record,
        ("variant_item", _) => TokenKind::Variant,
        ("enum_item", _) => TokenKind::Enum,
        ("flags_item", _) => TokenKind::Flags,
        ("resource_item" | "borrow_type" | "own_type", _) => TokenKind::Resource,
        ("record_field", _) => TokenKind::Field,
        ("variant_case", _) => TokenKind::VariantCase,
        ("enum_case", _) => TokenKind::EnumCase,
        ("flag", _) => TokenKind::Flag,
        ("unstable_gate", _) => TokenKind::Feature,
        _ => return None,
    })
}

/// `static` and `async` of the function that `item` (the parent of a name) defines.
fn function_modifiers(item: Node<'_>) -> TokenModifiers {
    let mut modifiers = TokenModifiers::NONE;
    if !matches!(
        item.kind(),
        "func_item" | "method_item" | "import_item" | "export_item"
    ) {
        return modifiers;
    }
    if item.child_by_field_name("static").is_some() {
        modifiers |= TokenModifiers::STATIC;
    }
    let is_async = item
        .child_by_field_name("type")
        .is_some_and(|func| func.child_by_field_name("async").is_some());
    if is_async {
        modifiers |= TokenModifiers::ASYNC;
    }
    modifiers
}

#[cfg(test)]
mod tests;
