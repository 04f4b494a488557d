//! The kinds of problem the analysis reports, each with a stable code that
//! output formats, lint levels and documentation use.

/// A kind of problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// The stable name printed with each diagnostic, such as `syntax`.
    pub code: &'static str,
    /// What the problem is, in one line.
    pub description: &'static str,
}

macro_rules! rules {
    ($($name:ident = $code:literal, $description:literal;)+) => {
        $(pub const $name: Rule = Rule { code: $code, description: $description };)+
        /// Every kind of error, as documented.
        pub const ERRORS: &[Rule] = &[$($name),+];
    };
}

rules! {
    SYNTAX = "syntax", "the text is not valid WIT syntax";
    NOT_FOUND = "not-found", "a name does not refer to anything in scope";
    TYPE_CYCLE = "type-cycle", "a type is defined in terms of itself";
    PARSE = "parse", "wit-parser rejected the package";
    PACKAGE_NOT_FOUND = "package-not-found", "a package that is used is neither defined nor in `deps/`";
    WORLD_NOT_FOUND = "world-not-found", "a world that is named does not exist";
    INTERFACE_NOT_FOUND = "interface-not-found", "an interface that is named does not exist";
    INVALID_TRANSITIVE_DEPENDENCY = "invalid-transitive-dependency", "a dependency needs a package that is missing";
    DUPLICATE_PACKAGE = "duplicate-package", "a package is defined in two places";
    PACKAGE_CYCLE = "package-cycle", "packages depend on each other in a cycle";
    ITEM_SHADOWING = "item-shadowing", "an item hides another of the same name";
    STABILITY_MISMATCH = "stability-mismatch", "a stable item depends on an unstable one";
    RESOLVE = "resolve", "wit-parser could not resolve the packages";
    ENCODED_PACKAGE = "encoded-package", "a package encoded as a WebAssembly component could not be read";
    PARSER_PANIC = "parser-panic", "wit-parser crashed on the package (a bug in wit-parser)";
}

/// A component does not target a world. Not a problem of the WIT alone, so
/// not one of [`ERRORS`], which `check` reports: the language server
/// reports it on the world's item, for the component of the world.
pub const TARGETS: Rule = Rule {
    code: "targets",
    description: "a component does not target the world it is for",
};
