//! The server's open document: a start text, then batches of incremental
//! edits as a client sends them in `didChange` (ranges possibly past the end,
//! reversed, inside multi-byte characters; in each position encoding). After
//! each batch, the edit buffer must hold the parse's text, and the
//! incrementally reparsed tree must equal a fresh parse of that text.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{Range, TextDocumentContentChangeEvent};
use wit_lsp::server::fuzzing::{Document, PositionEncoding};

use text::{Pos, Text};

mod text;

#[derive(Arbitrary, Debug)]
struct Input {
    start: Text,
    encoding: Enc,
    batches: Vec<Vec<Change>>,
}

#[derive(Arbitrary, Debug)]
enum Enc {
    Utf8,
    Utf16,
    Utf32,
}

#[derive(Arbitrary, Debug)]
enum Change {
    Ranged { start: Pos, end: Pos, text: Text },
    Whole(Text),
}

fuzz_target!(|input: Input| {
    let encoding = match input.encoding {
        Enc::Utf8 => PositionEncoding::Utf8,
        Enc::Utf16 => PositionEncoding::Utf16,
        Enc::Utf32 => PositionEncoding::Utf32,
    };
    let mut document = Document::new(input.start.render(), 1);
    for (version, batch) in (2..).zip(&input.batches) {
        let changes: Vec<_> = batch
            .iter()
            .map(|change| match change {
                Change::Ranged { start, end, text } => TextDocumentContentChangeEvent {
                    range: Some(Range::new(start.position(), end.position())),
                    range_length: None,
                    text: text.render(),
                },
                Change::Whole(text) => TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: text.render(),
                },
            })
            .collect();
        document.apply_changes(&changes, version, encoding);
        let parse = document.parse();
        assert_eq!(
            document.rope_text(),
            parse.text(),
            "the rope and the parse differ"
        );
        let fresh = wit_syntax::parse(parse.text());
        assert_eq!(
            parse.to_sexp(),
            fresh.to_sexp(),
            "the incremental tree differs from a fresh parse of {:?}",
            parse.text(),
        );
        assert_eq!(parse.errors(), fresh.errors());
    }
});
