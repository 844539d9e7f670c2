import Koa from 'koa';
import Router from '@koa/router';
import { execSync } from 'node:child_process';
import { statSync } from 'node:fs';

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  ctx.set('x-size', String(statSync('/tmp').size));
  //                       ^^^^^^^^ sync-blocking-call: middleware (every route)
  await next();
});

router.get('/version', (ctx) => {
  ctx.body = execSync('git rev-parse HEAD').toString();
  //         ^^^^^^^^ sync-blocking-call: GET /version
});

app.use(router.routes());
