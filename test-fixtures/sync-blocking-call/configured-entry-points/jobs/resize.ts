import { readFileSync } from 'node:fs';

export async function run(message: { path: string }): Promise<number> {
  return readFileSync(message.path).length;
  //     ^^^^^^^^^^^^ sync-blocking-call: run (jobs/resize.ts)
}

export function notAnEntry(path: string): number {
  return readFileSync(path).length;
}
