// expect: no findings
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { createAuthService, EmailTakenError } from '../services/auth-service';

interface Credentials {
  email?: string;
  password?: string;
  name?: string;
}

export function authRouter(dataSource: DataSource): Router {
  const router = Router();
  const auth = createAuthService(dataSource);

  router.post('/auth/register', async (req, res) => {
    const { email, password, name } = (req.body ?? {}) as Credentials;
    if (!email || !password || password.length < 10) {
      res.status(400).json({ error: 'email and a password of at least 10 characters are required' });
      return;
    }
    try {
      const user = await auth.register(email.toLowerCase(), name ?? email, password);
      res.status(201).json({ id: user.id, email: user.email });
    } catch (err) {
      if (err instanceof EmailTakenError) res.status(409).json({ error: err.message });
      else throw err;
    }
  });

  router.post('/auth/login', async (req, res) => {
    const { email, password } = (req.body ?? {}) as Credentials;
    const session = email && password ? await auth.login(email.toLowerCase(), password) : undefined;
    if (!session) {
      res.status(401).json({ error: 'wrong email or password' });
      return;
    }
    res.json(session);
  });

  // Clears the token in the database only: instances that cached it still accept it (see lib/cache.ts).
  router.post('/auth/logout', async (req, res) => {
    const token = req.get('authorization')?.replace(/^Bearer\s+/i, '');
    if (token) await auth.logout(token);
    res.status(204).end();
  });

  return router;
}
