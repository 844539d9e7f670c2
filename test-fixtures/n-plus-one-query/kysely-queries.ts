import express from 'express';
import { Pool } from 'pg';
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely';

interface Database {
  person: { id: Generated<number>; name: string; team_id: number };
  team: { id: Generated<number>; name: string };
  pet: { id: Generated<number>; owner_id: number; name: string };
}

const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ statement_timeout: 5_000 }) }) });
const app = express();

app.get('/people', async (req, res) => {
  const people = await db.selectFrom('person').selectAll().execute();
  const out = [];
  for (const person of people) {
    const team = await db
      .selectFrom('team')
      .selectAll()
      .where('id', '=', person.team_id)
      .executeTakeFirst();
    // ^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): `where('id', 'in', ids)`
    out.push({ ...person, team });
  }
  res.json(out);
});

app.get('/people/pets', async (req, res) => {
  const people = await db.selectFrom('person').select(['id', 'name']).execute();
  const pets = await Promise.all(people.map((p) => db.selectFrom('pet').selectAll().where('owner_id', '=', p.id).execute()));
                                                // ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /people/pets
  res.json(pets);
});

app.post('/pets', async (req, res) => {
  const names = req.body as string[];
  for (const name of names) {
    await db.insertInto('pet').values({ owner_id: 1, name }).execute();
    //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): one `insertInto(table).values(rows)`
  }
  res.sendStatus(201);
});

app.get('/people/raw', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const rows = [];
  for (const id of ids) rows.push(await sql<{ n: number }>`select count(*) as n from pet where owner_id = ${id}`.execute(db));
                                     // ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /people/raw
  res.json(rows);
});

app.get('/people/with-pets', async (req, res) => {
  // One query with a subquery, and one IN query: not per element.
  const people = await db
    .selectFrom('person')
    .selectAll()
    .where('id', 'in', db.selectFrom('pet').select('owner_id'))
    .execute();
  const pets = await db.selectFrom('pet').selectAll().where('owner_id', 'in', people.map((p) => p.id)).execute();
  // Building (not running) a query per element, then running them in one union is one round trip.
  const counts = people.map((p) => db.selectFrom('pet').select(sql<number>`count(*)`.as('n')).where('owner_id', '=', p.id));
  const first = counts[0];
  const union = first ? await counts.slice(1).reduce((q, next) => q.unionAll(next), first).execute() : [];
  res.json({ people, pets, union });
});
