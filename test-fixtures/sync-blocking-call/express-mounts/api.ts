import { Router } from 'express';
import { readFileSync } from 'node:fs';

const v1 = Router();
v1.get('/users/:id', (req, res) => {
  res.send(readFileSync(`/users/${req.params.id}.json`));
  //       ^^^^^^^^^^^^ sync-blocking-call: GET /api/v1/users/:id
});

export const apiRouter = Router();
apiRouter.use('/v1', v1);
