/**
 * Property-based fuzzing of the engine and the server with mutated fixtures (fast-check): no uncaught
 * exception, no hang, findings only at valid ranges, and every offered fix keeps parseable text
 * parseable. SCALELINT_FUZZ_RUNS raises the number of cases for a long local run; SCALELINT_FUZZ_SEED
 * replays a failure (the seed is printed at the start and by fast-check on failure).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { applyEdits, groupEditsByFile } from '../src/engine/edits';
import { FIXTURES_ROOT, FixtureRunner, listCases } from './harness/fixtures';
import { LspSession, makeWorkspace } from './helpers/lsp-client';

const RUNS = Number(process.env.SCALELINT_FUZZ_RUNS ?? 60);
const SEED = Number(process.env.SCALELINT_FUZZ_SEED ?? Date.now() % 2 ** 31);
/**
 * Generous: a bound against hangs, not a performance assertion. Counted in CPU time, which a hang (a loop:
 * analysis is synchronous) burns and a starved process on a shared machine does not: a long run at
 * nice 19 under load 12 once took 30 s of wall time for a 12-line file that needs 1 s.
 */
const PER_FILE_LIMIT_MS = 30_000;

const sources = [
  ...listCases(path.join(FIXTURES_ROOT, 'sync-blocking-call')).flatMap((c) => c.files),
  ...listCases(path.join(FIXTURES_ROOT, 'sample-service')).flatMap((c) => c.files).filter((f) => f.includes(`${path.sep}src${path.sep}`)),
];
const TOKENS = ['{', '}', '(', ')', '=>', 'async ', 'await ', 'readFileSync(', '"', "'", '`', '/*', '*/', '//', ';', ',', 'app.get(', 'function', '\0', '\uFFFD', '\u2028', '<', '>'];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.nat().map((n) => (t: string) => withLines(t, (ls) => ls.filter((_, i) => i !== n % ls.length))),
  fc.nat().map((n) => (t: string) => withLines(t, (ls) => [...ls.slice(0, n % ls.length), ls[n % ls.length], ...ls.slice(n % ls.length)])),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) =>
    withLines(t, (ls) => {
      const out = [...ls];
      [out[a % ls.length], out[b % ls.length]] = [out[b % ls.length], out[a % ls.length]];
      return out;
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([n, tok]) => (t: string) => t.slice(0, n % (t.length + 1)) + tok + t.slice(n % (t.length + 1))),
  fc.tuple(fc.constantFrom('readFileSync', 'app', 'router', 'res', 'req', 'express', 'fs'), fc.constantFrom('x', 'readSync', 'fetch', '', 'await')).map(([from, to]) => (t: string) => t.split(from).join(to)),
  fc.constant((t: string) => t + `\nexport const long = "${'x'.repeat(100_000)}";\n`),
  fc.constant((t: string) => t + '\n' + 'export const n = 1;\n'.repeat(280_000)),
);

function withLines(text: string, f: (lines: string[]) => string[]): string {
  const lines = text.split('\n');
  return lines.length === 0 ? text : f(lines).join('\n');
}

function parses(text: string, file: string): boolean {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

test(`the engine survives ${RUNS} mutated fixtures (seed ${SEED})`, () => {
  console.log(`fuzz seed: ${SEED} (replay with SCALELINT_FUZZ_SEED=${SEED})`);
  const runner = new FixtureRunner();
  const host = runner.analyzer.host;
  fc.assert(
    fc.property(fc.constantFrom(...sources), mutation, (file, mutate) => {
      const original = fs.readFileSync(file, 'utf8');
      const text = mutate(original);
      host.setOverlay(file, text);
      try {
        const started = process.cpuUsage();
        const analysis = runner.analyzer.analyzeFile(file);
        const used = process.cpuUsage(started);
        assert.ok((used.user + used.system) / 1000 < PER_FILE_LIMIT_MS, `analysis of ${file} used over ${PER_FILE_LIMIT_MS} ms of CPU`);
        assert.ok(!analysis.notices.some((n) => n.kind === 'rule-error'), analysis.notices.map((n) => n.message).join('\n'));
        const inputParses = parses(text, file);
        for (const f of analysis.findings) {
          assert.ok(f.start >= 0 && f.start <= f.end && f.end <= analysis.text.length, `range ${f.start}-${f.end} outside the text`);
          for (const fix of f.fixes) {
            for (const [target, edits] of groupEditsByFile(fix.edits())) {
              const before = host.readText(target) ?? '';
              for (const e of edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= before.length, `fix edit ${e.start}-${e.end} outside ${target}`);
              if (target === file && inputParses) assert.ok(parses(applyEdits(before, edits), target), `"${fix.title}" breaks parsing of ${file}`);
            }
          }
        }
      } finally {
        host.clearOverlay(file);
      }
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
});

test('the server keeps answering through a stream of mutated edits', async () => {
  const original = fs.readFileSync(path.join(FIXTURES_ROOT, 'sync-blocking-call', 'express-handler.ts'), 'utf8');
  const session = new LspSession(makeWorkspace({ 'src/app.ts': original }));
  try {
    await session.initialize({ pull: true });
    await session.open('src/app.ts');
    const edits = fc.sample(mutation, { numRuns: 25, seed: SEED });
    for (const mutate of edits) {
      await session.change('src/app.ts', mutate(original));
      await session.pull('src/app.ts');
    }
    await session.change('src/app.ts', original);
    assert.equal((await session.pull('src/app.ts')).length, 4, 'after the storm, the original findings are back');
  } finally {
    await session.shutdown();
  }
});

test('a handler whose parameter is named `await` is not offered an async fix (fuzz seed 20261125, case 249)', () => {
  const file = path.join(FIXTURES_ROOT, 'sync-blocking-call', 'node-http-server', 'server.ts');
  const text = fs.readFileSync(file, 'utf8').split('req').join('await');
  assert.ok(text.includes('(await, res) =>') && parses(text, file));
  const runner = new FixtureRunner();
  runner.analyzer.host.setOverlay(file, text);
  const analysis = runner.analyzer.analyzeFile(file);
  assert.ok(analysis.findings.some((f) => f.ruleId === 'sync-blocking-call'), 'the blocking call is still reported');
  for (const f of analysis.findings) {
    for (const fix of f.fixes) {
      const edits = groupEditsByFile(fix.edits()).get(file) ?? [];
      assert.ok(parses(applyEdits(text, edits), file), `"${fix.title}" breaks parsing`);
    }
  }
});
