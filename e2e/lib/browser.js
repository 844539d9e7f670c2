'use strict';
// Shared by ui.test.js and run-ext-tests.js: launches Debian's Chromium through playwright-core
// (installed in e2e/host, not in the root package) and builds code-server URLs.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const HOST_DIR = process.env.E2E_HOST || path.join(__dirname, '..', 'host');
const { chromium } = createRequire(path.join(HOST_DIR, 'package.json'))('playwright-core');

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google hosts that this network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A persistent context in a fresh profile; HEADED=1 shows the window (run under xvfb-run -a). */
async function launch() {
  const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: process.env.HEADED !== '1',
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 1000 },
    // Chromium's crash reporter keeps its database under $XDG_CONFIG_HOME/chromium whatever the profile.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page: context.pages()[0] || (await context.newPage()), close };
}

/** Encodes an absolute path for a URI path component, keeping the slashes. */
const encodePath = (p) => p.split('/').map(encodeURIComponent).join('/');

/** Workbench URL; payload entries become `&payload=` (paths must already be vscode-remote URIs). */
function workbenchUrl(base, folder, payload) {
  let url = `${base.replace(/\/$/, '')}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** vscode-remote URI of a path on the code-server host, as microsoft/vscode's browser integration tests pass them. */
const remoteUri = (base, p) => `vscode-remote://${new URL(base).host}${encodePath(p)}`;

/** Rejects after `ms` with `what` in the message; for every wait that has no timeout of its own. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

module.exports = { launch, workbenchUrl, remoteUri, withTimeout };
