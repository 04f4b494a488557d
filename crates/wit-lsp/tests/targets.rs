//! `wit-lsp targets` end to end: components built from WIT (or written as
//! text) checked against worlds on disk, every exit code.

#[path = "support/component.rs"]
mod component;
mod support;

use std::process::Output;

use expect_test::expect;
use support::{Project, assert_output};

use crate::component::component;

impl Project {
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> &Project {
        std::fs::write(self.0.join(name), contents).unwrap();
        self
    }

    /// Runs `wit-lsp targets ARGS` in the project.
    fn targets(&self, args: &[&str]) -> Output {
        self.run("targets", args)
    }
}

const GREETER: &str = r#"
package example:greeter@1.0.0;

interface greeter {
    greet: func(name: string) -> string;
}

world host {
    export greeter;
}
"#;

#[test]
fn a_matching_component_targets_the_world() {
    let dir = Project::new("");
    dir.write("greeter.wit", GREETER)
        .write("greeter.wasm", component(GREETER));
    assert_output(
        &dir.targets(&["greeter.wasm", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 0
            --- stdout
            `greeter.wasm` targets world `host`
        "#]],
    );
}

#[test]
fn a_missing_export_and_a_parameter_of_another_type() {
    let dir = Project::new("");
    let world = r#"
package example:greeter@1.0.0;

interface greeter {
    greet: func(name: string) -> string;
}

world host {
    export greeter;
    export version: func() -> string;
}
"#;
    let component_wit = GREETER.replace("name: string", "name: u32");
    dir.write("greeter.wit", world)
        .write("greeter.wasm", component(&component_wit));
    assert_output(
        &dir.targets(&["greeter.wasm", "--wit", "greeter.wit", "--world", "host"]),
        expect![[r#"
            exit 1
            --- stdout
            export `version`: missing
            export `example:greeter/greeter@1.0.0`: func `greet` param `name`: expected string, found u32
            `greeter.wasm` does not target world `host`: 2 mismatches
        "#]],
    );
}

#[test]
fn an_import_the_world_does_not_allow() {
    let dir = Project::new("");
    let component_wit = r#"
package example:greeter@1.0.0;

interface greeter {
    greet: func(name: string) -> string;
}

interface clock {
    now: func() -> u64;
}

world host {
    import clock;
    export greeter;
}
"#;
    dir.write("greeter.wit", GREETER)
        .write("greeter.wasm", component(component_wit));
    assert_output(
        &dir.targets(&["greeter.wasm", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 1
            --- stdout
            import `example:greeter/clock@1.0.0`: not allowed by world `host`
            `greeter.wasm` does not target world `host`: 1 mismatch
        "#]],
    );
}

#[test]
fn wasi_imports_are_allowed_with_allow_wasi() {
    let dir = Project::new("");
    let component_wit = r#"
package example:greeter@1.0.0;

interface greeter {
    greet: func(name: string) -> string;
}

world host {
    import wasi:random/random@0.2.3;
    export greeter;
}

package wasi:random@0.2.3 {
    interface random {
        get-random-u64: func() -> u64;
    }
}
"#;
    dir.write("greeter.wit", GREETER)
        .write("greeter.wasm", component(component_wit));
    assert_output(
        &dir.targets(&["greeter.wasm", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 1
            --- stdout
            import `wasi:random/random@0.2.3`: not allowed by world `host`
            `greeter.wasm` does not target world `host`: 1 mismatch
        "#]],
    );
    assert_output(
        &dir.targets(&["greeter.wasm", "--wit", "greeter.wit", "--allow-wasi"]),
        expect![[r#"
            exit 0
            --- stdout
            `greeter.wasm` targets world `host`
        "#]],
    );
}

/// A greeter written by hand: a core module's `greet` lifted to
/// `func(name: string) -> string` and exported in an instance.
const GREETER_WAT: &str = r#"
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "greet") (param i32 i32) (result i32) unreachable)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func $greet (param "name" string) (result string)
    (canon lift (core func $i "greet") (memory (core memory $i "memory"))
      (realloc (core func $i "realloc"))))
  (instance $greeter (export "greet" (func $greet)))
  (export "example:greeter/greeter@1.0.0" (instance $greeter)))
"#;

#[test]
fn text_components_are_compiled() {
    let dir = Project::new("");
    dir.write("greeter.wit", GREETER)
        .write("greeter.wat", GREETER_WAT);
    assert_output(
        &dir.targets(&["greeter.wat", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 0
            --- stdout
            `greeter.wat` targets world `host`
        "#]],
    );
    let farewell = GREETER.replace("greet:", "farewell:");
    dir.write("farewell.wit", farewell);
    assert_output(
        &dir.targets(&["greeter.wat", "--wit", "farewell.wit"]),
        expect![[r#"
            exit 1
            --- stdout
            export `example:greeter/greeter@1.0.0`: func `farewell`: missing
            `greeter.wat` does not target world `host`: 1 mismatch
        "#]],
    );
}

#[test]
fn unreadable_and_invalid_components_exit_2() {
    let dir = Project::new("");
    dir.write("greeter.wit", GREETER)
        .write("broken.wat", "(component (export))")
        .write("module.wasm", b"\0asm\x01\0\0\0");
    assert_output(
        &dir.targets(&["missing.wasm", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 2
            --- stderr
            error: missing.wasm: no such file or directory
        "#]],
    );
    assert_output(
        &dir.targets(&["broken.wat", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 2
            --- stderr
            error: broken.wat: expected a string
                 --> broken.wat:1:19
                  |
                1 | (component (export))
                  |                   ^
        "#]],
    );
    assert_output(
        &dir.targets(&["module.wasm", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 2
            --- stderr
            error: module.wasm: not a component: it is a core module; wrap it with `wasm-tools component new`
        "#]],
    );
}

#[test]
fn errors_in_the_wit_are_reported_as_check_reports_them() {
    let dir = Project::new("");
    dir.write(
        "greeter.wit",
        "package example:greeter;\n\nworld host {\n    export nope;\n}\n",
    )
    .write("greeter.wat", GREETER_WAT);
    assert_output(
        &dir.targets(&["greeter.wat", "--wit", "greeter.wit"]),
        expect![[r#"
            exit 1
            --- stderr
            error[not-found]: interface or world `nope` does not exist
             --> greeter.wit:4:12
              |
            4 |     export nope;
              |            ^^^^

            error: 1 error, 0 warnings in 1 package (1 file)
        "#]],
    );
}
