#!/usr/bin/env bash
# The grammar's own checks: the committed parser is what grammar.js generates,
# and tree-sitter's corpus, highlight and tag tests pass.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_tree_sitter_cli

grammar=grammars/tree-sitter-wit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cp -r "$grammar/grammar.js" "$grammar/tree-sitter.json" "$grammar/src" "$scratch/"
(cd "$scratch" && tree-sitter generate >/dev/null)
stale=0
for file in parser.c grammar.json node-types.json tree_sitter/parser.h tree_sitter/alloc.h tree_sitter/array.h; do
  if ! cmp -s "$scratch/src/$file" "$grammar/src/$file"; then
    echo "error: $grammar/src/$file does not match grammar.js; run 'tree-sitter generate' in $grammar" >&2
    stale=1
  fi
done
[ "$stale" = 0 ] || exit 1
echo "grammar: committed parser matches grammar.js (tree-sitter $TREE_SITTER_CLI_VERSION)"

# tree-sitter test compiles the grammar into its cache; keep that out of $HOME.
export XDG_CACHE_HOME="$scratch/cache" TREE_SITTER_DIR="$scratch/config"
(cd "$grammar" && tree-sitter test)
