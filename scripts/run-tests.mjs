// Runs the unit suites compiled by `tsc -p .` with node's built-in test runner.
// `--update` rewrites fixed-output files and snapshots instead of comparing against them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.js') ? [join(dir, e.name)] : [],
  );
}

const args = process.argv.slice(2);
const update = args.includes('--update');
const filters = args.filter((a) => a !== '--update');
// The extension-host suite (out/client) needs VS Code; e2e/run.sh runs it there.
const files = find('out/server').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files found under out/ (run `npm run compile` first)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, ...(update ? { SCALELINT_UPDATE: '1' } : {}) },
});
process.exit(result.status ?? 1);
