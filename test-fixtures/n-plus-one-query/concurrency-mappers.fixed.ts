import express from 'express';
import pMap from 'p-map';
import pLimit from 'p-limit';
import * as async from 'async';
import { mapLimit } from 'async';
import Bluebird from 'bluebird';
import { PrismaClient } from '@prisma/client';
import { DataSource, Entity, PrimaryGeneratedColumn, Column, In } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
}

const prisma = new PrismaClient();
const authors = new DataSource({ type: 'postgres' }).getRepository(Author);
const limit = pLimit(4);
const app = express();

app.get('/feed', async (req, res) => {
  const users = await prisma.user.findMany({ take: 100 });
  const postCounts = await pMap(users, (u) => prisma.post.count({ where: { authorId: u.id } }), { concurrency: 5 });
  const orderCounts = await Promise.all(users.map((u) => limit(() => prisma.order.count({ where: { customerId: u.id } }))));
  const latest = await limit.map(users, (u) => prisma.post.findFirst({ where: { authorId: u.id }, orderBy: { id: 'desc' } }));
  // p-limit spreads findUnique calls over many ticks, so Prisma cannot merge them into one query.
  const usersById = new Map((await prisma.user.findMany({ where: { id: { in: users.map((u) => u.id) } } })).map((row) => [row.id, row]));
  const again = await Promise.all(users.map((u) => limit(() => usersById.get(u.id) ?? null)));
  res.json({ postCounts, orderCounts, latest, again });
});

app.get('/feed/async', async (req, res) => {
  const users = await prisma.user.findMany({ take: 100 });
  const counts = await mapLimit(users, 3, async (u: { id: number }) => prisma.post.count({ where: { authorId: u.id } }));
  await async.eachSeries(users, async (u: { id: number }) => {
    await prisma.order.findMany({ where: { customerId: u.id } });
  });
  res.json(counts);
});

app.get('/feed/bluebird', async (req, res) => {
  const users = await prisma.user.findMany({ take: 100 });
  const counts = await Bluebird.map(users, (u) => prisma.post.count({ where: { authorId: u.id } }), { concurrency: 8 });
  const all = await Bluebird.map(users, (u) => prisma.order.count({ where: { customerId: u.id } }));
  await Bluebird.each(users, (u) => prisma.order.findMany({ where: { customerId: u.id } }));
  res.json({ counts, all });
});

app.get('/posts/authors', async (req, res) => {
  const posts = await prisma.post.findMany({ take: 100 });
  const authorsById = new Map((await authors.findBy({ id: In(posts.map((post) => post.authorId)) })).map((row) => [row.id, row]));
  const names = await pMap(posts, async (post) => (authorsById.get(post.authorId) ?? null)?.name, { concurrency: 10 });
  res.json(names);
});

app.get('/feed/quiet', async (req, res) => {
  const users = await prisma.user.findMany({ take: 100 });
  // p-map without a concurrency starts every mapper at once, like Promise.all: Prisma merges findUnique calls made in the same tick.
  const again = await pMap(users, (u) => prisma.user.findUnique({ where: { id: u.id } }));
  // One query per chunk of 100 ids, four chunks at a time.
  const chunks = [users.slice(0, 100).map((u) => u.id), users.slice(100).map((u) => u.id)];
  const pages = await pMap(chunks, (ids) => prisma.post.findMany({ where: { authorId: { in: ids } } }), { concurrency: 4 });
  // A limiter around one query is not per element.
  const total = await limit(() => prisma.post.count());
  res.json({ again, pages, total });
});
