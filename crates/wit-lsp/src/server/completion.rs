//! `textDocument/completion`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use wit_analysis::nav::{Completion, CompletionKind};

use super::Backend;
use super::requests::Locator;

/// The most items one answer carries. A longer list (every interface of a
/// large package after `use`) is narrowed to what the typed word matches, then
/// cut, and marked incomplete so that the editor asks again as the word grows
/// or shrinks: hundreds of kilobytes of JSON per keystroke help nobody.
const MAX_ITEMS: usize = 200;

/// What may start a completion besides a word: a path's `ns:`, `pkg/` and
/// `@version`, a `use`'s `.{`, a type argument's `<`, a gate's `@`.
pub(super) const TRIGGER_CHARACTERS: [&str; 6] = [":", "/", ".", "{", "<", "@"];

pub(super) async fn completion(
    backend: &Backend,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let position = params.text_document_position;
    let snippets = backend
        .capabilities
        .get()
        .and_then(|capabilities| capabilities.text_document.as_ref()?.completion.as_ref())
        .and_then(|completion| completion.completion_item.as_ref()?.snippet_support)
        .unwrap_or(false);
    let answer = backend
        .query(
            &position.text_document.uri,
            Some(position.position),
            move |index, cursor, locator| {
                let mut completions = index.completions(&cursor.path, cursor.offset);
                let is_incomplete = completions.len() > MAX_ITEMS;
                if is_incomplete {
                    let typed = completions
                        .first()
                        .and_then(|completion| completion.replace.clone())
                        .and_then(|word| index.text(&cursor.path)?.get(word))
                        .unwrap_or("");
                    completions.retain(|completion| fuzzy_match(typed, &completion.label));
                    completions.truncate(MAX_ITEMS);
                }
                let items = completions
                    .into_iter()
                    .map(|completion| item(completion, &cursor.path, locator, snippets))
                    .collect();
                if is_incomplete {
                    CompletionResponse::List(CompletionList {
                        is_incomplete,
                        items,
                    })
                } else {
                    CompletionResponse::Array(items)
                }
            },
        )
        .await?;
    Ok(answer)
}

/// Whether `label` has the characters of `typed` in order, ignoring case and
/// a leading `%`, as editors match completions.
fn fuzzy_match(typed: &str, label: &str) -> bool {
    let typed = typed.strip_prefix('%').unwrap_or(typed);
    let mut label = label.chars().flat_map(char::to_lowercase);
    typed
        .chars()
        .flat_map(char::to_lowercase)
        .all(|wanted| label.any(|c| c == wanted))
}

fn item(
    completion: Completion,
    path: &std::path::Path,
    locator: &mut Locator<'_>,
    snippets: bool,
) -> CompletionItem {
    let text = completion
        .insert_text
        .unwrap_or_else(|| completion.label.clone());
    // A client without snippets gets the text with the placeholders' defaults.
    let (text, format) = match (completion.is_snippet, snippets) {
        (true, true) => (text, InsertTextFormat::SNIPPET),
        (true, false) => (plain_text(&text), InsertTextFormat::PLAIN_TEXT),
        (false, _) => (text, InsertTextFormat::PLAIN_TEXT),
    };
    let range = completion
        .replace
        .and_then(|range| locator.range(path, range));
    let (insert_text, text_edit) = match range {
        Some(range) => (
            None,
            Some(CompletionTextEdit::Edit(TextEdit {
                range,
                new_text: text,
            })),
        ),
        None => (Some(text), None),
    };
    CompletionItem {
        label: completion.label,
        kind: Some(kind(completion.kind)),
        detail: completion.detail,
        documentation: completion.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        insert_text,
        insert_text_format: Some(format),
        text_edit,
        ..CompletionItem::default()
    }
}

fn kind(kind: CompletionKind) -> CompletionItemKind {
    match kind {
        CompletionKind::Keyword | CompletionKind::Attribute => CompletionItemKind::KEYWORD,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
        CompletionKind::BuiltinType | CompletionKind::Type => CompletionItemKind::STRUCT,
        CompletionKind::Interface => CompletionItemKind::INTERFACE,
        CompletionKind::World | CompletionKind::Package => CompletionItemKind::MODULE,
        CompletionKind::Version => CompletionItemKind::VALUE,
    }
}

/// A snippet's text without its tab stops: `${1:name}` becomes `name`, `$1`
/// and `$0` go.
fn plain_text(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    // How many `${…` are open, whose `}` is not text.
    let mut open = 0;
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.next_if_eq(&'{').is_some() => {
                while chars.next_if(char::is_ascii_digit).is_some() {}
                chars.next_if_eq(&':');
                open += 1;
            }
            '$' => while chars.next_if(char::is_ascii_digit).is_some() {},
            '}' if open > 0 => open -= 1,
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fuzzy_match, plain_text};

    #[test]
    fn typed_characters_in_order() {
        assert!(fuzzy_match("", "anything"));
        assert!(fuzzy_match("rdap", "reading-api6033"));
        assert!(fuzzy_match("%Rea", "reading-api"));
        assert!(!fuzzy_match("apr", "reading-api"));
    }

    #[test]
    fn snippets_as_plain_text() {
        assert_eq!(
            plain_text("record ${1:name} {\n\t${2:field}: ${3:T},$0\n}"),
            "record name {\n\tfield: T,\n}"
        );
        assert_eq!(plain_text("${1:name}: func($2)$0;"), "name: func();");
    }
}
