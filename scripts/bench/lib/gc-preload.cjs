// Preloaded (`node --expose-gc -r`) into the soak's language server: on SIGUSR2, runs a full garbage
// collection and writes `process.memoryUsage()` as JSON to $SCALELINT_BENCH_GC_FILE. Memory measured
// after a full collection is what the process retains; raw RSS also holds garbage not yet collected.
'use strict';
const out = process.env.SCALELINT_BENCH_GC_FILE;
if (out && typeof global.gc === 'function') {
  delete process.env.SCALELINT_BENCH_GC_FILE; // not inherited by anything this process starts
  process.on('SIGUSR2', () => {
    global.gc();
    try {
      require('node:fs').writeFileSync(`${out}.tmp`, JSON.stringify(process.memoryUsage()));
      require('node:fs').renameSync(`${out}.tmp`, out);
    } catch {
      // the measurement is lost, the measured process is not disturbed
    }
  });
}
