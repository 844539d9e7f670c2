import type { NextFunction, Request, Response } from 'express';

const startedAt = Date.now();
let requestCount = 0;

/** Counts every request; GET /health reports the total as "requests served". */
export function countRequests(_req: Request, _res: Response, next: NextFunction): void {
  requestCount++;
//^^^^^^^^^^^^ handler-memory-state: middleware (every route)
  next();
}

export function requestStats(): { uptimeSeconds: number; requestsServed: number } {
  return { uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), requestsServed: requestCount };
}
