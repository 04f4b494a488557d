// End-to-end test of the extension in a real VS Code (code-server), driven by
// headless Chromium through playwright-core. Run by scripts/vscode-test.sh,
// which installs the extension, starts code-server on a copy of
// test/workspace and passes:
//
//   node e2e.js URL SCREENSHOT_DIR
//
// Environment: PLAYWRIGHT_CORE (the playwright-core module), CHROMIUM (the
// browser), WIT_LSP_E2E_SCREENSHOTS=1 to also save a screenshot after each
// test (for the README). Prints `N passed, N failed` and exits 1 on failure.
'use strict';

const path = require('node:path');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

const url = process.argv[2] || 'http://127.0.0.1:8089/';
const shots = process.argv[3] || 'test-results';
const T = (ms) => ({ timeout: ms });
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

let passed = 0;
let failed = 0;
let serverUp = false;

async function test(page, name, body, { needsServer = true } = {}) {
  if (needsServer && !serverUp) {
    failed++;
    log(`FAIL ${name}: the server is not running`);
    return;
  }
  try {
    const detail = await body();
    passed++;
    log(`ok   ${name}${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failed++;
    log(`FAIL ${name}: ${String(error.message || error).split('\n')[0]}`);
    const file = path.join(shots, `failure-${failed}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    log(`     screenshot ${file}`);
    // Leave whatever widget the test left open.
    await page.keyboard.press('Escape').catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
}

// With WIT_LSP_E2E_SCREENSHOTS set, a screenshot for the README.
async function shot(page, name) {
  if (process.env.WIT_LSP_E2E_SCREENSHOTS) {
    await page.waitForTimeout(500); // widgets fade in
    await page.screenshot({ path: path.join(shots, `${name}.png`) });
  }
}

// The text of the active editor, line by line, as rendered.
async function editorText(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
    if (!editor) return '';
    const lines = [...editor.querySelectorAll('.view-line')]
      .map((line) => ({ top: parseFloat(line.style.top) || 0, text: line.textContent }))
      .sort((a, b) => a.top - b.top);
    return lines.map((line) => line.text.replace(/\u00a0/g, ' ')).join('\n');
  });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', T(10000));
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
  await row.waitFor(T(10000));
  await page.keyboard.press('Enter');
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', T(15000));
  await page.keyboard.type(name);
  // The focused row, once Quick Open has caught up with what was typed.
  await page
    .locator('.quick-input-list .monaco-list-row.focused', { hasText: path.basename(name) })
    .first()
    .waitFor(T(15000));
  await page.keyboard.press('Enter');
  await page
    .locator('.tabs-container .tab.active', { hasText: path.basename(name) })
    .waitFor(T(15000));
  await page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', T(15000));
}

async function goTo(page, line, column) {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', T(10000));
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) })
    .first()
    .waitFor(T(10000));
}

// The colour of the first rendered token with exactly this text.
async function tokenColor(page, text) {
  return page.evaluate((text) => {
    const spans = document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines span span');
    for (const span of spans) {
      if (span.textContent.replace(/\u00a0/g, ' ').trim() === text) {
        return getComputedStyle(span).color;
      }
    }
    return null;
  }, text);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => log('pageerror: ' + e.message));
  // The server's status, as the extension's status bar item says it.
  const statusItem = page.locator('.statusbar-item [aria-label^="wit-lsp "]');
  try {
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', T(60000));
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', T(60000));
    log('workbench loaded');

    // The test's server starts after a delay (scripts/vscode-test.sh), so
    // that the colours seen first are the TextMate grammar's.
    await openFile(page, 'wit/types.wit');

    await test(page, 'extension activates', async () => {
      await statusItem.first().waitFor(T(30000));
      return await statusItem.first().getAttribute('aria-label');
    }, { needsServer: false });

    await test(page, 'TextMate grammar highlights before the server answers', async () => {
      const state = await statusItem.first().getAttribute('aria-label');
      if (state !== 'wit-lsp starting') throw new Error(`the server is already "${state}"`);
      const colors = {
        keyword: await tokenColor(page, 'interface'),
        comment: await tokenColor(page, '/// A point in the plane.'),
        builtin: await tokenColor(page, 's32'),
        name: await tokenColor(page, 'x'),
      };
      if (Object.values(colors).some((c) => c === null)) throw new Error(`tokens not found: ${JSON.stringify(colors)}`);
      if (new Set(Object.values(colors)).size < 4) throw new Error(`not highlighted: ${JSON.stringify(colors)}`);
      const after = await statusItem.first().getAttribute('aria-label');
      if (after !== 'wit-lsp starting') throw new Error(`the server answered meanwhile ("${after}")`);
      return JSON.stringify(colors);
    }, { needsServer: false });

    await test(page, 'server starts', async () => {
      // Ready, or given up on: a server that stops while starting is broken.
      await page.waitForFunction(() => {
        const item = document.querySelector('.statusbar-item [aria-label^="wit-lsp "]');
        return item && !/starting$/.test(item.getAttribute('aria-label'));
      }, null, T(60000));
      const state = await statusItem.first().getAttribute('aria-label');
      if (!/ (ready|analysing)$/.test(state)) throw new Error(`status bar: ${state}`);
      await page.locator('.statusbar-item [aria-label="wit-lsp ready"]').first().waitFor(T(30000));
      serverUp = true;
      return 'status bar: ready';
    }, { needsServer: false });

    await test(page, 'syntax error: squiggle and Problems entry', async () => {
      await openFile(page, 'broken/broken.wit');
      await page.waitForSelector('.editor-group-container.active .monaco-editor .squiggly-error', T(30000));
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: "expected a type, found ';'" });
      await row.first().waitFor(T(20000));
      const text = (await row.first().innerText()).replace(/\s+/g, ' ');
      await shot(page, 'diagnostics');
      await page.keyboard.press('Control+Shift+M'); // close the panel again
      return text;
    });

    await test(page, 'F12 jumps to a definition in another file', async () => {
      await openFile(page, 'wit/api.wit');
      await goTo(page, 5, 18); // `point` in `nudge: func(p: point, …`
      await page.keyboard.press('F12');
      await page.locator('.tabs-container .tab.active', { hasText: 'types.wit' }).waitFor(T(20000));
      const status = page.locator('.statusbar-item', { hasText: /Ln 8, Col 10\b/ });
      await status.first().waitFor(T(10000));
      return `types.wit ${await status.first().innerText()}`;
    });

    await test(page, 'hover shows the doc comment', async () => {
      await openFile(page, 'wit/api.wit');
      await goTo(page, 5, 18);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover', { hasText: 'A point in the plane.' });
      await hover.first().waitFor(T(20000));
      const text = (await hover.first().innerText()).replace(/\s+/g, ' ').slice(0, 80);
      await shot(page, 'hover');
      await page.keyboard.press('Escape');
      return text;
    });

    await test(page, 'completion lists a used type', async () => {
      await openFile(page, 'wit/api.wit');
      await goTo(page, 5, 1);
      await page.keyboard.press('End'); // end of the `nudge` line
      await page.keyboard.press('Enter');
      await page.keyboard.type('shift: func(p: po');
      await page.keyboard.press('Control+Space');
      const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'point' });
      await item.first().waitFor(T(20000));
      const labels = await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts();
      await shot(page, 'completion');
      await page.keyboard.press('Escape');
      // Back to the file as it is on disk.
      await runCommand(page, 'File: Revert File');
      return labels.slice(0, 5).join(', ');
    });

    await test(page, 'Format Document changes the file and keeps comments', async () => {
      await openFile(page, 'wit/messy.wit');
      const before = await editorText(page);
      if (!before.includes('interface   messy{')) throw new Error(`unexpected file: ${before}`);
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await runCommand(page, 'Format Document');
      await page.waitForFunction(
        () => [...document.querySelectorAll('.editor-group-container.active .view-line')]
          .some((line) => line.textContent.replace(/\u00a0/g, ' ').includes('interface messy {')),
        null, T(20000));
      const after = await editorText(page);
      for (const kept of ['// Kept by the formatter', '/// Doubles a number.', '// and a trailing comment', '/* a block comment */']) {
        if (!after.includes(kept)) throw new Error(`lost ${JSON.stringify(kept)}:\n${after}`);
      }
      if (!after.includes('  double: func(n: u32) -> u32;')) throw new Error(`not formatted:\n${after}`);
      return 'interface messy { … } with 4 comments kept';
    });

    await test(page, 'Check Workspace reports files not open in Problems', async () => {
      await runCommand(page, 'WIT: Check Workspace');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'is brought in by `use` but never used' });
      await row.first().waitFor(T(30000));
      const text = (await row.first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes('wit-lsp check')) throw new Error(`not from wit-lsp check: ${text}`);
      return text;
    });

    await test(page, 'Run lens runs the world (wit-lsp.runWorld)', async () => {
      await openFile(page, 'greeter/greeter.wit');
      const lens = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run greeter.wat' });
      await lens.first().waitFor(T(30000));
      await lens.first().click();
      await page.waitForSelector('.quick-input-widget input', T(10000));
      await page.keyboard.type('greet("vscode")');
      await page.keyboard.press('Enter');
      const output = page.locator('.part.panel .monaco-editor .view-lines', { hasText: '"Hello, vscode!"' });
      await output.first().waitFor(T(60000));
      await shot(page, 'run');
      return (await output.first().innerText()).replace(/\u00a0/g, ' ').replace(/\s*\n\s*/g, ' | ').trim();
    });
  } catch (error) {
    failed++;
    log(`FAIL workbench: ${String(error.message || error).split('\n')[0]}`);
  } finally {
    const file = path.join(shots, failed ? 'failure-final.png' : 'final.png');
    await page.screenshot({ path: file }).catch(() => {});
    if (failed) log(`screenshot ${file}`);
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
