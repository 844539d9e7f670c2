// Preloaded (`node -r`) into every measured process: on exit, writes the process's peak resident set
// size in kilobytes (`process.resourceUsage().maxRSS`, getrusage's ru_maxrss) to $SCALELINT_BENCH_RSS_FILE.
'use strict';
const out = process.env.SCALELINT_BENCH_RSS_FILE;
if (out) {
  delete process.env.SCALELINT_BENCH_RSS_FILE; // not inherited by anything this process starts
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      // the measurement is lost, the measured process is not disturbed
    }
  });
}
