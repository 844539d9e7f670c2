import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readFileSync, statSync, existsSync } from 'node:fs';
import jwt from 'jsonwebtoken';

export class UserController {
  list(req: Request, res: Response): void {
    res.send(readFileSync('/users.json'));
    //       ^^^^^^^^^^^^ sync-blocking-call: GET /users
  }
}

const asyncHandler = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res, next) => {
  fn(req, res).catch(next);
};

/** Wrapped where it is defined, registered by name. */
export const getStatus = asyncHandler(async (req, res) => {
  res.json({ size: statSync('/var/status').size });
  //               ^^^^^^^^ sync-blocking-call: GET /status
});

/** A middleware factory: the returned function runs per request. */
export const requireRole = (role: string) => (req: Request, res: Response, next: NextFunction) => {
  const claims = jwt.verify(String(req.headers.authorization), 'secret') as { role?: string };
  //             ^^^^^^^^^^ sync-blocking-call: DELETE /users/:id
  if (claims.role !== role) res.status(403).end();
  else next();
};

/** A middleware array constant. */
export const validateId = [
  (req: Request, res: Response, next: NextFunction) => {
    if (!existsSync(`/users/${req.params.id}`)) res.status(404).end();
    //   ^^^^^^^^^^ sync-blocking-call: GET /orgs/:id
    else next();
  },
];
