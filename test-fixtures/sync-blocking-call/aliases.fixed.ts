import express from 'express';
import fsDefault from 'fs';
import * as fs from 'fs';
import { readFileSync as rfs } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readdir } from 'fs/promises';
import { stat as statAsync } from 'node:fs/promises';

const readAlias = fs.readFileSync;
const { statSync: stat } = fs;

const app = express();
app.get('/aliases', async (req, res) => {
  const a = await readFile('a.txt', 'utf8');
  const b = await readFile('b.txt', 'utf8');
  const c = await readdir('.');
  const d = (await statAsync('.')).size;
  res.json({ a, b, c, d });
});
