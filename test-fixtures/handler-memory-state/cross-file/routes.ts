import { Router } from 'express';
import * as state from './state';
import { sessionCache, touch } from './state';

export const router = Router();

router.get('/me', (req, res) => {
  const token = req.get('authorization') ?? '';
  const cached = sessionCache.get(token);
  if (!cached) sessionCache.set(token, { id: 1, email: 'a@example.com' });
  //           ^^^^^^^^^^^^^^^^ handler-memory-state(growingState): GET /me
  touch(req);
  res.json(cached ?? null);
});

router.get('/ping', (_req, res) => {
  state.sessionCache.clear();
//^^^^^^^^^^^^^^^^^^^^^^^^ handler-memory-state(divergingState): GET /ping
  res.send('pong');
});
