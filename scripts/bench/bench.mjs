#!/usr/bin/env node
/**
 * `npm run bench`: Scalelint against reference tools, measured in the same run on the same files.
 * See USAGE below and scripts/bench/README.md. Not part of `npm test` (timings on shared machines are
 * noisy); server/test/bench-smoke.test.ts only checks that it runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { referencedSourceMap, summarizeCpuProfile } from './lib/cpuprofile.mjs';
import { measureEdits, measureFirstFile } from './lib/lsp.mjs';
import { killLiveChildren, measureRounds, removeScratch, runNode, scratchDir } from './lib/measure.mjs';
import { runSoak } from './lib/soak.mjs';
import { generate, MIN_FILES, RULE_IDS } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const BUILT_CLI = path.join(REPO_ROOT, 'server', 'out', 'cli.js');
const BUILT_SERVER = path.join(REPO_ROOT, 'server', 'out', 'server.js');
/** The bundles measured: a copy taken at start (see snapshotBundles), so a rebuild during a run changes nothing. */
let CLI = BUILT_CLI;
let SERVER = BUILT_SERVER;
const TS_BASELINE = path.join(HERE, 'lib', 'ts-baseline.cjs');
const ESLINT_CONFIG = path.join(HERE, 'eslint.config.mjs');
const BENCH_MODULES = path.join(HERE, 'node_modules');
const ESLINT_BIN = path.join(BENCH_MODULES, 'eslint', 'bin', 'eslint.js');
const repoRequire = createRequire(path.join(REPO_ROOT, 'package.json'));

const MEASURES = ['parseOnly', 'programBinder', 'tscNoEmit', 'eslintTyped', 'scalelint', 'firstFile', 'edit'];
const PROCESS_TOOLS = ['parseOnly', 'programBinder', 'tscNoEmit', 'eslintTyped', 'scalelint'];

const USAGE = `Usage: npm run bench -- [options]        (node scripts/bench/bench.mjs [options])

Measures Scalelint against reference tools on the same files, in one run:
  parseOnly      ts.createSourceFile on every file of the tsconfig (TypeScript bundled in ts-morph)
  programBinder  ts.createProgram + getTypeChecker, no diagnostics (the same TypeScript)
  tscNoEmit      tsc --noEmit -p TSCONFIG
  eslintTyped    ESLint 9 + typescript-eslint's typed parser, rules n/no-sync and no-await-in-loop,
                 run as its command line (single-run mode)
  scalelint      node server/out/cli.js PATH --format json
  firstFile      cold language server over stdio: initialize, open a handler file, pull its diagnostics
  edit           warm language server: didChange then textDocument/diagnostic, p50 and p95
Each process measure is a median of --runs runs after --warmup runs: wall time and peak RSS.

Options:
  --files N[,N…]      generate a project of N files (default 3000); several sizes = growth mode
  --project PATH      measure a real project instead (needs PATH/tsconfig.json, or --tsconfig FILE)
  --tsconfig FILE     the tsconfig the reference tools read (default PATH/tsconfig.json)
  --seed N            generator seed (default 1)
  --runs N            measured runs per process tool and cold server starts (default 5)
  --warmup N          unmeasured runs first (default 1)
  --edits N           measured edits on the warm server (default 40: half handler, half helper)
  --only NAME[,NAME]  only these: ${MEASURES.join(', ')}
  --json FILE         also write the results as JSON
  --profile           also profile one Scalelint scan and the server during the edits (node --cpu-prof),
                      and summarise where the time goes
  --profile-dir DIR   where the .cpuprofile goes (default .bench/profiles)
  --keep              keep the generated project(s) (printed at the end)
  --dir DIR           generate into DIR (DIR/<N> in growth mode) instead of a temporary folder
  --timeout SEC       deadline for any one process run or server request (default 900)
  --no-install        do not install the ESLint reference tools; skip eslintTyped when they are missing
  --help

Soak mode: npm run bench -- soak [options]
  One language server under a long seeded stream of edits (8 in 10), opens and closes (1 in 10 each) over
  a generated project: its memory after a full GC at the end of the warm-up, every thousand edits and
  the end, and the median and worst edit → diagnostics latency of each thousand edits.
  --files N           generated project size (default 1000)
  --ops N             measured operations (default 10000), after --warmup-ops N (default 1000)
  --seed, --json FILE, --keep, --dir DIR, --timeout SEC   as above

Run \`npm run build\` first. The ESLint reference tools live in scripts/bench/package.json and are
installed on first use with \`npm ci --prefix scripts/bench\`.`;

// ---------------------------------------------------------------------------------------------
// Arguments

/** Options every mode takes, and a reader of whole-number options. */
const COMMON_OPTIONS = {
  seed: { type: 'string', default: '1' },
  json: { type: 'string' },
  keep: { type: 'boolean', default: false },
  dir: { type: 'string' },
  timeout: { type: 'string', default: '900' },
  help: { type: 'boolean', default: false },
};

function parseWithCommon(argv, options) {
  const { values } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options } });
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number ≥ ${min}`);
    return n;
  };
  return { values, int };
}

function parseOptions(argv) {
  const { values, int } = parseWithCommon(argv, {
    files: { type: 'string' },
    project: { type: 'string' },
    tsconfig: { type: 'string' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    edits: { type: 'string', default: '40' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'profile-dir': { type: 'string' },
    'no-install': { type: 'boolean', default: false },
  });
  if (values.help) return { help: true };
  if (values.files !== undefined && values.project !== undefined) throw new UsageError('--files and --project exclude each other');
  const sizes = values.project ? [] : (values.files ?? '3000').split(',').map((s) => Number(s.trim()));
  for (const n of sizes) if (!Number.isInteger(n) || n < MIN_FILES) throw new UsageError(`--files takes whole numbers ≥ ${MIN_FILES}`);
  const only = values.only ? values.only.split(',').map((s) => s.trim().replace(/Ms$/, '')) : MEASURES;
  for (const name of only) if (!MEASURES.includes(name)) throw new UsageError(`--only: unknown "${name}" (known: ${MEASURES.join(', ')})`);
  const opts = {
    sizes,
    project: values.project ? path.resolve(values.project) : undefined,
    tsconfig: values.tsconfig ? path.resolve(values.tsconfig) : undefined,
    seed: int('seed', 0),
    runs: int('runs', 1),
    warmup: int('warmup', 0),
    edits: int('edits', 2),
    only: new Set(only),
    json: values.json ? path.resolve(values.json) : undefined,
    profile: values.profile,
    profileDir: path.resolve(values['profile-dir'] ?? path.join(REPO_ROOT, '.bench', 'profiles')),
    keep: values.keep,
    dir: values.dir ? path.resolve(values.dir) : undefined,
    timeoutMs: int('timeout', 1) * 1000,
    install: !values['no-install'],
  };
  if (opts.project) {
    if (!fs.existsSync(opts.project) || !fs.statSync(opts.project).isDirectory()) throw new UsageError(`--project: no such folder ${opts.project}`);
    opts.tsconfig ??= path.join(opts.project, 'tsconfig.json');
    if (!fs.existsSync(opts.tsconfig)) throw new UsageError(`--project: ${opts.tsconfig} not found; the reference tools read the file list from a tsconfig (pass --tsconfig FILE)`);
  }
  return opts;
}

class UsageError extends Error {}

const log = (message) => process.stderr.write(`${message}\n`);
const secs = (ms) => (ms === undefined ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

// ---------------------------------------------------------------------------------------------
// Preconditions

function checkBuild() {
  for (const f of [BUILT_CLI, BUILT_SERVER]) {
    if (!fs.existsSync(f)) throw new UsageError(`${path.relative(REPO_ROOT, f)} is missing: run \`npm run build\` first`);
  }
  const built = Math.min(fs.statSync(BUILT_CLI).mtimeMs, fs.statSync(BUILT_SERVER).mtimeMs);
  const newest = newestMtime([path.join(REPO_ROOT, 'server', 'src'), path.join(REPO_ROOT, 'rules')]);
  if (newest > built) log('bench: warning: server/src or rules/ changed after the last build; measuring the built bundles (run `npm run build` to include the changes)');
}

function newestMtime(dirs) {
  let newest = 0;
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.ts$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) visit(d);
  return newest;
}

/**
 * Copies the CLI and server bundles (with their source maps, when they reference them) to
 * .bench/bundles-PID/server/out/, inside the repository so that the bundles still find Scalelint's
 * package.json and rule docs by walking up. Whatever rebuilds server/out/ during a long run (another
 * terminal, an editor's watch task, `npm run package`'s minified build), every measurement runs the
 * same code. Returns the folder to remove at the end and what kind of build was copied.
 */
function snapshotBundles() {
  const dir = path.join(REPO_ROOT, '.bench', `bundles-${process.pid}`);
  const out = path.join(dir, 'server', 'out');
  fs.mkdirSync(out, { recursive: true });
  let kind = 'development';
  for (let attempt = 0; ; attempt++) {
    const before = [BUILT_CLI, BUILT_SERVER].map((f) => fs.statSync(f).mtimeMs);
    for (const js of [BUILT_CLI, BUILT_SERVER]) {
      const target = path.join(out, path.basename(js));
      fs.copyFileSync(js, target);
      const map = referencedSourceMap(js);
      if (map) {
        // Sources are relative to the original folder: make them absolute so the copy maps back too.
        const json = JSON.parse(fs.readFileSync(map, 'utf8'));
        const root = path.resolve(path.dirname(map), json.sourceRoot ?? '');
        json.sources = json.sources.map((src) => (src.startsWith('file:') || path.isAbsolute(src) ? src : path.resolve(root, src)));
        delete json.sourceRoot;
        fs.writeFileSync(path.join(out, path.basename(map)), JSON.stringify(json));
      } else kind = 'production (minified, no source map)';
    }
    const after = [BUILT_CLI, BUILT_SERVER].map((f) => fs.statSync(f).mtimeMs);
    if (before.every((t, i) => t === after[i])) break;
    if (attempt === 5) throw new Error('server/out/ keeps changing (a build is running?); try again when it is done');
  }
  CLI = path.join(out, 'cli.js');
  SERVER = path.join(out, 'server.js');
  return { dir, kind, builtAt: new Date(fs.statSync(BUILT_CLI).mtimeMs).toISOString() };
}

/** The pinned reference tools are installed when every pin in package.json matches what is on disk. */
function benchToolsInstalled() {
  const pins = JSON.parse(fs.readFileSync(path.join(HERE, 'package.json'), 'utf8')).dependencies;
  return Object.entries(pins).every(([name, version]) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(BENCH_MODULES, name, 'package.json'), 'utf8')).version === version;
    } catch {
      return false;
    }
  });
}

function ensureBenchTools(opts) {
  if (!opts.only.has('eslintTyped') || benchToolsInstalled()) return;
  if (!opts.install) {
    log('bench: the ESLint reference tools are not installed (npm ci --prefix scripts/bench); skipping eslintTyped (--no-install)');
    opts.only.delete('eslintTyped');
    return;
  }
  log('bench: installing the pinned reference tools (ESLint 9, typescript-eslint, eslint-plugin-n, TypeScript) into scripts/bench/node_modules, once:');
  log('bench:   npm ci --prefix scripts/bench --no-audit --no-fund');
  const started = performance.now();
  const r = spawnSync('npm', ['ci', '--prefix', HERE, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (r.status !== 0 || !benchToolsInstalled()) {
    throw new Error('could not install the ESLint reference tools; run `npm ci --prefix scripts/bench` yourself, or leave them out with --only (without eslintTyped)');
  }
  log(`bench: installed in ${secs(performance.now() - started)}`);
}

function versions() {
  const read = (req, name) => {
    try {
      return JSON.parse(fs.readFileSync(req.resolve(`${name}/package.json`), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  const benchRequire = createRequire(path.join(HERE, 'package.json'));
  return {
    node: process.version,
    tsMorph: read(repoRequire, 'ts-morph'),
    typescriptEngine: repoRequire('@ts-morph/common/dist/typescript.js').version,
    tsc: read(repoRequire, 'typescript'),
    eslint: read(benchRequire, 'eslint'),
    typescriptEslintParser: read(benchRequire, '@typescript-eslint/parser'),
    eslintPluginN: read(benchRequire, 'eslint-plugin-n'),
    eslintTypescript: read(benchRequire, 'typescript'),
  };
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10_000 }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10_000 }).trim() !== '';
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return undefined;
  }
}

/** Rule ids the built CLI registers, from its SARIF rule list on an empty folder. */
async function implementedRules(timeoutMs) {
  const empty = fs.mkdtempSync(path.join(scratchDir(), 'empty-'));
  const r = await runNode({ script: CLI, args: [empty, '--format', 'sarif'], timeoutMs, label: 'rules' });
  try {
    return JSON.parse(fs.readFileSync(r.stdoutFile, 'utf8')).runs[0].tool.driver.rules.map((x) => x.id);
  } catch {
    return [];
  } finally {
    fs.rmSync(r.stdoutFile, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// One corpus

async function benchCorpus(corpus, opts, implemented) {
  const { dir, tsconfig } = corpus;
  const tag = `[${corpus.files} files]`;
  const loadStart = os.loadavg()[0];
  // One-minute load average every 5 s: how busy the machine was while this corpus was measured.
  const loads = [loadStart];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]), 5_000);
  sampler.unref();
  const result = { corpus: { ...corpus, manifest: undefined, sites: undefined } };
  delete result.corpus.manifest;
  delete result.corpus.sites;
  const onRun = ({ name, index, measured, result: r }) =>
    log(`bench: ${tag} ${name} ${measured ? `run ${index - opts.warmup + 1}/${opts.runs}` : `warm-up ${index + 1}/${opts.warmup}`}: ${secs(r.wallMs)}${r.peakRssKb ? `, ${Math.round(r.peakRssKb / 1024)} MB` : ''}`);
  const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
  let scalelintReport;
  let eslintReport;

  const specs = {
    parseOnly: {
      spec: { script: TS_BASELINE, args: ['parse', tsconfig], cwd: dir },
      inspect: (r) => ({ files: readJson(r.stdoutFile).files }),
    },
    programBinder: {
      spec: { script: TS_BASELINE, args: ['program', tsconfig], cwd: dir },
      inspect: (r) => ({ programFiles: readJson(r.stdoutFile).files }),
    },
    tscNoEmit: {
      spec: { script: repoRequire.resolve('typescript/lib/tsc.js'), args: ['--noEmit', '-p', tsconfig], cwd: dir },
      // 1 and 2: the program has type errors; the check itself completed.
      ok: (r) => r.exitCode !== null && r.exitCode <= 2,
      inspect: (r) => {
        const errors = (fs.readFileSync(r.stdoutFile, 'utf8').match(/error TS\d+/g) ?? []).length;
        if (errors > 0) log(`bench: ${tag} note: tsc reports ${errors} type error(s) in this project`);
        return { typeErrors: errors };
      },
    },
    eslintTyped: {
      spec: () => {
        const out = path.join(scratchDir(), `eslint-${process.hrtime.bigint()}.json`);
        return {
          script: ESLINT_BIN,
          args: ['-c', ESLINT_CONFIG, '--format', 'json', '--output-file', out, '--no-warn-ignored', '.'],
          cwd: dir,
          // Explicit, although ESLint's bin path already implies it: without single-run mode,
          // typescript-eslint builds watch programs for an editor session and is much slower.
          env: { TSESTREE_SINGLE_RUN: 'true', SCALELINT_BENCH_TSCONFIG: tsconfig },
          out,
        };
      },
      ok: (r) => r.exitCode === 0 || r.exitCode === 1, // 1: lint problems found
      inspect: (r, spec) => {
        eslintReport = readJson(spec.out);
        const fatal = eslintReport.reduce((n, f) => n + f.messages.filter((m) => m.fatal).length, 0);
        if (fatal > 0) log(`bench: ${tag} note: ESLint could not parse ${fatal} file(s) (not in the tsconfig?)`);
        const problems = eslintReport.reduce((n, f) => n + f.messages.length, 0);
        return { files: eslintReport.length, problems, parseErrors: fatal };
      },
    },
    scalelint: {
      spec: { script: CLI, args: [dir, '--format', 'json'], cwd: REPO_ROOT },
      ok: (r) => r.exitCode === 0 || r.exitCode === 1, // 1: findings with severity error
      inspect: (r) => {
        scalelintReport = readJson(r.stdoutFile);
        const byRule = {};
        for (const f of scalelintReport.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
        const trouble = scalelintReport.notices.filter((n) => n.kind === 'project-error' || n.kind === 'rule-error');
        if (trouble.length > 0) log(`bench: ${tag} note: Scalelint notices: ${trouble.slice(0, 3).map((n) => n.message.split('\n')[0]).join('; ')}`);
        return { filesScanned: scalelintReport.summary.filesScanned, filesAnalyzed: scalelintReport.summary.filesAnalyzed, findings: scalelintReport.summary.findings, findingsByRule: byRule };
      },
    },
  };

  const tools = PROCESS_TOOLS.filter((name) => opts.only.has(name)).map((name) => ({ name, ...specs[name] }));
  if (tools.length > 0) Object.assign(result, await measureRounds({ tools, timeoutMs: opts.timeoutMs, runs: opts.runs, warmup: opts.warmup, onRun }));

  if (opts.profile) result.profile = await profileScan(corpus, opts, tag);

  const probe = corpus.manifest ? corpus.manifest.probe : await findProbe(corpus, scalelintReport, opts);
  const lspProbe = corpus.manifest
    ? { ...probe, expectToggle: true }
    : { ...probe, handlerEdit: { afterLine: 0, text: '// scalelint-bench edit' }, helperEdit: { afterLine: 0, text: '// scalelint-bench edit' }, expectToggle: false };
  if (opts.only.has('firstFile')) {
    const first = await measureFirstFile({
      repoRoot: REPO_ROOT,
      server: SERVER,
      root: dir,
      file: probe.handlerFile,
      runs: opts.runs,
      warmup: opts.warmup,
      timeoutMs: opts.timeoutMs,
      onRun: ({ index, measured, ms, completeMs }) =>
        log(`bench: ${tag} firstFile ${measured ? `run ${index - opts.warmup + 1}/${opts.runs}` : `warm-up ${index + 1}/${opts.warmup}`}: ${secs(ms)}${completeMs ? ` (partial; full ${secs(completeMs)})` : ''}`),
    });
    result.firstFileMs = first.medianMs;
    result.firstFile = first;
  }
  if (opts.only.has('edit')) {
    log(`bench: ${tag} edit: ${opts.edits} edits on a warm server (${lspProbe.handlerFile}, ${lspProbe.helperFile})${opts.profile ? ', profiled' : ''}`);
    const profile = opts.profile ? { dir: opts.profileDir, name: `${profileStem(corpus)}-server-edits.cpuprofile` } : undefined;
    if (profile) fs.rmSync(path.join(profile.dir, profile.name), { force: true });
    result.edit = await measureEdits({ repoRoot: REPO_ROOT, server: SERVER, root: dir, probe: lspProbe, edits: opts.edits, timeoutMs: opts.timeoutMs, profile });
    if (profile) {
      const file = path.join(profile.dir, profile.name);
      if (fs.existsSync(file)) result.edit.profile = summarizeCpuProfile(file, { repoRoot: REPO_ROOT, windowUs: result.edit.profileWindowUs });
      else log(`bench: ${tag} warning: the server did not write ${file}`);
    }
    if (result.edit.verified === false) log(`bench: ${tag} warning: edits did not change findings as expected: ${result.edit.problems.join('; ')}`);
  }

  result.ratios = ratios(result);
  result.ratiosFromMin = ratios(result, 'min');
  result.targets = targets(result);
  if (corpus.manifest) result.detection = detection(corpus, implemented, scalelintReport, eslintReport);
  clearInterval(sampler);
  loads.push(os.loadavg()[0]);
  result.machine = { loadavgStart: round1(loadStart), loadavgEnd: round1(loads.at(-1)), loadavgMean: round1(loads.reduce((a, b) => a + b, 0) / loads.length), loadavgMax: round1(Math.max(...loads)) };
  return result;
}

const round1 = (x) => Math.round(x * 100) / 100;
const ratio = (a, b) => (a > 0 && b > 0 ? Math.round((a / b) * 100) / 100 : null);

/** Ratios of medians (the headline), or with `basis = 'min'` of the fastest runs and smallest peaks (less sensitive to a busy machine). */
function ratios(r, basis = 'median') {
  const wall = (m) => (basis === 'min' ? m?.minMs : m?.wallMs);
  const rss = (m) => (basis === 'min' ? m?.peakRssMinMb : m?.peakRssMb);
  return {
    scalelintVsProgramBinder: ratio(wall(r.scalelint), wall(r.programBinder)),
    scalelintVsTscNoEmit: ratio(wall(r.scalelint), wall(r.tscNoEmit)),
    eslintTypedVsScalelint: ratio(wall(r.eslintTyped), wall(r.scalelint)),
    rssVsProgramBinder: ratio(rss(r.scalelint), rss(r.programBinder)),
    scalelintVsParseOnly: ratio(wall(r.scalelint), wall(r.parseOnly)),
    rssVsEslintTyped: ratio(rss(r.scalelint), rss(r.eslintTyped)),
  };
}

function targets(r) {
  const files = r.corpus.files;
  const t = (name, value, test, limit, scope) => ({ name, value, limit, met: value === null || value === undefined ? null : test(value), scope });
  return [
    t('full scan wall ≤ 1.5× programBinder', r.ratios.scalelintVsProgramBinder, (v) => v <= 1.5, '≤ 1.5×', 'any size'),
    t('typed ESLint ≥ 2× slower than the scan', r.ratios.eslintTypedVsScalelint, (v) => v >= 2, '≥ 2×', 'any size'),
    t('peak RSS ≤ 1.5× programBinder', r.ratios.rssVsProgramBinder, (v) => v <= 1.5, '≤ 1.5×', 'any size'),
    t('edit p50 ≤ 50 ms', r.edit?.p50Ms, (v) => v <= 50, '≤ 50 ms', files >= 3000 ? '3,000+ files' : 'stated for 3,000+ files'),
    t('edit p95 ≤ 200 ms', r.edit?.p95Ms, (v) => v <= 200, '≤ 200 ms', files >= 3000 ? '3,000+ files' : 'stated for 3,000+ files'),
    t('first findings ≤ 2 s (cold)', r.firstFileMs, (v) => v <= 2000, '≤ 2000 ms', files === 3000 ? '3,000 files' : 'stated for 3,000 files'),
  ];
}

/** Planted vs found, by (rule, file, line). ESLint's nearest rules are matched the same way, for context. */
function detection(corpus, implemented, scalelintReport, eslintReport) {
  const key = (rule, file, line) => `${rule}\0${file}\0${line}`;
  const sites = corpus.manifest.sites;
  const out = {};
  const eslintRules = { 'sync-blocking-call': 'n/no-sync', 'n-plus-one-query': 'no-await-in-loop' };
  const eslintFound = new Map();
  for (const f of eslintReport ?? []) {
    const rel = path.relative(corpus.dir, f.filePath).split(path.sep).join('/');
    for (const m of f.messages) if (m.ruleId) eslintFound.set(key(m.ruleId, rel, m.line), true);
  }
  for (const rule of RULE_IDS) {
    const planted = sites.filter((s) => s.type === 'planted' && s.rule === rule);
    const lookAlikes = sites.filter((s) => s.type === 'lookAlike' && s.rule === rule);
    const entry = { implemented: implemented.includes(rule), planted: planted.length, lookAlikes: lookAlikes.length };
    if (entry.implemented && !scalelintReport) entry.notMeasured = 'scalelint was not run (--only)';
    if (entry.implemented && scalelintReport) {
      // Info findings (a bounded cache noted as per-instance) are context, not a claim of an anti-pattern.
      const ofRule = scalelintReport.findings.filter((f) => f.ruleId === rule);
      const found = new Set(ofRule.filter((f) => f.severity !== 'info').map((f) => key(rule, f.file, f.start.line)));
      const hit = planted.filter((s) => found.has(key(rule, s.file, s.line)));
      const missed = planted.filter((s) => !found.has(key(rule, s.file, s.line)));
      const flagged = lookAlikes.filter((s) => found.has(key(rule, s.file, s.line)));
      const plantedKeys = new Set(planted.map((s) => key(rule, s.file, s.line)));
      Object.assign(entry, {
        found: hit.length,
        missed: missed.length,
        lookAlikesFlagged: flagged.length,
        infoFindings: ofRule.filter((f) => f.severity === 'info').length,
        otherFindings: [...found].filter((k) => !plantedKeys.has(k)).length - flagged.length,
        missedByKind: countBy(missed, (s) => s.kind),
        flaggedByKind: countBy(flagged, (s) => s.kind),
        missedSample: missed.slice(0, 5).map((s) => `${s.file}:${s.line} (${s.kind})`),
      });
    }
    const eslintRule = eslintRules[rule];
    if (eslintRule && eslintReport) {
      const k = (s) => key(eslintRule, s.file, s.line);
      const total = [...eslintFound.keys()].filter((x) => x.startsWith(`${eslintRule}\0`)).length;
      const hit = planted.filter((s) => eslintFound.has(k(s))).length;
      entry.eslint = { rule: eslintRule, found: hit, lookAlikesFlagged: lookAlikes.filter((s) => eslintFound.has(k(s))).length, reports: total };
    }
    out[rule] = entry;
  }
  return out;
}

function countBy(list, f) {
  const out = {};
  for (const x of list) out[f(x)] = (out[f(x)] ?? 0) + 1;
  return out;
}

/** For a real project: a handler file (where a reported request path is registered) and a helper on it. */
async function findProbe(corpus, report, opts) {
  if (!report) {
    const r = await runNode({ script: CLI, args: [corpus.dir, '--format', 'json'], cwd: REPO_ROOT, timeoutMs: opts.timeoutMs, label: 'probe' });
    try {
      report = JSON.parse(fs.readFileSync(r.stdoutFile, 'utf8'));
    } catch {
      report = { findings: [] };
    } finally {
      fs.rmSync(r.stdoutFile, { force: true });
    }
  }
  const rel = (f) => path.relative(corpus.dir, path.resolve(report.base ?? corpus.dir, f)).split(path.sep).join('/');
  const chained = report.findings.find((f) => f.related?.length >= 2 && f.related[0].file !== f.file);
  if (chained) return { handlerFile: rel(chained.related[0].file), helperFile: rel(chained.file), how: 'a reported request path: its registration and the helper file' };
  const any = report.findings.find((f) => f.related?.length >= 1);
  if (any) return { handlerFile: rel(any.related[0].file), helperFile: rel(any.file), how: 'a reported request path' };
  // No findings: a file that registers routes, else the largest source file.
  const files = listSources(corpus.dir);
  const routes = files.find((f) => /\.(get|post|put|patch|delete)\(\s*['"`]\//.test(fs.readFileSync(f, 'utf8')));
  const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const pick = routes ?? largest;
  if (!pick) throw new Error(`no source files under ${corpus.dir}`);
  const r = path.relative(corpus.dir, pick).split(path.sep).join('/');
  return { handlerFile: r, helperFile: r, how: routes ? 'a file that registers routes' : 'the largest source file' };
}

function listSources(dir) {
  const out = [];
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.[cm]?[jt]sx?$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

function profileStem(corpus) {
  return corpus.manifest ? `scalelint-${corpus.files}-files` : `scalelint-${path.basename(corpus.dir)}`;
}

async function profileScan(corpus, opts, tag) {
  fs.mkdirSync(opts.profileDir, { recursive: true });
  const name = `${profileStem(corpus)}.cpuprofile`;
  const file = path.join(opts.profileDir, name);
  fs.rmSync(file, { force: true });
  log(`bench: ${tag} profiling one Scalelint scan (node --cpu-prof)`);
  const r = await runNode({ script: CLI, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', opts.profileDir, '--cpu-prof-name', name], args: [corpus.dir, '--format', 'json'], cwd: REPO_ROOT, timeoutMs: opts.timeoutMs, label: 'profile' });
  fs.rmSync(r.stdoutFile, { force: true });
  if (!fs.existsSync(file)) throw new Error(`profiling: ${file} was not written (exit ${r.exitCode ?? r.signal})`);
  return { wallMs: Math.round(r.wallMs), ...summarizeCpuProfile(file, { repoRoot: REPO_ROOT }) };
}

// ---------------------------------------------------------------------------------------------
// Output

/** A plain-text table: the first column left-aligned, numbers right-aligned, a last column headed '' or 'where' left-aligned. */
function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const left = (i) => i === 0 || (i === header.length - 1 && ['', 'where', 'scope'].includes(header[i]));
  const line = (cells) =>
    cells
      .map((c, i) => (left(i) ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function render(r, opts, meta) {
  const out = [];
  const c = r.corpus;
  out.push('');
  out.push(`Scalelint bench — ${c.kind === 'generated' ? `generated project, ${c.files} files, ${c.lines} lines (seed ${c.seed})` : `${c.dir} (${c.files} files)`}`);
  out.push(`commit ${meta.commit ?? '?'}, ${meta.bundle.kind} bundles built ${meta.bundle.builtAt}`);
  out.push(`${meta.versions.node}, ${meta.machine.cpus}× ${meta.machine.cpuModel}, load average ${r.machine.loadavgMean} (max ${r.machine.loadavgMax}); median of ${opts.runs} run(s) after ${opts.warmup} warm-up round(s), tools interleaved`);
  if (r.machine.loadavgMean > meta.machine.cpus) out.push(`warning: the machine was busy (load above ${meta.machine.cpus} cores): medians are noisy, compare the minima too`);
  out.push('');
  const rows = [];
  const label = {
    parseOnly: 'parseOnly (createSourceFile)',
    programBinder: 'programBinder (program + checker)',
    tscNoEmit: `tscNoEmit (tsc ${meta.versions.tsc})`,
    eslintTyped: `eslintTyped (ESLint ${meta.versions.eslint ?? '?'}, typed)`,
    scalelint: 'scalelint (CLI, --format json)',
  };
  for (const name of PROCESS_TOOLS) {
    const m = r[name];
    if (!m) continue;
    rows.push([label[name], secs(m.wallMs), secs(m.minMs), secs(m.maxMs), m.peakRssMb === undefined ? '–' : `${m.peakRssMb} MB`, m.peakRssMb === undefined ? '' : `${m.peakRssMinMb}–${m.peakRssMaxMb}`]);
  }
  if (rows.length) out.push(table(rows, ['whole process', 'wall (median)', 'min', 'max', 'peak RSS', 'RSS min–max']));
  if (r.firstFile || r.edit) {
    out.push('');
    const lsp = [];
    if (r.firstFile) {
      const f = r.firstFile;
      lsp.push(['first findings, cold server', secs(f.medianMs), secs(f.minMs), secs(f.maxMs), `${f.file} (${f.firstFindings} findings; initialize ${secs(f.initializeMs)})${f.partial ? `; partial: ${f.partial.replace(/;.*/, '')}` : ''}`]);
      if (f.partial) lsp.push(['  full findings after the refresh', secs(f.completeMedianMs), '', '', `${f.findings} findings`]);
    }
    if (r.edit) {
      lsp.push([`edit → diagnostics, all (${r.edit.count})`, `p50 ${secs(r.edit.p50Ms)}`, `p95 ${secs(r.edit.p95Ms)}`, `max ${secs(r.edit.maxMs)}`, `server peak RSS ${r.edit.serverPeakRssMb ?? '–'} MB${r.edit.verified === false ? '; findings did NOT follow the edits' : r.edit.verified ? '; findings followed every edit' : ''}`]);
      lsp.push([`  handler file edited (${r.edit.handler.count})`, `p50 ${secs(r.edit.handler.p50Ms)}`, `p95 ${secs(r.edit.handler.p95Ms)}`, `max ${secs(r.edit.handler.maxMs)}`, r.edit.files.handler]);
      lsp.push([`  helper edited (${r.edit.helper.count})`, `p50 ${secs(r.edit.helper.p50Ms)}`, `p95 ${secs(r.edit.helper.p95Ms)}`, `max ${secs(r.edit.helper.maxMs)}`, r.edit.files.helper]);
      lsp.push([`    then the handler file's`, `p50 ${secs(r.edit.helperToHandler.p50Ms)}`, `p95 ${secs(r.edit.helperToHandler.p95Ms)}`, `max ${secs(r.edit.helperToHandler.maxMs)}`, 'from the edit, pulled after the helper']);
    }
    out.push(table(lsp, ['language server', 'median / p50', 'min / p95', 'max', '']));
  }
  const x = (v) => (v === null || v === undefined ? '–' : `${v}×`);
  out.push('');
  const both = (k) => [x(r.ratios[k]), x(r.ratiosFromMin[k])];
  out.push(
    table(
      [
        ['scalelint / programBinder (wall)', ...both('scalelintVsProgramBinder')],
        ['scalelint / tscNoEmit (wall)', ...both('scalelintVsTscNoEmit')],
        ['eslintTyped / scalelint (wall)', ...both('eslintTypedVsScalelint')],
        ['scalelint / programBinder (peak RSS)', ...both('rssVsProgramBinder')],
        ['scalelint / eslintTyped (peak RSS)', ...both('rssVsEslintTyped')],
      ],
      ['ratio', 'of medians', 'of minima'],
    ),
  );
  out.push('');
  const verdict = (t) => (t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED');
  const shown = (t) => (t.value === null || t.value === undefined ? '–' : t.limit.includes('ms') ? `${t.value} ms` : `${t.value}×`);
  out.push(table(r.targets.map((t) => [t.name, shown(t), verdict(t), t.scope]), ['target', 'measured', '', 'scope']));
  if (r.detection) {
    out.push('');
    const rows2 = Object.entries(r.detection).map(([rule, d]) => [
      rule,
      d.planted,
      !d.implemented ? 'rule not implemented' : d.notMeasured ? 'not measured' : `${d.found}`,
      d.found !== undefined ? d.missed : '',
      d.found !== undefined ? `${d.lookAlikesFlagged} of ${d.lookAlikes}` : `(${d.lookAlikes} look-alikes)`,
      d.found !== undefined ? `${d.otherFindings}${d.infoFindings ? ` (+${d.infoFindings} info)` : ''}` : '',
      d.eslint ? `${d.eslint.rule}: ${d.eslint.found} found, ${d.eslint.lookAlikesFlagged} look-alikes flagged` : '',
    ]);
    out.push(table(rows2, ['planted anti-patterns', 'planted', 'scalelint found', 'missed', 'look-alikes flagged', 'other', 'typed ESLint, nearest rule']));
  }
  if (r.profile) out.push(renderProfile(r.profile, `Profile of one scan (${secs(r.profile.wallMs)} wall, ${secs(r.profile.totalMs)} sampled)`));
  if (r.edit?.profile) out.push(renderProfile(r.edit.profile, `Profile of the language server during the ${r.edit.count} measured edits (${secs(r.edit.profile.totalMs)} sampled)`));
  return out.join('\n');
}

function renderProfile(p, title) {
  const where = (f) => (f.module.startsWith('bundler runtime') ? `${f.where} (${f.module}: ESM-interop getter / module wrapper)` : f.where || f.module);
  const out = ['', `${title}: ${path.relative(process.cwd(), p.file)}`];
  out.push(table(p.topSelf.slice(0, 12).map((f) => [f.function, `${f.ms} ms`, `${f.percent}%`, where(f)]), ['top self time', 'self', '%', 'where']));
  out.push('');
  out.push(table(p.topModules.slice(0, 8).map((m) => [m.module, `${m.ms} ms`, `${m.percent}%`]), ['self time by module', 'self', '%']));
  out.push('');
  out.push(table(p.scalelintInclusive.slice(0, 12).map((f) => [f.function, `${f.ms} ms`, `${f.percent}%`, f.where]), ['Scalelint functions (inclusive)', 'total', '%', 'where']));
  if (p.typescriptPhases.length) {
    out.push('');
    out.push(table(p.typescriptPhases.map((f) => [f.function, `${f.ms} ms`, `${f.percent}%`]), ['TypeScript phases (inclusive)', 'total', '%']));
  }
  return out.join('\n');
}

function renderGrowth(results) {
  const names = PROCESS_TOOLS.filter((n) => results.some((r) => r[n]));
  const rows = results.map((r) => [
    r.corpus.files,
    ...names.map((n) => (r[n] ? `${secs(r[n].wallMs)} / ${r[n].peakRssMb} MB` : '–')),
    r.firstFileMs === undefined ? '–' : secs(r.firstFileMs),
    r.edit ? `${secs(r.edit.p50Ms)} / ${secs(r.edit.p95Ms)}` : '–',
  ]);
  return `\nGrowth (wall median / peak RSS)\n${table(rows, ['files', ...names, 'firstFile', 'edit p50 / p95'])}`;
}

function benchMeta(schema, bundles, settings) {
  return {
    schema,
    date: new Date().toISOString(),
    commit: gitCommit(),
    bundle: { kind: bundles.kind, builtAt: bundles.builtAt },
    versions: versions(),
    machine: { platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim(), memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    settings,
  };
}

// ---------------------------------------------------------------------------------------------
// Soak mode

function parseSoakOptions(argv) {
  const { values, int } = parseWithCommon(argv, {
    files: { type: 'string', default: '1000' },
    ops: { type: 'string', default: '10000' },
    'warmup-ops': { type: 'string', default: '1000' },
  });
  if (values.help) return { help: true };
  return {
    files: int('files', MIN_FILES),
    ops: int('ops', 1),
    warmupOps: int('warmup-ops', 0),
    seed: int('seed', 0),
    json: values.json ? path.resolve(values.json) : undefined,
    keep: values.keep,
    dir: values.dir ? path.resolve(values.dir) : undefined,
    timeoutMs: int('timeout', 1) * 1000,
  };
}

async function soakCommand(opts, meta, generatedDirs) {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `scalelint-soak-${opts.files}-files-`));
  generatedDirs.push(dir);
  const manifest = generate({ files: opts.files, seed: opts.seed, dir });
  log(`bench: generated ${manifest.files} files (${manifest.lines} lines) in ${dir}`);
  log(`bench: soak: ${opts.warmupOps} warm-up operations, then ${opts.ops} measured`);
  const loads = [os.loadavg()[0]];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]), 5_000);
  sampler.unref();
  const sources = listSources(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'));
  const result = await runSoak({
    repoRoot: REPO_ROOT,
    server: SERVER,
    root: dir,
    sources,
    probe: { ...manifest.probe, expectToggle: true },
    ops: opts.ops,
    warmupOps: opts.warmupOps,
    seed: opts.seed,
    timeoutMs: opts.timeoutMs,
    onBlock: (b) => log(`bench: soak: edits ${b.edits}: median ${secs(b.p50Ms)}, worst ${secs(b.maxMs)}, server after GC: RSS ${b.rssMb} MB, heap ${b.heapUsedMb} MB (${b.elapsedS} s)`),
  });
  clearInterval(sampler);
  const doc = {
    ...meta,
    machine: { ...meta.machine, loadavgMean: round1(loads.reduce((a, b) => a + b, 0) / loads.length), loadavgMax: round1(Math.max(...loads)) },
    corpus: { kind: 'generated', files: manifest.files, lines: manifest.lines, seed: opts.seed },
    soak: result,
  };
  process.stdout.write(`${renderSoak(doc)}\n`);
  if (opts.json) {
    fs.mkdirSync(path.dirname(opts.json), { recursive: true });
    fs.writeFileSync(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
    log(`bench: wrote ${opts.json}`);
  }
  if (opts.keep) log(`bench: kept ${dir}`);
  if (!result.verified) log(`bench: warning: the probe's findings did not follow the edits: ${result.problems.join('; ')}`);
  return result.verified ? 0 : 1;
}

/** Growth of the server's RSS between the end of the warm-up and the end of the run that the issue allows. */
const SOAK_GROWTH_LIMIT_PERCENT = 10;

function renderSoak(doc) {
  const s = doc.soak;
  const n = (x) => x.toLocaleString('en-US');
  const o = s.operations;
  const growth = s.rss.growthPercent;
  const out = [''];
  out.push(`Scalelint soak — generated project, ${n(doc.corpus.files)} files, ${n(doc.corpus.lines)} lines (seed ${doc.corpus.seed})`);
  out.push(`commit ${doc.commit ?? '?'}, ${doc.bundle.kind} bundles built ${doc.bundle.builtAt}`);
  out.push(`${doc.versions.node}, ${doc.machine.cpus}× ${doc.machine.cpuModel}, load average ${doc.machine.loadavgMean} (max ${doc.machine.loadavgMax})`);
  out.push(`${n(s.ops)} operations after ${n(s.warmupOps)} warm-up: ${n(o.edits)} edits (${n(o.probeEdits)} toggling the probe's finding, ${s.verified ? 'which followed every one' : 'which did NOT always follow'}), ${n(o.opens)} opens, ${n(o.closes)} closes; ${n(s.distinctFilesOpened)} distinct files opened, at most ${s.openFilesMax} open besides the probe; ${secs(s.durationS * 1000)}`);
  out.push('');
  out.push(table(s.blocks.map((b) => [b.edits, secs(b.p50Ms), secs(b.p95Ms), secs(b.maxMs), `${b.rssMb} MB`, `${b.heapUsedMb} MB`]), ['edits', 'median', 'p95', 'worst', 'RSS after GC', 'heap after GC']));
  out.push('');
  const signed = (x) => `${x >= 0 ? '+' : ''}${x}%`;
  const verdict = growth < SOAK_GROWTH_LIMIT_PERCENT ? 'under' : 'NOT under';
  out.push(`server RSS after a full GC: ${s.rss.startMb} MB after the warm-up → ${s.rss.endMb} MB at the end (${signed(growth)}, ${verdict} the ${SOAK_GROWTH_LIMIT_PERCENT}% limit); live heap ${s.heapUsed.startMb} → ${s.heapUsed.endMb} MB (${signed(s.heapUsed.growthPercent)})`);
  out.push(`raw RSS (garbage included): highest sample ${s.rss.peakSampledMb} MB, process peak ${s.rss.processPeakMb} MB`);
  out.push(`all edits: median ${secs(s.edits.p50Ms)}, p95 ${secs(s.edits.p95Ms)}, worst ${secs(s.edits.maxMs)}; open → diagnostics: median ${secs(s.openToDiagnostics?.p50Ms)}, worst ${secs(s.openToDiagnostics?.maxMs)}`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const argv = process.argv.slice(2);
  const soak = argv[0] === 'soak';
  let opts;
  try {
    opts = soak ? parseSoakOptions(argv.slice(1)) : parseOptions(argv);
  } catch (err) {
    if (err instanceof UsageError || err.code?.startsWith?.('ERR_PARSE_ARGS')) {
      log(`bench: ${err.message}\nRun with --help for usage.`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const generatedDirs = [];
  let bundles;
  const cleanup = () => {
    killLiveChildren();
    if (!opts.keep) for (const d of generatedDirs) fs.rmSync(d, { recursive: true, force: true });
    if (bundles) fs.rmSync(bundles.dir, { recursive: true, force: true });
    removeScratch();
  };
  const onSignal = (signal) => {
    log(`bench: ${signal}: stopping`);
    cleanup();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    checkBuild();
    bundles = snapshotBundles();
    if (opts.profile && bundles.kind !== 'development') log('bench: warning: server/out/ holds a production build (no source maps): the profile names minified functions; run `npm run build` for a readable profile');
    if (soak) return await soakCommand(opts, benchMeta('scalelint-bench-soak/1', bundles, { files: opts.files, ops: opts.ops, warmupOps: opts.warmupOps, seed: opts.seed, timeoutSec: opts.timeoutMs / 1000 }), generatedDirs);
    ensureBenchTools(opts);
    const meta = benchMeta('scalelint-bench/1', bundles, { runs: opts.runs, warmup: opts.warmup, edits: opts.edits, only: [...opts.only], timeoutSec: opts.timeoutMs / 1000 });
    const implemented = await implementedRules(opts.timeoutMs);
    const results = [];
    const corpora = opts.project
      ? [{ kind: 'project', dir: opts.project, tsconfig: opts.tsconfig, files: undefined }]
      : opts.sizes.map((files) => ({ kind: 'generated', files }));
    for (const c of corpora) {
      let corpus;
      if (c.kind === 'generated') {
        const dir = opts.dir ? (opts.sizes.length > 1 ? path.join(opts.dir, String(c.files)) : opts.dir) : fs.mkdtempSync(path.join(os.tmpdir(), `scalelint-bench-${c.files}-files-`));
        generatedDirs.push(dir);
        const started = performance.now();
        const manifest = generate({ files: c.files, seed: opts.seed, dir });
        log(`bench: generated ${manifest.files} files (${manifest.lines} lines) in ${dir} in ${secs(performance.now() - started)}`);
        corpus = { kind: 'generated', dir, tsconfig: manifest.tsconfig, files: manifest.files, lines: manifest.lines, seed: opts.seed, layout: manifest.layout, planted: manifest.planted, lookAlikes: manifest.lookAlikes, manifest };
      } else {
        const files = listSources(c.dir).length;
        corpus = { ...c, files };
      }
      const r = await benchCorpus(corpus, opts, implemented);
      const doc = { ...meta, ...r, machine: { ...meta.machine, ...r.machine } };
      results.push(doc);
      process.stdout.write(`${render(doc, opts, meta)}\n`);
    }
    if (results.length > 1) process.stdout.write(`${renderGrowth(results)}\n`);
    if (opts.json) {
      fs.mkdirSync(path.dirname(opts.json), { recursive: true });
      const doc = results.length === 1 ? results[0] : { ...meta, sizes: results.map((r) => r.corpus.files), growth: results };
      fs.writeFileSync(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
      log(`bench: wrote ${opts.json}`);
    }
    if (opts.keep) for (const d of generatedDirs) log(`bench: kept ${d}`);
    return 0;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    log(`bench: ${err instanceof UsageError ? '' : 'failed: '}${err.message}`);
    killLiveChildren();
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
