import { pbkdf2Sync } from 'node:crypto';

export default function handler(req: { query: Record<string, string> }, res: { json(body: unknown): void }): void {
  res.json({ key: pbkdf2Sync(req.query.p ?? '', 'salt', 1000, 32, 'sha256').toString('hex') });
  //              ^^^^^^^^^^ sync-blocking-call: /api/report
}
