//! Any bytes, read as (lossy) UTF-8: the parser, its error list and
//! S-expression, the analysis of the text as a one-file package (in memory),
//! and the navigation index of that analysis, queried at a few offsets.
//! Nothing may panic or hang.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wit_analysis::Workspace;

/// A root that is not on disk: the package is only the overlay.
const ROOT: &str = "/wit-lsp-fuzz";
const FILE: &str = "/wit-lsp-fuzz/main.wit";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let parse = wit_syntax::parse(text.as_str());
    let errors = parse.errors();
    for error in &errors {
        assert!(error.range.start <= error.range.end && error.range.end <= text.len());
    }
    let _ = parse.to_sexp();

    let mut workspace = Workspace::from_paths([ROOT]);
    workspace.set_overlay(FILE, text.as_str());
    let analysis = workspace
        .analyze_root(Path::new(ROOT))
        .expect("an overlay package loads");
    let index = workspace.index(&analysis);
    let path = Path::new(FILE);
    let _ = index.document_symbols(path);
    let _ = index.semantic_tokens(path, None);
    let _ = index.unresolved();
    // A few offsets: the start, the end, and two the input picks (with its
    // first bytes), on character boundaries, as the server maps positions.
    let picked = |i: usize| {
        let offset = data.get(i).map_or(0, |&b| b as usize * text.len() / 255);
        text.floor_char_boundary(offset)
    };
    for offset in [0, text.len(), picked(0), picked(1)] {
        let _ = index.definition(path, offset);
        let _ = index.references(path, offset, true);
        let _ = index.highlights(path, offset);
        let _ = index.hover(path, offset);
        let _ = index.completions(path, offset);
        let _ = index.prepare_rename(path, offset);
        let _ = index.rename(path, offset, "renamed");
        let end = offset.max(picked(2));
        let _ = index.code_actions(path, offset..end, &analysis.diagnostics);
        let _ = index.semantic_tokens(path, Some(offset..end));
    }
});
