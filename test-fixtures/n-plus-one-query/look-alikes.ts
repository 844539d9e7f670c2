// expect: no findings
import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaClient } from '@prisma/client';
import { DataSource, In, MoreThan } from 'typeorm';
import Redis from 'ioredis';
import { createClient } from 'redis';
import DataLoader from 'dataloader';

const prisma = new PrismaClient();
const dataSource = new DataSource({ type: 'postgres' });
const redis = new Redis({ commandTimeout: 2_000 });
const redisClient = createClient();
const app = express();

// Startup: a query per element, but once per process.
const REGIONS = ['eu', 'us', 'ap'];
for (const region of REGIONS) {
  void prisma.user.count({ where: { email: { endsWith: `@${region}.example` } } });
}

// Startup: a per-row warm-up over a list of any size, called once before the server listens.
async function warmUp(ids: number[]): Promise<void> {
  for (const id of ids) await prisma.user.findFirst({ where: { id } });
}
void warmUp(JSON.parse(process.env.WARM_IDS ?? '[]') as number[]);

const STATUSES = ['open', 'closed'] as const;

app.get('/look-alikes', async (req, res) => {
  // A literal tuple: two queries, not N.
  const counts: number[] = [];
  for (const status of ['open', 'closed'] as const) counts.push(await prisma.order.count({ where: { status } }));
  for (const status of STATUSES) counts.push(await prisma.order.count({ where: { status } }));
  for (let attempt = 0; attempt < 3; attempt++) counts.push(await prisma.order.count());

  // Collect, then one IN query.
  const orders = await prisma.order.findMany({ take: 50 });
  const customers = await prisma.user.findMany({ where: { id: { in: orders.map((o) => o.customerId) } } });
  const byId = new Map(customers.map((c) => [c.id, c]));
  const named = orders.map((o) => ({ ...o, customer: byId.get(o.customerId) ?? null }));

  // Prisma merges findUnique calls made in the same tick.
  const again = await Promise.all(orders.map((o) => prisma.user.findUnique({ where: { id: o.customerId } })));

  // Cursor pagination: each page starts after the previous page's last id.
  let cursor = 0;
  for (;;) {
    const page = await prisma.order.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: 100 });
    if (page.length === 0) break;
    cursor = page[page.length - 1].id;
  }

  // Same, with TypeORM and a while loop.
  const repo = dataSource.getRepository<{ id: number }>('Order');
  let after = 0;
  let batch = await repo.find({ where: { id: MoreThan(after) }, take: 100 });
  while (batch.length > 0) {
    after = batch[batch.length - 1].id;
    batch = await repo.find({ where: { id: MoreThan(after) }, take: 100 });
  }

  // Polling with a backoff sleep.
  let status = 'pending';
  while (status === 'pending') {
    const job = await prisma.order.findFirst({ where: { id: 1 } });
    status = job?.status ?? 'gone';
    await sleep(500);
  }

  // A retry whose condition reads the awaited response.
  let response: Response;
  let tries = 0;
  do {
    response = await fetch('http://payments/health', { signal: AbortSignal.timeout(1000) });
  } while (!response.ok && ++tries < 5);

  // Ancestor walk: each step needs the previous row.
  let node = await prisma.order.findUnique({ where: { id: 1 } });
  while (node && node.customerId !== 0) {
    node = await prisma.order.findUnique({ where: { id: node.customerId } });
  }

  // Batching by chunk: one query per 100 ids.
  const ids = orders.map((o) => o.id);
  for (let i = 0; i < ids.length; i += 100) {
    await prisma.order.findMany({ where: { id: { in: ids.slice(i, i + 100) } } });
  }
  const chunks: number[][] = [ids.slice(0, 100), ids.slice(100)];
  for (const chunk of chunks) await repo.findBy({ id: In(chunk) });

  // DataLoader batches loads made in the same tick.
  const loader = new DataLoader(async (keys: readonly number[]) => {
    const rows = await prisma.user.findMany({ where: { id: { in: [...keys] } } });
    return keys.map((k) => rows.find((r) => r.id === k) ?? null);
  });
  const viaLoader = await Promise.all(orders.map((o) => loader.load(o.customerId)));

  // Redis pipelines and multi() queue commands; exec() sends them at once.
  const pipeline = redis.pipeline();
  for (const o of orders) pipeline.get(`order:${o.id}`);
  await pipeline.exec();
  const multi = redisClient.multi();
  for (const o of orders) multi.get(`order:${o.id}`);
  await multi.exec();

  // A search that stops at the first free name.
  for (const candidate of ['a', 'b', 'c', 'd'].map((x) => `${x}${Date.now()}`)) {
    const taken = await prisma.user.findFirst({ where: { name: candidate } });
    if (!taken) {
      res.json({ candidate });
      return;
    }
  }

  // The project's own `findOne`, and `.map` on a query result that is not an array.
  const findOne = (id: number) => ({ id });
  const local = orders.map((o) => findOne(o.id));
  res.json({ counts, named, again, viaLoader, local });
});
