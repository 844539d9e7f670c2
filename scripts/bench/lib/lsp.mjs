/**
 * The language server over stdio, driven as an editor drives it (pull diagnostics), for two numbers:
 *   firstFile  a cold server: spawn → initialize → open one handler file → its first diagnostics
 *   edit       a warm server: didChange on a file → textDocument/diagnostic of the handler file
 * Every request has a deadline; the server is shut down (and killed by pid if it lingers) at the end.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GC_PRELOAD, liveChildren, median, percentile, readProcessRss, RSS_PRELOAD, scratchDir } from './measure.mjs';

const round = (x) => (x === undefined ? undefined : Math.round(x));

export class LspSession {
  /**
   * @param {{ repoRoot: string, server?: string, nodeArgs?: string[], root: string, timeoutMs: number, gcProbe?: boolean }} options
   * `gcProbe`: the server can be asked for its memory after a full garbage collection (memoryAfterGc).
   */
  constructor({ repoRoot, server = path.join(repoRoot, 'server', 'out', 'server.js'), nodeArgs = [], root, timeoutMs, gcProbe = false }) {
    const rpc = createRequire(path.join(repoRoot, 'package.json'))('vscode-languageserver-protocol/node');
    this.root = root;
    this.timeoutMs = timeoutMs;
    this.versions = new Map();
    this.texts = new Map();
    this.rssFile = path.join(scratchDir(), `server-${process.hrtime.bigint()}.rss`);
    this.gcFile = gcProbe ? path.join(scratchDir(), `server-${process.hrtime.bigint()}.gc.json`) : undefined;
    const gcArgs = gcProbe ? ['--expose-gc', '-r', GC_PRELOAD] : [];
    this.startedAt = performance.now();
    this.process = spawn(process.execPath, ['-r', RSS_PRELOAD, ...gcArgs, ...nodeArgs, server, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, SCALELINT_BENCH_RSS_FILE: this.rssFile, ...(gcProbe ? { SCALELINT_BENCH_GC_FILE: this.gcFile } : {}) },
    });
    liveChildren.add(this.process);
    this.exited = new Promise((resolve) => this.process.on('close', resolve));
    this.stderr = '';
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.process.stdout), new rpc.StreamMessageWriter(this.process.stdin));
    this.logs = [];
    this.connection.onNotification('window/logMessage', (p) => {
      if (this.logs.length < 200) this.logs.push(p.message);
    });
    this.connection.onNotification('scalelint/status', (p) => {
      this.status = p;
    });
    this.connection.onNotification(() => undefined);
    this.refreshes = 0;
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    // registerCapability, workDoneProgress/create: acknowledge and move on.
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  uri(rel) {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  /** A request with a deadline: on timeout the server is killed and the bench reports it. */
  async request(method, params) {
    let timer;
    const deadline = new Promise((_resolve, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`language server: no answer to ${method} within ${Math.round(this.timeoutMs / 1000)} s (killed); raise --timeout`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([this.connection.sendRequest(method, params), deadline]);
    } catch (err) {
      // A server that died answers with EPIPE or "connection closed": say so, with what it printed.
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 500))]);
      const code = this.process.exitCode ?? this.process.signalCode;
      if (code !== null) throw new Error(`language server exited (${code}) during ${method}${this.stderr.trim() ? `:\n${this.stderr.trim()}` : ''}`);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async initialize() {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: path.basename(this.root) }],
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: {}, synchronization: { didSave: false } },
        // As VS Code: a partial first answer is followed by a refresh, and the client pulls again.
        workspace: { workspaceFolders: true, diagnostics: { refreshSupport: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(rel) {
    const text = fs.readFileSync(path.join(this.root, rel), 'utf8');
    this.versions.set(rel, 1);
    this.texts.set(rel, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(rel), languageId: languageOf(rel), version: 1, text } });
  }

  /** An incremental change: replace [start, end) (0-based lines, whole lines) with `text`. */
  async replaceLines(rel, startLine, endLine, text) {
    const version = this.versions.get(rel) + 1;
    this.versions.set(rel, version);
    const lines = this.texts.get(rel).split('\n');
    lines.splice(startLine, endLine - startLine, ...(text === '' ? [] : text.replace(/\n$/, '').split('\n')));
    this.texts.set(rel, lines.join('\n'));
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(rel), version },
      contentChanges: [{ range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } }, text }],
    });
  }

  async closeDocument(rel) {
    this.versions.delete(rel);
    this.texts.delete(rel);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(rel) } });
  }

  /** The server's resident memory now and at its peak, in MB (Linux), while it runs. */
  rssMb() {
    const r = readProcessRss(this.process.pid);
    return r && { rssMb: round(r.rssKb / 1024), peakMb: round(r.peakKb / 1024) };
  }

  /**
   * The server's memory right after a full garbage collection, in MB: `rssMb`, `heapUsedMb` (what it
   * retains), `heapTotalMb` (what V8 keeps reserved for its heap) and `externalMb`. Needs `gcProbe`;
   * waits (bounded) for the server to finish what it is doing.
   */
  async memoryAfterGc() {
    fs.rmSync(this.gcFile, { force: true });
    this.process.kill('SIGUSR2');
    const deadline = performance.now() + this.timeoutMs;
    while (!fs.existsSync(this.gcFile)) {
      if (performance.now() > deadline || this.process.exitCode !== null) throw new Error('language server: no memory report after SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const m = JSON.parse(fs.readFileSync(this.gcFile, 'utf8'));
    const mb = (bytes) => round(bytes / 2 ** 20);
    return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) };
  }

  /** Pull diagnostics; returns the items. */
  async pull(rel) {
    const report = await this.request('textDocument/diagnostic', { textDocument: { uri: this.uri(rel) } });
    return report?.items ?? [];
  }

  /** Whether the last answer was a partial first answer (the server's status says so until the full one). */
  get answeredPartially() {
    return this.status?.state === 'analyzing' && /^First results/.test(this.status.message ?? '');
  }

  /** Pull diagnostics, and after a partial first answer wait for the refresh and pull the full ones. */
  async pullComplete(rel) {
    const before = this.refreshes;
    const items = await this.pull(rel);
    if (!this.answeredPartially) return items;
    const deadline = performance.now() + this.timeoutMs;
    while (this.refreshes === before) {
      if (performance.now() > deadline) throw new Error('language server: a partial first answer was never followed by a refresh');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.pull(rel);
  }

  kill() {
    try {
      this.process.kill('SIGKILL');
    } catch {
      // gone already
    }
  }

  /** shutdown + exit, bounded; returns the server's peak RSS in MB when it exited cleanly. */
  async close() {
    const bounded = (p, ms) => Promise.race([p, new Promise((resolve) => setTimeout(resolve, ms))]);
    // A closed connection (the server already gone) throws synchronously from sendRequest/sendNotification.
    const attempt = async (f) => {
      try {
        await f();
      } catch {
        // nothing to shut down
      }
    };
    try {
      if (this.process.exitCode === null && this.process.signalCode === null) {
        await attempt(() => bounded(this.connection.sendRequest('shutdown'), 5_000));
        await attempt(() => this.connection.sendNotification('exit'));
      }
    } finally {
      const exited = await bounded(this.exited.then(() => true), 5_000);
      if (!exited) this.kill();
      await bounded(this.exited, 5_000);
      this.connection.dispose();
      liveChildren.delete(this.process);
    }
    try {
      const kb = Number(fs.readFileSync(this.rssFile, 'utf8'));
      fs.rmSync(this.rssFile, { force: true });
      return Math.round(kb / 1024);
    } catch {
      return undefined;
    }
  }
}

function languageOf(rel) {
  if (/\.[cm]?tsx?$/.test(rel)) return rel.endsWith('x') ? 'typescriptreact' : 'typescript';
  return rel.endsWith('x') ? 'javascriptreact' : 'javascript';
}

/**
 * Cold start to first findings, `warmup` + `runs` times, each in a new server process. In a large
 * project the first answer may be partial (from the file's neighbourhood, see the README): the time to
 * the full answer, after the server's refresh, is measured too.
 * @returns {{ medianMs, minMs, maxMs, runsMs, completeMedianMs, initializeMs, file, findings, firstFindings, partial }}
 */
export async function measureFirstFile({ repoRoot, server, root, file, runs, warmup, timeoutMs, onRun }) {
  const times = [];
  const completeTimes = [];
  const inits = [];
  let findings;
  let firstFindings;
  let partial;
  for (let i = 0; i < warmup + runs; i++) {
    const session = new LspSession({ repoRoot, server, root, timeoutMs });
    try {
      await session.initialize();
      const initMs = performance.now() - session.startedAt;
      await session.open(file);
      const first = await session.pull(file);
      const ms = performance.now() - session.startedAt;
      const wasPartial = session.answeredPartially;
      const partialStatus = session.status?.message;
      const complete = wasPartial ? await session.pullComplete(file) : first;
      const completeMs = performance.now() - session.startedAt;
      onRun?.({ index: i, measured: i >= warmup, ms, completeMs: wasPartial ? completeMs : undefined });
      if (i >= warmup) {
        times.push(ms);
        completeTimes.push(completeMs);
        inits.push(initMs);
        firstFindings = first.length;
        findings = complete.length;
        partial = wasPartial ? partialStatus : undefined;
      }
    } finally {
      await session.close();
    }
  }
  return {
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    maxMs: round(Math.max(...times)),
    runsMs: times.map(round),
    completeMedianMs: round(median(completeTimes)),
    initializeMs: round(median(inits)),
    file,
    findings,
    firstFindings,
    partial,
  };
}

/**
 * The probe's two edits on a warm server, each toggling one line (inserted, then removed again):
 *   handler  a line in the handler file, then the handler file is pulled
 *   helper   a line in a helper on that handler's request path, then the handler file is pulled (its
 *            analysis depends on the helper); the helper's own diagnostics are pulled afterwards,
 *            untimed, to check that the edit was seen.
 * `edit` returns the milliseconds from didChange to the handler file's diagnostics. With
 * `expectToggle`, each inserted line is a finding, and the counts are checked into `problems`.
 * @param {{ handlerFile: string, helperFile: string, handlerEdit: { afterLine: number, text: string }, helperEdit: { afterLine: number, text: string }, expectToggle: boolean }} probe
 */
export class ProbeEditor {
  constructor(session, probe) {
    this.session = session;
    this.probe = probe;
    this.inserted = { handler: false, helper: false };
    this.problems = [];
    this.count = 0;
  }

  /** Opens both files and pulls their first diagnostics (the baseline counts); returns how long that took. */
  async open() {
    const { session, probe } = this;
    await session.open(probe.handlerFile);
    if (probe.helperFile !== probe.handlerFile) await session.open(probe.helperFile);
    const started = performance.now();
    this.baseHandler = (await session.pullComplete(probe.handlerFile)).length;
    this.baseHelper = (await session.pullComplete(probe.helperFile)).length;
    return performance.now() - started;
  }

  isProbeFile(rel) {
    return rel === this.probe.handlerFile || rel === this.probe.helperFile;
  }

  /**
   * One edit, then the edited file's diagnostics, as an editor pulls the active document first; after a
   * helper edit, the handler file's next (an editor refreshes its other open files). Returns the ms from
   * didChange to the edited file's diagnostics; `handlerMs` is the ms to the handler file's.
   * @param {'handler' | 'helper'} kind
   */
  async edit(kind) {
    const { session, probe, inserted } = this;
    const index = this.count++;
    const file = kind === 'handler' ? probe.handlerFile : probe.helperFile;
    const { afterLine, text } = kind === 'handler' ? probe.handlerEdit : probe.helperEdit;
    const started = performance.now();
    if (inserted[kind]) await session.replaceLines(file, afterLine, afterLine + 1, '');
    else await session.replaceLines(file, afterLine, afterLine, `${text}\n`);
    inserted[kind] = !inserted[kind];
    const own = await session.pull(file);
    const ms = performance.now() - started;
    const handlerItems = file === probe.handlerFile ? own : await session.pull(probe.handlerFile);
    this.handlerMs = performance.now() - started;
    if (probe.expectToggle) {
      const want = this.baseHandler + (inserted.handler ? 1 : 0);
      if (handlerItems.length !== want) this.problems.push(`edit ${index} (${kind}): handler file has ${handlerItems.length} findings, expected ${want}`);
      const wantHelper = this.baseHelper + (inserted.helper ? 1 : 0);
      if (kind === 'helper' && own.length !== wantHelper) this.problems.push(`edit ${index} (helper): helper file has ${own.length} findings, expected ${wantHelper}`);
    }
    return ms;
  }
}

/** p50, p95, min, max and count of latencies in ms. */
export function latencyStats(values) {
  return { p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)), minMs: round(Math.min(...values)), maxMs: round(Math.max(...values)), count: values.length };
}

/**
 * Edit latency on a warm server: the probe's handler and helper edits, alternating (see ProbeEditor),
 * after two unmeasured ones.
 */
export async function measureEdits({ repoRoot, server, root, probe, edits, timeoutMs, onEdit, profile }) {
  // With `profile` ({ dir, name }), the server runs under --cpu-prof; `profileWindowUs` brackets the
  // measured edits on the monotonic clock the profile's timestamps use, so they can be told from start-up.
  const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', profile.dir, '--cpu-prof-name', profile.name] : [];
  const session = new LspSession({ repoRoot, server, nodeArgs, root, timeoutMs });
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  const window = [];
  const samples = { handler: [], helper: [], helperToHandler: [] };
  let result;
  let serverPeakRssMb;
  try {
    await session.initialize();
    const editor = new ProbeEditor(session, probe);
    const warmMs = await editor.open();
    const WARMUP_EDITS = 2;
    for (let i = 0; i < edits + WARMUP_EDITS; i++) {
      const kind = i % 2 === 0 ? 'handler' : 'helper';
      if (i === WARMUP_EDITS) window[0] = monotonicUs();
      const ms = await editor.edit(kind);
      if (i >= WARMUP_EDITS) samples[kind].push(ms);
      if (i >= WARMUP_EDITS && kind === 'helper') samples.helperToHandler.push(editor.handlerMs);
      onEdit?.({ index: i, kind, ms, measured: i >= WARMUP_EDITS });
    }
    window[1] = monotonicUs();
    result = {
      ...latencyStats([...samples.handler, ...samples.helper]),
      handler: latencyStats(samples.handler),
      helper: latencyStats(samples.helper),
      helperToHandler: latencyStats(samples.helperToHandler),
      warmMs: round(warmMs),
      files: { handler: probe.handlerFile, helper: probe.helperFile },
      verified: probe.expectToggle ? editor.problems.length === 0 : undefined,
      problems: editor.problems.slice(0, 5),
      ...(profile ? { profileWindowUs: window } : {}),
    };
  } finally {
    serverPeakRssMb = await session.close();
  }
  return { ...result, serverPeakRssMb };
}
