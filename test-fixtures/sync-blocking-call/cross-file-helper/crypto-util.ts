import * as crypto from 'node:crypto';

export function deriveKey(password: string): Buffer {
  return crypto.pbkdf2Sync(password, 'salt', 100_000, 64, 'sha512');
  //     ^^^^^^^^^^^^^^^^^ sync-blocking-call(blockingCall): POST /register
}

/** Same API, but only used by the startup code below. */
export function deriveBootKey(): Buffer {
  return crypto.scryptSync('boot', 'salt', 32);
}
export const bootKey = deriveBootKey();
