// expect: no findings
import express from 'express';
import { readFileSync } from 'node:fs';

// A test file: it builds an app to exercise it, but never serves production traffic.
const app = express();
app.get('/fixture', (req, res) => {
  res.send(readFileSync('./fixture.json', 'utf8'));
});
