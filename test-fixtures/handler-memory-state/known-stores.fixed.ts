import { EventEmitter } from 'node:events';
import DataLoader from 'dataloader';
import express from 'express';
import rateLimit from 'express-rate-limit';
import session from 'express-session';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RedisStore as RedisSessionStore } from 'connect-redis';
import { createClient } from 'redis';
import { RedisStore as RedisRateLimitStore } from 'rate-limit-redis';

const app = express();

// Shared with every instance: point REDIS_URL at your Redis.
const sessionRedis = createClient({ url: process.env.REDIS_URL });
sessionRedis.connect().catch((err: unknown) => console.error('connect-redis: Redis connection failed', err));
app.use(session({ store: new RedisSessionStore({ client: sessionRedis }), secret: 'keyboard cat', resave: false, saveUninitialized: false }));
// Shared with every instance: point REDIS_URL at your Redis.
const rateLimitRedis = createClient({ url: process.env.REDIS_URL });
rateLimitRedis.connect().catch((err: unknown) => console.error('rate-limit-redis: Redis connection failed', err));
app.use(rateLimit({ store: new RedisRateLimitStore({ sendCommand: (...args: string[]) => rateLimitRedis.sendCommand(args) }), windowMs: 60_000, limit: 100 }));

const loginLimiter = new RateLimiterMemory({ points: 5, duration: 60 });

async function loadUsers(ids: readonly number[]): Promise<{ id: number }[]> {
  return ids.map((id) => ({ id }));
}
const createUserLoader = () => new DataLoader(loadUsers);

const orderEvents = new EventEmitter();

app.post('/login', async (req, res) => {
  const userLoader = createUserLoader();
  await loginLimiter.consume(req.ip ?? 'unknown');
  res.json(await userLoader.load(Number(req.body.id)));
});

app.get('/orders/live', (req, res) => {
  orderEvents.on('order', (order: unknown) => res.write(JSON.stringify(order)));
  setInterval(() => res.write(':\n'), 10_000);
});
