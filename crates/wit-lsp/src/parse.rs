//! `wit-lsp parse FILE`: the syntax tree and every syntax error of one file.

use std::path::Path;
use std::process::ExitCode;

use wit_analysis::Workspace;
use wit_syntax::LineIndex;

use crate::EXIT_USAGE;
use crate::report::Position;

pub(crate) fn run(path: &Path) -> ExitCode {
    let text = match Workspace::new().read_text(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: {error}");
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
        let position = Position::of(parse.text(), &index, error.range.start);
        eprintln!(
            "{}:{}:{}: error: {}",
            path.display(),
            position.line,
            position.column,
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
