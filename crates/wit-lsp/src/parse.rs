//! `wit-lsp parse FILE`: the syntax tree and every syntax error of one file.

use std::path::Path;
use std::process::ExitCode;

use wit_syntax::LineIndex;

use crate::{EXIT_USAGE, read_source};

pub(crate) fn run(path: &Path) -> ExitCode {
    let text = match read_source(path) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let parse = wit_syntax::parse(text);
    print!("{}", parse.to_sexp());
    let errors = parse.errors();
    if errors.is_empty() {
        return ExitCode::SUCCESS;
    }
    let index = LineIndex::new(parse.text());
    for error in &errors {
        let position = index.line_col(error.range.start);
        let line_start = error.range.start - position.col;
        let column = parse.text()[line_start..error.range.start].chars().count() + 1;
        eprintln!(
            "{}:{}:{column}: error: {}",
            path.display(),
            position.line + 1,
            error.message
        );
    }
    eprintln!(
        "error: {} syntax error{} in {}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        path.display()
    );
    ExitCode::FAILURE
}
