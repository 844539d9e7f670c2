import type { Request } from 'express';

/** Users by session token: written by the routes in routes.ts. */
export const sessionCache = new Map<string, { id: number; email: string }>();

export let lastRequestAt = 0;

export const pendingJobs: string[] = [];

export function touch(req: Request): void {
  pendingJobs.push(req.path);
//^^^^^^^^^^^^^^^^ handler-memory-state(growingState): GET /me
}
