import express from 'express';
import { LRUCache } from 'lru-cache';

interface User {
  id: string;
  name: string;
}

let requestCount = 0;
let bytesServed = 0;
let currentUser: string | undefined;
const sessions = new LRUCache<string, User>({ max: 1000, ttl: 60_000 });
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
  requestCount += 1;
  bytesServed += Number(req.get('content-length') ?? 0);
  hitsByRoute[req.path] = (hitsByRoute[req.path] ?? 0) + 1;
  res.json({ requestCount });
});

app.post('/login', (req, res) => {
  const user: User = { id: String(req.body.id), name: String(req.body.name) };
  currentUser = req.body.name;
  sessions.set(user.id, user);
  seenIps.add(req.ip ?? 'unknown');
  auditLog.push(`login ${user.id}`);
  RateCache.hits.set(user.id, (RateCache.hits.get(user.id) ?? 0) + 1);
  res.json({ ok: true, user: sessions.get(user.id) });
});

app.post('/logout', (req, res) => {
  sessions.delete(String(req.body.id));
  delete flags[String(req.body.id)];
  auditLog.length = 0;
  res.status(204).end();
});

app.put('/settings', (req, res) => {
  Object.assign(settings, req.body);
  (globalThis as { lastSettingsChange?: number }).lastSettingsChange = Date.now();
  res.json(settings);
});

// Capped by the function that fills it: no growth, but still this instance's own copy.
const recentLatencies: number[] = [];
app.get('/latency', (req, res) => {
  recentLatencies.push(Number(req.query.ms ?? 0));
  if (recentLatencies.length > 100) recentLatencies.shift();
  res.json(recentLatencies);
});
