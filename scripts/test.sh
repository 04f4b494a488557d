#!/usr/bin/env bash
# Every test of the project: the Rust workspace (unit, corpus and end-to-end
# tests) and the grammar's checks. Needs ../shared/corpus (or $WIT_CORPUS).
set -euo pipefail
cd "$(dirname "$0")/.."

# --show-output: the corpus tests print their agreement counts.
cargo test --workspace --locked -- --show-output
bash scripts/grammar-check.sh
# The Neovim plugin (editors/neovim), end to end in a real headless Neovim.
bash scripts/neovim-test.sh
# The VS Code extension (editors/vscode): typecheck, build, and end to end in
# a real VS Code (code-server driven by headless Chromium).
bash scripts/vscode-test.sh
