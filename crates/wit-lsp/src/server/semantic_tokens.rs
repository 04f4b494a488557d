//! `textDocument/semanticTokens/full` and `/range`: the analysis' tokens in
//! the legend below, as LSP's relative deltas in the negotiated encoding.
//! The legend is documented in `docs/server.md`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use wit_analysis::nav::{SemanticToken as Token, TokenKind, TokenModifiers};
use wit_syntax::LineIndex;

use super::Backend;
use super::position::{PositionEncoding, PositionMapper};

/// The token types, in the order of their indices.
const TOKEN_TYPES: [SemanticTokenType; 18] = [
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::INTERFACE,
    SemanticTokenType::TYPE,
    SemanticTokenType::STRUCT,
    SemanticTokenType::ENUM,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::CLASS,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::METHOD,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::DECORATOR,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::COMMENT,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::OPERATOR,
];

/// The token modifiers, each the bit of its index, and the analysis' flag for it.
const TOKEN_MODIFIERS: [(SemanticTokenModifier, TokenModifiers); 6] = [
    (
        SemanticTokenModifier::DECLARATION,
        TokenModifiers::DECLARATION,
    ),
    (
        SemanticTokenModifier::DOCUMENTATION,
        TokenModifiers::DOCUMENTATION,
    ),
    (
        SemanticTokenModifier::DEPRECATED,
        TokenModifiers::DEPRECATED,
    ),
    (
        SemanticTokenModifier::DEFAULT_LIBRARY,
        TokenModifiers::BUILTIN,
    ),
    (SemanticTokenModifier::STATIC, TokenModifiers::STATIC),
    (SemanticTokenModifier::ASYNC, TokenModifiers::ASYNC),
];

pub(super) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: TOKEN_MODIFIERS.iter().map(|(lsp, _)| lsp.clone()).collect(),
    }
}

/// The LSP type of a kind of token.
fn token_type(kind: TokenKind) -> SemanticTokenType {
    match kind {
        TokenKind::Package | TokenKind::World => SemanticTokenType::NAMESPACE,
        TokenKind::Interface => SemanticTokenType::INTERFACE,
        TokenKind::TypeAlias | TokenKind::Type => SemanticTokenType::TYPE,
        TokenKind::Record | TokenKind::Flags => SemanticTokenType::STRUCT,
        TokenKind::Variant | TokenKind::Enum => SemanticTokenType::ENUM,
        TokenKind::VariantCase | TokenKind::EnumCase | TokenKind::Flag => {
            SemanticTokenType::ENUM_MEMBER
        }
        TokenKind::Resource => SemanticTokenType::CLASS,
        TokenKind::Function => SemanticTokenType::FUNCTION,
        TokenKind::Method => SemanticTokenType::METHOD,
        TokenKind::Parameter => SemanticTokenType::PARAMETER,
        TokenKind::Field => SemanticTokenType::PROPERTY,
        TokenKind::Feature => SemanticTokenType::VARIABLE,
        TokenKind::Attribute => SemanticTokenType::DECORATOR,
        TokenKind::Keyword => SemanticTokenType::KEYWORD,
        TokenKind::Comment => SemanticTokenType::COMMENT,
        TokenKind::String => SemanticTokenType::STRING,
        TokenKind::Number => SemanticTokenType::NUMBER,
        TokenKind::Operator => SemanticTokenType::OPERATOR,
    }
}

fn type_index(kind: TokenKind) -> u32 {
    let wanted = token_type(kind);
    let index = TOKEN_TYPES.iter().position(|ty| *ty == wanted);
    index.map_or(0, |index| index as u32)
}

fn modifier_bits(modifiers: TokenModifiers) -> u32 {
    TOKEN_MODIFIERS
        .iter()
        .enumerate()
        .filter(|(_, (_, flag))| modifiers.contains(*flag))
        .fold(0, |bits, (bit, _)| bits | 1 << bit)
}

pub(super) async fn full(
    backend: &Backend,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let encoding = backend.state().encoding;
    let answer = backend
        .query(&params.text_document.uri, None, move |index, cursor, _| {
            let text = index.text(&cursor.path)?;
            let tokens = index.semantic_tokens(&cursor.path, None);
            Some(encode(text, &tokens, encoding))
        })
        .await?;
    Ok(answer.flatten().map(SemanticTokensResult::Tokens))
}

pub(super) async fn range(
    backend: &Backend,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let encoding = backend.state().encoding;
    let wanted = params.range;
    let answer = backend
        .query(&params.text_document.uri, None, move |index, cursor, _| {
            let text = index.text(&cursor.path)?;
            let line_index = LineIndex::new(text);
            let mapper = PositionMapper::new(text, &line_index, encoding);
            // A range past the end of the text ends with it.
            let start = mapper.offset(wanted.start).unwrap_or(text.len());
            let end = mapper.offset(wanted.end).unwrap_or(text.len());
            let tokens = index.semantic_tokens(&cursor.path, Some(start..end));
            Some(encode(text, &tokens, encoding))
        })
        .await?;
    Ok(answer.flatten().map(SemanticTokensRangeResult::Tokens))
}

/// Tokens as LSP sends them: each relative to the one before, in `encoding`.
fn encode(text: &str, tokens: &[Token], encoding: PositionEncoding) -> SemanticTokens {
    let line_index = LineIndex::new(text);
    let mapper = PositionMapper::new(text, &line_index, encoding);
    let mut previous = Position::new(0, 0);
    let data = tokens
        .iter()
        .map(|token| {
            let Range { start, end } = mapper.range(token.range.clone());
            // Tokens never span lines, so the length is the difference of characters.
            let length = end.character.saturating_sub(start.character);
            let delta_line = start.line.saturating_sub(previous.line);
            let delta_start = match delta_line {
                0 => start.character.saturating_sub(previous.character),
                _ => start.character,
            };
            previous = start;
            SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type: type_index(token.kind),
                token_modifiers_bitset: modifier_bits(token.modifiers),
            }
        })
        .collect();
    SemanticTokens {
        result_id: None,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_modifier_is_in_the_legend() {
        let kinds = [
            TokenKind::Package,
            TokenKind::Interface,
            TokenKind::World,
            TokenKind::Record,
            TokenKind::Variant,
            TokenKind::Enum,
            TokenKind::Flags,
            TokenKind::Resource,
            TokenKind::TypeAlias,
            TokenKind::Type,
            TokenKind::Function,
            TokenKind::Method,
            TokenKind::Parameter,
            TokenKind::Field,
            TokenKind::VariantCase,
            TokenKind::EnumCase,
            TokenKind::Flag,
            TokenKind::Attribute,
            TokenKind::Feature,
            TokenKind::Keyword,
            TokenKind::Comment,
            TokenKind::String,
            TokenKind::Number,
            TokenKind::Operator,
        ];
        let mut used: Vec<SemanticTokenType> = kinds.into_iter().map(token_type).collect();
        used.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        used.dedup();
        let mut legend = TOKEN_TYPES.to_vec();
        legend.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        assert_eq!(used, legend, "every legend type is used, and only those");
        assert_eq!(
            modifier_bits(TokenModifiers::DECLARATION | TokenModifiers::ASYNC),
            0b10_0001
        );
    }
}
