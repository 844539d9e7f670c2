/** The .vsix ships only the bundles, the manifest, the docs and the licence. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './harness/fixtures';

test('vsce ls lists no sources, fixtures, maps or node_modules', () => {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.trim().split('\n').sort();
  for (const required of ['package.json', 'README.md', 'LICENSE', 'client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'rules/sync-blocking-call/README.md']) {
    assert.ok(files.includes(required), `${required} ships`);
  }
  const unexpected = files.filter((f) => /\.ts$|\.map$|node_modules|test-fixtures|^e2e\/|^scripts\/|\/src\//.test(f));
  assert.deepEqual(unexpected, []);
});
