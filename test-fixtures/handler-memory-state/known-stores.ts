import { EventEmitter } from 'node:events';
import DataLoader from 'dataloader';
import express from 'express';
import rateLimit from 'express-rate-limit';
import session from 'express-session';
import { RateLimiterMemory } from 'rate-limiter-flexible';

const app = express();

app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));
//      ^^^^^^^ handler-memory-state(memorySessionStore)
app.use(rateLimit({ windowMs: 60_000, limit: 100 }));
//      ^^^^^^^^^ handler-memory-state(memoryRateLimit)

const loginLimiter = new RateLimiterMemory({ points: 5, duration: 60 });
//                       ^^^^^^^^^^^^^^^^^ handler-memory-state(memoryStoreClass)

async function loadUsers(ids: readonly number[]): Promise<{ id: number }[]> {
  return ids.map((id) => ({ id }));
}
const userLoader = new DataLoader(loadUsers);
//                     ^^^^^^^^^^ handler-memory-state(sharedDataLoader)

const orderEvents = new EventEmitter();

app.post('/login', async (req, res) => {
  await loginLimiter.consume(req.ip ?? 'unknown');
  res.json(await userLoader.load(Number(req.body.id)));
});

app.get('/orders/live', (req, res) => {
  orderEvents.on('order', (order: unknown) => res.write(JSON.stringify(order)));
//^^^^^^^^^^^^^^ handler-memory-state(listenerPerRequest): GET /orders/live
  setInterval(() => res.write(':\n'), 10_000);
//^^^^^^^^^^^ handler-memory-state(timerPerRequest): GET /orders/live
});
