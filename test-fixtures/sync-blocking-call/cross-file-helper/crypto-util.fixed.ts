import * as crypto from 'node:crypto';
import { promisify } from 'node:util';

export async function deriveKey(password: string): Promise<Buffer> {
  return await promisify(crypto.pbkdf2)(password, 'salt', 100_000, 64, 'sha512');
}

/** Same API, but only used by the startup code below. */
export function deriveBootKey(): Buffer {
  return crypto.scryptSync('boot', 'salt', 32);
}
export const bootKey = deriveBootKey();
