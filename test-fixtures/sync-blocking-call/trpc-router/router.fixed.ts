import { initTRPC } from '@trpc/server';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const t = initTRPC.create();

export const appRouter = t.router({
  user: t.router({
    byId: t.procedure.query(async () => await readFile('/users/1.json', 'utf8')),
  }),
});
