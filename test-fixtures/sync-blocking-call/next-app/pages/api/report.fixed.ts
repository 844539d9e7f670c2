import { pbkdf2Sync, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';

export default async function handler(req: { query: Record<string, string> }, res: { json(body: unknown): void }): Promise<void> {
  res.json({ key: (await promisify(pbkdf2)(req.query.p ?? '', 'salt', 1000, 32, 'sha256')).toString('hex') });
}
