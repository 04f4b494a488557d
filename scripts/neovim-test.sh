#!/usr/bin/env bash
# End-to-end test of the Neovim plugin (editors/neovim) in a real, headless
# Neovim 0.11 (installed into $WIT_LSP_TOOLS by scripts/tools.sh): attach,
# diagnostics, definition, completion, hover, rename, formatting, :WitCheck,
# :WitRun and code lenses, tree-sitter highlighting. Prints `N passed, N failed`
# and exits 1 when a test fails.
#
# The server is $CARGO_TARGET_DIR/debug/wit-lsp (built first), or the command in
# $WIT_LSP_SERVER, to show that the test fails with a broken server:
#   WIT_LSP_SERVER=/bin/false bash scripts/neovim-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

source scripts/tools.sh
ensure_neovim

target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$repo/$target" ;; esac
bin="$target/debug/wit-lsp"
if [ -z "${WIT_LSP_SERVER:-}" ]; then
  # A no-op when the binary is up to date.
  cargo build --quiet --locked -p wit-lsp
fi
server=${WIT_LSP_SERVER:-"$bin serve"}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The workspace: the fixture (a package with deps/, a broken package) and the
# greeter example with its component, configured as run.component by the test.
ws="$scratch/ws"
cp -R editors/neovim/test/fixture "$ws"
mkdir -p "$ws/greeter"
cp examples/greeter/wit/greeter.wit "$ws/greeter/"
cp examples/greeter/greeter.wat "$ws/"

# The tree-sitter parser from the committed sources, for the highlighting test
# (a fraction of a second).
parser_dir=""
grammar=grammars/tree-sitter-wit
if command -v cc >/dev/null; then
  parser_dir="$scratch/treesitter"
  mkdir -p "$parser_dir/parser"
  cc -shared -fPIC -O2 -I "$grammar/src" "$grammar/src/parser.c" "$grammar/src/scanner.c" \
    -o "$parser_dir/parser/wit.so"
else
  echo "no C compiler (cc): the tree-sitter test will fail" >&2
fi

# Neovim keeps its state, logs and caches in the scratch directory.
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export WIT_TEST_REPO="$repo" WIT_TEST_WORKSPACE="$ws" WIT_TEST_SERVER="$server" \
  WIT_TEST_PARSER_DIR="$parser_dir"
echo "neovim e2e: $("$NEOVIM_BIN" --version | head -n 1), server: $server" >&2
cd "$ws"
"$NEOVIM_BIN" --headless --clean --cmd "set rtp^=$repo/editors/neovim" \
  -l "$repo/editors/neovim/test/e2e.lua"
