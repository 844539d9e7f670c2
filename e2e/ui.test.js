'use strict';
// Playwright drives VS Code's real workbench (code-server) with the packaged scalelint.vsix installed:
// a finding shows as a squiggle and in the Problems panel, Ctrl+. applies the preferred quick fix,
// and "Scalelint: Scan Workspace" reports files that were never opened.
//
// usage: node e2e/ui.test.js BASE_URL WORKSPACE OUT_DIR     (run.sh passes a throwaway copy as WORKSPACE)
// Screenshots: OUT_DIR/quick-fix.png, OUT_DIR/final.png, and OUT_DIR/ui-failure.png on failure.
const fs = require('fs');
const path = require('path');
const { launch, workbenchUrl } = require('./lib/browser');

// What the test expects of the extension and of test-fixtures/sample-service.
const FILE = 'src/routes/reports.ts'; // opened through Quick Open
const RULE = 'sync-blocking-call'; // diagnostic code
const CALL = 'readFileSync'; // the flagged call, named in the message
const FIX_TITLE = /await/; // the preferred quick fix, "Replace with `await readFile(…)` …"
const FIXED_TEXT = 'await readFile(';
const NEVER_OPENED_FILE = 'billing.ts'; // must get findings from Scan Workspace alone
const SCAN_COMMAND = 'Scalelint: Scan Workspace';

const WAIT_MS = Number(process.env.E2E_UI_WAIT_MS || 60000); // bound for each wait

const [base, workspace, outDir] = process.argv.slice(2);

const sel = {
  quickInput: '.quick-input-widget .quick-input-box input', // `.quick-input-widget input` hits a hidden checkbox
  quickInputRow: '.quick-input-widget .monaco-list-row',
  editorLine: '.part.editor .monaco-editor .view-line',
  warningSquiggle: '.part.editor .monaco-editor .squiggly-warning',
  // A glyph-margin decoration (codicon-gutter-lightbulb-*); the .lightBulbWidget element stays hidden.
  lightbulb: '.part.editor .monaco-editor [class*="lightbulb"]:visible',
  actionRow: '.action-widget .monaco-list-row',
  problemRow: '.markers-panel .monaco-list-row',
  problemsFilter: '.part.panel .viewpane-filter input',
  tab: '.tabs-container .tab',
};

const t0 = Date.now();
const log = (msg) => console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s  ${msg}`);

function fail(message) {
  throw new Error(message);
}

async function quickOpen(page, key, text) {
  await page.keyboard.press(key);
  const input = page.locator(sel.quickInput);
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.pressSequentially(text);
}

async function openFile(page, relativePath) {
  await quickOpen(page, 'Control+P', relativePath);
  // File search runs ripgrep on the server; wait for the row, then take it.
  const row = page.locator(sel.quickInputRow).filter({ hasText: path.basename(relativePath) }).first();
  await row.waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.locator(`${sel.tab}.active`).filter({ hasText: path.basename(relativePath) }).waitFor({ timeout: WAIT_MS });
}

function problemRows(page) {
  return page.locator(sel.problemRow).filter({ hasText: RULE }).filter({ hasText: CALL });
}

/**
 * Line and column (1-based) of the finding: from its Problems row when that line of the file on disk has the
 * call, else the first `readFileSync(` on disk (a startup call above the handler would be the wrong one).
 */
async function findingPosition(page) {
  const row = (await problemRows(page).first().innerText()).replace(/\s+/g, ' ');
  const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n');
  const m = /Ln (\d+), Col (\d+)/.exec(row);
  if (m && (lines[Number(m[1]) - 1] || '').includes(CALL)) return { line: Number(m[1]), column: Number(m[2]), row };
  const index = lines.findIndex((l) => l.includes(`${CALL}(`));
  if (index < 0) fail(`${FILE} has no ${CALL}( call`);
  return { line: index + 1, column: lines[index].indexOf(`${CALL}(`) + 1, row };
}

/**
 * Opens Ctrl+. until our fix is listed. A Ctrl+. pressed while the automatic code-action request that
 * follows a cursor move is still running gets cancelled ("No code actions available"), so wait for the
 * lightbulb first and retry.
 */
async function openQuickFixMenu(page) {
  await page.locator(sel.lightbulb).first().waitFor({ timeout: Math.min(WAIT_MS, 5000) })
    .catch(() => log('no lightbulb seen; trying Ctrl+. anyway'));
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    await page.keyboard.press('Control+Period');
    const fix = page.locator(sel.actionRow).filter({ hasText: FIX_TITLE }).first();
    if (await fix.waitFor({ timeout: 3000 }).then(() => true, () => false)) return fix;
    const listed = await page.locator(sel.actionRow).allInnerTexts();
    log(`Ctrl+. attempt ${attempt}: no ${FIX_TITLE} in [${listed.join(' | ')}]`);
    await page.keyboard.press('Escape');
  }
  fail(`no quick fix matching ${FIX_TITLE} within ${WAIT_MS} ms`);
}

/** Moves the action widget's focus onto `row` with the arrow keys, as a user would, and presses Enter. */
async function chooseAction(page, row) {
  const wanted = (await row.innerText()).trim();
  const focusedText = async () => {
    const focused = page.locator(`${sel.actionRow}.focused`);
    return (await focused.count()) ? (await focused.first().innerText()).trim() : undefined;
  };
  const rows = await page.locator(sel.actionRow).count();
  for (let i = 0; i < rows && (await focusedText()) !== wanted; i++) await page.keyboard.press('ArrowDown');
  log(`applying "${wanted.replace(/\s+/g, ' ')}"`);
  if ((await focusedText()) === wanted) await page.keyboard.press('Enter');
  else await row.click(); // the widget's keyboard model changed; a click still picks the row
  await row.waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/** Runs `fn`; a failure (a timeout, mostly) is reported as "could not <what>: <cause>". */
async function expect(what, fn) {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`could not ${what}: ${String(err.message).split('\n')[0]}`);
  }
}

async function run(page) {
  await expect('load the workbench', async () => {
    await page.goto(workbenchUrl(base, workspace));
    await page.locator('.monaco-workbench .part.sidebar').waitFor({ timeout: WAIT_MS });
  });
  log('workbench loaded');

  await expect(`open ${FILE} with Ctrl+P`, () => openFile(page, FILE));
  log(`${FILE} open`);
  await expect('see a warning squiggle', () => page.locator(sel.warningSquiggle).first().waitFor({ timeout: WAIT_MS }));
  log('warning squiggle shown');

  await page.keyboard.press('Control+Shift+M');
  await expect(`see a ${RULE} row on ${CALL} in Problems`, () => problemRows(page).first().waitFor({ timeout: WAIT_MS }));
  const before = await problemRows(page).count();
  const at = await findingPosition(page);
  log(`Problems: ${before} ${RULE} row(s) on ${CALL}; first: ${at.row}`);

  // Ctrl+G, "line:column" puts the cursor on the call and focuses the editor.
  await expect(`go to ${at.line}:${at.column} with Ctrl+G`, async () => {
    await quickOpen(page, 'Control+G', `${at.line}:${at.column}`);
    await page.keyboard.press('Enter');
    await page.locator(sel.quickInput).waitFor({ state: 'hidden', timeout: WAIT_MS });
  });
  log(`cursor at ${at.line}:${at.column}`);

  const fix = await expect(`find a quick fix matching ${FIX_TITLE} with Ctrl+.`, () => openQuickFixMenu(page));
  await page.screenshot({ path: path.join(outDir, 'quick-fix.png') });
  log(`quick-fix menu: [${(await page.locator(sel.actionRow).allInnerTexts()).join(' | ').replace(/\s+/g, ' ')}]`);
  await expect('apply the quick fix', () => chooseAction(page, fix));

  const fixedLine = page.locator(sel.editorLine).filter({ hasText: FIXED_TEXT }).first();
  await expect(`see "${FIXED_TEXT}" in the editor`, () => fixedLine.waitFor({ timeout: WAIT_MS }));
  log(`editor line now reads: ${(await fixedLine.textContent()).replace(/\s+/g, ' ').trim()}`);
  // The Problems panel updates a moment after the editor: wait for the row to go.
  await expect(`see the ${RULE} row go from Problems`, () => page.waitForFunction(
    ({ selector, rule, call, before }) => [...document.querySelectorAll(selector)]
      .filter((e) => e.textContent.includes(rule) && e.textContent.includes(call)).length < before,
    { selector: sel.problemRow, rule: RULE, call: CALL, before }, { timeout: WAIT_MS }));
  log(`Problems: ${await problemRows(page).count()} ${RULE} row(s) on ${CALL} after the fix (was ${before})`);

  if (await page.locator(sel.tab).filter({ hasText: NEVER_OPENED_FILE }).count()) fail(`${NEVER_OPENED_FILE} is open already`);
  if (await page.locator(sel.problemRow).filter({ hasText: NEVER_OPENED_FILE }).count()) {
    fail(`${NEVER_OPENED_FILE} has findings before Scan Workspace ran, so the test would prove nothing`);
  }
  await expect(`run "${SCAN_COMMAND}" from the command palette`, async () => {
    await quickOpen(page, 'Control+Shift+P', SCAN_COMMAND);
    await page.locator(sel.quickInputRow).filter({ hasText: SCAN_COMMAND }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
  });
  log(`ran "${SCAN_COMMAND}"`);
  // The Problems list is virtualised: filter it to the file so that its rows are rendered, however many
  // findings the scan produced. It is filtered once every file row left is that file's.
  await page.locator(sel.problemsFilter).fill(NEVER_OPENED_FILE);
  const listed = await expect(`see a Scalelint finding under ${NEVER_OPENED_FILE} in Problems`, () => page.waitForFunction(
    ({ selector, file }) => {
      const rows = [...document.querySelectorAll(selector)].map((e) => e.textContent);
      const isFinding = (t) => /Ln \d+, Col \d+/.test(t);
      const files = rows.filter((t) => !isFinding(t));
      const finding = rows.find((t) => isFinding(t) && t.includes('scalelint'));
      return files.length > 0 && files.every((t) => t.includes(file)) && finding;
    }, { selector: sel.problemRow, file: NEVER_OPENED_FILE }, { timeout: WAIT_MS }));
  log(`Problems lists ${NEVER_OPENED_FILE}, never opened: ${(await listed.jsonValue()).replace(/\s+/g, ' ')}`);
  await page.screenshot({ path: path.join(outDir, 'final.png') });
}

async function main() {
  if (!outDir) fail('usage: ui.test.js BASE_URL WORKSPACE OUT_DIR');
  fs.mkdirSync(outDir, { recursive: true });
  const { page, close } = await launch();
  try {
    await run(page);
    log('PASS');
  } catch (err) {
    await page.screenshot({ path: path.join(outDir, 'ui-failure.png') }).catch(() => {});
    log(`FAIL: ${err.message} (screenshot ${path.join(outDir, 'ui-failure.png')})`);
    process.exitCode = 1;
  } finally {
    await close();
  }
}

main();
