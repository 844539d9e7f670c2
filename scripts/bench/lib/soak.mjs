/**
 * Soak: one language server over stdio under a long, seeded stream of editor operations on a generated
 * project — edits mostly, plus opens and closes that walk through every file — measuring whether its
 * memory stays flat and its diagnostics stay fast. The server's memory is measured after a full garbage
 * collection (what it retains, so that garbage V8 has not collected yet does not pass for growth), after
 * a warm-up (the baseline: caches filled, program built) and at every thousand edits; its raw RSS is read
 * from /proc after every operation for the peak. Each edit's latency runs from didChange to the edited
 * file's diagnostics.
 */
import { LspSession, ProbeEditor, latencyStats } from './lsp.mjs';

/** A small deterministic generator (mulberry32): the same seed replays the same operations. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Out of every ten operations: eight edits, one open, one close (an editor's proportions, roughly). */
const OPEN_SHARE = 0.1;
const CLOSE_SHARE = 0.1;

/**
 * @param {{ repoRoot: string, server?: string, root: string, sources: string[], probe: object, ops: number,
 *   warmupOps: number, blockEdits?: number, maxOpen?: number, seed: number, timeoutMs: number,
 *   onBlock?: (block: object) => void }} options
 *   `sources`: project files relative to `root` (opened in a seeded order, round robin); `probe`: the
 *   generator's probe (its handler and helper stay open; half the edits toggle a finding there and
 *   check that the diagnostics follow); `ops` measured operations after `warmupOps` unmeasured ones.
 */
export async function runSoak({ repoRoot, server, root, sources, probe, ops, warmupOps, blockEdits = 1000, maxOpen = 16, seed, timeoutMs, onBlock }) {
  const random = prng(seed);
  const session = new LspSession({ repoRoot, server, root, timeoutMs, gcProbe: true });
  const editor = new ProbeEditor(session, probe);
  const openOrder = sources.filter((f) => !editor.isProbeFile(f));
  for (let i = openOrder.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [openOrder[i], openOrder[j]] = [openOrder[j], openOrder[i]];
  }
  let nextToOpen = 0;
  /** Other open files, oldest first, with the line a pending edit inserted (or undefined). */
  const open = new Map();
  const counts = { edits: 0, probeEdits: 0, opens: 0, closes: 0 };
  const openMs = [];
  const editMs = [];
  const blocks = [];
  let block = { edits: [], firstEdit: 1 };
  let peakMb = 0;
  let baseline;
  let editSerial = 0;

  const closeOldest = async () => {
    const [rel] = open.keys();
    open.delete(rel);
    await session.closeDocument(rel);
    counts.closes++;
  };
  const openNext = async () => {
    if (open.size >= maxOpen) await closeOldest();
    const rel = openOrder[nextToOpen++ % openOrder.length];
    if (open.has(rel)) return;
    await session.open(rel);
    open.set(rel, undefined);
    const started = performance.now();
    await session.pull(rel);
    openMs.push(performance.now() - started);
    counts.opens++;
  };
  // An edit to another open file appends a new export, or removes the one it appended last time.
  const editOther = async () => {
    const names = [...open.keys()];
    const rel = names[Math.floor(random() * names.length)];
    const inserted = open.get(rel);
    const started = performance.now();
    if (inserted !== undefined) {
      await session.replaceLines(rel, inserted, inserted + 1, '');
      open.set(rel, undefined);
    } else {
      const line = session.texts.get(rel).split('\n').length - 1;
      await session.replaceLines(rel, line, line, `export const soakEdit${++editSerial} = ${editSerial};\n`);
      open.set(rel, line);
    }
    await session.pull(rel);
    return performance.now() - started;
  };
  const operation = async () => {
    const r = random();
    if (r < OPEN_SHARE || (r < OPEN_SHARE + CLOSE_SHARE && open.size === 0)) return openNext();
    if (r < OPEN_SHARE + CLOSE_SHARE) return closeOldest();
    counts.edits++;
    // Half the edits toggle the probe's finding (checked); the other half touch another open file.
    if (open.size === 0 || random() < 0.5) {
      counts.probeEdits++;
      return editor.edit(random() < 0.5 ? 'handler' : 'helper');
    }
    return editOther();
  };
  const sampleRss = () => {
    const r = session.rssMb();
    if (r) peakMb = Math.max(peakMb, r.rssMb);
  };
  const growth = (from, to) => Math.round(((to - from) / from) * 1000) / 10;

  try {
    await session.initialize();
    const warmMs = await editor.open();
    for (let i = 0; i < warmupOps; i++) await operation();
    baseline = await session.memoryAfterGc();
    const measuredFrom = { ...counts };
    openMs.length = 0; // the warm-up's opens are not measured
    const startedAt = performance.now();
    for (let i = 0; i < ops; i++) {
      const ms = await operation();
      sampleRss();
      if (ms !== undefined) {
        block.edits.push(ms);
        editMs.push(ms);
      }
      if (block.edits.length === blockEdits || (i === ops - 1 && block.edits.length > 0)) {
        const done = {
          edits: `${block.firstEdit}–${block.firstEdit + block.edits.length - 1}`,
          ...latencyStats(block.edits),
          ...(await session.memoryAfterGc()),
          afterOps: i + 1,
          elapsedS: Math.round((performance.now() - startedAt) / 1000),
        };
        blocks.push(done);
        onBlock?.(done);
        block = { edits: [], firstEdit: block.firstEdit + block.edits.length };
      }
    }
    const end = await session.memoryAfterGc();
    return {
      ops,
      warmupOps,
      seed,
      openFilesMax: maxOpen,
      operations: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v - measuredFrom[k]])),
      distinctFilesOpened: Math.min(nextToOpen, openOrder.length),
      warmMs: Math.round(warmMs),
      // After a full collection: the RSS and the live heap at the end of the warm-up and at the end.
      rss: { startMb: baseline.rssMb, endMb: end.rssMb, growthPercent: growth(baseline.rssMb, end.rssMb), peakSampledMb: peakMb, processPeakMb: session.rssMb()?.peakMb },
      heapUsed: { startMb: baseline.heapUsedMb, endMb: end.heapUsedMb, growthPercent: growth(baseline.heapUsedMb, end.heapUsedMb) },
      heapTotal: { startMb: baseline.heapTotalMb, endMb: end.heapTotalMb },
      edits: latencyStats(editMs),
      openToDiagnostics: openMs.length ? latencyStats(openMs) : undefined,
      blocks,
      verified: editor.problems.length === 0,
      problems: editor.problems.slice(0, 5),
      durationS: Math.round((performance.now() - startedAt) / 1000),
    };
  } finally {
    await session.close();
  }
}
