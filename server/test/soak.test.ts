/**
 * The soak benchmark's short form (`npm run bench -- soak`, scripts/bench/lib/soak.mjs): the real server
 * under a few hundred seeded edits, opens and closes over a small generated project keeps its memory
 * bounded. Only memory is asserted: latencies on shared machines are noise.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './harness/fixtures';

const BENCH = path.join(REPO_ROOT, 'scripts', 'bench', 'bench.mjs');
/**
 * What the server retains (its live heap after a full collection) may grow this much after the warm-up.
 * The seeded run makes it nearly deterministic: +1.4% measured. Analyses cached for an older project
 * version once kept that version's program alive: +7.3% on this run (and growing with every file opened).
 */
const HEAP_GROWTH_LIMIT_PERCENT = 5;

test('the server keeps its memory bounded through 300 edits, opens and closes', { timeout: 300_000 }, (t) => {
  if (!fs.existsSync('/proc/self/status')) return t.skip('memory is read from /proc (Linux only)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scalelint-soak-'));
  try {
    const json = path.join(work, 'soak.json');
    const args = [BENCH, 'soak', '--files', '60', '--ops', '300', '--warmup-ops', '200', '--json', json, '--dir', path.join(work, 'project'), '--timeout', '120'];
    const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 280_000 });
    assert.equal(r.status, 0, `soak failed:\n${r.stderr}`);
    const { soak } = JSON.parse(fs.readFileSync(json, 'utf8'));
    t.diagnostic(`live heap after GC ${soak.heapUsed.startMb} → ${soak.heapUsed.endMb} MB, RSS after GC ${soak.rss.startMb} → ${soak.rss.endMb} MB`);
    assert.equal(soak.verified, true, `the probe's findings did not follow the edits: ${soak.problems.join('; ')}`);
    assert.ok(soak.operations.opens > 0 && soak.operations.closes > 0 && soak.operations.edits > 200, JSON.stringify(soak.operations));
    assert.ok(soak.heapUsed.growthPercent < HEAP_GROWTH_LIMIT_PERCENT, `live heap grew ${soak.heapUsed.growthPercent}% (${soak.heapUsed.startMb} → ${soak.heapUsed.endMb} MB)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
