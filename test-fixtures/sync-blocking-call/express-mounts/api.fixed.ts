import { Router } from 'express';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const v1 = Router();
v1.get('/users/:id', async (req, res) => {
  res.send(await readFile(`/users/${req.params.id}.json`));
});

export const apiRouter = Router();
apiRouter.use('/v1', v1);
