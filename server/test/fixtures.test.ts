/**
 * Runs every fixture under test-fixtures/: each rule folder's cases (markers and fixed outputs) and
 * the sample service, which holds instances of every rule's anti-pattern and their look-alikes.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { buildReport } from '../src/cli/report';
import { formatStylish } from '../src/cli/format-stylish';
import { FIXTURES_ROOT, FixtureRunner, listCases } from './harness/fixtures';

const update = process.env.SCALELINT_UPDATE === '1';
const runner = new FixtureRunner();

for (const rule of RULES) {
  const dir = path.join(FIXTURES_ROOT, rule.id);
  test(`${rule.id} has fixtures`, () => assert.ok(fs.existsSync(dir) && listCases(dir).length > 0, `no cases in ${dir}`));
  if (!fs.existsSync(dir)) continue;
  for (const c of listCases(dir)) {
    test(`${rule.id}: ${c.name}`, () => {
      const problems = c.files.flatMap((f) => runner.checkMarkers(f).problems);
      problems.push(...runner.checkFixes(c.files, rule.id, update));
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
  // The wording users see, for review: one rendering of every case (positions live in the markers).
  test(`${rule.id}: CLI rendering matches __snapshots__/cli.snap`, async () => {
    const files = listCases(dir).flatMap((c) => c.files);
    const scan = await runner.analyzer.scan(files);
    const rendered = formatStylish(buildReport(scan, dir, 0, (f) => runner.analyzer.host.readText(f), false), false);
    const snap = path.join(dir, '__snapshots__', 'cli.snap');
    if (update || !fs.existsSync(snap)) {
      fs.mkdirSync(path.dirname(snap), { recursive: true });
      fs.writeFileSync(snap, rendered);
    }
    assert.equal(rendered, fs.readFileSync(snap, 'utf8'), 'run npm run test:update and review the diff');
  });
}

const sample = path.join(FIXTURES_ROOT, 'sample-service');
const pending = new Set<string>();
test('sample service: every marker of an implemented rule is reported, and nothing else', () => {
  const sampleFiles = listCases(sample).flatMap((c) => c.files);
  const problems: string[] = [];
  for (const file of sampleFiles) {
    const check = runner.checkMarkers(file);
    problems.push(...check.problems);
    check.pendingRules.forEach((r) => pending.add(r));
  }
  assert.ok(sampleFiles.length > 5, 'the sample service has files');
  assert.deepEqual(problems, [], problems.join('\n'));
});
test('sample service: markers of rules not implemented yet', (t) => {
  if (pending.size > 0) t.todo(`not implemented yet: ${[...pending].sort().join(', ')}`);
});

test('sample service: applying every fix (unsafe ones included) leaves a project that still type-checks', () => {
  const files = listCases(sample).flatMap((c) => c.files);
  const before = new Map(files.map((f) => [f, runner.typeErrors(f)]));
  const fixed = new Map<string, string>();
  try {
    for (const rule of RULES) {
      for (const [file, text] of runner.applyFixes(files, rule.id)) {
        fixed.set(file, text);
        runner.analyzer.host.setOverlay(file, text);
      }
    }
    assert.ok(fixed.size > 0, 'some fix applied');
    const added = [...fixed.keys()].flatMap((f) => runner.typeErrors(f).filter((e) => !(before.get(f) ?? []).includes(e)).map((e) => `${path.relative(sample, f)}: ${e}`));
    assert.deepEqual(added, []);
  } finally {
    for (const file of fixed.keys()) runner.analyzer.host.clearOverlay(file);
  }
});
