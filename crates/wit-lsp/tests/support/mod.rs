//! What the end-to-end tests of the subcommands share: projects written to
//! disk from fixtures, and the real binary's output.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::Expect;

/// A project on disk, written from a fixture of `//- /PATH` sections and
/// removed on drop.
pub struct Project(pub PathBuf);

impl Project {
    pub fn new(fixture: &str) -> Project {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "wit-lsp-test-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut file: Option<(PathBuf, String)> = None;
        let write = |file: Option<(PathBuf, String)>| {
            if let Some((path, text)) = file {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
        };
        for line in fixture.lines() {
            if let Some(path) = line.strip_prefix("//- /") {
                write(file.take());
                file = Some((root.join(path.trim()), String::new()));
            } else if let Some((_, text)) = &mut file {
                text.push_str(line);
                text.push('\n');
            }
        }
        write(file);
        std::fs::create_dir_all(&root).unwrap();
        Project(root)
    }

    /// Runs `wit-lsp COMMAND ARGS` in the project's directory.
    pub fn run(&self, command: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_wit-lsp"))
            .arg(command)
            .args(args)
            .current_dir(&self.0)
            .env_remove("NO_COLOR")
            .output()
            .expect("the wit-lsp binary runs")
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Exit code, then stdout, then stderr.
pub fn assert_output(output: &Output, expected: Expect) {
    let mut shown = format!("exit {}\n", output.status.code().unwrap_or(-1));
    if !output.stdout.is_empty() {
        shown.push_str(&format!("--- stdout\n{}", text(&output.stdout)));
    }
    if !output.stderr.is_empty() {
        shown.push_str(&format!("--- stderr\n{}", text(&output.stderr)));
    }
    expected.assert_eq(&shown);
}
