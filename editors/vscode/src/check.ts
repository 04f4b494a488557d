// WIT: Check Workspace: `wit-lsp check --format json` on each workspace
// folder (docs/check.md), its findings in the Problems panel.
//
// The server only analyses packages that have a file open; this finds the
// problems of every package in the workspace. Files the server already
// reports on (the packages you have open) are left to the server, whose
// diagnostics are the same but live.

import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ServerBinary } from './server';

interface Position {
  line: number;
  column: number;
}

interface CheckReport {
  version: number;
  diagnostics: {
    file: string;
    severity: 'error' | 'warning';
    code: string;
    message: string;
    range: { start: Position; end: Position };
  }[];
  load_errors: { file: string; message: string; position?: Position }[];
  summary: { packages: number; files: number; errors: number; warnings: number };
}

/// `wit-lsp check` flags for the settings the server also reads.
function checkArgs(): string[] {
  const config = vscode.workspace.getConfiguration('wit-lsp');
  const args: string[] = [];
  const features = config.get<string[]>('features', []);
  if (features.length > 0) {
    args.push('--features', features.join(','));
  }
  if (config.get<boolean>('allFeatures', false)) {
    args.push('--all-features');
  }
  const flags: Record<string, string> = { allow: '-A', warn: '-W', deny: '-D' };
  // `warnings` first, so that a lint's own level wins.
  const lints = Object.entries(config.get<Record<string, string>>('lints', {})).sort(([a], [b]) =>
    a === 'warnings' ? -1 : b === 'warnings' ? 1 : 0,
  );
  for (const [lint, level] of lints) {
    if (flags[level]) {
      args.push(flags[level], lint);
    }
  }
  return args;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
      } else {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      }
    });
  });
}

function toRange(start: Position, end: Position): vscode.Range {
  // 1-based lines and columns in characters; VS Code counts UTF-16 units,
  // which differ only beyond the Basic Multilingual Plane.
  return new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
}

export async function checkWorkspace(
  server: ServerBinary | undefined,
  collection: vscode.DiagnosticCollection,
  log: vscode.OutputChannel,
  client: LanguageClient | undefined,
): Promise<void> {
  if (!server) {
    void vscode.window.showErrorMessage('wit-lsp: no server binary to check with (see the wit-lsp output)');
    return;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('wit-lsp: open a folder to check it');
    return;
  }
  collection.clear();
  const byFile = new Map<string, vscode.Diagnostic[]>();
  let errors = 0;
  let warnings = 0;
  let packages = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'wit-lsp check' },
    async () => {
      for (const folder of folders) {
        const cwd = folder.uri.fsPath;
        const args = ['check', '--format', 'json', ...checkArgs(), '.'];
        log.appendLine(`${server.command} ${args.join(' ')}  (in ${cwd})`);
        let report: CheckReport;
        try {
          const result = await run(server.command, args, cwd);
          if (result.code === 2 && result.stdout.trim() === '') {
            // Nothing to check (no `.wit` files) or a usage problem.
            log.appendLine(result.stderr.trim());
            continue;
          }
          report = JSON.parse(result.stdout) as CheckReport;
        } catch (error) {
          log.appendLine(`wit-lsp check failed: ${error}`);
          void vscode.window.showErrorMessage(`wit-lsp check failed in ${folder.name}: ${error}`);
          continue;
        }
        packages += report.summary.packages;
        const add = (file: string, diagnostic: vscode.Diagnostic) => {
          const full = path.resolve(cwd, file);
          const list = byFile.get(full) ?? [];
          list.push(diagnostic);
          byFile.set(full, list);
        };
        for (const found of report.diagnostics) {
          const diagnostic = new vscode.Diagnostic(
            toRange(found.range.start, found.range.end),
            found.message,
            found.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          diagnostic.code = found.code;
          diagnostic.source = 'wit-lsp check';
          if (found.severity === 'error') {
            errors++;
          } else {
            warnings++;
          }
          add(found.file, diagnostic);
        }
        for (const failed of report.load_errors) {
          const at = failed.position ?? { line: 1, column: 1 };
          const diagnostic = new vscode.Diagnostic(toRange(at, at), failed.message, vscode.DiagnosticSeverity.Error);
          diagnostic.source = 'wit-lsp check';
          errors++;
          add(failed.file, diagnostic);
        }
      }
    },
  );
  for (const [file, diagnostics] of byFile) {
    const uri = vscode.Uri.file(file);
    // The server reports on the packages it has open, and keeps that up to date.
    if (client?.diagnostics?.get(uri)?.length) {
      continue;
    }
    collection.set(uri, diagnostics);
  }
  log.appendLine(`wit-lsp check: ${packages} packages, ${errors} errors, ${warnings} warnings`);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const summary = `wit-lsp check: ${packages} package${packages === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  void vscode.window.showInformationMessage(summary);
}
