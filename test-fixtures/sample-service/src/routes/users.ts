import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { sessionCache } from '../lib/cache';
import { renderAvatar } from '../services/avatar-service';
import { createUserService } from '../services/user-service';

export function usersRouter(dataSource: DataSource): Router {
  const router = Router();
  const users = createUserService(dataSource);

  router.get('/users/me', async (req, res) => {
    const token = req.get('authorization')?.replace(/^Bearer\s+/i, '');
    if (!token) {
      res.status(401).json({ error: 'sign in first' });
      return;
    }
    const cached = sessionCache.get(token);
    const user = cached ?? (await users.findBySessionToken(token));
    if (!user) {
      res.status(401).json({ error: 'session expired' });
      return;
    }
    if (!cached) sessionCache.set(token, user);
    //           ^^^^^^^^^^^^^^^^ handler-memory-state: GET /users/me
    res.json(users.toPublic(user));
  });

  router.get('/users/:id', async (req, res) => {
    const user = await users.findById(Number(req.params.id));
    if (!user) {
      res.status(404).json({ error: 'no such user' });
      return;
    }
    res.json(users.toPublic(user));
  });

  router.get('/users/:id/avatar', async (req, res) => {
    const user = await users.findById(Number(req.params.id));
    if (!user) {
      res.status(404).end();
      return;
    }
    const body = renderAvatar(user, Math.min(Number(req.query.size) || 128, 512));
    res.set({ 'content-type': 'image/svg+xml', 'content-encoding': 'gzip', 'cache-control': 'public, max-age=3600' }).send(body);
  });

  return router;
}
