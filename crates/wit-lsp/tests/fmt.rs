//! `wit-lsp fmt` end to end: the real binary on files written to disk.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::{Expect, expect};

const UNFORMATTED: &str = "package a:b;\ninterface i { // keep me\n  record r { a: u32 }\n}\n";
const FORMATTED: &str =
    "package a:b;\n\ninterface i { // keep me\n  record r {\n    a: u32,\n  }\n}\n";

/// A scratch directory of files, removed on drop.
struct Project(PathBuf);

impl Project {
    fn new(files: &[(&str, &str)]) -> Project {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "wit-lsp-fmt-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&root).unwrap();
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Project(root)
    }

    /// Runs `wit-lsp fmt ARGS` in the project's directory.
    fn fmt(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
            .arg("fmt")
            .args(args)
            .current_dir(&self.0)
            .output()
            .expect("the wit-lsp binary runs")
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.0.join(path)).unwrap()
    }

    /// Every file below the project, to tell that nothing else was written.
    fn listing(&self) -> Vec<String> {
        let mut found = Vec::new();
        let mut dirs = vec![self.0.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    found.push(relative(&self.0, &path));
                }
            }
        }
        found.sort();
        found
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap().display().to_string()
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Exit code, stdout and stderr of a run.
fn check_output(output: &Output, expected: Expect) {
    expected.assert_eq(&format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    ));
}

#[test]
fn rewrites_unformatted_files_below_the_directory() {
    let project = Project::new(&[
        ("wit/a.wit", UNFORMATTED),
        ("wit/deps/b/b.wit", UNFORMATTED),
        ("wit/clean.wit", FORMATTED),
        ("target/skipped.wit", UNFORMATTED),
        (".hidden/skipped.wit", UNFORMATTED),
        ("node_modules/skipped.wit", UNFORMATTED),
    ]);
    check_output(
        &project.fmt(&[]),
        expect![[r#"
            exit 0
            --- stdout
            --- stderr
        "#]],
    );
    assert_eq!(project.read("wit/a.wit"), FORMATTED);
    assert_eq!(project.read("wit/deps/b/b.wit"), FORMATTED);
    for skipped in [
        "target/skipped.wit",
        ".hidden/skipped.wit",
        "node_modules/skipped.wit",
    ] {
        assert_eq!(project.read(skipped), UNFORMATTED, "{skipped}");
    }
    // No temporary file is left behind.
    assert_eq!(project.listing().len(), 6);
}

#[test]
fn check_shows_a_diff_and_writes_nothing() {
    let project = Project::new(&[("a.wit", UNFORMATTED), ("clean.wit", FORMATTED)]);
    check_output(
        &project.fmt(&["--check", "a.wit", "clean.wit"]),
        expect![[r#"
            exit 1
            --- stdout
            --- a.wit
            +++ a.wit
            @@ -1,4 +1,7 @@
             package a:b;
            +
             interface i { // keep me
            -  record r { a: u32 }
            +  record r {
            +    a: u32,
            +  }
             }
            --- stderr
        "#]],
    );
    assert_eq!(project.read("a.wit"), UNFORMATTED);
}

#[test]
fn formatted_files_pass_the_check() {
    let project = Project::new(&[("wit/clean.wit", FORMATTED)]);
    check_output(
        &project.fmt(&["--check", "wit"]),
        expect![[r#"
            exit 0
            --- stdout
            --- stderr
        "#]],
    );
}

#[test]
fn files_with_syntax_errors_are_left_untouched() {
    let broken = "interface i {\n  f: func(\n}\n";
    let project = Project::new(&[("broken.wit", broken), ("a.wit", UNFORMATTED)]);
    check_output(
        &project.fmt(&[]),
        expect![[r#"
            exit 1
            --- stdout
            --- stderr
            broken.wit: not formatted: 1 syntax error
        "#]],
    );
    assert_eq!(project.read("broken.wit"), broken);
    // The other files are formatted all the same.
    assert_eq!(project.read("a.wit"), FORMATTED);
}

#[test]
fn unreadable_paths_exit_2() {
    let project = Project::new(&[("latin1.wit", "")]);
    std::fs::write(project.0.join("latin1.wit"), b"// caf\xe9\n").unwrap();
    check_output(
        &project.fmt(&["missing.wit"]),
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: missing.wit: no such file or directory
        "#]],
    );
    check_output(
        &project.fmt(&["latin1.wit"]),
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: latin1.wit:1:7: the file is not valid UTF-8
        "#]],
    );
}
