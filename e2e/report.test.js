'use strict';
// The scaling report, rendered as a reader sees it: `scalelint report` on the sample service, opened
// from disk in headless Chromium with no network, checked for its routes and saved as a screenshot.
// usage: node e2e/report.test.js EXT_ROOT WORKSPACE OUT_DIR
const { execFileSync } = require('child_process');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch } = require('./lib/browser');

const [extRoot, workspace, out] = process.argv.slice(2);
const EXPECTED_ROUTES = ['GET /reports/:id', 'GET /users/:id/avatar', 'POST /auth/register', 'GET /users/me'];

(async () => {
  const file = path.join(out, 'report.html');
  execFileSync(process.execPath, [path.join(extRoot, 'server', 'out', 'cli.js'), 'report', workspace, '--output', file], { stdio: 'inherit' });
  const { context, page, close } = await launch();
  const requests = [];
  context.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  try {
    await page.goto(pathToFileURL(file).href);
    await page.getByRole('heading', { name: 'Scaling report' }).waitFor({ timeout: 10_000 });
    for (const route of EXPECTED_ROUTES) {
      await page.locator('summary', { hasText: route }).first().waitFor({ state: 'visible', timeout: 5_000 });
      console.log(`route visible: ${route}`);
    }
    await page.locator('summary', { hasText: 'GET /reports/:id' }).first().click();
    await page.getByText('readFileSync', { exact: false }).first().waitFor({ state: 'visible', timeout: 5_000 });
    await page.screenshot({ path: path.join(out, 'report.png'), fullPage: true });
    if (requests.length > 0) throw new Error(`the report made network requests: ${requests.join(', ')}`);
    console.log(`PASS (screenshot ${path.join(out, 'report.png')})`);
  } catch (err) {
    await page.screenshot({ path: path.join(out, 'report-failure.png'), fullPage: true }).catch(() => {});
    console.error(`FAIL: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await close();
  }
})();
