//! Outlines of files and symbol search across the index.

use std::path::Path;

use super::{DocumentSymbol, Index, SymbolId, SymbolKind, WorkspaceSymbol};

/// Package blocks nest at most this deep in a valid file; an outline stops there.
const MAX_DEPTH: usize = 128;

pub(super) fn document_symbols(index: &Index, path: &Path) -> Vec<DocumentSymbol> {
    let Some(&file) = index.file_ids.get(path) else {
        return Vec::new();
    };
    let roots: Vec<DocumentSymbol> = index.files[file]
        .roots
        .iter()
        .filter_map(|&id| outline(index, id, 0))
        .collect();
    under_package_header(roots)
}

/// A file's `package a:b;` header is a statement, not a block, yet the
/// outline reads package → interfaces and worlds: the file's other items
/// go under it, and its range grows to cover them. Nested `package a:b { … }`
/// blocks already hold their items.
fn under_package_header(mut roots: Vec<DocumentSymbol>) -> Vec<DocumentSymbol> {
    let Some(header) = roots
        .iter()
        .position(|symbol| symbol.kind == SymbolKind::Package && symbol.children.is_empty())
    else {
        return roots;
    };
    let mut package = roots.remove(header);
    let (items, rest): (Vec<_>, Vec<_>) = roots
        .into_iter()
        .partition(|symbol| symbol.kind != SymbolKind::Package);
    for item in &items {
        package.range.start = package.range.start.min(item.range.start);
        package.range.end = package.range.end.max(item.range.end);
    }
    package.children = items;
    let mut roots = vec![package];
    roots.extend(rest);
    roots.sort_by_key(|symbol| symbol.range.start);
    roots
}

fn outline(index: &Index, id: SymbolId, depth: usize) -> Option<DocumentSymbol> {
    let symbol = &index.symbols[id];
    // Parameters are part of their function's detail.
    if symbol.kind == SymbolKind::Parameter || depth > MAX_DEPTH {
        return None;
    }
    Some(DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: symbol.kind,
        range: symbol.range.clone(),
        selection_range: symbol.name_range.clone(),
        children: symbol
            .children
            .iter()
            .filter_map(|&child| outline(index, child, depth + 1))
            .collect(),
    })
}

pub(super) fn workspace_symbols(index: &Index, query: &str) -> Vec<WorkspaceSymbol> {
    let query: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut found: Vec<(bool, u8, SymbolId)> = Vec::new();
    for (id, symbol) in index.symbols.iter().enumerate() {
        if !symbol.navigable || matches!(symbol.kind, SymbolKind::Parameter | SymbolKind::UseName) {
            continue;
        }
        let score = if query.is_empty() {
            if !matches!(symbol.kind, SymbolKind::Interface | SymbolKind::World) {
                continue;
            }
            0
        } else {
            match fuzzy_score(&query, &symbol.name) {
                Some(score) => score,
                None => continue,
            }
        };
        found.push((index.is_dep(id), score, id));
    }
    // Stable: within a rank, symbols stay in file order, the main package's first.
    found.sort_by_key(|&(is_dep, score, _)| (is_dep, score));
    found
        .into_iter()
        .map(|(_, _, id)| {
            let symbol = &index.symbols[id];
            WorkspaceSymbol {
                name: symbol.name.clone(),
                kind: symbol.kind,
                container: container_name(index, id),
                location: index.name_location(id),
            }
        })
        .collect()
}

/// How well `name` matches `query` (lowercase), lower is better: the same
/// name, a prefix, a substring, or the query's characters in order.
fn fuzzy_score(query: &[char], name: &str) -> Option<u8> {
    let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    if name == query {
        return Some(0);
    }
    if name.starts_with(query) {
        return Some(1);
    }
    if name.windows(query.len()).any(|window| window == query) {
        return Some(2);
    }
    let mut rest = name.iter();
    query.iter().all(|c| rest.any(|n| n == c)).then_some(3)
}

/// What a symbol is listed in: its parent (an interface or world by its
/// qualified name), or for interfaces and worlds their package.
fn container_name(index: &Index, id: SymbolId) -> Option<String> {
    let symbol = &index.symbols[id];
    match symbol.parent.map(|parent| (parent, &index.symbols[parent])) {
        Some((parent, parent_symbol)) if parent_symbol.kind != SymbolKind::Package => {
            Some(qualified_name(index, parent))
        }
        _ if symbol.kind == SymbolKind::Package => None,
        _ => index.packages[symbol.package]
            .name
            .as_ref()
            .map(ToString::to_string),
    }
}

/// `ns:pkg/name@version` for an interface or world; other symbols' names.
pub(super) fn qualified_name(index: &Index, id: SymbolId) -> String {
    let symbol = &index.symbols[id];
    if !matches!(symbol.kind, SymbolKind::Interface | SymbolKind::World) {
        return symbol.name.clone();
    }
    match &index.packages[symbol.package].name {
        Some(package) => {
            let mut name = format!("{}:{}/{}", package.namespace, package.name, symbol.name);
            if let Some(version) = &package.version {
                name.push('@');
                name.push_str(version);
            }
            name
        }
        None => symbol.name.clone(),
    }
}
