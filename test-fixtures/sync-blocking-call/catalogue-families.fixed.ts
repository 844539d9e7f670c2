import express from 'express';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { execSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes, pbkdf2 } from 'node:crypto';
import * as zlib from 'node:zlib';
import fse from 'fs-extra';
import fg from 'fast-glob';
import { promisify } from 'node:util';

const app = express();

app.post('/families', async (req, res) => {
  const key = await promisify(pbkdf2)(String(req.body.password), 'salt', 100_000, 64, 'sha512');
  const packed = await promisify(zlib.gzip)(Buffer.from(JSON.stringify(req.body)));
  const hash = await bcrypt.hash(String(req.body.password), 12);
  const token = jwt.sign({ sub: req.body.id }, 'secret');
  const rev = execSync('git rev-parse HEAD').toString();
  const salt = randomBytes(16).toString('hex');
  const blob = randomBytes(Number(req.body.size));
  const json = await fse.readJson('./data.json');
  const files = fg.sync('**/*.json');
  res.json({ key, packed, hash, token, rev, salt, blob, json, files });
});

app.get('/wait', (req, res) => {
  const end = Date.now() + Number(req.query.ms);
  while (Date.now() < end) {}
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  res.end();
});
