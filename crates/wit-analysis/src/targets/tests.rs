use expect_test::{Expect, expect};
use wit_component::{ComponentEncoder, StringEncoding, dummy_module, embed_component_metadata};
use wit_parser::{LiftLowerAbi, ManglingAndAbi, Resolve};

use super::*;

/// A component built for the only world of `wit`: a core module that
/// implements it with `unreachable`, wrapped by wit-component.
fn component(wit: &str) -> Vec<u8> {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("component.wit", wit).unwrap();
    let world = resolve.select_world(&[package], None).unwrap();
    let mangling = ManglingAndAbi::Legacy(LiftLowerAbi::Sync);
    let mut module = dummy_module(&resolve, world, mangling);
    embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8, false).unwrap();
    ComponentEncoder::default()
        .module(&module)
        .unwrap()
        .validate(true)
        .encode()
        .unwrap()
}

fn resolved(wit: &str) -> Resolved {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("world.wit", wit).unwrap();
    Resolved { resolve, package }
}

fn check(component_wit: &str, world_wit: &str, allow_wasi: bool, expected: Expect) {
    let mismatches = check_targets(
        &component(component_wit),
        &resolved(world_wit),
        None,
        allow_wasi,
    )
    .unwrap();
    let shown: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
    expected.assert_eq(&shown.join("\n"));
}

const GREETER: &str = r#"
package example:greeter@1.0.0;

interface greeter {
    record person { name: string, age: u32 }
    enum mood { happy, sad }
    greet: func(name: string) -> string;
    meet: func(who: person, mood: mood) -> result<list<string>, u32>;
}

world host {
    export greeter;
}
"#;

#[test]
fn a_component_of_the_world_itself_matches() {
    check(GREETER, GREETER, false, expect![""]);
}

#[test]
fn every_difference_is_reported() {
    let component = r#"
package example:greeter@1.0.0;

interface greeter {
    record person { name: string, age: string }
    enum mood { happy, grumpy }
    greet: func(name: u32) -> string;
    meet: func(who: person, mood: mood) -> result<list<u8>>;
}

interface extra {
    ping: func();
}

world host {
    import extra;
    export greeter;
}
"#;
    check(
        component,
        GREETER,
        false,
        expect![[r#"
            export `example:greeter/greeter@1.0.0`: func `greet` param `name`: expected string, found u32
            export `example:greeter/greeter@1.0.0`: func `meet` param `who` field `age`: expected u32, found string
            export `example:greeter/greeter@1.0.0`: func `meet` param `mood`: expected enum { happy, sad }, found enum { happy, grumpy }
            export `example:greeter/greeter@1.0.0`: func `meet` result ok element: expected string, found u8
            export `example:greeter/greeter@1.0.0`: func `meet` result err: expected u32, found nothing
            import `example:greeter/extra@1.0.0`: not allowed by world `host`"#]],
    );
}

#[test]
fn missing_exports_and_functions() {
    let world = r#"
package example:app;

interface api {
    run: func();
    stop: func();
}

world app {
    export api;
    export version: func() -> string;
}
"#;
    let component = r#"
package example:app;

interface api {
    run: func();
}

world app {
    export api;
}
"#;
    check(
        component,
        world,
        false,
        expect![[r#"
            export `version`: missing
            export `example:app/api`: func `stop`: missing"#]],
    );
}

const WASI_USER: &str = r#"
package example:cli;

world app {
    import wasi:random/random@0.2.0;
    export run: func();
}

package wasi:random@0.2.0 {
    interface random {
        get-random-u64: func() -> u64;
    }
}
"#;

const APP: &str = r#"
package example:cli;

world app {
    export run: func();
}
"#;

#[test]
fn wasi_imports_need_allow_wasi() {
    check(
        WASI_USER,
        APP,
        false,
        expect!["import `wasi:random/random@0.2.0`: not allowed by world `app`"],
    );
    check(WASI_USER, APP, true, expect![""]);
}

#[test]
fn imports_may_use_only_the_worlds_functions() {
    let world = r#"
package example:host;

interface log {
    info: func(message: string);
}

world plugin {
    import log;
    export run: func();
}
"#;
    let component = r#"
package example:host;

interface log {
    info: func(text: string);
    debug: func(message: string);
}

world plugin {
    import log;
    export run: func() -> u32;
}
"#;
    check(
        component,
        world,
        false,
        expect![[r#"
            export `run`: func `run` result: expected nothing, found u32
            import `example:host/log`: func `info` params: expected (message: string), found (text: string)
            import `example:host/log`: func `debug`: not in the world's interface"#]],
    );
}

#[test]
fn worlds_are_chosen_by_name() {
    let two = r#"
package example:two;

world one { export a: func(); }
world two { export b: func(); }
"#;
    let component = component(APP);
    let resolved = resolved(two);
    let error = check_targets(&component, &resolved, None, false).unwrap_err();
    expect!["the package has several worlds, choose one with --world: one, two"]
        .assert_eq(&error.to_string());
    let error = check_targets(&component, &resolved, Some("three"), false).unwrap_err();
    expect!["no world `three` in the package; its worlds: one, two"].assert_eq(&error.to_string());
    let mismatches = check_targets(&component, &resolved, Some("two"), false).unwrap();
    let shown: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
    expect!["export `b`: missing"].assert_eq(&shown.join("\n"));
}

#[test]
fn core_modules_and_garbage_are_not_components() {
    let world = resolved(APP);
    let error = check_targets(b"\0asm\x01\0\0\0", &world, None, false).unwrap_err();
    expect!["not a component: it is a core module; wrap it with `wasm-tools component new`"]
        .assert_eq(&error.to_string());
    let error = check_targets(b"hello", &world, None, false).unwrap_err();
    assert!(matches!(error, TargetsError::NotAComponent(_)), "{error}");
}

#[test]
fn resources_variants_and_tuples_compare_by_structure() {
    let world = r#"
package example:store;

interface store {
    resource blob {
        size: func() -> u64;
    }
    variant entry { empty, blob(blob), pair(tuple<u8, string>) }
    put: func(key: string, entry: entry);
    peek: func(b: borrow<blob>) -> u64;
}

world app {
    export store;
    export ping: func();
}
"#;
    let component = r#"
package example:store;

interface store {
    resource blob {
        size: func() -> u32;
    }
    resource other;
    variant entry { empty, blob(other), pair(tuple<u8, u8>) }
    put: func(key: string, entry: entry);
    peek: func(b: blob) -> u64;
}

world app {
    export store;
    export ping: interface {
        ping: func();
    }
}
"#;
    check(
        component,
        world,
        false,
        expect![[r#"
            export `ping`: expected a function, found an interface
            export `example:store/store`: func `[method]blob.size` result: expected u64, found u32
            export `example:store/store`: func `put` param `entry` case `blob`: expected blob, found other
            export `example:store/store`: func `put` param `entry` case `pair` element 1: expected string, found u8
            export `example:store/store`: func `peek` param `b`: expected borrow<blob>, found blob"#]],
    );
}

#[test]
fn components_are_found_where_builds_put_them() {
    let dir = crate::tests::TempDir::new();
    for path in [
        "app.wasm",
        "notes.txt",
        "build/release/b.wat",
        "build/a.wasm",
        "deps/encoded.wasm",
        "target/wasm32-wasip2/debug/app.wasm",
        "node_modules/pkg/x.wasm",
        ".cache/y.wasm",
        "1/2/3/4/5/6/7/8/deep-enough.wasm",
        "1/2/3/4/5/6/7/8/9/too-deep.wasm",
    ] {
        dir.write(path, "");
    }
    let found: Vec<String> = find_components(&dir.0)
        .iter()
        .map(|path| path.strip_prefix(&dir.0).unwrap().display().to_string())
        .collect();
    expect![[r#"
        app.wasm
        1/2/3/4/5/6/7/8/deep-enough.wasm
        build/a.wasm
        build/release/b.wat"#]]
    .assert_eq(&found.join("\n"));
}
