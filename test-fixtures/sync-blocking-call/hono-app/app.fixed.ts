import { Hono } from 'hono';
import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';

const app = new Hono();

app.get('/files', async (c) => c.json(await readdir('/srv/files')));

export default app;
