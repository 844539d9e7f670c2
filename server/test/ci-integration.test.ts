/** CI adoption: baselines that survive edits, and shards whose union is the whole run. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES_ROOT, REPO_ROOT } from './harness/fixtures';
import { makeWorkspace } from './helpers/lsp-client';

const CLI = path.join(REPO_ROOT, 'server', 'out', 'cli.js');

function scalelint(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const APP = [
  "import express from 'express';",
  "import { readFileSync, statSync } from 'node:fs';",
  'const app = express();',
  "app.get('/a', (req, res) => { res.send(readFileSync('/a')); });",
  "app.get('/b', (req, res) => { res.json(statSync('/b').size); });",
  '',
].join('\n');

test('a baseline hides known findings through line shifts, file moves and unrelated edits, and reports new and fixed ones', () => {
  const dir = makeWorkspace({ 'src/app.ts': APP });
  const baseline = path.join(dir, 'scalelint-baseline.json');
  const update = scalelint(dir, '--baseline-update', baseline);
  assert.equal(update.code, 0);
  assert.match(update.stderr, /2 findings recorded/);

  // Shift lines, move the file, edit something unrelated.
  fs.rmSync(path.join(dir, 'src/app.ts'));
  fs.writeFileSync(path.join(dir, 'src/server.ts'), `// moved and reformatted\n\n\n${APP.replace("'/b'", "'/b'  ")}\nexport const unrelated = 1;\n`);
  const known = scalelint(dir, '--baseline', baseline, '--max-warnings', '0', '--format', 'json');
  assert.equal(known.code, 0, known.stderr);
  assert.equal(JSON.parse(known.stdout).findings.length, 0);
  assert.match(known.stderr, /2 known findings hidden, 0 new/);

  // A new blocking call fails; a fixed one is counted as stale.
  fs.writeFileSync(path.join(dir, 'src/server.ts'), APP.replace("res.json(statSync('/b').size)", "res.json(1)").replace("app.get('/a'", "app.get('/c', (req, res) => { res.send(readFileSync('/c')); });\napp.get('/a'"));
  const fresh = scalelint(dir, '--baseline', baseline, '--max-warnings', '0', '--format', 'json');
  assert.equal(fresh.code, 1);
  const findings = JSON.parse(fresh.stdout).findings as { start: { line: number } }[];
  assert.deepEqual(findings.map((f) => f.start.line), [4]);
  assert.match(fresh.stderr, /1 known findings hidden, 1 new; 1 baseline entries no longer occur/);

  const pruned = scalelint(dir, '--baseline-update', baseline);
  assert.match(pruned.stderr, /2 findings recorded, 1 fixed since the last update pruned/);
});

test('a bad baseline file is a usage error', () => {
  const dir = makeWorkspace({ 'src/app.ts': APP });
  fs.writeFileSync(path.join(dir, 'b.json'), '{"not": "a baseline"}');
  const r = scalelint(dir, '--baseline', path.join(dir, 'b.json'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not a Scalelint baseline/);
});

test('shards partition the files and their findings union to the unsharded run, cross-file paths included', () => {
  const target = path.join(FIXTURES_ROOT, 'sync-blocking-call');
  const key = (f: { ruleId: string; file: string; start: { line: number; column: number } }) => `${f.file}:${f.start.line}:${f.start.column}:${f.ruleId}`;
  const whole = (JSON.parse(scalelint(target, '--format', 'json').stdout).findings as never[]).map(key).sort();
  const parts = [1, 2, 3].map((k) => JSON.parse(scalelint(target, '--format', 'json', '--shard', `${k}/3`).stdout) as { summary: { filesScanned: number }; findings: never[] });
  const union = parts.flatMap((p) => p.findings.map(key)).sort();
  assert.deepEqual(union, whole);
  assert.ok(parts.every((p) => p.summary.filesScanned > 0), 'every shard has files');
  assert.ok(whole.some((k) => k.startsWith('cross-file-helper/crypto-util.ts')), 'a finding that depends on another file is in the union');
  assert.equal(scalelint(target, '--shard', '4/3').code, 2);
});
