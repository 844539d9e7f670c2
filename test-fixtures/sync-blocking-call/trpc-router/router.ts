import { initTRPC } from '@trpc/server';
import { readFileSync } from 'node:fs';

const t = initTRPC.create();

export const appRouter = t.router({
  user: t.router({
    byId: t.procedure.query(() => readFileSync('/users/1.json', 'utf8')),
    //                            ^^^^^^^^^^^^ sync-blocking-call: tRPC user.byId
  }),
});
