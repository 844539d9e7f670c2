import express from 'express';
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';

// Startup: runs once, before the server listens.
const template = readFileSync('./page.html', 'utf8');

const app = express();

app.get('/users', async (req, res) => {
  const cfg = readFileSync('./cfg.json', 'utf8');
  //          ^^^^^^^^^^^^ sync-blocking-call(blockingCall): GET /users
  res.json({ cfg, template, q: req.query });
});

app.post('/upload', (req, res) => {
  const data = fs.readFileSync('/tmp/upload.bin');
  //           ^^^^^^^^^^^^^^^ sync-blocking-call(blockingCall): POST /upload
  res.send(data.toString('base64'));
});

app.get('/health', (req, res) => {
  if (fs.existsSync('/tmp/maintenance')) res.status(503);
  //  ^^^^^^^^^^^^^ sync-blocking-call(blockingCallNoFix): GET /health
  res.end();
});

app.get('/profile/:id', async (req, res) => {
  // Looks like lazy initialisation, but `profile` is local: this runs on every request.
  let profile: string | undefined;
  if (!profile) profile = readFileSync(`/profiles/${req.params.id}.json`, 'utf8');
  //                      ^^^^^^^^^^^^ sync-blocking-call(blockingCall): GET /profile/:id
  res.send(profile);
});

app.listen(3000);
