# Sourced by the test and CI scripts: installs the pinned tools they need into
# $WIT_LSP_TOOLS (default ~/.cache/wit-lsp/tools) unless already there.

WIT_LSP_TOOLS=${WIT_LSP_TOOLS:-$HOME/.cache/wit-lsp/tools}
export WIT_LSP_TOOLS
export PATH="$WIT_LSP_TOOLS/bin:$PATH"

# The tree-sitter CLI that generated grammars/tree-sitter-wit/src/parser.c.
TREE_SITTER_CLI_VERSION=0.27.1

ensure_tree_sitter_cli() {
  if [ "$(tree-sitter --version 2>/dev/null | awk '{print $2}')" = "$TREE_SITTER_CLI_VERSION" ]; then
    return
  fi
  echo "installing tree-sitter-cli $TREE_SITTER_CLI_VERSION into $WIT_LSP_TOOLS" >&2
  # Its own target dir, so a shared CARGO_TARGET_DIR keeps no stale CLI build.
  CARGO_TARGET_DIR="$WIT_LSP_TOOLS/build" cargo install --quiet --locked \
    --root "$WIT_LSP_TOOLS" tree-sitter-cli --version "$TREE_SITTER_CLI_VERSION"
  rm -rf "$WIT_LSP_TOOLS/build"
}
