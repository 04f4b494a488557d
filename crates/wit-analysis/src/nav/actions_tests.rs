//! Code actions on fixtures: each action by its title, with the text of the
//! file it changes after its edits are applied.

use std::path::Path;

use expect_test::{Expect, expect};

use super::tests::Fixture;
use super::{CodeActionKind, FileEdits};

/// Every action offered in `path` for the whole file and all its diagnostics.
fn check_actions(fixture: &str, path: &str, expected: Expect) {
    let fixture = Fixture::new(fixture);
    let path = Path::new(path);
    let diagnostics = fixture.diagnostics();
    let len = fixture.index.text(path).expect("indexed").len();
    let mut rendered = String::new();
    for action in fixture.index.code_actions(path, 0..len, &diagnostics) {
        let fixes = action
            .diagnostic
            .map(|i| format!(" (fixes {})", diagnostics[i].code.unwrap_or("?")))
            .unwrap_or_default();
        let kind = match action.kind {
            CodeActionKind::QuickFix => "quickfix",
            CodeActionKind::SourceOrganizeUses => "source",
        };
        let preferred = if action.is_preferred {
            ", preferred"
        } else {
            ""
        };
        rendered.push_str(&format!("== {} [{kind}{preferred}]{fixes}\n", action.title));
        for file in &action.edits {
            rendered.push_str(&format!("-- {}\n", file.path.display()));
            rendered.push_str(&applied(&fixture, file));
        }
    }
    expected.assert_eq(&rendered);
}

fn applied(fixture: &Fixture, file: &FileEdits) -> String {
    let mut text = fixture.index.text(&file.path).expect("indexed").to_owned();
    for edit in file.edits.iter().rev() {
        text.replace_range(edit.range.clone(), &edit.new_text);
    }
    text
}

#[test]
fn remove_unused_names() {
    check_actions(
        r#"
//- /wit/a.wit
package a:b;
use types as unused-iface;
interface types {
  type x = u32;
  type y = u32;
  type z = u32;
}
interface user {
  use types.{x, y as why, z};
  use types.{x as only};
  f: func(a: x);
}
"#,
        "/wit/a.wit",
        expect![[r#"
            == Remove unused `unused-iface` [quickfix, preferred] (fixes unused-use)
            -- /wit/a.wit
            package a:b;
            interface types {
              type x = u32;
              type y = u32;
              type z = u32;
            }
            interface user {
              use types.{x, y as why, z};
              use types.{x as only};
              f: func(a: x);
            }
            == Remove unused `why` [quickfix, preferred] (fixes unused-use)
            -- /wit/a.wit
            package a:b;
            use types as unused-iface;
            interface types {
              type x = u32;
              type y = u32;
              type z = u32;
            }
            interface user {
              use types.{x, z};
              use types.{x as only};
              f: func(a: x);
            }
            == Remove unused `z` [quickfix, preferred] (fixes unused-use)
            -- /wit/a.wit
            package a:b;
            use types as unused-iface;
            interface types {
              type x = u32;
              type y = u32;
              type z = u32;
            }
            interface user {
              use types.{x, y as why};
              use types.{x as only};
              f: func(a: x);
            }
            == Remove unused `only` [quickfix, preferred] (fixes unused-use)
            -- /wit/a.wit
            package a:b;
            use types as unused-iface;
            interface types {
              type x = u32;
              type y = u32;
              type z = u32;
            }
            interface user {
              use types.{x, y as why, z};
              f: func(a: x);
            }
            == Organize uses [source]
            -- /wit/a.wit
            package a:b;
            use types as unused-iface;
            interface types {
              type x = u32;
              type y = u32;
              type z = u32;
            }
            interface user {
              use types.{x, x as only, y as why, z};
              f: func(a: x);
            }
        "#]],
    );
}

#[test]
fn import_a_missing_type_from_the_package_or_deps() {
    check_actions(
        r#"
//- /wit/a.wit
package my:app;
interface types {
  record point { x: u32 }
  type other = u32;
}
interface more {
  type point = u64;
}
interface user {
  /// Docs stay with their item.
  f: func(p: point) -> pollable;
}
//- /wit/deps/io/poll.wit
package wasi:io@0.2.0;
interface poll {
  resource pollable;
}
"#,
        "/wit/a.wit",
        expect![[r#"
            == Import `point` from `types` [quickfix] (fixes not-found)
            -- /wit/a.wit
            package my:app;
            interface types {
              record point { x: u32 }
              type other = u32;
            }
            interface more {
              type point = u64;
            }
            interface user {
              use types.{point};
              /// Docs stay with their item.
              f: func(p: point) -> pollable;
            }
            == Import `point` from `more` [quickfix] (fixes not-found)
            -- /wit/a.wit
            package my:app;
            interface types {
              record point { x: u32 }
              type other = u32;
            }
            interface more {
              type point = u64;
            }
            interface user {
              use more.{point};
              /// Docs stay with their item.
              f: func(p: point) -> pollable;
            }
        "#]],
    );
    // The next error, once `point` is imported: from a dependency, into the
    // `use` that is already there.
    check_actions(
        r#"
//- /wit/a.wit
package my:app;
world w {
  use wasi:io/poll@0.2.0.{other};
  import f: func() -> pollable;
}
//- /wit/deps/io/poll.wit
package wasi:io@0.2.0;
interface poll {
  resource pollable;
  type other = u32;
}
"#,
        "/wit/a.wit",
        expect![[r#"
            == Import `pollable` from `wasi:io/poll@0.2.0` [quickfix, preferred] (fixes not-found)
            -- /wit/a.wit
            package my:app;
            world w {
              use wasi:io/poll@0.2.0.{other, pollable};
              import f: func() -> pollable;
            }
            == Remove unused `other` [quickfix, preferred] (fixes unused-use)
            -- /wit/a.wit
            package my:app;
            world w {
              import f: func() -> pollable;
            }
        "#]],
    );
}

#[test]
fn rename_names_that_are_not_kebab_case() {
    check_actions(
        r#"
//- /wit/a.wit
package a:b;
interface fooBar {
  record r { my_field: u32 }
}
"#,
        "/wit/a.wit",
        expect![[r#"
            == Rename to `foo-bar` [quickfix, preferred] (fixes syntax)
            -- /wit/a.wit
            package a:b;
            interface foo-bar {
              record r { my_field: u32 }
            }
            == Rename to `my-field` [quickfix, preferred] (fixes syntax)
            -- /wit/a.wit
            package a:b;
            interface fooBar {
              record r { my-field: u32 }
            }
        "#]],
    );
}

#[test]
fn organize_uses_sorts_and_merges() {
    check_actions(
        r#"
//- /wit/a.wit
package a:b;
interface types {
  type x = u32;
  type y = u32;
}
interface user {
  use wasi:io/poll@0.2.0.{pollable};
  use types.{y, x as ex};
  type t = tuple<pollable, ex, y, x>;
  use types.{x};
}
//- /wit/deps/io/poll.wit
package wasi:io@0.2.0;
interface poll {
  resource pollable;
}
"#,
        "/wit/a.wit",
        expect![[r#"
            == Organize uses [source]
            -- /wit/a.wit
            package a:b;
            interface types {
              type x = u32;
              type y = u32;
            }
            interface user {
              use types.{x, x as ex, y};
              use wasi:io/poll@0.2.0.{pollable};
              type t = tuple<pollable, ex, y, x>;
            }
        "#]],
    );
}

#[test]
fn organize_uses_does_nothing_when_organized_or_commented() {
    check_actions(
        r#"
//- /wit/a.wit
package a:b;
interface types {
  type x = u32;
  type y = u32;
}
interface sorted {
  use types.{x as ex, y};
  type t = tuple<ex, y>;
}
interface commented {
  // Why y comes first.
  use types.{y};
  use types.{x};
  type t = tuple<x, y>;
}
interface trailing-comment {
  use types.{y}; // Why y comes first.
  use types.{x};
  type t = tuple<x, y>;
}
interface attributed {
  @since(version = 1.0.0)
  use types.{y};
  use types.{x};
  type t = tuple<x, y>;
}
"#,
        "/wit/a.wit",
        expect![""],
    );
}
