//! `wit-lsp run` end to end: the components under `tests/components/` (and
//! the example) run by the real binary, every option and every way a run
//! can fail.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::expect;
use support::{Project, assert_output};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A compile cache of its own, removed on drop, so tests neither share
/// entries nor touch the user's.
struct Cache(PathBuf);

impl Cache {
    fn new() -> Cache {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        Cache(std::env::temp_dir().join(format!(
            "wit-lsp-run-cache-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        )))
    }

    fn entries(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.0.join("components")) {
            Ok(entries) => entries.map(|entry| entry.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `wit-lsp run ARGS` from the repository root, with `cache`.
fn run_with(cache: &Cache, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
        .arg("run")
        .args(args)
        .current_dir(repository())
        .env("NO_COLOR", "1")
        .env("WIT_LSP_CACHE_DIR", &cache.0)
        .output()
        .expect("the wit-lsp binary runs")
}

fn run(args: &[&str]) -> Output {
    run_with(&Cache::new(), args)
}

/// `wit-lsp run` of a component under `tests/components/NAME`.
fn run_component(name: &str, args: &[&str]) -> Output {
    run_component_with(&Cache::new(), name, args)
}

/// As [`run_component`], with `cache`: runs that share it compile once.
fn run_component_with(cache: &Cache, name: &str, args: &[&str]) -> Output {
    let component = format!("tests/components/{name}/{name}.wat");
    let wit = format!("tests/components/{name}/wit");
    let mut all = vec![component.as_str(), "--wit", wit.as_str()];
    all.extend_from_slice(args);
    run_with(cache, &all)
}

/// What `tests/components/sandbox` answers to each call, one line each (the
/// result, or the first line of the error), with `grants`.
fn sandbox_answers(cache: &Cache, grants: &[&str], calls: &[&str]) -> String {
    calls
        .iter()
        .map(|call| {
            let mut args = grants.to_vec();
            args.extend(["--invoke", call]);
            let output = run_component_with(cache, "sandbox", &args);
            let answer = if output.status.success() {
                support::text(&output.stdout)
            } else {
                support::text(&output.stderr)
            };
            format!("{call} -> {}\n", answer.lines().next().unwrap_or(""))
        })
        .collect()
}

#[test]
fn the_example_greets() {
    let output = run(&[
        "examples/greeter/greeter.wat",
        "--wit",
        "examples/greeter/wit",
        "--invoke",
        r#"greet("world")"#,
    ]);
    assert_output(
        &output,
        expect![[r#"
            exit 0
            --- stdout
            "Hello, world!"
        "#]],
    );
}

#[test]
fn an_interface_function_can_be_named_in_full_or_short() {
    for call in [
        r#"example:greeter/greeter@1.0.0#greet("Ada")"#,
        r#"example:greeter/greeter#greet("Ada")"#,
        r#"greeter#greet("Ada")"#,
        r#"greet("Ada")"#,
    ] {
        let output = run(&[
            "examples/greeter/greeter.wat",
            "--wit",
            "examples/greeter/wit",
            "--invoke",
            call,
        ]);
        assert_eq!(support::text(&output.stdout), "\"Hello, Ada!\"\n", "{call}");
    }
}

#[test]
fn results_of_every_shape_print_in_wave() {
    let mut shown = String::new();
    for call in [
        r#"greet("🙂 Ada")"#,
        r#"describe({name: "Ada", age: 36})"#,
        "add(-2, 5)",
        "maybe(true)",
        "maybe(false)",
        "checked(7)",
        "checked(700)",
    ] {
        let output = run_component("basics", &["--invoke", call]);
        assert!(output.status.success(), "{call}: {output:?}");
        shown.push_str(&format!("{call} => {}", support::text(&output.stdout)));
    }
    expect![[r#"
        greet("🙂 Ada") => "Hello, 🙂 Ada!"
        describe({name: "Ada", age: 36}) => "Ada is 36"
        add(-2, 5) => 3
        maybe(true) => some("yes")
        maybe(false) => none
        checked(7) => ok(14)
        checked(700) => err("too big")
    "#]]
    .assert_eq(&shown);
}

#[test]
fn a_wrong_argument_is_pointed_at() {
    assert_output(
        &run_component(
            "basics",
            &["--invoke", r#"describe({name: "Ada", age: 300})"#],
        ),
        expect![[r#"
            exit 2
            --- stderr
            error: --invoke: invalid value
             --> --invoke:1:29
              |
            1 | describe({name: "Ada", age: 300})
              |                             ^^^
              |
              = help: `describe` takes (p: record { name: string, age: u8 })
        "#]],
    );
    assert_output(
        &run_component("basics", &["--invoke", "add(1)"]),
        expect![[r#"
            exit 2
            --- stderr
            error: --invoke: invalid params: missing required param(s)
             --> --invoke:1:6
              |
            1 | add(1)
              |      ^
              |
              = help: `add` takes (a: s32, b: s32)
        "#]],
    );
    assert_output(
        &run_component("basics", &["--invoke", r#"greet("x""#]),
        expect![[r#"
            exit 2
            --- stderr
            error: --invoke: unexpected end of input
             --> --invoke:1:9
              |
            1 | greet("x"
              |         ^
        "#]],
    );
}

#[test]
fn an_unknown_function_lists_the_known_ones() {
    assert_output(
        &run_component("basics", &["--invoke", "gret()"]),
        expect![[r#"
            exit 2
            --- stderr
            error: --invoke: no function `gret` here
             --> --invoke:1:1
              |
            1 | gret()
              | ^^^^
              |
              = help: the functions: greet, describe, add, spin, hog, crash, maybe, checked
        "#]],
    );
    assert_output(
        &run(&[
            "examples/greeter/greeter.wat",
            "--wit",
            "examples/greeter/wit",
            "--invoke",
            r#"greeters#greet("x")"#,
        ]),
        expect![[r#"
            exit 2
            --- stderr
            error: --invoke: no interface `greeters` here
             --> --invoke:1:1
              |
            1 | greeters#greet("x")
              | ^^^^^^^^
              |
              = help: the interfaces: example:greeter/greeter@1.0.0
        "#]],
    );
}

#[test]
fn without_invoke_a_component_needs_wasi_cli_run() {
    assert_output(
        &run_component("basics", &[]),
        expect![[r#"
            exit 2
            --- stderr
            error: the component does not export `wasi:cli/run`; pass --invoke with one of: greet, describe, add, spin, hog, crash, maybe, checked
        "#]],
    );
}

#[test]
fn an_endless_loop_is_stopped_by_the_timeout() {
    assert_output(
        &run_component("basics", &["--invoke", "spin()", "--timeout", "200ms"]),
        expect![[r#"
            exit 1
            --- stderr
            error: `spin` ran longer than 200 ms and was stopped (raise it with --timeout)
        "#]],
    );
}

#[test]
fn a_memory_bomb_is_stopped_by_the_memory_limit() {
    assert_output(
        &run_component("basics", &["--invoke", "hog()"]),
        expect![[r#"
            exit 1
            --- stderr
            error: `hog` asked for 256.1 MiB of linear memory, over the limit of 256 MiB (raise it with --max-memory)
        "#]],
    );
    assert_output(
        &run_component("basics", &["--invoke", "hog()", "--max-memory", "8MiB"]),
        expect![[r#"
            exit 1
            --- stderr
            error: `hog` asked for 8.1 MiB of linear memory, over the limit of 8 MiB (raise it with --max-memory)
        "#]],
    );
}

#[test]
fn deep_recursion_traps_cleanly() {
    let output = run_component("sandbox", &["--invoke", "recurse()"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = support::text(&output.stderr);
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some("error: `recurse` trapped: wasm trap: call stack exhausted")
    );
    assert_eq!(lines.next(), Some("guest backtrace (innermost first):"));
    // Wasmtime keeps the innermost frames, not the whole stack.
    let frames: Vec<&str> = lines.collect();
    assert!(
        !frames.is_empty() && frames.len() <= 100,
        "{} frames",
        frames.len()
    );
    assert!(frames.iter().all(|frame| frame.ends_with("main!recurse")));
}

#[test]
fn clocks_read_zero_unless_granted() {
    let cache = Cache::new();
    assert_eq!(
        sandbox_answers(&cache, &[], &["clocks()"]),
        "clocks() -> (0, 0)\n"
    );
    let output = run_component_with(
        &cache,
        "sandbox",
        &["--inherit-clocks", "--invoke", "clocks()"],
    );
    let answer = support::text(&output.stdout);
    let (seconds, _) = answer
        .trim()
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|pair| pair.split_once(", "))
        .unwrap_or_else(|| panic!("not a pair: {answer}"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let seconds: u64 = seconds.parse().unwrap();
    assert!(seconds.abs_diff(now) < 600, "{seconds} against {now}");
}

#[test]
fn files_outside_the_granted_directory_stay_shut() {
    let cache = Cache::new();
    let outside = Project::new(
        r#"
//- /secret.txt
not for the guest
//- /shared/note.txt
for the guest
"#,
    );
    let shared = outside.0.join("shared");
    std::os::unix::fs::symlink("../secret.txt", shared.join("link")).unwrap();
    let secret = outside.0.join("secret.txt");
    let absolute = format!("open({:?})", secret.display().to_string());
    let grant = format!("{}::/data", shared.display());
    let calls = [
        r#"open("note.txt")"#,
        r#"open("../secret.txt")"#,
        absolute.as_str(),
        r#"open("link")"#,
        r#"open("missing")"#,
    ];
    // Nothing granted: no directory to open anything in.
    assert_eq!(
        sandbox_answers(&cache, &[], &calls[..1]),
        "open(\"note.txt\") -> err(bad-descriptor)\n"
    );
    let answers = sandbox_answers(&cache, &["--dir", &grant], &calls)
        .replace(&secret.display().to_string(), "SECRET");
    expect![[r#"
        open("note.txt") -> ok
        open("../secret.txt") -> err(not-permitted)
        open("SECRET") -> err(not-permitted)
        open("link") -> err(loop)
        open("missing") -> err(no-entry)
    "#]]
    .assert_eq(&answers);
}

#[test]
fn the_network_is_shut_unless_granted() {
    let cache = Cache::new();
    let calls = ["socket()", r#"lookup("127.0.0.1")"#];
    expect![[r#"
        socket() -> err(access-denied)
        lookup("127.0.0.1") -> err(permanent-resolver-failure)
    "#]]
    .assert_eq(&sandbox_answers(&cache, &[], &calls));
    expect![[r#"
        socket() -> ok
        lookup("127.0.0.1") -> ok
    "#]]
    .assert_eq(&sandbox_answers(&cache, &["--inherit-network"], &calls));
}

#[test]
fn a_table_bomb_is_stopped_by_the_table_limit() {
    let output = run_component("sandbox", &["--invoke", "table-bomb()"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = support::text(&output.stderr);
    assert!(
        stderr.starts_with(
            "error: `table-bomb` trapped: table limit of 1048576 elements exceeded: \
             the guest asked for 1048581 in all\n"
        ),
        "{stderr}"
    );
}

#[test]
fn every_stub_call_is_printed() {
    let output = run_component("sandbox", &["--invoke", "chatter(3)"]);
    assert!(output.status.success());
    assert_eq!(
        support::text(&output.stderr),
        "stub: ping(0)\nstub: ping(1)\nstub: ping(2)\n"
    );
}

#[test]
fn a_trap_prints_the_guest_backtrace() {
    assert_output(
        &run_component("basics", &["--invoke", "crash()"]),
        expect![[r#"
            exit 1
            --- stderr
            error: `crash` trapped: wasm trap: wasm `unreachable` instruction executed
            guest backtrace (innermost first):
                0:    0x2b1 - main!crash-inner
                1:    0x2ad - main!crash-outer
                2:    0x2a8 - main!crash
        "#]],
    );
}

#[test]
fn custom_imports_are_stubbed_with_zeros() {
    assert_output(
        &run_component("imports", &["--invoke", "run-all()"]),
        expect![[r#"
            exit 0
            --- stdout
            "name= verbose=false retries=0 next=0,0"
            --- stderr
            stub: test:imports/host#log("starting")
            stub: test:imports/host#name() -> ""
            stub: test:imports/host#config() -> {verbose: false, retries: 0}
            stub: test:imports/host#[constructor]counter(1) -> <counter>
            stub: test:imports/host#[method]counter.next(<counter>) -> 0
            stub: test:imports/host#[method]counter.next(<counter>) -> 0
        "#]],
    );
}

#[test]
fn stubs_return_the_values_given() {
    assert_output(
        &run_component(
            "imports",
            &[
                "--invoke",
                "run-all()",
                "--stub",
                r#"host#name="Ada""#,
                "--stub",
                "config={verbose: true, retries: 3}",
                "--stub",
                "test:imports/host#[method]counter.next=9",
            ],
        ),
        expect![[r#"
            exit 0
            --- stdout
            "name=Ada verbose=true retries=3 next=9,9"
            --- stderr
            stub: test:imports/host#log("starting")
            stub: test:imports/host#name() -> "Ada"
            stub: test:imports/host#config() -> {verbose: true, retries: 3}
            stub: test:imports/host#[constructor]counter(1) -> <counter>
            stub: test:imports/host#[method]counter.next(<counter>) -> 9
            stub: test:imports/host#[method]counter.next(<counter>) -> 9
        "#]],
    );
}

#[test]
fn a_wrong_stub_is_pointed_at() {
    let mut shown = String::new();
    for stub in [
        r#"host#name=42"#,
        "host#log=1",
        "host#nme=1",
        "logger#name=1",
        "name",
    ] {
        let output = run_component("imports", &["--invoke", "run-all()", "--stub", stub]);
        assert_eq!(output.status.code(), Some(2), "{stub}");
        shown.push_str(&support::text(&output.stderr));
    }
    expect![[r#"
        error: --stub: invalid value type
         --> --stub:1:11
          |
        1 | host#name=42
          |           ^^
          |
          = help: `name` returns string
        error: --stub: `log` returns nothing
         --> --stub:1:6
          |
        1 | host#log=1
          |      ^^^
        error: --stub: no function `nme` in `host`
         --> --stub:1:6
          |
        1 | host#nme=1
          |      ^^^
          |
          = help: its functions: [constructor]counter, [method]counter.next, log, name, config
        error: --stub: no interface `logger` among the stubbed imports
         --> --stub:1:1
          |
        1 | logger#name=1
          | ^^^^^^
          |
          = help: the interfaces: test:imports/host
        error: --stub: expected `FUNCTION=VALUE`
         --> --stub:1:1
          |
        1 | name
          | ^^^^
          |
          = help: for example `--stub 'logger#level=3'`
    "#]]
    .assert_eq(&shown);
}

#[test]
fn wasi_has_nothing_unless_granted() {
    assert_output(
        &run_component("hello-wasi", &[]),
        expect![[r#"
            exit 0
            --- stdout
            hello from wasi
        "#]],
    );
    let shared = Project::new("//- /note.txt\nshared with the guest\n");
    let dir = format!("{}::/data", shared.0.display());
    assert_output(
        &run_component(
            "hello-wasi",
            &["--env", "GREETING=hi", "--env", "EMPTY=", "--dir", &dir],
        ),
        expect![[r#"
            exit 0
            --- stdout
            hello from wasi
            GREETING=hi
            EMPTY=
            dir: /data
        "#]],
    );
}

#[test]
fn wrong_grants_are_usage_errors() {
    assert_output(
        &run_component("hello-wasi", &["--dir", "/no/such/dir::/data"]),
        expect![[r#"
            exit 2
            --- stderr
            error: cannot share directory `/no/such/dir`: No such file or directory (os error 2)
        "#]],
    );
    assert_output(
        &run_component("hello-wasi", &["--env", "=x"]),
        expect![[r#"
            exit 2
            --- stderr
            error: --env: `=x` has no variable name: write KEY=VALUE
        "#]],
    );
    // Checked by the command line before any file is read.
    assert_output(
        &Project::new("").run(
            "run",
            &["component.wasm", "--wit", "wit", "--timeout", "soon"],
        ),
        expect![[r#"
            exit 2
            --- stderr
            error: invalid value 'soon' for '--timeout <TIMEOUT>': `soon` is not a duration: write 10s, 250ms or 2m

            For more information, try '--help'.
        "#]],
    );
}

#[test]
fn a_component_that_does_not_target_the_world_is_not_run() {
    assert_output(
        &run_component("mismatch", &["--invoke", "greet(1)"]),
        expect![[r#"
            exit 1
            --- stderr
            export `greet`: func `greet` param `name`: expected string, found u32
            export `version`: missing
            import `secret`: not allowed by world `mismatch`
            `tests/components/mismatch/mismatch.wat` does not target world `mismatch`: 3 mismatches
            error: not running a component that does not target its world
        "#]],
    );
}

#[test]
fn the_world_can_be_named() {
    let args = |world: &'static str| {
        [
            "examples/greeter/greeter.wat",
            "--wit",
            "examples/greeter/wit",
            "--world",
            world,
            "--invoke",
            r#"greet("x")"#,
        ]
    };
    assert_output(
        &run(&args("host")),
        expect![[r#"
            exit 0
            --- stdout
            "Hello, x!"
        "#]],
    );
    assert_output(
        &run(&args("guest")),
        expect![[r#"
            exit 2
            --- stderr
            error: no world `guest` in the package; its worlds: host
        "#]],
    );
}

#[test]
fn the_network_can_be_granted() {
    // The component opens no socket; the grant must not get in its way.
    assert_output(
        &run_component("hello-wasi", &["--inherit-network", "--", "an", "argument"]),
        expect![[r#"
            exit 0
            --- stdout
            hello from wasi
        "#]],
    );
}

#[test]
fn missing_files_are_usage_errors() {
    assert_output(
        &run(&["nope.wasm", "--wit", "examples/greeter/wit"]),
        expect![[r#"
            exit 2
            --- stderr
            error: nope.wasm: no such file or directory
        "#]],
    );
}

#[test]
fn compiled_components_are_cached() {
    let cache = Cache::new();
    let args = [
        "examples/greeter/greeter.wat",
        "--wit",
        "examples/greeter/wit",
        "--invoke",
        r#"greet("cache")"#,
    ];
    assert!(run_with(&cache, &args).status.success());
    let entries = cache.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let compiled = std::fs::read(&entries[0]).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&entries[0])
        .and_then(|file| file.set_modified(an_hour_ago))
        .unwrap();
    let written = std::fs::metadata(&entries[0]).unwrap();

    // A hit neither recompiles nor rewrites the entry (a rewrite is a new
    // file renamed into place); it marks the entry used for pruning.
    let output = run_with(&cache, &args);
    assert_eq!(support::text(&output.stdout), "\"Hello, cache!\"\n");
    let loaded = std::fs::metadata(&entries[0]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(loaded.ino(), written.ino());
    }
    assert_eq!(std::fs::read(&entries[0]).unwrap(), compiled);
    assert!(loaded.modified().unwrap() > an_hour_ago);

    // A damaged entry is ignored and replaced.
    std::fs::write(&entries[0], b"not a compiled component").unwrap();
    let output = run_with(&cache, &args);
    assert_eq!(support::text(&output.stdout), "\"Hello, cache!\"\n");
    assert_ne!(
        std::fs::read(&entries[0]).unwrap(),
        b"not a compiled component"
    );

    // --no-cache neither reads nor writes.
    let fresh = Cache::new();
    let mut no_cache = args.to_vec();
    no_cache.push("--no-cache");
    assert!(run_with(&fresh, &no_cache).status.success());
    assert!(fresh.entries().is_empty());
}
