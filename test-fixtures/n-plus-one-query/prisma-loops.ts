import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express();

app.get('/orders', async (req, res) => {
  const orders = await prisma.order.findMany({ take: 50 });
  const rows = [];
  for (const order of orders) {
    const customer = await prisma.user.findUnique({ where: { id: order.customerId }, select: { id: true, name: true } });
    //                     ^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /orders
    rows.push({ ...order, customer });
  }
  res.json(rows);
});

app.get('/orders/with-items', async (req, res) => {
  const orders = await prisma.order.findMany({ take: 50 });
  const withItems = await Promise.all(orders.map((order) => prisma.orderItem.findMany({ where: { orderId: order.id } })));
  //                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /orders/with-items
  res.json(withItems);
});

app.get('/users/:id/post-counts', async (req, res) => {
  const users = await prisma.user.findMany();
  const counts: number[] = [];
  for (let i = 0; i < users.length; i++) {
    counts.push(await prisma.post.count({ where: { authorId: users[i].id } }));
    //                ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /users/:id/post-counts
  }
  res.json(counts);
});

app.post('/users/import', async (req, res) => {
  const people = req.body as { email: string; name: string }[];
  for (const person of people) {
    await prisma.user.create({ data: { email: person.email, name: person.name } });
    //    ^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): POST /users/import
  }
  res.sendStatus(204);
});

app.get('/products/raw', async (req, res) => {
  const skus = req.query.skus as string[];
  const rows = [];
  for (const sku of skus) rows.push(await prisma.$queryRaw`SELECT * FROM "Product" WHERE sku = ${sku}`);
  //                                      ^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /products/raw
  res.json(rows);
});

// findFirst is not merged by Prisma's dataloader: one query per element even in the same tick.
app.get('/posts/latest-by-author', async (req, res) => {
  const authors = await prisma.user.findMany();
  const latest = await Promise.all(authors.map((a) => prisma.post.findFirst({ where: { authorId: a.id } })));
  //                                                  ^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /posts/latest-by-author
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
  //                                       ^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /users/latest-post
  res.json(latest);
});
