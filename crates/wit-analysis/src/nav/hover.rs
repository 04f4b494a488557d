//! Hovers: a symbol's signature, gates, docs and whereabouts, as Markdown.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use super::{At, HoverInfo, Index, SymbolId, SymbolKind};
use crate::Resolved;
use crate::world::{self, ElaboratedWorld};

pub(super) fn hover(index: &Index, path: &Path, offset: usize) -> Option<HoverInfo> {
    let at = index.at(path, offset)?;
    let symbol = match at {
        At::Ref(id) => index.refs[id].target?,
        At::Def(id) => id,
    };
    // A `use` name shows what it stands for.
    let shown = index.follow_uses(symbol).unwrap_or(symbol);
    Some(HoverInfo {
        range: index.range_at(at),
        markdown: render(index, shown),
    })
}

fn render(index: &Index, id: SymbolId) -> String {
    let symbol = &index.symbols[id];
    let text = &index.files[symbol.file].text;
    let mut out = String::from("```wit\n");
    if symbol.kind == SymbolKind::Package {
        let _ = write!(out, "package {}", symbol.name);
    } else {
        out.push_str(&dedent(text, symbol.signature.clone()));
    }
    out.push_str("\n```\n");
    if !symbol.gates.is_empty() {
        let gates: Vec<String> = symbol
            .gates
            .iter()
            .map(|gate| format!("`{gate}`"))
            .collect();
        let _ = write!(out, "\n{}\n", gates.join(" "));
    }
    if let Some(docs) = &symbol.docs {
        let _ = write!(out, "\n{docs}\n");
    }
    if let Some(world) = index.world_items.get(&id) {
        for (title, entries) in [("imports", &world.imports), ("exports", &world.exports)] {
            if entries.is_empty() {
                continue;
            }
            let _ = write!(out, "\n{title}:\n");
            for entry in entries {
                let note = if entry.pulled_in {
                    " (pulled in by use)"
                } else {
                    ""
                };
                let _ = writeln!(out, "- `{entry}`{note}");
            }
        }
    }
    if symbol.kind != SymbolKind::Package {
        let package = index.packages[symbol.package].display_name();
        let _ = write!(out, "\ndefined in `{package}`");
        let mut ancestors = Vec::new();
        let mut parent = symbol.parent;
        while let Some(id) = parent {
            let ancestor = &index.symbols[id];
            if ancestor.kind != SymbolKind::Package {
                ancestors.push(ancestor);
            }
            parent = ancestor.parent;
        }
        for ancestor in ancestors.iter().rev() {
            let _ = write!(out, " / {} `{}`", ancestor.kind.describe(), ancestor.name);
        }
        out.push('\n');
    }
    out
}

/// The text of `range`, its later lines without the indentation of its first.
fn dedent(text: &str, range: std::ops::Range<usize>) -> String {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..range.start]
        .chars()
        .take_while(|c| c.is_whitespace())
        .count();
    let mut out = String::new();
    for (i, line) in text[range].lines().enumerate() {
        if i > 0 {
            out.push('\n');
            let strip = line
                .char_indices()
                .take(indent)
                .take_while(|(_, c)| c.is_whitespace())
                .last()
                .map_or(0, |(at, c)| at + c.len_utf8());
            out.push_str(&line[strip..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Each world's imports and exports as wit-parser elaborated them.
pub(super) fn elaborate_worlds(
    index: &Index,
    resolved: &Resolved,
) -> HashMap<SymbolId, ElaboratedWorld> {
    let resolve = &resolved.resolve;
    (0..index.symbols.len())
        .filter(|&id| index.symbols[id].kind == SymbolKind::World)
        .filter_map(|id| {
            let world = index.resolve_item(resolve, id, |package, name| {
                package.worlds.get(name).copied()
            })?;
            let named = index.interfaces_named_by(resolve, id);
            Some((id, world::elaborate_world(resolve, world, &named)))
        })
        .collect()
}
