//! Hovers: a symbol's signature, gates, docs and whereabouts, as Markdown.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use wit_parser::{WorldItem, WorldKey};

use super::{At, HoverInfo, Index, SymbolId, SymbolKind, WorldItems};
use crate::Resolved;

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
    if let Some(items) = index.world_items.get(&id) {
        for (title, names) in [("imports", &items.imports), ("exports", &items.exports)] {
            if names.is_empty() {
                continue;
            }
            let _ = write!(out, "\n{title}:\n");
            for name in names {
                let _ = writeln!(out, "- {name}");
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
) -> HashMap<SymbolId, WorldItems> {
    let resolve = &resolved.resolve;
    let packages: HashMap<String, wit_parser::PackageId> = resolve
        .packages
        .iter()
        .map(|(id, package)| (package.name.to_string(), id))
        .collect();
    let mut worlds = HashMap::new();
    for (id, symbol) in index.symbols.iter().enumerate() {
        if symbol.kind != SymbolKind::World {
            continue;
        }
        let Some(name) = &index.packages[symbol.package].name else {
            continue;
        };
        let Some(&package) = packages.get(&name.to_string()) else {
            continue;
        };
        let Some(&world) = resolve.packages[package].worlds.get(&symbol.name) else {
            continue;
        };
        let world = &resolve.worlds[world];
        let list = |items: &wit_parser::IndexMap<WorldKey, WorldItem>| {
            items
                .iter()
                .map(|(key, item)| {
                    let name = resolve.name_world_key(key);
                    let kind = match item {
                        WorldItem::Interface { .. } => "interface",
                        WorldItem::Function(_) => "func",
                        WorldItem::Type { .. } => "type",
                    };
                    format!("`{name}` ({kind})")
                })
                .collect()
        };
        worlds.insert(
            id,
            WorldItems {
                imports: list(&world.imports),
                exports: list(&world.exports),
            },
        );
    }
    worlds
}
