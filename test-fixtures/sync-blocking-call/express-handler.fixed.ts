import express from 'express';
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';

// Startup: runs once, before the server listens.
const template = readFileSync('./page.html', 'utf8');

const app = express();

app.get('/users', async (req, res) => {
  const cfg = await readFile('./cfg.json', 'utf8');
  res.json({ cfg, template, q: req.query });
});

app.post('/upload', async (req, res) => {
  const data = await readFile('/tmp/upload.bin');
  res.send(data.toString('base64'));
});

app.get('/health', (req, res) => {
  if (fs.existsSync('/tmp/maintenance')) res.status(503);
  res.end();
});

app.get('/profile/:id', async (req, res) => {
  // Looks like lazy initialisation, but `profile` is local: this runs on every request.
  let profile: string | undefined;
  if (!profile) profile = await readFile(`/profiles/${req.params.id}.json`, 'utf8');
  res.send(profile);
});

app.listen(3000);
