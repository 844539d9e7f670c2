import express from 'express';

interface User {
  id: string;
  name: string;
}

let requestCount = 0;
let bytesServed = 0;
let currentUser: string | undefined;
const sessions = new Map<string, User>();
const seenIps = new Set<string>();
const auditLog: string[] = [];
const hitsByRoute: Record<string, number> = {};
const flags: Record<string, boolean> = {};
const settings = { theme: 'light', banner: '' };

class RateCache {
  static hits = new Map<string, number>();
}

const app = express();

app.get('/count', (req, res) => {
  requestCount++;
//^^^^^^^^^^^^ handler-memory-state(counterState): GET /count
  requestCount += 1;
  bytesServed += Number(req.get('content-length') ?? 0);
//^^^^^^^^^^^ handler-memory-state(counterState): GET /count
  hitsByRoute[req.path] = (hitsByRoute[req.path] ?? 0) + 1;
//^^^^^^^^^^^^^^^^^^^^^ handler-memory-state(growingState): GET /count
  res.json({ requestCount });
});

app.post('/login', (req, res) => {
  const user: User = { id: String(req.body.id), name: String(req.body.name) };
  currentUser = req.body.name;
//^^^^^^^^^^^ handler-memory-state(requestDataState): POST /login
  sessions.set(user.id, user);
//^^^^^^^^^^^^ handler-memory-state(growingState): POST /login
  seenIps.add(req.ip ?? 'unknown');
//^^^^^^^^^^^ handler-memory-state(growingState): POST /login
  auditLog.push(`login ${user.id}`);
//^^^^^^^^^^^^^ handler-memory-state(growingState): POST /login
  RateCache.hits.set(user.id, (RateCache.hits.get(user.id) ?? 0) + 1);
//^^^^^^^^^^^^^^^^^^ handler-memory-state(growingState): POST /login
  res.json({ ok: true, user: sessions.get(user.id) });
});

app.post('/logout', (req, res) => {
  sessions.delete(String(req.body.id));
//^^^^^^^^^^^^^^^ handler-memory-state(divergingState): POST /logout
  delete flags[String(req.body.id)];
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^ handler-memory-state(divergingState): POST /logout
  auditLog.length = 0;
//^^^^^^^^^^^^^^^ handler-memory-state(divergingState): POST /logout
  res.status(204).end();
});

app.put('/settings', (req, res) => {
  Object.assign(settings, req.body);
//^^^^^^^^^^^^^ handler-memory-state(requestDataState): PUT /settings
  (globalThis as { lastSettingsChange?: number }).lastSettingsChange = Date.now();
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ handler-memory-state(divergingState): PUT /settings
  res.json(settings);
});

// Capped by the function that fills it: no growth, but still this instance's own copy.
const recentLatencies: number[] = [];
app.get('/latency', (req, res) => {
  recentLatencies.push(Number(req.query.ms ?? 0));
//^^^^^^^^^^^^^^^^^^^^ handler-memory-state(divergingState): GET /latency
  if (recentLatencies.length > 100) recentLatencies.shift();
  res.json(recentLatencies);
});
