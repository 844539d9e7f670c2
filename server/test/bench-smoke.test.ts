/**
 * The benchmark (`npm run bench`, scripts/bench/) still runs end to end: on a tiny generated project,
 * one run of everything, JSON with every field the issue asks for. Timings are never asserted here —
 * they are noisy on shared machines; `npm run bench` is run on purpose, not by `npm test`.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Compiled to out/server/test/: the repository is three folders up.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const BENCH_DIR = path.join(REPO_ROOT, 'scripts', 'bench');
const BENCH = path.join(BENCH_DIR, 'bench.mjs');

/**
 * The ESLint reference tools are pinned in scripts/bench/package.json and kept out of the root install.
 * A test must not reach the network, so the bench runs with --no-install: where they are installed
 * (`npm ci --prefix scripts/bench`, a few seconds) the run covers eslintTyped too; where they are not,
 * eslintTyped and the ratio that needs it are left out rather than installed here.
 */
function eslintToolsInstalled(): boolean {
  const pins = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'package.json'), 'utf8')).dependencies as Record<string, string>;
  return Object.entries(pins).every(([name, version]) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'node_modules', name, 'package.json'), 'utf8')).version === version;
    } catch {
      return false;
    }
  });
}

test('the bench runs on a 40-file generated project and writes every JSON field', { timeout: 300_000 }, (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scalelint-bench-smoke-'));
  try {
    const withEslint = eslintToolsInstalled();
    if (!withEslint) t.diagnostic('scripts/bench/node_modules is not installed: eslintTyped is skipped (npm ci --prefix scripts/bench covers it)');
    const json = path.join(work, 'bench.json');
    const args = [BENCH, '--files', '40', '--runs', '1', '--warmup', '0', '--edits', '4', '--json', json, '--dir', path.join(work, 'corpus'), '--no-install', '--timeout', '120'];
    if (!withEslint) args.push('--only', 'parseOnly,programBinder,tscNoEmit,scalelint,firstFile,edit');
    const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 280_000 });
    assert.equal(r.status, 0, `bench failed:\n${r.stderr}`);
    assert.match(r.stdout, /Scalelint bench — generated project, 40 files/);

    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.equal(doc.corpus.files, 40);
    const positive = (value: unknown, what: string) => assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, `${what} = ${value}`);
    const tools = ['parseOnly', 'programBinder', 'tscNoEmit', 'scalelint', ...(withEslint ? ['eslintTyped'] : [])];
    for (const tool of tools) {
      positive(doc[tool]?.wallMs, `${tool}.wallMs`);
      positive(doc[tool]?.peakRssMb, `${tool}.peakRssMb`);
    }
    positive(doc.firstFileMs, 'firstFileMs');
    positive(doc.edit?.p50Ms, 'edit.p50Ms');
    positive(doc.edit?.p95Ms, 'edit.p95Ms');
    const ratios = ['scalelintVsProgramBinder', 'scalelintVsTscNoEmit', 'rssVsProgramBinder', ...(withEslint ? ['eslintTypedVsScalelint'] : [])];
    for (const name of ratios) positive(doc.ratios?.[name], `ratios.${name}`);

    // The numbers describe real work: the scan found what the generator planted for the implemented
    // rule, and the warm server's findings followed the edits.
    const sync = doc.detection['sync-blocking-call'];
    assert.ok(sync.implemented && sync.planted > 0 && sync.found > 0, JSON.stringify(sync));
    assert.equal(doc.edit.verified, true, `edits: ${JSON.stringify(doc.edit.problems)}`);
    assert.ok(!fs.existsSync(path.join(work, 'corpus')), 'the generated project is removed without --keep');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('the generator is deterministic and plants what its manifest says', async () => {
  const { generate } = (await import(pathToFileURL(path.join(BENCH_DIR, 'generate.mjs')).href)) as {
    generate: (o: { files: number; seed: number; dir: string }) => { files: number; sites: { file: string; line: number; text: string; type: string }[]; planted: Record<string, number> };
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scalelint-bench-gen-'));
  try {
    const a = generate({ files: 60, seed: 7, dir: path.join(work, 'a') });
    const b = generate({ files: 60, seed: 7, dir: path.join(work, 'b') });
    assert.deepEqual(a.sites, b.sites);
    const list = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' || e.name.startsWith('.') ? [] : e.isDirectory() ? list(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    const sources = list(path.join(work, 'a')).filter((f) => f.endsWith('.ts'));
    assert.equal(sources.length, 60);
    for (const f of sources) assert.equal(fs.readFileSync(path.join(work, 'a', f), 'utf8'), fs.readFileSync(path.join(work, 'b', f), 'utf8'), f);
    for (const s of a.sites) assert.equal(fs.readFileSync(path.join(work, 'a', s.file), 'utf8').split('\n')[s.line - 1].trim(), s.text, `${s.file}:${s.line}`);
    assert.ok(Object.values(a.planted).every((n) => n > 0), JSON.stringify(a.planted));
    assert.throws(() => generate({ files: 60, seed: 7, dir: REPO_ROOT }), /refusing to overwrite/);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
