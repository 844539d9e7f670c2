'use strict';
// Runs an extension-host test module (the @vscode/test-electron `run()` contract) inside code-server's
// workbench: the extension and the tests travel in the URL payload, as in microsoft/vscode's
// test/integration/browser, and the workbench reports the end through window.codeAutomationExit.
//
// usage: node run-ext-tests.js BASE_URL EXT_ROOT TESTS_MODULE WORKSPACE OUT_DIR
// env:   E2E_EXT_TIMEOUT_MS (default 150000)
const fs = require('fs');
const path = require('path');
const util = require('util');
const { launch, workbenchUrl, remoteUri, withTimeout } = require('./browser');

const [base, extRoot, testsModule, workspace, outDir] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.E2E_EXT_TIMEOUT_MS || 150000);

async function main() {
  if (!outDir) throw new Error('usage: run-ext-tests.js BASE_URL EXT_ROOT TESTS_MODULE WORKSPACE OUT_DIR');
  fs.mkdirSync(outDir, { recursive: true });
  const { page, close } = await launch();
  let exitCode = 1;
  try {
    let reportExit;
    const finished = new Promise((resolve) => { reportExit = resolve; });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      // `logs` are the workbench's log files; keep them for a failing run.
      if (code !== 0 && Array.isArray(logs)) {
        const dir = path.join(outDir, 'ext-tests-logs');
        for (const { relativePath, contents } of logs) {
          const file = path.join(dir, relativePath);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, contents);
        }
      }
      reportExit(code);
    });
    // Mocha's reporter output from the extension host arrives here.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      if (line.includes('ENOTFOUND open-vsx.org')) return; // marketplace lookups; this network has none
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`[${type}] ${line}\n`);
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(base, extRoot)],
      ['extensionTestsPath', remoteUri(base, testsModule)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(base, workspace, payload));
    // Without --vscode-option enable-smoke-test-driver a built workbench ignores the payload and this never resolves.
    exitCode = await withTimeout(finished, TIMEOUT_MS, 'extension tests to report codeAutomationExit');
  } catch (err) {
    process.stderr.write(`${err.stack || err}\n`);
    await page.screenshot({ path: path.join(outDir, 'ext-tests-failure.png') }).catch(() => {});
  } finally {
    await close();
  }
  return exitCode;
}

main().then((code) => process.exit(code), (err) => { process.stderr.write(`${err.stack || err}\n`); process.exit(1); });
