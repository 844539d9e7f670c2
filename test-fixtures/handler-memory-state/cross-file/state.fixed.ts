import type { Request } from 'express';
import { LRUCache } from 'lru-cache';

/** Users by session token: written by the routes in routes.ts. */
export const sessionCache = new LRUCache<string, { id: number; email: string }>({ max: 1000, ttl: 60_000 });

export let lastRequestAt = 0;

export const pendingJobs: string[] = [];

export function touch(req: Request): void {
  pendingJobs.push(req.path);
}
