import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readFileSync, statSync, existsSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { readFile } from 'node:fs/promises';
import { stat } from 'node:fs/promises';

export class UserController {
  async list(req: Request, res: Response): Promise<void> {
    res.send(await readFile('/users.json'));
  }
}

const asyncHandler = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res, next) => {
  fn(req, res).catch(next);
};

/** Wrapped where it is defined, registered by name. */
export const getStatus = asyncHandler(async (req, res) => {
  res.json({ size: (await stat('/var/status')).size });
});

/** A middleware factory: the returned function runs per request. */
export const requireRole = (role: string) => (req: Request, res: Response, next: NextFunction) => {
  const claims = jwt.verify(String(req.headers.authorization), 'secret') as { role?: string };
  if (claims.role !== role) res.status(403).end();
  else next();
};

/** A middleware array constant. */
export const validateId = [
  (req: Request, res: Response, next: NextFunction) => {
    if (!existsSync(`/users/${req.params.id}`)) res.status(404).end();
    else next();
  },
];
