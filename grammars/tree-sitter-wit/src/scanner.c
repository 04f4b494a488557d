// External scanner for WIT comments.
//
// Block comments nest (`/* a /* b */ c */`), which a regular token cannot
// express, so all comments are lexed here. Doc comments are `///` lines and
// `/** */` blocks; `////` and `/**/` are plain comments, as in Rust.
//
// wit-parser rejects control characters (other than tab and line breaks) and
// bidirectional-override code points anywhere in a file, comments included.
// A comment containing one is not a token, so the character surfaces as a
// syntax error where it stands.

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

enum TokenType {
  COMMENT,
  DOC_COMMENT,
};

void *tree_sitter_wit_external_scanner_create(void) { return NULL; }

void tree_sitter_wit_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_wit_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_wit_external_scanner_deserialize(void *payload, const char *buffer,
                                                  unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_forbidden(int32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  if (c >= 0x202a && c <= 0x202e) return true;
  if (c >= 0x2066 && c <= 0x2069) return true;
  switch (c) {
    case 0x149:
    case 0x673:
    case 0xf77:
    case 0xf79:
    case 0x17a3:
    case 0x17a4:
    case 0x17b4:
    case 0x17b5:
      return true;
    default:
      return false;
  }
}

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static bool scan_line_comment(TSLexer *lexer, const bool *valid_symbols) {
  // After `//`.
  bool doc = false;
  if (lexer->lookahead == '/') {
    advance(lexer);
    doc = lexer->lookahead != '/';
  }
  // The comment ends before `\n` or `\r\n`; a lone `\r` belongs to it.
  lexer->mark_end(lexer);
  while (!lexer->eof(lexer) && lexer->lookahead != '\n') {
    if (is_forbidden(lexer->lookahead)) return false;
    bool carriage_return = lexer->lookahead == '\r';
    advance(lexer);
    if (carriage_return && lexer->lookahead == '\n') break;
    lexer->mark_end(lexer);
  }
  enum TokenType type = doc ? DOC_COMMENT : COMMENT;
  if (!valid_symbols[type]) return false;
  lexer->result_symbol = type;
  return true;
}

static bool scan_block_comment(TSLexer *lexer, const bool *valid_symbols) {
  // After `/*`.
  bool doc = false;
  if (lexer->lookahead == '*') {
    advance(lexer);
    if (lexer->lookahead == '/') {
      // `/**/` is an empty plain comment.
      advance(lexer);
      lexer->mark_end(lexer);
      if (!valid_symbols[COMMENT]) return false;
      lexer->result_symbol = COMMENT;
      return true;
    }
    doc = lexer->lookahead != '*';
  }
  unsigned depth = 1;
  while (depth > 0) {
    if (lexer->eof(lexer)) return false;
    int32_t c = lexer->lookahead;
    if (is_forbidden(c)) return false;
    advance(lexer);
    if (c == '/' && lexer->lookahead == '*') {
      advance(lexer);
      depth++;
    } else if (c == '*' && lexer->lookahead == '/') {
      advance(lexer);
      depth--;
    }
  }
  lexer->mark_end(lexer);
  enum TokenType type = doc ? DOC_COMMENT : COMMENT;
  if (!valid_symbols[type]) return false;
  lexer->result_symbol = type;
  return true;
}

bool tree_sitter_wit_external_scanner_scan(void *payload, TSLexer *lexer,
                                           const bool *valid_symbols) {
  (void)payload;
  if (!valid_symbols[COMMENT] && !valid_symbols[DOC_COMMENT]) return false;
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\n' ||
         lexer->lookahead == '\r' || lexer->lookahead == 0xfeff) {
    lexer->advance(lexer, true);
  }
  if (lexer->lookahead != '/') return false;
  advance(lexer);
  if (lexer->lookahead == '/') {
    advance(lexer);
    return scan_line_comment(lexer, valid_symbols);
  }
  if (lexer->lookahead == '*') {
    advance(lexer);
    return scan_block_comment(lexer, valid_symbols);
  }
  return false;
}
