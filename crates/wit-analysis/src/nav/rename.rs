//! Renames.
//!
//! A rename renames a canonical symbol (see `Index::canonical`): its
//! definition and every reference to it, including those through `use`s
//! without `as` and the original names in `use … {a as b}` lists, but not
//! aliases' own names. Renaming an alias renames it and what refers to it.
//! Fields, cases, flags, methods and parameters have no references: only
//! their definitions change.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::{At, FileEdits, Index, Location, RenameError, SymbolId, SymbolKind, TextEdit};

/// The symbol a rename at `offset` renames, and the name under the cursor.
pub(super) fn prepare(
    index: &Index,
    path: &Path,
    offset: usize,
) -> Result<(SymbolId, Location), RenameError> {
    let at = index
        .at(path, offset)
        .ok_or_else(|| RenameError("there is no name here to rename".to_owned()))?;
    let symbol = match at {
        At::Ref(id) => index.refs[id].target,
        At::Def(id) => Some(id),
    }
    .ok_or_else(|| RenameError("there is no name here to rename".to_owned()))?;
    let canonical = index.canonical[symbol];
    check(index, canonical)?;
    Ok((
        canonical,
        Location {
            path: path.to_path_buf(),
            range: index.range_at(at),
        },
    ))
}

fn check(index: &Index, id: SymbolId) -> Result<(), RenameError> {
    let symbol = &index.symbols[id];
    let name = &symbol.name;
    match symbol.kind {
        SymbolKind::Package => {
            return Err(RenameError(format!(
                "cannot rename `{name}`: packages cannot be renamed"
            )));
        }
        SymbolKind::Constructor => {
            return Err(RenameError(
                "cannot rename a constructor: it has no name".to_owned(),
            ));
        }
        SymbolKind::UseName if !symbol.aliased => {
            // A `use` without `as` whose original was not found: its name
            // must stay that of the original.
            return Err(RenameError(format!(
                "cannot rename `{name}`: the item it brings in was not found"
            )));
        }
        _ => {}
    }
    if !symbol.navigable {
        return Err(RenameError(format!("cannot rename `{name}`")));
    }
    if index.is_dep(id) {
        let package = index.packages[symbol.package].display_name();
        return Err(RenameError(format!(
            "cannot rename `{name}`: it is defined in the dependency package `{package}`"
        )));
    }
    Ok(())
}

pub(super) fn rename(
    index: &Index,
    path: &Path,
    offset: usize,
    new_name: &str,
) -> Result<Vec<FileEdits>, RenameError> {
    let (symbol, _) = prepare(index, path, offset)?;
    let new_text = spelling(new_name)?;
    let mut by_file: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    let definition = &index.symbols[symbol];
    by_file
        .entry(definition.file)
        .or_default()
        .push(definition.name_range.clone());
    for &id in index.refs_to.get(&symbol).into_iter().flatten() {
        let reference = &index.refs[id];
        by_file
            .entry(reference.file)
            .or_default()
            .push(reference.range.clone());
    }
    Ok(by_file
        .into_iter()
        .map(|(file, mut ranges)| {
            ranges.sort_by_key(|range| (range.start, range.end));
            ranges.dedup();
            FileEdits {
                path: index.files[file].path.clone(),
                edits: ranges
                    .into_iter()
                    .map(|range| TextEdit {
                        range,
                        new_text: new_text.clone(),
                    })
                    .collect(),
            }
        })
        .collect())
}

/// How `new_name` is written in WIT: as given when it is a valid identifier,
/// `%`-escaped when it is a keyword.
fn spelling(new_name: &str) -> Result<String, RenameError> {
    let bare = new_name.strip_prefix('%').unwrap_or(new_name);
    if !is_identifier(bare) {
        return Err(RenameError(format!(
            "cannot rename to `{new_name}`: it is not a valid WIT identifier \
             (words of lowercase letters and digits, or of uppercase letters and digits, \
             joined by `-`, the first starting with a letter)"
        )));
    }
    if wit_syntax::KEYWORDS.contains(&bare) {
        return Ok(format!("%{bare}"));
    }
    Ok(new_name.to_owned())
}

/// wit-parser's lexer rule (`validate_id`): dash-separated words, each all
/// lowercase or all uppercase ASCII letters and digits; the first word starts
/// with a letter.
pub(super) fn is_identifier(name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    name.split('-').enumerate().all(|(i, word)| {
        let Some(first) = word.chars().next() else {
            return false;
        };
        if i == 0 && !first.is_ascii_alphabetic() {
            return false;
        }
        let lower = word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let upper = word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        lower || upper
    })
}
