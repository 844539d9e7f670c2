// expect: no findings
import { deriveKey } from './crypto-util';

export async function hashPassword(password: string): Promise<string> {
  return deriveKey(password).toString('hex');
}
