// expect: no findings
import express from 'express';

const app = express();

// The factory runs per request: its state lives as long as the request.
function makeCounter() {
  let n = 0;
  return () => ++n;
}

// Keyed by the request: entries go when the request does.
const startedAt = new WeakMap<express.Request, number>();

app.get('/sum', (req, res) => {
  startedAt.set(req, Date.now());
  const next = makeCounter();
  next();
  let total = 0;
  const seen = new Set<string>();
  for (const part of String(req.query.n ?? '').split(',')) {
    [part].forEach((p) => {
      total += Number(p);
      seen.add(p);
    });
  }
  res.json({ total, seen: [...seen], n: next() });
});

// Startup code whose closures no request reaches: a connection flag set by a driver event.
function connect(): () => boolean {
  let connected = false;
  process.on('beforeExit', () => {
    connected = false;
  });
  setTimeout(() => {
    connected = true;
  }, 10);
  return () => connected;
}
const isConnected = connect();
app.get('/health', (_req, res) => {
  res.json({ ok: isConnected() });
});
