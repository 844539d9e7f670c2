// expect: no findings
import { deriveKey } from './crypto-util';

export async function hashPassword(password: string): Promise<string> {
  return (await deriveKey(password)).toString('hex');
}
