import express from 'express';
import fsDefault from 'fs';
import * as fs from 'fs';
import { readFileSync as rfs } from 'node:fs';

const readAlias = fs.readFileSync;
const { statSync: stat } = fs;

const app = express();
app.get('/aliases', async (req, res) => {
  const a = rfs('a.txt', 'utf8');
  //        ^^^ sync-blocking-call: readFileSync
  const b = readAlias('b.txt', 'utf8');
  //        ^^^^^^^^^ sync-blocking-call: readFileSync
  const c = fsDefault.readdirSync('.');
  //        ^^^^^^^^^^^^^^^^^^^^^ sync-blocking-call: readdirSync
  const d = stat('.').size;
  //        ^^^^ sync-blocking-call: statSync
  res.json({ a, b, c, d });
});
