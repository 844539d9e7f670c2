import express from 'express';
import { Pool } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { eq } from 'drizzle-orm';
import knexFactory, { type Knex } from 'knex';

const users = pgTable('users', { id: integer('id').primaryKey(), teamId: integer('team_id'), name: text('name') });
const teams = pgTable('teams', { id: integer('id').primaryKey(), name: text('name') });
const db = drizzle(new Pool({ statement_timeout: 5_000 }));
const knex = knexFactory({ client: 'pg' });
const app = express();

app.get('/users/teams', async (req, res) => {
  const list = await db.select().from(users);
  const out = [];
  for (const u of list) {
    const [team] = await db.select().from(teams).where(eq(teams.id, u.teamId ?? 0));
    //                   ^^^^^^^^^ n-plus-one-query(queryPerElement): GET /users/teams
    out.push({ ...u, team });
  }
  res.json(out);
});

app.post('/teams', async (req, res) => {
  const names = req.body as string[];
  await Promise.all(names.map((name, i) => db.insert(teams).values({ id: i, name })));
  //                                       ^^^^^^^^^ n-plus-one-query(queryPerElement): POST /teams
  res.sendStatus(201);
});

app.get('/legacy/users', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const rows = [];
  for (const id of ids) {
    rows.push(await knex('users').where({ id }).first());
    //              ^^^^ n-plus-one-query(queryPerElement): GET /legacy/users
  }
  res.json(rows);
});

app.get('/legacy/teams', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const rows = await Promise.all(ids.map((id) => knex.select('*').from('teams').where({ id })));
  //                                             ^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /legacy/teams
  res.json(rows);
});

const relational = drizzle(new Pool({ statement_timeout: 5_000 }), { schema: { users, teams } });

app.get('/teams/first-member', async (req, res) => {
  const list = await relational.select().from(teams);
  const firsts = await Promise.all(list.map((t) => relational.query.users.findFirst({ where: eq(users.teamId, t.id) })));
  //                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /teams/first-member
  res.json(firsts);
});

// A project alias over a union of Knex types; the subquery passed to whereIn is part of the same query.
type Db = Knex | Knex.Transaction;

class TagStore {
  constructor(private readonly db: Db) {}

  async touch(names: string[]): Promise<void> {
    for (const name of names) {
      await this.db('tags').update({ used: true }).where({ name }).whereIn('id', this.db('tag_links').select('tag_id'));
      //    ^^^^^^^ n-plus-one-query(queryPerElement): POST /tags/touch
    }
  }
}

const tagStore = new TagStore(knex);

app.post('/tags/touch', async (req, res) => {
  await tagStore.touch(req.body as string[]);
  res.sendStatus(204);
});
