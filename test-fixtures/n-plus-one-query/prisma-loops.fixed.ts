import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express();

app.get('/orders', async (req, res) => {
  const orders = await prisma.order.findMany({ take: 50 });
  const rows = [];
  const usersById = new Map((await prisma.user.findMany({ where: { id: { in: orders.map((order) => order.customerId) } }, select: { id: true, name: true } })).map((row) => [row.id, row]));
  for (const order of orders) {
    const customer = usersById.get(order.customerId) ?? null;
    rows.push({ ...order, customer });
  }
  res.json(rows);
});

app.get('/orders/with-items', async (req, res) => {
  const orders = await prisma.order.findMany({ take: 50 });
  const withItems = await Promise.all(orders.map((order) => prisma.orderItem.findMany({ where: { orderId: order.id } })));
  res.json(withItems);
});

app.get('/users/:id/post-counts', async (req, res) => {
  const users = await prisma.user.findMany();
  const counts: number[] = [];
  for (let i = 0; i < users.length; i++) {
    counts.push(await prisma.post.count({ where: { authorId: users[i].id } }));
  }
  res.json(counts);
});

app.post('/users/import', async (req, res) => {
  const people = req.body as { email: string; name: string }[];
  await prisma.user.createMany({ data: people.map((person) => ({ email: person.email, name: person.name })) });
  res.sendStatus(204);
});

app.get('/products/raw', async (req, res) => {
  const skus = req.query.skus as string[];
  const rows = [];
  for (const sku of skus) rows.push(await prisma.$queryRaw`SELECT * FROM "Product" WHERE sku = ${sku}`);
  res.json(rows);
});

// findFirst is not merged by Prisma's dataloader: one query per element even in the same tick.
app.get('/posts/latest-by-author', async (req, res) => {
  const authors = await prisma.user.findMany();
  const postsByAuthorId = new Map((await prisma.post.findMany({ where: { authorId: { in: authors.map((a) => a.id) } } })).map((row) => [row.authorId, row]));
  const latest = await Promise.all(authors.map((a) => postsByAuthorId.get(a.id) ?? null));
  res.json(latest);
});

// Prisma batches findUnique calls made in the same tick into one query: not reported.
app.get('/orders/customers', async (req, res) => {
  const orders = await prisma.order.findMany({ take: 50 });
  const customers = await Promise.all(orders.map((o) => prisma.user.findUnique({ where: { id: o.customerId } })));
  res.json(customers);
});

// Reported, but no rewrite: with orderBy, findFirst picks one row per author that findMany would not.
app.get('/users/latest-post', async (req, res) => {
  const users = await prisma.user.findMany();
  const latest = [];
  for (const u of users) latest.push(await prisma.post.findFirst({ where: { authorId: u.id }, orderBy: { id: 'desc' } }));
  res.json(latest);
});
