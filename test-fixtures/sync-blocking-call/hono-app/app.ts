import { Hono } from 'hono';
import { readdirSync } from 'node:fs';

const app = new Hono();

app.get('/files', (c) => c.json(readdirSync('/srv/files')));
//                              ^^^^^^^^^^^ sync-blocking-call: GET /files

export default app;
