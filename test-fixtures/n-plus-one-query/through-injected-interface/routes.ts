// expect: no findings
import express from 'express';
import { Pool } from 'pg';
import { UserService } from './user-service';
import { PgUserStore } from './user-store';

const service = new UserService(new PgUserStore(new Pool({ statement_timeout: 5_000 })));
const app = express();

app.get('/users/names', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  res.json(await service.namesOf(ids));
});
