//! Completion on fixtures: what is offered at `$0`, one completion a line
//! (`label Kind`, then what is inserted when it is not the label).

use expect_test::{Expect, expect};

use super::tests::Fixture;
use super::{Completion, CompletionKind};

fn completions(text: &str) -> (Fixture, Vec<Completion>) {
    let fixture = Fixture::new(text);
    let (path, offset) = fixture.cursor();
    let completions = fixture.index.completions(path, offset);
    (fixture, completions)
}

fn render(completions: &[Completion]) -> String {
    completions
        .iter()
        .map(|completion| {
            let mut line = format!("{} {:?}", completion.label, completion.kind);
            if let Some(insert) = &completion.insert_text {
                line.push_str(&format!(" => {insert:?}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(text: &str, expected: Expect) {
    expected.assert_eq(&render(&completions(text).1));
}

/// Only the completions that are not builtin types, for type positions.
fn check_named_types(text: &str, expected: Expect) {
    let (_, completions) = completions(text);
    let named: Vec<Completion> = completions
        .into_iter()
        .filter(|completion| completion.kind != CompletionKind::BuiltinType)
        .collect();
    expected.assert_eq(&render(&named));
}

/// Packages in `deps/`, for paths.
const DEPS: &str = r#"
//- /wit/deps/io/streams.wit
package wasi:io@0.2.0;
/// Byte streams.
interface streams {
  /// A stream of bytes to read.
  resource input-stream;
  type size = u64;
}
interface poll {}
//- /wit/deps/cli.wit
package wasi:cli@0.2.0;
interface stdio {}
world command {}
//- /wit/deps/other.wit
package acme:tools;
/// Tools.
interface hammer {}
"#;

// ---- item level ----------------------------------------------------------------

#[test]
fn items_of_a_file() {
    check(
        r#"
//- /wit/a.wit
package a:b;
interface i {}
wor$0
"#,
        expect![[r#"
            package Keyword
            interface Keyword
            world Keyword
            use Keyword
            interface Snippet => "interface ${1:name} {\n\t$0\n}"
            world Snippet => "world ${1:name} {\n\t$0\n}""#]],
    );
}

#[test]
fn items_of_a_nested_package() {
    check(
        r#"
//- /wit/a.wit
package a:b;
package c:d {
  interface i {}
  $0
}
"#,
        expect![[r#"
            interface Keyword
            world Keyword
            use Keyword
            interface Snippet => "interface ${1:name} {\n\t$0\n}"
            world Snippet => "world ${1:name} {\n\t$0\n}""#]],
    );
}

#[test]
fn members_of_an_interface() {
    check(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  record r { a: u32 }
  $0
}
"#,
        expect![[r#"
            use Keyword
            type Keyword
            record Keyword
            variant Keyword
            enum Keyword
            flags Keyword
            resource Keyword
            func Snippet => "${1:name}: func($2)$0;"
            type Snippet => "type ${1:name} = ${2:T};"
            record Snippet => "record ${1:name} {\n\t${2:field}: ${3:T},$0\n}"
            variant Snippet => "variant ${1:name} {\n\t${2:case}(${3:T}),$0\n}"
            enum Snippet => "enum ${1:name} {\n\t${2:case},$0\n}"
            flags Snippet => "flags ${1:name} {\n\t${2:flag},$0\n}"
            resource Snippet => "resource ${1:name} {\n\tconstructor($2);$0\n}""#]],
    );
}

#[test]
fn members_of_a_world() {
    check(
        r#"
//- /wit/a.wit
package a:b;
world w {
  import x: func();
  @since(version = 1.0.0)
  $0
}
"#,
        expect![[r#"
            import Keyword
            export Keyword
            include Keyword
            use Keyword
            type Keyword
            record Keyword
            variant Keyword
            enum Keyword
            flags Keyword
            resource Keyword
            type Snippet => "type ${1:name} = ${2:T};"
            record Snippet => "record ${1:name} {\n\t${2:field}: ${3:T},$0\n}"
            variant Snippet => "variant ${1:name} {\n\t${2:case}(${3:T}),$0\n}"
            enum Snippet => "enum ${1:name} {\n\t${2:case},$0\n}"
            flags Snippet => "flags ${1:name} {\n\t${2:flag},$0\n}"
            resource Snippet => "resource ${1:name} {\n\tconstructor($2);$0\n}""#]],
    );
}

#[test]
fn members_of_a_resource() {
    check(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  resource r {
    con$0
  }
}
"#,
        expect![[r#"
            constructor Keyword
            constructor Snippet => "constructor($1);"
            func Snippet => "${1:name}: func($2)$0;""#]],
    );
}

#[test]
fn function_keywords_where_they_fit() {
    let interface = |member: &str| {
        format!(
            "//- /wit/a.wit\npackage a:b;\ninterface i {{\n  resource r {{\n    m: {member}\n  }}\n  f: {member}\n}}\n"
        )
    };
    // In an interface, after `name:`; in a resource also `static`.
    check(
        &interface("$0").replacen("$0", "", 1),
        expect![[r#"
            func Keyword
            async Keyword"#]],
    );
    check(
        &interface("$0")
            .replacen("$0", "", 2)
            .replacen("m: ", "m: $0", 1),
        expect![[r#"
            func Keyword
            async Keyword
            static Keyword"#]],
    );
    check(
        &interface("").replacen("m: ", "m: static $0", 1),
        expect![[r#"
            func Keyword
            async Keyword"#]],
    );
    check(
        &interface("").replacen("f: ", "f: async $0", 1),
        expect!["func Keyword"],
    );
    // In a world, after `import name:`: a function, an inline interface or a path.
    check(
        r#"
//- /wit/a.wit
package a:b;
world w {
  import x: $0
}
"#,
        expect![[r#"
            func Keyword
            async Keyword
            interface Keyword"#]],
    );
}

// ---- types ---------------------------------------------------------------------

#[test]
fn builtin_types_and_generics() {
    check(
        r#"
//- /wit/a.wit
package a:b;
interface i {
  f: func(a: $0);
}
"#,
        expect![[r#"
            bool BuiltinType
            u8 BuiltinType
            u16 BuiltinType
            u32 BuiltinType
            u64 BuiltinType
            s8 BuiltinType
            s16 BuiltinType
            s32 BuiltinType
            s64 BuiltinType
            f32 BuiltinType
            f64 BuiltinType
            char BuiltinType
            string BuiltinType
            error-context BuiltinType
            list BuiltinType => "list<${1:T}>"
            option BuiltinType => "option<${1:T}>"
            result BuiltinType => "result<${1:T}, ${2:E}>"
            map BuiltinType => "map<${1:K}, ${2:V}>"
            tuple BuiltinType => "tuple<${1:T}>"
            borrow BuiltinType => "borrow<${1:R}>"
            own BuiltinType => "own<${1:R}>"
            future BuiltinType => "future<${1:T}>"
            stream BuiltinType => "stream<${1:T}>""#]],
    );
}

/// An interface with local, used and aliased types; `|` marks the cursor.
fn types_at(position: &str) -> String {
    format!(
        r#"
//- /wit/types.wit
package a:b;
interface types {{
  /// A point.
  record point {{ x: u32 }}
  resource file;
}}
//- /wit/user.wit
interface user {{
  use types.{{point, file as handle}};
  type id = u64;
  variant %enum {{ a }}
  resource conn {{
    send: func(a: {}) -> u32;
  }}
  {}
}}
"#,
        if position == "method" { "$0" } else { "u32" },
        match position {
            "method" => "",
            other => other,
        }
    )
}

/// The named types offered at `position` in `types_at`.
fn named_types_at(position: &str) -> String {
    let (_, completions) = completions(&types_at(position));
    let named: Vec<Completion> = completions
        .into_iter()
        .filter(|completion| completion.kind != CompletionKind::BuiltinType)
        .collect();
    render(&named)
}

#[test]
fn types_in_scope() {
    expect![[r#"
        point Type
        handle Type
        id Type
        enum Type => "%enum"
        conn Type"#]]
    .assert_eq(&named_types_at("f: func(a: $0);"));
    // Results, fields, cases, aliases, type arguments, methods: the same.
    for position in [
        "f: func() -> $0;",
        "record r { a: $0 }",
        "record r { a: u32, b: $0 }",
        "variant v { a($0) }",
        "type t = $0;",
        "type t = list<$0>;",
        "type t = result<u32, $0>;",
        "method",
    ] {
        assert_eq!(
            named_types_at(position),
            named_types_at("f: func(a: $0);"),
            "at {position}"
        );
    }
    // Only resources in `borrow<…>`, and no builtins.
    check(
        &types_at("f: func(a: borrow<$0>);"),
        expect![[r#"
            handle Type
            conn Type"#]],
    );
    // No types where a name is defined or a length goes.
    for position in ["f: func($0);", "record r { $0 }", "type t = list<u8, $0>;"] {
        assert_eq!(
            render(&completions(&types_at(position)).1),
            "",
            "at {position}"
        );
    }
}

#[test]
fn types_of_a_world_and_an_inline_interface() {
    check_named_types(
        r#"
//- /wit/a.wit
package a:b;
interface types { record point { x: u32 } }
world w {
  use types.{point};
  type id = u32;
  import f: func(a: $0);
  import x: interface {
    type local = string;
  }
}
"#,
        expect![[r#"
            point Type
            id Type"#]],
    );
    check_named_types(
        r#"
//- /wit/a.wit
package a:b;
world w {
  type id = u32;
  import x: interface {
    type local = string;
    f: func() -> $0;
  }
}
"#,
        expect!["local Type"],
    );
}

#[test]
fn types_carry_their_docs_and_details() {
    let (_, offered) = completions(&types_at("f: func(a: $0);"));
    let rendered: Vec<String> = offered
        .iter()
        .filter(|completion| {
            ["point", "handle", "id", "string", "list"].contains(&completion.label.as_str())
        })
        .map(|completion| {
            format!(
                "{}: {} | {}",
                completion.label,
                completion.detail.as_deref().unwrap_or("-"),
                completion.documentation.as_deref().unwrap_or("-"),
            )
        })
        .collect();
    expect![[r#"
        string: string | A Unicode string.
        list: list<T> | A list of `T`; `list<T, N>` has exactly `N` elements.
        point: record, from types | A point.
        handle: resource, from types | -
        id: type u64 | -"#]]
    .assert_eq(&rendered.join("\n"));
    let (_, members) = completions("//- /wit/a.wit\npackage a:b;\ninterface i {\n  $0\n}\n");
    assert!(
        members
            .iter()
            .all(|completion| completion.documentation.is_some()),
        "every keyword and snippet has docs: {members:?}"
    );
}

// ---- paths ---------------------------------------------------------------------

/// `DEPS` with a main package whose `$0` is where `position` puts it.
fn paths_at(position: &str) -> String {
    format!(
        r#"
//- /wit/main.wit
package a:b;
/// Local.
interface local {{}}
world base {{}}
{position}
{DEPS}"#
    )
}

#[test]
fn use_paths_step_by_step() {
    // Bare: the package's interfaces, then namespaces.
    check(
        &paths_at("use $0"),
        expect![[r#"
            local Interface
            wasi Package => "wasi:"
            acme Package => "acme:""#]],
    );
    // `ns:` → packages.
    check(
        &paths_at("use wasi:$0"),
        expect![[r#"
            cli Package => "cli/"
            io Package => "io/""#]],
    );
    // `ns:pkg/` → interfaces, with the package's version.
    check(
        &paths_at("use wasi:io/st$0"),
        expect![[r#"
            poll@0.2.0 Interface
            streams@0.2.0 Interface"#]],
    );
    check(&paths_at("use acme:tools/$0"), expect!["hammer Interface"]);
    // `@` → versions.
    check(
        &paths_at("use wasi:io/streams@$0"),
        expect!["0.2.0 Version"],
    );
    // After the path, nothing: `as` names something new.
    check(&paths_at("use wasi:io/streams@0.2.0 as $0"), expect![""]);
}

#[test]
fn path_completions_replace_the_segment_being_typed() {
    let (fixture, completions) = completions(&paths_at("use wasi:io/st$0"));
    let (path, offset) = fixture.cursor();
    let text = fixture.index.text(path).unwrap();
    let replaced: Vec<&str> = completions
        .iter()
        .map(|completion| &text[completion.replace.clone().unwrap()])
        .collect();
    assert_eq!(replaced, ["st", "st"]);
    assert_eq!(completions[0].replace, Some(offset - 2..offset));
    let docs: Vec<Option<&str>> = completions
        .iter()
        .map(|completion| completion.documentation.as_deref())
        .collect();
    assert_eq!(docs, [None, Some("Byte streams.")]);
}

#[test]
fn use_paths_in_interfaces_see_toplevel_uses() {
    check(
        &paths_at("use acme:tools/hammer as tool;\ninterface i {\n  use $0\n}"),
        expect![[r#"
            local Interface
            tool Interface
            wasi Package => "wasi:"
            acme Package => "acme:""#]],
    );
}

#[test]
fn names_of_a_used_interface() {
    check(
        &paths_at("interface i {\n  use wasi:io/streams@0.2.0.{$0}\n}"),
        expect![[r#"
            input-stream Type
            size Type"#]],
    );
    check(
        &paths_at("interface i {\n  use wasi:io/streams.{size, $0\n}"),
        expect![[r#"
            input-stream Type
            size Type"#]],
    );
    check(
        r#"
//- /wit/a.wit
package a:b;
interface types {
  /// A point.
  record point { x: u32 }
  use other.{thing};
}
interface other { type thing = u8; }
interface user {
  use types.{$0};
}
"#,
        expect![[r#"
            point Type
            thing Type"#]],
    );
}

#[test]
fn import_export_and_include_paths() {
    check(
        &paths_at("world w {\n  import wasi:cli/$0\n}"),
        expect!["stdio@0.2.0 Interface"],
    );
    check(
        &paths_at("world w {\n  export $0\n}"),
        expect![[r#"
            local Interface
            wasi Package => "wasi:"
            acme Package => "acme:""#]],
    );
    check(
        &paths_at("world w {\n  import label: wasi:$0\n}"),
        expect![[r#"
            cli Package => "cli/"
            io Package => "io/""#]],
    );
    // `include` takes worlds.
    check(
        &paths_at("world w {\n  include $0\n}"),
        expect![[r#"
            base World
            wasi Package => "wasi:"
            acme Package => "acme:""#]],
    );
    check(
        &paths_at("world w {\n  include wasi:cli/$0\n}"),
        expect!["command@0.2.0 World"],
    );
}

// ---- gates and broken files --------------------------------------------------------

#[test]
fn gates_after_at() {
    let gates = expect![[r#"
        since Attribute => "since(version = ${1:1.0.0})"
        unstable Attribute => "unstable(feature = ${1:name})"
        deprecated Attribute => "deprecated(version = ${1:1.0.0})""#]];
    let in_interface = "//- /wit/a.wit\npackage a:b;\ninterface i {\n  @$0\n}\n";
    gates.assert_eq(&render(&completions(in_interface).1));
    // After another gate, with a partial name.
    let after_gate =
        "//- /wit/a.wit\npackage a:b;\n@since(version = 1.0.0)\n@unst$0\ninterface i {}\n";
    assert_eq!(
        render(&completions(after_gate).1),
        render(&completions(in_interface).1)
    );
    // Not inside a gate's parentheses.
    check(
        "//- /wit/a.wit\npackage a:b;\n@since($0)\ninterface i {}\n",
        expect![""],
    );
}

#[test]
fn nothing_in_comments_and_strings() {
    for text in [
        "//- /wit/a.wit\npackage a:b;\n// inter$0\n",
        "//- /wit/a.wit\npackage a:b;\n/* a /* nested */ $0 */\n",
        "//- /wit/a.wit\npackage a:b;\n@external-id(\"a$0\")\ninterface i {}\n",
    ] {
        assert_eq!(render(&completions(text).1), "", "in {text}");
    }
}

#[test]
fn after_a_syntax_error_above_the_cursor() {
    let text = r#"
//- /wit/a.wit
package a:b;
interface i {
  record point { x: u32 }
  type broken = list<u32;
  f: func(a: ) ->
  g: func(p: $0);
}
"#;
    let broken = text
        .split_once("//- /wit/a.wit\n")
        .unwrap()
        .1
        .replace("$0", "");
    assert!(!wit_syntax::parse(broken).errors().is_empty());
    check_named_types(
        text,
        expect![[r#"
        point Type
        broken Type"#]],
    );
    // A missing `;` before a new line ends the statement for completion.
    check(
        r#"
//- /wit/a.wit
package a:b;
world w {
  import x: func()
  exp$0
}
"#,
        expect![[r#"
            import Keyword
            export Keyword
            include Keyword
            use Keyword
            type Keyword
            record Keyword
            variant Keyword
            enum Keyword
            flags Keyword
            resource Keyword
            type Snippet => "type ${1:name} = ${2:T};"
            record Snippet => "record ${1:name} {\n\t${2:field}: ${3:T},$0\n}"
            variant Snippet => "variant ${1:name} {\n\t${2:case}(${3:T}),$0\n}"
            enum Snippet => "enum ${1:name} {\n\t${2:case},$0\n}"
            flags Snippet => "flags ${1:name} {\n\t${2:flag},$0\n}"
            resource Snippet => "resource ${1:name} {\n\tconstructor($2);$0\n}""#]],
    );
}

#[test]
fn odd_input_gets_an_answer() {
    // An empty file is a file's top level.
    assert!(render(&completions("//- /wit/a.wit\n$0").1).starts_with("package Keyword"));
    for text in [
        "}}} $0",
        "@$0(",
        "use :/@$0",
        "use a:b/c@1.0.$0",
        "world w { import x: interface { f: func(a: borrow<$0",
        "interface i { use %$0",
        "package a:b { package c:d { interface i { f: func() -> list<$0",
    ] {
        let (_, offered) = completions(&format!("//- /wit/a.wit\n{text}\n"));
        assert!(
            offered
                .iter()
                .all(|completion| completion.replace.is_some()),
            "{text}"
        );
    }
}
