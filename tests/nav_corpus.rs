//! Name resolution (`wit_analysis::nav`) against wit-parser on the shared
//! corpus: in every unit wasm-tools accepts, every reference resolves, and
//! where wit-parser resolved a `use`, the index's definition of the use name
//! is where wit-parser's original type is defined.

use std::path::{Path, PathBuf};

use wit_analysis::nav::{Index, Location};
use wit_analysis::{PackageSource, Workspace};
use wit_lsp_tests::{Verdict, corpus_dir, manifest};
use wit_parser::{Resolve, Type, TypeDefKind, TypeId};

/// When `id` was made by a `use`, the type it brings in (as `lint.rs` tells).
fn used_from(resolve: &Resolve, id: TypeId) -> Option<TypeId> {
    let def = &resolve.types[id];
    match def.kind {
        TypeDefKind::Type(Type::Id(target)) if resolve.types[target].owner != def.owner => {
            Some(target)
        }
        _ => None,
    }
}

fn location(resolve: &Resolve, span: wit_parser::Span) -> Option<Location> {
    let location = resolve.source_map.resolve_span(span)?;
    Some(Location {
        path: PathBuf::from(location.path),
        range: location.range,
    })
}

fn render(corpus: &Path, index: &Index, location: &Location) -> String {
    let text = index.text(&location.path).unwrap_or("");
    let line = text[..location.range.start.min(text.len())]
        .lines()
        .count()
        .max(1);
    format!(
        "{}:{line} `{}`",
        location
            .path
            .strip_prefix(corpus)
            .unwrap_or(&location.path)
            .display(),
        text.get(location.range.clone()).unwrap_or("?")
    )
}

#[test]
fn corpus_names_resolve_as_in_wit_parser() {
    let corpus = corpus_dir();
    let (mut units, mut files, mut references, mut encoded) = (0, 0, 0, 0);
    let mut unresolved = Vec::new();
    let (mut uses, mut uses_agree) = (0, 0);
    let mut disagreements = Vec::new();
    let mut without_resolve = Vec::new();

    for unit in manifest(&corpus) {
        if unit.verdict != Verdict::Ok {
            continue;
        }
        let root = corpus.join(&unit.path);
        let analysis = unit.workspace(&corpus).analyze_root(&root).expect("loads");
        let Some(resolved) = &analysis.resolved else {
            without_resolve.push(unit.path.clone());
            continue;
        };
        units += 1;
        let start = std::time::Instant::now();
        let index = Index::new(&analysis.package, Some(resolved));
        let elapsed = start.elapsed();
        assert!(
            elapsed.as_secs() < 5,
            "{}: indexing took {elapsed:?}",
            unit.path
        );
        files += analysis.package.files().count();
        // Dependencies that are encoded components have no WIT to resolve into.
        let has_encoded = analysis
            .package
            .deps
            .iter()
            .any(|dep| matches!(dep, PackageSource::Encoded(_)));

        // (a) Every reference resolves.
        references += index.stats().references;
        if has_encoded {
            encoded += 1;
        } else {
            for missing in index.unresolved() {
                unresolved.push(format!(
                    "{}: unresolved {} {}",
                    unit.path,
                    missing.kind,
                    render(&corpus, &index, &missing.location)
                ));
            }
        }

        // (b) The definition of each use name is wit-parser's original.
        let resolve = &resolved.resolve;
        for (id, def) in resolve.types.iter() {
            if used_from(resolve, id).is_none() {
                continue;
            }
            let Some(use_site) = location(resolve, def.span) else {
                continue;
            };
            // Through `use`s of `use`s to the definition.
            let mut original = id;
            while let Some(next) = used_from(resolve, original) {
                original = next;
            }
            let Some(expected) = location(resolve, resolve.types[original].span) else {
                continue;
            };
            uses += 1;
            let found = index.definition(&use_site.path, use_site.range.start);
            if found == [expected.clone()] {
                uses_agree += 1;
            } else {
                disagreements.push(format!(
                    "{}: at {}: wit-parser {}, index {:?}",
                    unit.path,
                    render(&corpus, &index, &use_site),
                    render(&corpus, &index, &expected),
                    found
                        .iter()
                        .map(|location| render(&corpus, &index, location))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }

    println!(
        "nav: {units} units ({files} files, {references} references; \
         {encoded} units with encoded deps not checked for (a)); \
         (a) unresolved references: {}; \
         (b) use names at wit-parser's definition: {uses_agree}/{uses}; \
         valid units wit-parser did not resolve: {}",
        unresolved.len(),
        without_resolve.len()
    );
    assert!(
        unresolved.is_empty(),
        "unresolved references in valid WIT:\n{}",
        unresolved.join("\n")
    );
    assert!(
        disagreements.is_empty(),
        "use names whose definition differs from wit-parser's:\n{}",
        disagreements.join("\n")
    );
}

/// The wasi-http package of wasmtime: its own package is one world; the names
/// come from `wasi:io`, `wasi:clocks` and the rest in `deps/`.
fn wasi_http() -> (PathBuf, Index) {
    let corpus = corpus_dir();
    let root = corpus.join("wasmtime/crates/wasi-http/wit");
    let analysis = Workspace::from_paths([&root])
        .analyze_root(&root)
        .expect("loads");
    let index = Index::new(&analysis.package, analysis.resolved.as_ref());
    (root, index)
}

/// The offset of `needle` in `path` (its first occurrence), plus `delta`.
fn offset(index: &Index, path: &Path, needle: &str, delta: usize) -> usize {
    let text = index.text(path).expect("indexed");
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle} is not in {}", path.display()))
        + delta
}

fn text_at<'a>(index: &'a Index, location: &Location) -> &'a str {
    &index.text(&location.path).unwrap()[location.range.clone()]
}

#[test]
fn wasi_http_names_from_deps() {
    let (root, index) = wasi_http();
    let http = root.join("deps/http.wit");
    let io = root.join("deps/io.wit");
    let clocks = root.join("deps/clocks.wit");
    assert!(index.contains(&http) && index.contains(&io) && index.contains(&clocks));

    // `duration` comes from `wasi:clocks/monotonic-clock`.
    let at = offset(&index, &http, "{duration}", 1);
    let found = index.definition(&http, at);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, clocks);
    assert_eq!(text_at(&index, &found[0]), "duration");
    let clocks_text = index.text(&clocks).unwrap();
    assert!(clocks_text[..found[0].range.start].ends_with("type "));

    // A type used through `use wasi:io/streams@0.2.12.{input-stream, …}`.
    let at = offset(&index, &http, "-> result<input-stream>", 12);
    let found = index.definition(&http, at);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, io);
    assert_eq!(text_at(&index, &found[0]), "input-stream");
    let declaration = index.declaration(&http, at);
    assert_eq!(declaration[0].path, http);
    assert_eq!(
        declaration[0].range.start,
        offset(&index, &http, "{input-stream", 1)
    );

    // `error as io-error`: the alias is declared in http.wit, defined in io.wit.
    let at = offset(&index, &http, "as io-error", 3);
    let found = index.definition(&http, at);
    assert_eq!(found[0].path, io);
    assert_eq!(text_at(&index, &found[0]), "error");

    // Every use of `pollable`, across the dependencies.
    let at = offset(&index, &io, "resource pollable", 9);
    let references = index.references(&io, at, true);
    let files: std::collections::BTreeSet<_> = references
        .iter()
        .map(|location| location.path.clone())
        .collect();
    assert!(files.contains(&http) && files.contains(&clocks) && files.contains(&io));
    assert!(
        references
            .iter()
            .all(|location| text_at(&index, location) == "pollable")
    );
    println!(
        "`pollable`: {} references; {:?}",
        references.len(),
        index.stats()
    );

    // Hover shows the definition in `wasi:io`.
    let at = offset(&index, &http, "-> result<input-stream>", 12);
    let hover = index.hover(&http, at).expect("a hover");
    assert!(
        hover.markdown.contains("resource input-stream"),
        "{}",
        hover.markdown
    );
    assert!(
        hover
            .markdown
            .contains("defined in `wasi:io@0.2.12` / interface `streams`"),
        "{}",
        hover.markdown
    );

    // A world in the root's own package, elaborated through its include.
    let world = root.join("world.wit");
    let at = offset(&index, &world, "world bindings", 7);
    let hover = index.hover(&world, at).expect("a hover");
    assert!(
        hover
            .markdown
            .contains("- `interface wasi:http/incoming-handler@0.2.12`\n"),
        "{}",
        hover.markdown
    );
    // The include's path reaches into deps/.
    let at = offset(&index, &world, "proxy@", 0);
    let found = index.definition(&world, at);
    assert_eq!(found[0].path, http);
    assert_eq!(text_at(&index, &found[0]), "proxy");

    // Renaming anything of a dependency is refused.
    let error = index.rename(&http, offset(&index, &http, "{duration}", 1), "span");
    assert_eq!(
        error.unwrap_err().to_string(),
        "cannot rename `duration`: it is defined in the dependency package `wasi:clocks@0.2.12`"
    );
}

/// Every query at many offsets of every file of every unit, valid or not:
/// no panics, and answers that point into indexed files.
#[test]
fn queries_never_panic_on_the_corpus() {
    let corpus = corpus_dir();
    let mut queries = 0;
    for unit in manifest(&corpus) {
        let root = corpus.join(&unit.path);
        let Ok(package) = Workspace::from_paths([&root]).load(&root) else {
            continue;
        };
        let index = Index::new(&package, None);
        for file in package.files() {
            let path = file.path.as_path();
            let _ = index.document_symbols(path);
            let len = file.text.len();
            // Every offset of small files, a sample of large ones.
            let step = (len / 1000).max(1);
            for offset in (0..=len).step_by(step) {
                queries += 1;
                let mut locations = index.definition(path, offset);
                locations.extend(index.declaration(path, offset));
                locations.extend(index.type_definition(path, offset));
                locations.extend(index.references(path, offset, true));
                for location in &locations {
                    let text = index.text(&location.path).expect("an indexed file");
                    assert!(text.get(location.range.clone()).is_some(), "{location:?}");
                }
                let _ = index.highlights(path, offset);
                let _ = index.hover(path, offset);
                if index.prepare_rename(path, offset).is_ok() {
                    let edits = index.rename(path, offset, "renamed").expect("renames");
                    assert!(!edits.is_empty());
                }
            }
        }
        let _ = index.workspace_symbols("a");
    }
    println!("nav: {queries} offsets queried");
}
