// Finding the `wit-lsp` binary: the `wit-lsp.server.path` setting, the binary
// bundled in the extension's `server/` folder (platform-specific packages),
// then `wit-lsp` on PATH.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface ServerBinary {
  command: string;
  /// Where it was found, for the output channel and the status tooltip.
  source: 'setting' | 'bundled' | 'PATH';
}

export interface Action {
  title: string;
  run: () => Thenable<unknown>;
}

export type Found = { ok: true; server: ServerBinary } | { ok: false; message: string; actions: Action[] };

const EXE = process.platform === 'win32' ? 'wit-lsp.exe' : 'wit-lsp';
const INSTALL_URL = 'https://github.com/wit-lsp/wit-lsp#quick-start';

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/// `~`, `${workspaceFolder}` and `${userHome}` expanded; relative paths from
/// the first workspace folder.
export function expandPath(setting: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let expanded = setting
    .replace(/^~(?=$|[\\/])/, os.homedir())
    .replace(/\$\{userHome\}/g, os.homedir());
  if (folder) {
    expanded = expanded.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (!path.isAbsolute(expanded) && folder && /[\\/]/.test(expanded)) {
    expanded = path.join(folder, expanded);
  }
  return expanded;
}

function onPath(name: string): string | undefined {
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const extension of extensions) {
      const candidate = path.join(dir, name.endsWith(extension) ? name : name + extension);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

const openSetting: Action = {
  title: 'Set wit-lsp.server.path',
  run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'wit-lsp.server.path'),
};

const howToInstall: Action = {
  title: 'How to install',
  run: () => vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL)),
};

export async function findServer(context: vscode.ExtensionContext): Promise<Found> {
  const setting = vscode.workspace.getConfiguration('wit-lsp').get<string>('server.path', '').trim();
  if (setting) {
    const expanded = expandPath(setting);
    // A bare name is looked up on PATH, as a shell would.
    const resolved = /[\\/]/.test(expanded) ? expanded : (onPath(expanded) ?? expanded);
    if (isExecutable(resolved)) {
      return { ok: true, server: { command: resolved, source: 'setting' } };
    }
    return {
      ok: false,
      message: `wit-lsp: the server in the setting wit-lsp.server.path (${setting}) is not an executable file. Fix the setting, or clear it to use the bundled server or wit-lsp on PATH.`,
      actions: [openSetting, howToInstall],
    };
  }
  const bundled = vscode.Uri.joinPath(context.extensionUri, 'server', EXE).fsPath;
  if (isExecutable(bundled)) {
    return { ok: true, server: { command: bundled, source: 'bundled' } };
  }
  const found = onPath(EXE);
  if (found) {
    return { ok: true, server: { command: found, source: 'PATH' } };
  }
  return {
    ok: false,
    message:
      'wit-lsp: the language server was not found: no wit-lsp.server.path setting, no server bundled with the extension, no wit-lsp on PATH. Install it with `cargo install --locked --path crates/wit-lsp` (from a clone of wit-lsp), or set wit-lsp.server.path to the binary.',
    actions: [openSetting, howToInstall],
  };
}
