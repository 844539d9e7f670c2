import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export async function run(message: { path: string }): Promise<number> {
  return (await readFile(message.path)).length;
}

export function notAnEntry(path: string): number {
  return readFileSync(path).length;
}
