import express from 'express';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { execSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import fse from 'fs-extra';
import fg from 'fast-glob';

const app = express();

app.post('/families', async (req, res) => {
  const key = pbkdf2Sync(String(req.body.password), 'salt', 100_000, 64, 'sha512');
  //          ^^^^^^^^^^ sync-blocking-call(blockingCall): `await promisify(pbkdf2)(…)`
  const packed = zlib.gzipSync(Buffer.from(JSON.stringify(req.body)));
  //             ^^^^^^^^^^^^^ sync-blocking-call(blockingCall): `await promisify(zlib.gzip)(…)`
  const hash = bcrypt.hashSync(String(req.body.password), 12);
  //           ^^^^^^^^^^^^^^^ sync-blocking-call(blockingCall): `await bcrypt.hash(…)`
  const token = jwt.sign({ sub: req.body.id }, 'secret');
  //            ^^^^^^^^ sync-blocking-call(blockingCallNoFix): jose
  const rev = execSync('git rev-parse HEAD').toString();
  //          ^^^^^^^^ sync-blocking-call(blockingCallNoFix): execFile
  const salt = randomBytes(16).toString('hex');
  const blob = randomBytes(Number(req.body.size));
  //           ^^^^^^^^^^^ sync-blocking-call(blockingCallNoFix): callback
  const json = fse.readJsonSync('./data.json');
  //           ^^^^^^^^^^^^^^^^ sync-blocking-call(blockingCall): `await fse.readJson(…)`
  const files = fg.sync('**/*.json');
  //            ^^^^^^^ sync-blocking-call(blockingCallNoFix): POST /families
  res.json({ key, packed, hash, token, rev, salt, blob, json, files });
});

app.get('/wait', (req, res) => {
  const end = Date.now() + Number(req.query.ms);
  while (Date.now() < end) {}
  //     ^^^^^^^^^^^^^^^^ sync-blocking-call(busyWait): GET /wait
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
//^^^^^^^^^^^^ sync-blocking-call(blockingCallNoFix): GET /wait
  res.end();
});
