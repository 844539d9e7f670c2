import express from 'express';

const PRICES_URL = 'http://prices.internal:8080';

const app = express();

app.get('/prices/:sku', async (req, res) => {
  const upstream = await fetch(`${PRICES_URL}/prices/${req.params.sku}`, { signal: AbortSignal.timeout(10000) });
  res.json(await upstream.json());
});

app.post('/prices', async (req, res) => {
  const upstream = await fetch(`${PRICES_URL}/prices`, { method: 'POST', body: JSON.stringify(req.body), signal: AbortSignal.timeout(10000) });
  res.status(upstream.status).end();
});

app.get('/health/upstream', async (_req, res) => {
  // A deadline of its own: quiet.
  const upstream = await fetch(`${PRICES_URL}/health`, { signal: AbortSignal.timeout(2000) });
  res.sendStatus(upstream.ok ? 200 : 503);
});
