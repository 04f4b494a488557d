// The WIT extension: starts `wit-lsp` as the language server of `*.wit`
// files, passes the settings through, and adds commands (restart, output,
// check workspace, run world) and a status bar item.

import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  type StaticFeature,
  type FeatureState,
  type ClientCapabilities,
  type ExecuteCommandSignature,
} from 'vscode-languageclient/node';

import { findServer, type ServerBinary } from './server';
import { checkWorkspace } from './check';

const SECTION = 'wit-lsp';
const RUN_WORLD = 'wit-lsp.runWorld';
const CHECK_COMPONENT = 'wit-lsp.checkComponent';

let client: LanguageClient | undefined;
let server: ServerBinary | undefined;
let status: StatusItem;
let runOutput: vscode.OutputChannel;
let serverOutput: vscode.LogOutputChannel;
let traceOutput: vscode.LogOutputChannel;
let extensionContext: vscode.ExtensionContext;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionContext = context;
  serverOutput = vscode.window.createOutputChannel('wit-lsp', { log: true });
  traceOutput = vscode.window.createOutputChannel('wit-lsp Trace', { log: true });
  runOutput = vscode.window.createOutputChannel('WIT Run');
  status = new StatusItem();
  const checkDiagnostics = vscode.languages.createDiagnosticCollection('wit-lsp check');
  context.subscriptions.push(serverOutput, traceOutput, runOutput, status, checkDiagnostics);

  context.subscriptions.push(
    vscode.commands.registerCommand('wit-lsp.restartServer', restart),
    vscode.commands.registerCommand('wit-lsp.showOutput', () => serverOutput.show(true)),
    vscode.commands.registerCommand('wit-lsp.checkWorkspace', () =>
      checkWorkspace(server, checkDiagnostics, serverOutput, client),
    ),
    vscode.commands.registerCommand('wit-lsp.runWorldPrompt', runWorldFromPalette),
    vscode.commands.registerCommand('wit-lsp.statusMenu', statusMenu),
    // The server's diagnostics are live; a file's `check` results go stale
    // as soon as it is edited.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId === 'wit' && event.contentChanges.length > 0) {
        checkDiagnostics.delete(event.document.uri);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration(`${SECTION}.server.path`) ||
        event.affectsConfiguration(`${SECTION}.server.extraArgs`) ||
        event.affectsConfiguration(`${SECTION}.server.env`)
      ) {
        await restart();
      } else if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        // The server pulls its settings again (`workspace/configuration`).
        await client.sendNotification('workspace/didChangeConfiguration', { settings: null });
      }
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

/// The settings the server reads (docs/server.md), without the extension's
/// own (`server.*`, `trace.*`) and without unset values, so that the server
/// keeps its defaults.
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const settings: Record<string, unknown> = {
    features: config.get<string[]>('features', []),
    allFeatures: config.get<boolean>('allFeatures', false),
    lints: config.get<Record<string, string>>('lints', {}),
  };
  const run: Record<string, unknown> = {
    component: config.get<Record<string, string>>('run.component', {}),
  };
  for (const key of ['timeout', 'maxMemory']) {
    const value = config.get<string | number | null>(`run.${key}`);
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') {
      run[key] = value;
    }
  }
  const cache = config.get<string | boolean | null>('run.cache');
  if (cache === false || (typeof cache === 'string' && cache !== '')) {
    run.cache = cache;
  }
  settings.run = run;
  return settings;
}

/// Asks for rust-analyzer's `experimental/serverStatus`, which the status
/// bar item shows.
class ServerStatusFeature implements StaticFeature {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.experimental = { ...(capabilities.experimental ?? {}), serverStatusNotification: true };
  }
  initialize(): void {}
  getState(): FeatureState {
    return { kind: 'static' };
  }
  clear(): void {}
}

async function start(): Promise<void> {
  status.set('starting');
  const found = await findServer(extensionContext);
  if (!found.ok) {
    server = undefined;
    status.set('missing', found.message);
    serverOutput.appendLine(found.message);
    const choice = await vscode.window.showErrorMessage(found.message, ...found.actions.map((a) => a.title));
    await found.actions.find((a) => a.title === choice)?.run();
    return;
  }
  server = found.server;
  serverOutput.appendLine(`starting ${server.command} (${server.source})`);
  const config = vscode.workspace.getConfiguration(SECTION);
  const serverOptions: ServerOptions = {
    command: server.command,
    args: ['serve', ...config.get<string[]>('server.extraArgs', [])],
    options: { env: { ...process.env, ...config.get<Record<string, string>>('server.env', {}) } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'wit' }],
    initializationOptions: { [SECTION]: serverSettings() },
    outputChannel: serverOutput,
    traceOutputChannel: traceOutput,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) {
            return answer;
          }
          return params.items.map((item, index) =>
            item.section === SECTION ? serverSettings() : answer[index],
          );
        },
      },
      executeCommand: (command: string, args: unknown[], next: ExecuteCommandSignature) => {
        if (command === RUN_WORLD) {
          return runWorld(args[0] as WorldArguments, next);
        }
        if (command === CHECK_COMPONENT) {
          return checkComponent(args[0] as WorldArguments, next);
        }
        return next(command, args);
      },
    },
  };
  const created = new LanguageClient(SECTION, 'WIT Language Server', serverOptions, clientOptions);
  created.registerFeature(new ServerStatusFeature());
  created.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      status.set('ready');
    } else if (event.newState === State.Starting) {
      status.set('starting');
    } else {
      status.set('stopped');
    }
  });
  client = created;
  try {
    await created.start();
    created.onNotification('experimental/serverStatus', (params: { quiescent?: boolean; health?: string; message?: string }) => {
      status.set(params.quiescent === false ? 'busy' : 'ready', params.message);
    });
  } catch (error) {
    status.set('error', String(error));
    serverOutput.appendLine(`wit-lsp failed to start: ${error}`);
    void vscode.window
      .showErrorMessage(`wit-lsp failed to start (${server.command}): ${error}`, 'Show Output', 'Open Settings')
      .then(async (choice) => {
        if (choice === 'Show Output') {
          serverOutput.show(true);
        } else if (choice === 'Open Settings') {
          await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
        }
      });
  }
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.dispose(2000);
    } catch {
      // A server that already died cannot be stopped.
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

// ---- status bar ------------------------------------------------------

type Health = 'starting' | 'ready' | 'busy' | 'stopped' | 'error' | 'missing';

class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('wit-lsp.status', vscode.StatusBarAlignment.Left, 0);
  private visible = false;
  private readonly watch: vscode.Disposable;

  constructor() {
    this.item.name = 'wit-lsp';
    this.item.command = 'wit-lsp.statusMenu';
    this.watch = vscode.window.onDidChangeActiveTextEditor(() => this.update());
    this.update();
  }

  set(health: Health, detail?: string): void {
    const icons: Record<Health, string> = {
      starting: '$(loading~spin)',
      ready: '$(check)',
      busy: '$(sync~spin)',
      stopped: '$(circle-slash)',
      error: '$(error)',
      missing: '$(error)',
    };
    const words: Record<Health, string> = {
      starting: 'starting',
      ready: 'ready',
      busy: 'analysing',
      stopped: 'stopped',
      error: 'failed to start',
      missing: 'server not found',
    };
    this.item.text = `${icons[health]} wit-lsp`;
    this.item.tooltip = new vscode.MarkdownString(
      `**wit-lsp**: ${words[health]}${detail ? `\n\n${detail}` : ''}${server ? `\n\n\`${server.command}\`` : ''}\n\nClick for commands.`,
    );
    this.item.backgroundColor =
      health === 'error' || health === 'missing'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : health === 'stopped'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: `wit-lsp ${words[health]}` };
    this.visible = true;
    this.update();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    if (this.visible && (editor === undefined || editor.document.languageId === 'wit')) {
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  dispose(): void {
    this.watch.dispose();
    this.item.dispose();
  }
}

async function statusMenu(): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: '$(debug-restart) Restart Server', command: 'wit-lsp.restartServer' },
    { label: '$(output) Show Server Output', command: 'wit-lsp.showOutput' },
    { label: '$(checklist) Check Workspace', command: 'wit-lsp.checkWorkspace' },
    { label: '$(play) Run World…', command: 'wit-lsp.runWorldPrompt' },
    { label: '$(gear) Settings', command: 'workbench.action.openSettings' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: 'wit-lsp' });
  if (choice) {
    await vscode.commands.executeCommand(
      choice.command,
      ...(choice.command === 'workbench.action.openSettings' ? [`@ext:wit-lsp.wit-lsp`] : []),
    );
  }
}

// ---- running worlds ----------------------------------------------------

/// The argument of `wit-lsp.runWorld` and `wit-lsp.checkComponent` (docs/server.md).
interface WorldArguments {
  uri: string;
  world: string;
  component?: string;
  invoke?: string;
  stubs?: string[];
}

interface RunAnswer {
  ok?: boolean;
  component?: string;
  status?: string;
  output?: string;
}

function invokeKey(args: WorldArguments): string {
  return `wit-lsp.invoke:${args.uri}#${args.world}`;
}

/// The lens `▶ Run …` (and the palette's Run World): asks for the call in
/// WAVE, remembered per world, then lets the server run it.
async function runWorld(args: WorldArguments, next: ExecuteCommandSignature): Promise<unknown> {
  if (!args || typeof args !== 'object') {
    return next(RUN_WORLD, [args]);
  }
  let invoke = args.invoke;
  if (invoke === undefined) {
    const remembered = extensionContext.workspaceState.get<string>(invokeKey(args));
    const answer = await vscode.window.showInputBox({
      title: `Run world ${args.world}${args.component ? ` (${shortPath(args.component)})` : ''}`,
      prompt: 'The call in WAVE, e.g. greet("world"); empty runs wasi:cli/run',
      placeHolder: 'greet("world")',
      value: remembered ?? '',
      ignoreFocusOut: true,
    });
    if (answer === undefined) {
      return undefined;
    }
    invoke = answer.trim();
    await extensionContext.workspaceState.update(invokeKey(args), invoke);
  }
  const call: WorldArguments = { ...args };
  if (invoke) {
    call.invoke = invoke;
  } else {
    delete call.invoke;
  }
  runOutput.show(true);
  runOutput.appendLine(`▶ ${args.world}${invoke ? `: ${invoke}` : ' (wasi:cli/run)'}${args.component ? ` in ${args.component}` : ''}`);
  return reportAnswer(() => next(RUN_WORLD, [call]) as Promise<RunAnswer>);
}

async function checkComponent(args: WorldArguments, next: ExecuteCommandSignature): Promise<unknown> {
  runOutput.show(true);
  runOutput.appendLine(`Checking ${args?.component ?? 'the component'} against world ${args?.world}`);
  return reportAnswer(() => next(CHECK_COMPONENT, [args]) as Promise<RunAnswer>);
}

async function reportAnswer(send: () => Promise<RunAnswer>): Promise<unknown> {
  try {
    const answer = await send();
    runOutput.append(answer?.output ?? `${JSON.stringify(answer)}\n`);
    if (answer && answer.ok === false) {
      void vscode.window.showWarningMessage(
        `wit-lsp: ${answer.status ?? 'the component does not target the world'}; see the WIT Run output`,
      );
    }
    runOutput.appendLine('');
    return answer;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    runOutput.appendLine(`error: ${message}`);
    runOutput.appendLine('');
    void vscode.window.showErrorMessage(`wit-lsp: ${message}`);
    return undefined;
  }
}

function shortPath(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/// Run World from the palette: the worlds of the active file that have a
/// component (the server's `▶ Run` lenses), then the same prompt.
async function runWorldFromPalette(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage('wit-lsp is not running');
    return;
  }
  if (!editor || editor.document.languageId !== 'wit') {
    void vscode.window.showErrorMessage('Open a WIT file with a world to run');
    return;
  }
  const lenses = (await client.sendRequest('textDocument/codeLens', {
    textDocument: { uri: editor.document.uri.toString() },
  })) as { command?: { command: string; title: string; arguments?: WorldArguments[] } }[] | null;
  const runs = (lenses ?? [])
    .map((lens) => lens.command)
    .filter((command) => command?.command === RUN_WORLD && command.arguments?.[0]);
  if (runs.length === 0) {
    void vscode.window.showErrorMessage(
      `No world in ${shortPath(editor.document.fileName)} has a component: build one into the workspace, or set wit-lsp.run.component`,
    );
    return;
  }
  let chosen = runs[0];
  if (runs.length > 1) {
    const pick = await vscode.window.showQuickPick(
      runs.map((command) => ({ label: command!.arguments![0].world, description: command!.title, command })),
      { title: 'Run which world?' },
    );
    if (!pick) {
      return;
    }
    chosen = pick.command;
  }
  await vscode.commands.executeCommand(RUN_WORLD, chosen!.arguments![0]);
}
