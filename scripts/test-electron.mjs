// For contributors with a desktop VS Code (it downloads one): runs the same extension-host suite as
// e2e/run.sh, through @vscode/test-electron, against a copy of the sample service.
// On a headless Linux desktop: `xvfb-run -a npm run test:electron`.
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(mkdtempSync(join(tmpdir(), 'scalelint-electron-')), 'sample-service');
cpSync(join(root, 'test-fixtures', 'sample-service'), workspace, { recursive: true });
symlinkSync(join(root, 'test-fixtures', 'node_modules'), join(workspace, 'node_modules'), 'dir');

await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: join(root, 'client', 'out', 'test', 'suite', 'index.js'),
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
});
