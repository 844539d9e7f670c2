// expect: no findings
import { Router } from 'express';
import * as work from './work';

export const router = Router();

router.post('/work', async (req, res) => {
  const input = String(req.body.input);
  res.json({
    file: await work.readConfig(),
    git: work.revision(),
    key: work.derive(input),
    packed: await work.pack(input),
    hash: await work.hashPassword(input),
    token: work.issueToken(input),
    files: work.listFiles(),
  });
  work.pause(10);
  work.spin(5);
});
