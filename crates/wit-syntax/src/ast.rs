//! Typed accessors over the tree-sitter tree.
//!
//! Each type wraps a node of one kind together with the text it was parsed
//! from. Accessors return `Option`/iterators because any part may be missing
//! in a broken file; they never panic.

use std::ops::Range;

use tree_sitter::Node;

/// A typed view of a tree node.
pub trait AstNode<'t>: Sized + Copy {
    /// Views `node` as `Self` when it has the right kind.
    fn cast(node: Node<'t>, source: &'t str) -> Option<Self>;
    fn syntax(&self) -> Node<'t>;
    /// The whole text the tree was parsed from.
    fn source(&self) -> &'t str;

    /// The text of this node.
    fn text(&self) -> &'t str {
        &self.source()[self.syntax().byte_range()]
    }

    fn range(&self) -> Range<usize> {
        self.syntax().byte_range()
    }
}

/// The ids of the named node kinds called `name`. Casts compare ids, not
/// names: every walk over a tree casts every node, and a name is a lookup
/// and a string comparison. An alias may give a second symbol the same name.
fn kind_ids(name: &str) -> Vec<u16> {
    let language = crate::language();
    (0..language.node_kind_count())
        .filter_map(|id| u16::try_from(id).ok())
        .filter(|&id| {
            language.node_kind_is_named(id) && language.node_kind_for_id(id) == Some(name)
        })
        .collect()
}

/// A set of node kinds, to skip the nodes a walk has no use for with one
/// lookup instead of a cast per kind of interest.
#[derive(Clone, Debug)]
pub struct KindSet(Vec<bool>);

impl KindSet {
    /// The named kinds called by one of `names`.
    pub fn new(names: &[&str]) -> KindSet {
        let count = crate::language().node_kind_count();
        let mut members = vec![false; count];
        for name in names {
            for id in kind_ids(name) {
                members[usize::from(id)] = true;
            }
        }
        KindSet(members)
    }

    pub fn contains(&self, node: Node<'_>) -> bool {
        self.0
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(false)
    }
}

macro_rules! ast_node {
    ($(#[$meta:meta])* $name:ident = $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name<'t> {
            node: Node<'t>,
            source: &'t str,
        }

        impl<'t> $name<'t> {
            pub const KIND: &'static str = $kind;
        }

        impl<'t> AstNode<'t> for $name<'t> {
            fn cast(node: Node<'t>, source: &'t str) -> Option<Self> {
                static IDS: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
                let ids = IDS.get_or_init(|| kind_ids($kind));
                (ids.contains(&node.kind_id()) && !node.is_missing()).then_some($name { node, source })
            }

            fn syntax(&self) -> Node<'t> {
                self.node
            }

            fn source(&self) -> &'t str {
                self.source
            }
        }
    };
}

macro_rules! ast_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident($ty:ident)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name<'t> {
            $($variant($ty<'t>)),+
        }

        impl<'t> AstNode<'t> for $name<'t> {
            fn cast(node: Node<'t>, source: &'t str) -> Option<Self> {
                $(if let Some(it) = $ty::cast(node, source) {
                    return Some($name::$variant(it));
                })+
                None
            }

            fn syntax(&self) -> Node<'t> {
                match self {
                    $($name::$variant(it) => it.syntax()),+
                }
            }

            fn source(&self) -> &'t str {
                match self {
                    $($name::$variant(it) => it.source()),+
                }
            }
        }
    };
}

/// The first child of `node` in `field` that casts to `T`.
fn field<'t, T: AstNode<'t>>(node: Node<'t>, source: &'t str, field: &str) -> Option<T> {
    node.child_by_field_name(field)
        .and_then(|child| T::cast(child, source))
}

/// Every child of `node` in `field` that casts to `T`.
fn fields<'t, T: AstNode<'t>>(node: Node<'t>, source: &'t str, field: &str) -> Vec<T> {
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor)
        .filter_map(|child| T::cast(child, source))
        .collect()
}

/// Every direct child of `node` that casts to `T`.
fn children<'t, T: AstNode<'t>>(node: Node<'t>, source: &'t str) -> impl Iterator<Item = T> + 't {
    (0..node.child_count()).filter_map(move |i| node.child(i).and_then(|c| T::cast(c, source)))
}

/// The first unnamed child token `token` of `node`.
fn token<'t>(node: Node<'t>, token: &str) -> Option<Node<'t>> {
    (0..node.child_count())
        .filter_map(|i| node.child(i))
        .find(|child| !child.is_named() && !child.is_missing() && child.kind() == token)
}

macro_rules! accessors {
    ($name:ident { $($body:tt)* }) => {
        impl<'t> $name<'t> {
            $($body)*
        }
    };
}

/// `name()` for nodes whose name is in the `name` field.
macro_rules! named {
    ($($name:ident),+ $(,)?) => {
        $(impl<'t> $name<'t> {
            pub fn name(&self) -> Option<Identifier<'t>> {
                field(self.node, self.source, "name")
            }
        })+
    };
}

/// `attributes()` for items that may carry attributes and gates.
macro_rules! attributed {
    ($($name:ident),+ $(,)?) => {
        $(impl<'t> $name<'t> {
            pub fn attributes(&self) -> impl Iterator<Item = Attribute<'t>> + 't {
                children(self.node, self.source)
            }
        })+
    };
}

// ---- tokens ----------------------------------------------------------------

ast_node!(
    /// An identifier, possibly `%`-escaped.
    Identifier = "identifier"
);

impl<'t> Identifier<'t> {
    /// The name it denotes: without the `%` escape.
    pub fn name(&self) -> &'t str {
        let text = self.text();
        text.strip_prefix('%').unwrap_or(text)
    }

    pub fn is_escaped(&self) -> bool {
        self.text().starts_with('%')
    }
}

ast_node!(
    /// A semantic version such as `1.2.3-rc.1+build`.
    Version = "version"
);
ast_node!(Integer = "integer");
ast_node!(
    /// A string literal, with its quotes.
    StringLiteral = "string"
);
ast_node!(
    /// A `//` or `/* */` comment.
    Comment = "comment"
);
ast_node!(
    /// A `///` or `/** */` documentation comment.
    DocComment = "doc_comment"
);

// ---- files and packages ----------------------------------------------------

ast_node!(SourceFile = "source_file");
ast_node!(
    /// `package a:b@1.0.0;` at the top of a file.
    PackageDecl = "package_decl"
);
ast_node!(PackageName = "package_name");
ast_node!(
    /// `package a:b { ... }`.
    NestedPackage = "nested_package"
);
ast_node!(PackageBody = "package_body");
ast_node!(
    /// `use a:b/c@1.0.0 as d;` at the top level.
    ToplevelUse = "toplevel_use_item"
);
ast_node!(
    /// `iface`, or `ns:pkg/iface@1.2.3`.
    UsePath = "use_path"
);

ast_enum!(
    /// An item at the top level of a file or a nested package.
    Item {
        Interface(Interface),
        World(World),
        Use(ToplevelUse),
        Package(NestedPackage),
    }
);

impl<'t> SourceFile<'t> {
    pub fn new(node: Node<'t>, source: &'t str) -> Self {
        SourceFile { node, source }
    }

    pub fn package_decl(&self) -> Option<PackageDecl<'t>> {
        children(self.node, self.source).next()
    }

    pub fn items(&self) -> impl Iterator<Item = Item<'t>> + 't {
        children(self.node, self.source)
    }
}

accessors!(PackageDecl {
    pub fn name(&self) -> Option<PackageName<'t>> {
        field(self.node, self.source, "name")
    }
});

accessors!(PackageName {
    pub fn namespace(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "namespace")
    }
    pub fn version(&self) -> Option<Version<'t>> {
        field(self.node, self.source, "version")
    }
});

accessors!(NestedPackage {
    pub fn name(&self) -> Option<PackageName<'t>> {
        field(self.node, self.source, "name")
    }
    pub fn body(&self) -> Option<PackageBody<'t>> {
        field(self.node, self.source, "body")
    }
    /// The `package` keyword.
    pub fn package_token(&self) -> Option<Node<'t>> {
        token(self.node, "package")
    }
});

accessors!(PackageBody {
    pub fn items(&self) -> impl Iterator<Item = Item<'t>> + 't {
        children(self.node, self.source)
    }
});

accessors!(ToplevelUse {
    pub fn path(&self) -> Option<UsePath<'t>> {
        field(self.node, self.source, "path")
    }
    pub fn alias(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "alias")
    }
});

accessors!(UsePath {
    /// The namespace of a package-qualified path (`ns` in `ns:pkg/iface`).
    pub fn namespace(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "namespace")
    }
    /// The package of a package-qualified path (`pkg` in `ns:pkg/iface`).
    pub fn package(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "package")
    }
    pub fn version(&self) -> Option<Version<'t>> {
        field(self.node, self.source, "version")
    }
});

// ---- attributes ------------------------------------------------------------

ast_node!(
    /// `@since(version = 1.2.3)`
    SinceGate = "since_gate"
);
ast_node!(
    /// `@unstable(feature = name)`
    UnstableGate = "unstable_gate"
);
ast_node!(
    /// `@deprecated(version = 1.2.3)`
    DeprecatedGate = "deprecated_gate"
);
ast_node!(
    /// `@external-id("...")`
    ExternalIdAttribute = "external_id_attribute"
);

ast_enum!(
    /// An attribute or feature gate before an item.
    Attribute {
        Since(SinceGate),
        Unstable(UnstableGate),
        Deprecated(DeprecatedGate),
        ExternalId(ExternalIdAttribute),
    }
);

impl<'t> Attribute<'t> {
    /// The range of the attribute's name after `@` (where wit-parser reports it).
    pub fn name_range(&self) -> Range<usize> {
        let node = self.syntax();
        let name = (0..node.child_count())
            .filter_map(|i| node.child(i))
            .find(|child| !child.is_named() && child.kind() != "@");
        name.map_or_else(|| node.byte_range(), |name| name.byte_range())
    }
}

accessors!(SinceGate {
    pub fn version(&self) -> Option<Version<'t>> {
        field(self.node, self.source, "version")
    }
});

accessors!(UnstableGate {
    pub fn feature(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "feature")
    }
});

accessors!(DeprecatedGate {
    pub fn version(&self) -> Option<Version<'t>> {
        field(self.node, self.source, "version")
    }
});

accessors!(ExternalIdAttribute {
    pub fn id(&self) -> Option<StringLiteral<'t>> {
        field(self.node, self.source, "id")
    }
});

// ---- interfaces ------------------------------------------------------------

ast_node!(Interface = "interface_item");
ast_node!(InterfaceBody = "interface_body");
ast_node!(
    /// A named function in an interface: `name: func(...) -> T;`.
    FuncItem = "func_item"
);
ast_node!(
    /// `func(...) -> T`, `async func(...)`, `get() -> T` or `set(v: T)`.
    FuncType = "func_type"
);
ast_node!(ParamList = "param_list");
ast_node!(Param = "param");
ast_node!(ResultList = "result_list");
ast_node!(
    /// `use iface.{a, b as c};` inside an interface or world.
    UseItem = "use_item"
);
ast_node!(UseName = "use_name");

ast_enum!(
    /// An item inside an interface body.
    InterfaceMember {
        TypeDef(TypeDef),
        Func(FuncItem),
        Use(UseItem),
    }
);

accessors!(Interface {
    pub fn body(&self) -> Option<InterfaceBody<'t>> {
        field(self.node, self.source, "body")
    }
});

accessors!(InterfaceBody {
    pub fn members(&self) -> impl Iterator<Item = InterfaceMember<'t>> + 't {
        children(self.node, self.source)
    }
});

accessors!(FuncItem {
    pub fn func_type(&self) -> Option<FuncType<'t>> {
        field(self.node, self.source, "type")
    }
});

/// The accessor kind of a `get`/`set` function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Accessor {
    Getter,
    Setter,
}

accessors!(FuncType {
    pub fn is_async(&self) -> bool {
        self.node.child_by_field_name("async").is_some()
    }
    pub fn accessor(&self) -> Option<Accessor> {
        match self.node.child_by_field_name("accessor")?.kind() {
            "get" => Some(Accessor::Getter),
            "set" => Some(Accessor::Setter),
            _ => None,
        }
    }
    pub fn params(&self) -> Option<ParamList<'t>> {
        field(self.node, self.source, "params")
    }
    pub fn result(&self) -> Option<Type<'t>> {
        field::<ResultList>(self.node, self.source, "result").and_then(|result| result.ty())
    }
});

accessors!(ParamList {
    pub fn params(&self) -> impl Iterator<Item = Param<'t>> + 't {
        children(self.node, self.source)
    }
});

accessors!(Param {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(ResultList {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(UseItem {
    pub fn path(&self) -> Option<UsePath<'t>> {
        field(self.node, self.source, "path")
    }
    pub fn names(&self) -> impl Iterator<Item = UseName<'t>> + 't {
        children(self.node, self.source)
    }
});

accessors!(UseName {
    pub fn alias(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "alias")
    }
    /// The name this brings into scope: the alias if there is one.
    pub fn local_name(&self) -> Option<Identifier<'t>> {
        self.alias().or_else(|| self.name())
    }
});

// ---- type definitions --------------------------------------------------------

ast_node!(
    /// `type name = T;`
    TypeAlias = "type_alias"
);
ast_node!(Record = "record_item");
ast_node!(RecordField = "record_field");
ast_node!(Variant = "variant_item");
ast_node!(VariantCase = "variant_case");
ast_node!(Enum = "enum_item");
ast_node!(EnumCase = "enum_case");
ast_node!(Flags = "flags_item");
ast_node!(Flag = "flag");
ast_node!(Resource = "resource_item");
ast_node!(ResourceBody = "resource_body");
ast_node!(Constructor = "constructor_item");
ast_node!(
    /// A method, or with `static` a static function, of a resource.
    Method = "method_item"
);

ast_enum!(
    /// A named type definition.
    TypeDef {
        Alias(TypeAlias),
        Record(Record),
        Variant(Variant),
        Enum(Enum),
        Flags(Flags),
        Resource(Resource),
    }
);

ast_enum!(
    /// A member of a resource body.
    ResourceMember {
        Constructor(Constructor),
        Method(Method),
    }
);

impl<'t> TypeDef<'t> {
    pub fn name(&self) -> Option<Identifier<'t>> {
        field(self.syntax(), self.source(), "name")
    }

    pub fn attributes(&self) -> impl Iterator<Item = Attribute<'t>> + 't {
        children(self.syntax(), self.source())
    }
}

/// The named children of a `{ ... }` body in field `body`.
fn body_children<'t, T: AstNode<'t>>(node: Node<'t>, source: &'t str) -> Vec<T> {
    match node.child_by_field_name("body") {
        Some(body) => children(body, source).collect(),
        None => Vec::new(),
    }
}

accessors!(TypeAlias {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(Record {
    pub fn fields(&self) -> Vec<RecordField<'t>> {
        body_children(self.node, self.source)
    }
});

accessors!(RecordField {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(Variant {
    pub fn cases(&self) -> Vec<VariantCase<'t>> {
        body_children(self.node, self.source)
    }
});

accessors!(VariantCase {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(Enum {
    pub fn cases(&self) -> Vec<EnumCase<'t>> {
        body_children(self.node, self.source)
    }
});

accessors!(Flags {
    pub fn flags(&self) -> Vec<Flag<'t>> {
        body_children(self.node, self.source)
    }
});

accessors!(Resource {
    pub fn body(&self) -> Option<ResourceBody<'t>> {
        field(self.node, self.source, "body")
    }
    pub fn members(&self) -> Vec<ResourceMember<'t>> {
        body_children(self.node, self.source)
    }
});

accessors!(Constructor {
    pub fn params(&self) -> Option<ParamList<'t>> {
        field(self.node, self.source, "params")
    }
    pub fn result(&self) -> Option<Type<'t>> {
        field::<ResultList>(self.node, self.source, "result").and_then(|result| result.ty())
    }
});

accessors!(Method {
    pub fn is_static(&self) -> bool {
        self.node.child_by_field_name("static").is_some()
    }
    pub fn func_type(&self) -> Option<FuncType<'t>> {
        field(self.node, self.source, "type")
    }
});

// ---- types -------------------------------------------------------------------

ast_node!(
    /// `u32`, `string`, `error-context`, ...
    PrimitiveType = "primitive_type"
);
ast_node!(
    /// A reference to a type by name.
    NamedType = "named_type"
);
ast_node!(ListType = "list_type");
ast_node!(MapType = "map_type");
ast_node!(OptionType = "option_type");
ast_node!(ResultType = "result_type");
ast_node!(TupleType = "tuple_type");
ast_node!(FutureType = "future_type");
ast_node!(StreamType = "stream_type");
ast_node!(BorrowType = "borrow_type");
ast_node!(OwnType = "own_type");

ast_enum!(
    /// A type expression.
    Type {
        Primitive(PrimitiveType),
        Named(NamedType),
        List(ListType),
        Map(MapType),
        Option(OptionType),
        Result(ResultType),
        Tuple(TupleType),
        Future(FutureType),
        Stream(StreamType),
        Borrow(BorrowType),
        Own(OwnType),
    }
);

impl<'t> Type<'t> {
    /// The type expressions directly inside this one.
    pub fn children(&self) -> Vec<Type<'t>> {
        let node = self.syntax();
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .filter_map(|child| Type::cast(child, self.source()))
            .collect()
    }
}

accessors!(ListType {
    pub fn element(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "element")
    }
    /// The length of a fixed-length list, `N` in `list<T, N>`.
    pub fn length(&self) -> Option<Integer<'t>> {
        field(self.node, self.source, "length")
    }
});

accessors!(MapType {
    pub fn key(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "key")
    }
    pub fn value(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "value")
    }
});

accessors!(OptionType {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(ResultType {
    pub fn ok(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "ok")
    }
    pub fn err(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "err")
    }
});

accessors!(TupleType {
    pub fn elements(&self) -> Vec<Type<'t>> {
        fields(self.node, self.source, "element")
    }
});

accessors!(FutureType {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(StreamType {
    pub fn ty(&self) -> Option<Type<'t>> {
        field(self.node, self.source, "type")
    }
});

accessors!(BorrowType {
    pub fn resource(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "resource")
    }
});

accessors!(OwnType {
    pub fn resource(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "resource")
    }
});

// ---- worlds ------------------------------------------------------------------

ast_node!(World = "world_item");
ast_node!(WorldBody = "world_body");
ast_node!(Import = "import_item");
ast_node!(Export = "export_item");
ast_node!(
    /// `include path;` or `include path with { a as b }`.
    Include = "include_item"
);
ast_node!(IncludeName = "include_name");

ast_enum!(
    /// An item inside a world body.
    WorldMember {
        Import(Import),
        Export(Export),
        Include(Include),
        Use(UseItem),
        TypeDef(TypeDef),
    }
);

accessors!(World {
    pub fn body(&self) -> Option<WorldBody<'t>> {
        field(self.node, self.source, "body")
    }
});

accessors!(WorldBody {
    pub fn members(&self) -> impl Iterator<Item = WorldMember<'t>> + 't {
        children(self.node, self.source)
    }
});

/// What an import or export names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Extern<'t> {
    /// `name: func(...)`
    Func(Identifier<'t>, FuncType<'t>),
    /// `name: interface { ... }`
    Interface(Identifier<'t>, InterfaceBody<'t>),
    /// `label: path`
    NamedPath(Identifier<'t>, UsePath<'t>),
    /// `path`
    Path(UsePath<'t>),
}

/// Accessors shared by imports and exports.
macro_rules! externs {
    ($($name:ident),+) => {
        $(impl<'t> $name<'t> {
            pub fn func_type(&self) -> Option<FuncType<'t>> {
                field(self.node, self.source, "type")
            }
            pub fn interface_body(&self) -> Option<InterfaceBody<'t>> {
                field(self.node, self.source, "body")
            }
            pub fn path(&self) -> Option<UsePath<'t>> {
                field(self.node, self.source, "path")
            }
            /// What is imported or exported; `None` when the item is too broken to tell.
            pub fn extern_kind(&self) -> Option<Extern<'t>> {
                match (self.name(), self.func_type(), self.interface_body(), self.path()) {
                    (Some(name), Some(func), _, _) => Some(Extern::Func(name, func)),
                    (Some(name), None, Some(body), _) => Some(Extern::Interface(name, body)),
                    (Some(name), None, None, Some(path)) => Some(Extern::NamedPath(name, path)),
                    (None, None, None, Some(path)) => Some(Extern::Path(path)),
                    _ => None,
                }
            }
        })+
    };
}
externs!(Import, Export);

accessors!(Include {
    pub fn path(&self) -> Option<UsePath<'t>> {
        field(self.node, self.source, "path")
    }
    pub fn names(&self) -> Vec<IncludeName<'t>> {
        match self.node.child_by_field_name("names") {
            Some(names) => children(names, self.source).collect(),
            None => Vec::new(),
        }
    }
});

accessors!(IncludeName {
    pub fn alias(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "alias")
    }
});

named!(
    Interface,
    World,
    FuncItem,
    Param,
    UseName,
    UsePath,
    TypeAlias,
    Record,
    RecordField,
    Variant,
    VariantCase,
    Enum,
    EnumCase,
    Flags,
    Flag,
    Resource,
    Method,
    NamedType,
    Import,
    Export,
    IncludeName,
);
attributed!(
    Interface,
    World,
    ToplevelUse,
    NestedPackage,
    FuncItem,
    UseItem,
    TypeAlias,
    Record,
    Variant,
    Enum,
    Flags,
    Resource,
    Constructor,
    Method,
    Import,
    Export,
    Include,
);

impl<'t> PackageName<'t> {
    pub fn name(&self) -> Option<Identifier<'t>> {
        field(self.node, self.source, "name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn reads_items_through_typed_accessors() {
        let parse = parse(
            "package a:b@1.0.0;\n\
             interface i {\n\
               use t.{x as y};\n\
               @since(version = 1.0.0)\n\
               f: async func(a: list<u8, 4>) -> result<_, string>;\n\
               resource r { constructor(); m: static get() -> u32; }\n\
             }\n\
             world w { import %interface: func(); export x: a:b/c@1.0.0; include w2 with { a as b } }\n",
        );
        assert!(parse.errors().is_empty(), "{:?}", parse.errors());
        let file = parse.source_file();
        let package = file.package_decl().and_then(|decl| decl.name()).unwrap();
        assert_eq!(package.namespace().unwrap().name(), "a");
        assert_eq!(package.version().unwrap().text(), "1.0.0");

        let items: Vec<_> = file.items().collect();
        let Item::Interface(interface) = items[0] else {
            panic!("not an interface")
        };
        let members: Vec<_> = interface.body().unwrap().members().collect();
        let InterfaceMember::Use(use_item) = members[0] else {
            panic!("not a use")
        };
        let use_name = use_item.names().next().unwrap();
        assert_eq!(use_name.local_name().unwrap().name(), "y");
        let InterfaceMember::Func(func) = members[1] else {
            panic!("not a func")
        };
        assert!(matches!(
            func.attributes().next(),
            Some(Attribute::Since(_))
        ));
        let func_type = func.func_type().unwrap();
        assert!(func_type.is_async());
        let param = func_type.params().unwrap().params().next().unwrap();
        let Some(Type::List(list)) = param.ty() else {
            panic!("not a list")
        };
        assert_eq!(list.length().unwrap().text(), "4");
        let Some(Type::Result(result)) = func_type.result() else {
            panic!("not a result")
        };
        assert!(result.ok().is_none());
        assert_eq!(result.err().unwrap().text(), "string");
        let InterfaceMember::TypeDef(TypeDef::Resource(resource)) = members[2] else {
            panic!("not a resource")
        };
        let resource_members = resource.members();
        assert!(matches!(
            resource_members[0],
            ResourceMember::Constructor(_)
        ));
        let ResourceMember::Method(method) = resource_members[1] else {
            panic!("not a method")
        };
        assert!(method.is_static());
        assert_eq!(
            method.func_type().unwrap().accessor(),
            Some(Accessor::Getter)
        );

        let Item::World(world) = items[1] else {
            panic!("not a world")
        };
        let members: Vec<_> = world.body().unwrap().members().collect();
        let WorldMember::Import(import) = members[0] else {
            panic!("not an import")
        };
        let Some(Extern::Func(name, _)) = import.extern_kind() else {
            panic!("not a func")
        };
        assert_eq!(name.name(), "interface");
        assert!(name.is_escaped());
        let WorldMember::Export(export) = members[1] else {
            panic!("not an export")
        };
        let Some(Extern::NamedPath(label, path)) = export.extern_kind() else {
            panic!("not a named path")
        };
        assert_eq!(label.name(), "x");
        assert_eq!(path.package().unwrap().name(), "b");
        let WorldMember::Include(include) = members[2] else {
            panic!("not an include")
        };
        assert_eq!(include.names()[0].alias().unwrap().name(), "b");
    }
}
