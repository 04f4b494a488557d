//! The grammar against the shared corpus: every file of a unit that wasm-tools
//! accepts parses without a single ERROR or MISSING node, and every unit that
//! wasm-tools rejects in its lexer or parser yields at least one syntax error.

use wit_lsp_tests::{Verdict, corpus_dir, manifest};
use wit_syntax::Parser;

#[test]
fn corpus_agrees_with_wit_parser_on_syntax() {
    let corpus = corpus_dir();
    let mut parser = Parser::new();
    let mut valid_files = 0;
    let mut valid_files_with_errors = Vec::new();
    let mut syntax_units = 0;
    let mut syntax_units_without_error = Vec::new();
    let mut other_error_units = 0;

    for unit in manifest(&corpus) {
        let files = unit.wit_files(&corpus);
        assert!(!files.is_empty(), "{}: no .wit files", unit.path);
        match unit.verdict {
            Verdict::Ok => {
                for file in files {
                    let text = std::fs::read_to_string(&file).expect("corpus files are UTF-8");
                    let parse = parser.parse(text, None);
                    valid_files += 1;
                    if parse.tree().root_node().has_error() {
                        let first = parse.errors().into_iter().next();
                        valid_files_with_errors.push(format!("{}: {first:?}", file.display()));
                    }
                }
            }
            Verdict::Error if unit.is_syntax_error() => {
                syntax_units += 1;
                let found = files.iter().any(|file| {
                    let text = std::fs::read_to_string(file).expect("corpus files are UTF-8");
                    !parser.parse(text, None).errors().is_empty()
                });
                if !found {
                    syntax_units_without_error.push(format!("{}: {}", unit.path, unit.message));
                }
            }
            Verdict::Error => other_error_units += 1,
        }
    }

    println!(
        "corpus syntax: {valid_files} files of valid units, {} with errors; \
         {syntax_units} syntax-error units, {} without a syntax error; \
         {other_error_units} units with semantic errors (not the grammar's to find)",
        valid_files_with_errors.len(),
        syntax_units_without_error.len(),
    );
    assert!(
        valid_files_with_errors.is_empty(),
        "valid files with syntax errors:\n{}",
        valid_files_with_errors.join("\n")
    );
    assert!(
        syntax_units_without_error.is_empty(),
        "syntax-error units that parse cleanly:\n{}",
        syntax_units_without_error.join("\n")
    );
}

/// Broken variants of real files (cut at many points, or with a slice taken
/// out) always yield a tree and a list of errors, never a panic.
#[test]
fn broken_corpus_files_never_panic() {
    let corpus = corpus_dir();
    let mut parser = Parser::new();
    let mut variants = 0;
    for unit in manifest(&corpus) {
        for file in unit.wit_files(&corpus) {
            let text = std::fs::read_to_string(&file).expect("corpus files are UTF-8");
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let step = (boundaries.len() / 16).max(1);
            for window in boundaries
                .chunks(step)
                .map(|chunk| chunk[0])
                .collect::<Vec<_>>()
                .windows(2)
            {
                let (cut, next) = (window[0], window[1]);
                for broken in [
                    text[..cut].to_owned(),
                    format!("{}{}", &text[..cut], &text[next..]),
                ] {
                    let parse = parser.parse(broken, None);
                    let _ = parse.errors();
                    variants += 1;
                }
            }
        }
    }
    println!("broken corpus variants parsed: {variants}");
}
