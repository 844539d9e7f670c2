import Koa from 'koa';
import Router from '@koa/router';
import { execSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  ctx.set('x-size', String((await stat('/tmp')).size));
  await next();
});

router.get('/version', (ctx) => {
  ctx.body = execSync('git rev-parse HEAD').toString();
});

app.use(router.routes());
