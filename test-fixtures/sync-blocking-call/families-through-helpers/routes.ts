// expect: no findings
import { Router } from 'express';
import * as work from './work';

export const router = Router();

router.post('/work', (req, res) => {
  const input = String(req.body.input);
  res.json({
    file: work.readConfig(),
    git: work.revision(),
    key: work.derive(input),
    packed: work.pack(input),
    hash: work.hashPassword(input),
    token: work.issueToken(input),
    files: work.listFiles(),
  });
  work.pause(10);
  work.spin(5);
});
