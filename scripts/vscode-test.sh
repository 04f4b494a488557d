#!/usr/bin/env bash
# End-to-end test of the VS Code extension (editors/vscode) in a real VS Code:
# builds the extension into a .vsix, installs it into code-server, opens
# editors/vscode/test/workspace and drives the workbench with headless
# Chromium (editors/vscode/test/e2e.js). Prints `N passed, N failed`; exits 1
# on failure, with screenshots in $WIT_LSP_VSCODE_RESULTS (default
# editors/vscode/test-results).
#
#   WIT_LSP_SERVER=/bin/false bash scripts/vscode-test.sh   # must fail
#
# WIT_LSP_SERVER: the server binary to test (default: the debug build,
# `cargo build -p wit-lsp` first). Tools (code-server, playwright-core, apt
# packages) come from scripts/tools.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/tools.sh

ensure_code_server

ext="$root/editors/vscode"
results=${WIT_LSP_VSCODE_RESULTS:-$ext/test-results}
rm -rf "$results" && mkdir -p "$results"

# The extension: dependencies from the lock file, typecheck, bundle, package.
(
  cd "$ext"
  lock=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat node_modules/.lock-sha256 2>/dev/null)" != "$lock" ]; then
    npm_config_cache="$VSCODE_NPM_CACHE" npm ci --no-audit --no-fund --loglevel=error
    echo "$lock" >node_modules/.lock-sha256
  fi
  npm run --silent typecheck
  npm run --silent package >/dev/null
)
vsix="$ext/wit-lsp.vsix"

# The server.
if [ -n "${WIT_LSP_SERVER:-}" ]; then
  server=$WIT_LSP_SERVER
else
  cargo build --quiet --locked -p wit-lsp
  server="${CARGO_TARGET_DIR:-$root/target}/debug/wit-lsp"
fi
case $server in /*) ;; *) server="$root/$server" ;; esac

# A scratch VS Code: user data, extensions, XDG dirs and a copy of the workspace.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/wit-lsp-vscode.XXXXXX")
cs_pid=
cleanup() {
  # code-server and its children: the process group setsid gave it.
  if [ -n "$cs_pid" ]; then kill -- "-$cs_pid" 2>/dev/null || true; wait "$cs_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$scratch/xdg/config" XDG_DATA_HOME="$scratch/xdg/data" XDG_CACHE_HOME="$scratch/xdg/cache"
mkdir -p "$scratch/user/User" "$scratch/extensions"
cp -r "$ext/test/workspace" "$scratch/workspace"
# The example greeter and its component, for the Run lens.
mkdir -p "$scratch/workspace/greeter"
cp examples/greeter/wit/greeter.wit examples/greeter/greeter.wat "$scratch/workspace/greeter/"

# The server starts 3 s late, so that the test sees the TextMate grammar's
# colours before the server can answer; it is still wit-lsp.server.path.
cat >"$scratch/server" <<SH
#!/bin/sh
sleep 3
exec "$server" "\$@"
SH
chmod +x "$scratch/server"

cat >"$scratch/user/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "files.autoSave": "off",
  "editor.codeLens": true,
  "wit-lsp.server.path": "$scratch/server",
  "wit-lsp.run.component": { "host": "greeter/greeter.wat" },
  "wit-lsp.run.cache": false
}
JSON

code_server=("$CODE_SERVER" --user-data-dir "$scratch/user" --extensions-dir "$scratch/extensions")
"${code_server[@]}" --install-extension "$vsix" >"$scratch/install.log" 2>&1 \
  || { cat "$scratch/install.log" >&2; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid "${code_server[@]}" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$scratch/workspace" >"$results/code-server.log" 2>&1 &
cs_pid=$!
for _ in $(seq 150); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$cs_pid" 2>/dev/null || { cat "$results/code-server.log" >&2; exit 1; }
  sleep 0.2
done

echo "vscode-test: code-server $CODE_SERVER_VERSION, server $server" >&2
status=0
PLAYWRIGHT_CORE="$VSCODE_TOOLS/pw/node_modules/playwright-core" \
  node "$ext/test/e2e.js" "http://127.0.0.1:$port/" "$results" || status=$?
# The extension host's log (the server's stderr included), for failures.
find "$scratch/user/logs" -name '*wit-lsp*.log' -exec cp {} "$results/" \; 2>/dev/null || true
exit $status
