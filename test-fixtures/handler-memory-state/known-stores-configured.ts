// expect: no findings
import { EventEmitter } from 'node:events';
import DataLoader from 'dataloader';
import express from 'express';
import rateLimit, { type Store } from 'express-rate-limit';
import session from 'express-session';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

declare const sessionStore: session.Store;
declare const hitStore: Store;

const app = express();

// Shared stores configured.
app.use(session({ secret: 'keyboard cat', store: sessionStore, resave: false, saveUninitialized: false }));
app.use(rateLimit({ windowMs: 60_000, limit: 100, store: hitStore }));

// An in-memory limiter as the documented fallback of a shared one.
const limiter = new RateLimiterRedis({
  storeClient: new Redis({ commandTimeout: 2000 }),
  points: 5,
  duration: 60,
  insuranceLimiter: new RateLimiterMemory({ points: 1, duration: 60 }),
});

async function loadUsers(ids: readonly number[]): Promise<{ id: number }[]> {
  return ids.map((id) => ({ id }));
}
// Batching only: nothing is cached between requests.
const batchOnly = new DataLoader(loadUsers, { cache: false });

const events = new EventEmitter();

app.get('/users/:id', async (req, res) => {
  // A loader per request: its cache lives as long as the request.
  const perRequest = new DataLoader(loadUsers);
  await limiter.consume(req.ip ?? 'unknown');
  const onShutdown = () => res.end();
  events.on('shutdown', onShutdown);
  res.on('close', () => events.off('shutdown', onShutdown));
  res.json([await perRequest.load(Number(req.params.id)), await batchOnly.load(1)]);
});

// Startup: one listener and one timer for the whole process.
events.on('reload', () => undefined);
setInterval(() => events.emit('tick'), 60_000);
