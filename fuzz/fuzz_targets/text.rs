//! Texts and positions the edit targets build from their input.

use arbitrary::Arbitrary;
use tower_lsp_server::ls_types::Position;
use wit_lsp::server::fuzzing::EDIT_FRAGMENTS as FRAGMENTS;

pub const SEEDS: &[&str] = &[
    include_str!("../../examples/greeter/wit/greeter.wit"),
    "package a:b;\n\ninterface i {\n  /// Doc 🙂\n  record r { a: u32, b: list<u8> }\n  f: func(x: r) -> result<string, e>;\n  enum e { x, y }\n}\n",
    "world w {\n  import i;\n  export f: func() -> option<tuple<s8, borrow<r>>>;\n  include v with { a as b }\n}\r\n",
    "interface 接口 {\n  /* block /* nested */ é */\n  resource blob {\n    constructor(bytes: list<u8>);\n    size: func() -> u64;\n  }\n  variant shape { circle(f32), polygon(list<point>) }\n}\n",
];


#[derive(Arbitrary, Debug)]
pub enum Text {
    Seed(u8),
    Pieces(Vec<Piece>),
}

#[derive(Arbitrary, Debug)]
pub enum Piece {
    Fragment(u8),
    Raw(String),
}

/// Mostly near the text; sometimes anywhere.
#[derive(Arbitrary, Debug)]
pub enum Pos {
    Near { line: u8, character: u8 },
    Far { line: u32, character: u32 },
}

impl Text {
    pub fn render(&self) -> String {
        match self {
            Text::Seed(i) => SEEDS[*i as usize % SEEDS.len()].to_owned(),
            Text::Pieces(pieces) => pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Fragment(i) => FRAGMENTS[*i as usize % FRAGMENTS.len()],
                    Piece::Raw(text) => text,
                })
                .collect(),
        }
    }
}

impl Pos {
    pub fn position(&self) -> Position {
        match *self {
            Pos::Near { line, character } => Position::new(line.into(), character.into()),
            Pos::Far { line, character } => Position::new(line, character),
        }
    }
}
