/** The bundled command line, run as a user runs it: formats, exit codes and a schema-valid SARIF log. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { FIXTURES_ROOT, REPO_ROOT } from './harness/fixtures';
import { makeWorkspace } from './helpers/lsp-client';

const CLI = path.join(REPO_ROOT, 'server', 'out', 'cli.js');
const RULE_FIXTURES = path.join(FIXTURES_ROOT, 'sync-blocking-call');

function scalelint(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('SARIF output is valid SARIF 2.1.0 with rules, regions, related locations, fixes and fingerprints', () => {
  const { code, stdout } = scalelint(RULE_FIXTURES, '--format', 'sarif');
  assert.equal(code, 0, 'warnings alone do not fail');
  const sarif = JSON.parse(stdout) as { runs: any[] };
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The published schema has a pattern that is invalid under the u flag (a stray `]`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));

  const run = sarif.runs[0];
  assert.ok(run.tool.driver.rules.some((r: { id: string; help: { markdown: string } }) => r.id === 'sync-blocking-call' && r.help.markdown.includes('## Why it hurts at scale')));
  assert.match(run.originalUriBaseIds.SRCROOT.uri, /^file:\/\/.*sync-blocking-call\/$/);
  const result = run.results.find((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri === 'cross-file-helper/crypto-util.ts');
  assert.ok(result, 'the cross-file finding is in the log');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 10, endLine: 4, endColumn: 27 });
  assert.deepEqual(
    result.relatedLocations.map((r: { message: { text: string } }) => r.message.text),
    ['POST /register registered here', 'calls hashPassword()', 'calls deriveKey()'],
  );
  assert.ok(Object.values(result.partialFingerprints)[0]);
  const withFix = run.results.find((r: { fixes?: unknown[] }) => r.fixes);
  assert.match(withFix.fixes[0].description.text, /\(unsafe\)$/);
});

test('JSON output carries positions, related locations and fix titles', () => {
  const { code, stdout } = scalelint(path.join(RULE_FIXTURES, 'express-handler.ts'), '--format', 'json');
  assert.equal(code, 0);
  const doc = JSON.parse(stdout);
  assert.equal(doc.summary.findings, 4);
  const [first] = doc.findings;
  assert.deepEqual([first.ruleId, first.file, first.start.line, first.start.column], ['sync-blocking-call', 'express-handler.ts', 11, 15]);
  assert.match(first.fixes[0].title, /Replace with `await readFile/);
  assert.equal(first.related[0].label, 'GET /users registered here');
});

test('stylish output groups findings by file and ends with a summary', () => {
  const { code, stdout } = scalelint(RULE_FIXTURES);
  assert.equal(code, 0);
  assert.match(stdout, /^express-handler\.ts$/m);
  assert.match(stdout, /^ {2}11:15 +warning +`readFileSync` blocks the event loop on GET \/users/m);
  assert.match(stdout, /✖ \d+ problems \(0 errors, \d+ warnings, 0 infos\)/);
});

test('exit codes: --max-warnings, error severity, usage and configuration errors', () => {
  assert.equal(scalelint(RULE_FIXTURES, '--max-warnings', '0').code, 1);
  const usage = scalelint('--format', 'xml');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /unknown --format "xml"/);
  assert.equal(scalelint('--no-such-flag').code, 2);
  assert.equal(scalelint(RULE_FIXTURES, '--rule', 'no-such-rule').code, 2);
  assert.equal(scalelint(path.join(REPO_ROOT, 'does-not-exist')).code, 2);

  const dir = makeWorkspace({ 'src/app.ts': "import express from 'express';\nimport { readFileSync } from 'fs';\nexpress().get('/', (q, s) => { s.send(readFileSync('x')); });\n" });
  fs.writeFileSync(path.join(dir, '.scalelintrc.json'), '{ "rules": { "sync-blocking-call": "error" } }');
  const failing = scalelint(dir, '--format', 'json');
  assert.equal(failing.code, 1, 'an error-severity finding fails');
  assert.equal(JSON.parse(failing.stdout).findings[0].severity, 'error');
  fs.writeFileSync(path.join(dir, '.scalelintrc.json'), '{ "rulez": {} }');
  const badConfig = scalelint(dir);
  assert.equal(badConfig.code, 2);
  assert.match(badConfig.stderr, /invalid configuration: .*\.scalelintrc\.json:1:3: unknown key "rulez"/);
});

test('scalelint report writes a self-contained page grouped by route', () => {
  const out = path.join(makeWorkspace({}), 'report.html');
  const r = scalelint('report', path.join(FIXTURES_ROOT, 'sample-service'), '--output', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /wrote .*report\.html: \d+ findings on \d+ routes/);
  const html = fs.readFileSync(out, 'utf8');
  for (const route of ['GET /reports/:id', 'GET /users/:id/avatar', 'POST /auth/register']) assert.ok(html.includes(`<summary>${route}</summary>`), route);
  assert.match(html, /<svg role="img"/);
  assert.ok(!/<script|src=|href="http/i.test(html), 'no scripts and nothing loaded from elsewhere');
});
