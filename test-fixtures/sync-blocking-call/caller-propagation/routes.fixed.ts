// expect: no findings
import express from 'express';
import { renderPage, renderAll } from './render';

const app = express();

app.get('/pages/:name', async (req, res) => {
  res.send(await renderPage(req.params.name));
});

app.get('/pages', async (req, res) => {
  const names = String(req.query.names).split(',');
  res.json({ first: await renderPage(names[0]), all: renderAll(names) });
});
