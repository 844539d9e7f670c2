/**
 * Whole-process measurements: wall time from spawn to exit, measured here, and the child's peak RSS,
 * reported by a preload (`rss-preload.cjs`) from `process.resourceUsage().maxRSS` as it exits.
 * Every child has a deadline and is killed (by its own pid) when it passes; children still running
 * when the bench is interrupted are killed too.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const RSS_PRELOAD = path.join(HERE, 'rss-preload.cjs');
export const GC_PRELOAD = path.join(HERE, 'gc-preload.cjs');

/** Children alive right now, so an interrupted bench can stop them. */
export const liveChildren = new Set();

export function killLiveChildren() {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
}

let scratch;
/** A private temporary folder for this bench process (RSS files, tool output), removed by `removeScratch`. */
export function scratchDir() {
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'scalelint-bench-run-'));
  return scratch;
}
export function removeScratch() {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/**
 * Runs `node [nodeArgs] script [args]` once.
 * @returns {Promise<{ wallMs: number, peakRssKb: number | undefined, exitCode: number | null, signal: string | null, timedOut: boolean, stderr: string, stdoutFile: string }>}
 */
export function runNode({ script, args = [], nodeArgs = [], cwd, env = {}, timeoutMs, label = path.basename(script) }) {
  const dir = scratchDir();
  const id = `${label.replace(/\W+/g, '_')}-${process.hrtime.bigint()}`;
  const rssFile = path.join(dir, `${id}.rss`);
  const stdoutFile = path.join(dir, `${id}.out`);
  const stdoutFd = fs.openSync(stdoutFile, 'w');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let child;
    try {
      child = spawn(process.execPath, ['-r', RSS_PRELOAD, ...nodeArgs, script, ...args], {
        cwd,
        env: { ...process.env, ...env, SCALELINT_BENCH_RSS_FILE: rssFile },
        stdio: ['ignore', stdoutFd, 'pipe'],
      });
    } catch (err) {
      fs.closeSync(stdoutFd);
      reject(err);
      return;
    }
    liveChildren.add(child);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      if (stderr.length < 64_000) stderr += s;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      fs.closeSync(stdoutFd);
      reject(err);
    });
    child.on('close', (exitCode, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      liveChildren.delete(child);
      fs.closeSync(stdoutFd);
      let peakRssKb;
      try {
        peakRssKb = Number(fs.readFileSync(rssFile, 'utf8'));
        fs.rmSync(rssFile);
      } catch {
        peakRssKb = undefined;
      }
      resolve({ wallMs, peakRssKb, exitCode, signal, timedOut, stderr, stdoutFile });
    });
  });
}

/**
 * The resident set of a running process, now and at its peak (VmRSS and VmHWM of /proc/PID/status, Linux),
 * in kilobytes; undefined where /proc is not available or the process is gone.
 */
export function readProcessRss(pid) {
  let status;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status)?.[1]);
  const rssKb = kb('VmRSS');
  return Number.isFinite(rssKb) ? { rssKb, peakKb: kb('VmHWM') } : undefined;
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

const round = (x, digits = 0) => (x === undefined ? undefined : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Measures several tools in rounds: every round runs each tool once, in order, so that load from
 * other processes on a shared machine falls on all of them alike rather than on whichever tool ran
 * during a busy minute. `warmup` unmeasured rounds come first, then `runs` measured ones.
 * Per tool: `spec` is runNode's options, or a function returning fresh ones per run (an `out` file in
 * them is removed after the run); `ok(result)` decides whether a run succeeded (a failing run stops
 * the bench with its stderr); `inspect(result, spec)` reads the last measured run's output.
 */
export async function measureRounds({ tools, timeoutMs, runs, warmup, onRun }) {
  const samples = new Map(tools.map((t) => [t.name, []]));
  const details = new Map();
  for (let round = 0; round < warmup + runs; round++) {
    for (const tool of tools) {
      const { name, spec, ok = (r) => r.exitCode === 0, inspect } = tool;
      const s = typeof spec === 'function' ? spec() : spec;
      const r = await runNode({ ...s, timeoutMs, label: name });
      try {
        const measured = round >= warmup;
        onRun?.({ name, index: round, measured, result: r });
        if (r.timedOut) throw new Error(`${name}: no result within ${Math.round(timeoutMs / 1000)} s (killed); raise --timeout`);
        if (!ok(r)) throw new Error(`${name}: exited with ${r.exitCode ?? r.signal}${r.stderr ? `\n${r.stderr.trim().split('\n').slice(-15).join('\n')}` : ''}`);
        if (measured) samples.get(name).push({ wallMs: r.wallMs, peakRssKb: r.peakRssKb, exitCode: r.exitCode });
        if (round === warmup + runs - 1 && inspect) details.set(name, await inspect(r, s));
      } finally {
        fs.rmSync(r.stdoutFile, { force: true });
        if (s.out) fs.rmSync(s.out, { force: true });
      }
    }
  }
  const out = {};
  for (const tool of tools) {
    const results = samples.get(tool.name);
    const walls = results.map((r) => r.wallMs);
    const rss = results.map((r) => r.peakRssKb).filter((x) => x !== undefined).map((kb) => kb / 1024);
    out[tool.name] = {
      wallMs: round(median(walls)),
      minMs: round(Math.min(...walls)),
      maxMs: round(Math.max(...walls)),
      runsMs: walls.map((w) => round(w)),
      peakRssMb: rss.length ? round(median(rss)) : undefined,
      peakRssMinMb: rss.length ? round(Math.min(...rss)) : undefined,
      peakRssMaxMb: rss.length ? round(Math.max(...rss)) : undefined,
      exitCode: results.at(-1)?.exitCode,
      ...(details.get(tool.name) ?? {}),
    };
  }
  return out;
}
