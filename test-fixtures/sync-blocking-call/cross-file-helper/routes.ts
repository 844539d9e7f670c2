// expect: no findings
import { Router } from 'express';
import { hashPassword } from './service';

export const authRouter = Router();

authRouter.post('/register', async (req, res) => {
  const hash = await hashPassword(String(req.body.password));
  res.json({ hash });
});
