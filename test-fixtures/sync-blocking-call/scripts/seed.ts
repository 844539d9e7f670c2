// expect: no findings
import { execSync } from 'node:child_process';
import express from 'express';
import { readFileSync } from 'node:fs';

// A tooling script: sync calls here never serve a request, even inside a handler-shaped function.
const app = express();
app.get('/seed', (req, res) => {
  execSync('psql -f seed.sql');
  res.send(readFileSync('seed.sql', 'utf8'));
});
