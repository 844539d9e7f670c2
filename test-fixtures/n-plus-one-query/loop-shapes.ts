import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express();

app.get('/shapes', async (req, res) => {
  const users = await prisma.user.findMany();
  const byEmail: Record<string, number> = Object.fromEntries(users.map((u) => [u.email, u.id]));

  for (const email in byEmail) {
    await prisma.post.count({ where: { authorId: byEmail[email] } });
    //    ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
  }

  let i = 0;
  while (i < users.length) {
    await prisma.post.count({ where: { authorId: users[i].id } });
    //    ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
    i++;
  }

  let j = 0;
  do {
    await prisma.post.count({ where: { authorId: users[j].id } });
    //    ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
    j++;
  } while (j < users.length);

  const posts = (await Promise.all(users.map((u) => prisma.post.findMany({ where: { authorId: u.id } })))).flat();
  //                                                ^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
  const titles = users.flatMap(async (u) => (await prisma.post.findMany({ where: { authorId: u.id } })).map((p) => p.title));
  //                                               ^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
  const active = users.filter(async (u) => (await prisma.post.count({ where: { authorId: u.id } })) > 0);
  //                                              ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
  const total = await users.reduce(async (sum, u) => (await sum) + (await prisma.post.count({ where: { authorId: u.id } })), Promise.resolve(0));
  //                                                                      ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes

  async function* stream() {
    yield* users;
  }
  for await (const u of stream()) {
    await prisma.order.findMany({ where: { customerId: u.id } });
    //    ^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes
  }

  const set = new Set(users.map((u) => u.id));
  set.forEach((id) => void prisma.order.count({ where: { customerId: id } }));
  //                       ^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes

  // A concurrency limiter (p-limit's shape) bounds how many run at once, not how many queries there are.
  const limit = <T>(task: () => Promise<T>): Promise<T> => task();
  const limited = await Promise.all(users.map((u) => limit(() => prisma.post.count({ where: { authorId: u.id } }))));
  //                                                             ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /shapes

  res.json({ posts, titles, active, total, limited });
});
