import express from 'express';
import { LRUCache } from 'lru-cache';
import * as mcache from 'memory-cache';
import NodeCache from 'node-cache';
import QuickLRU from 'quick-lru';

interface Product {
  name: string;
}

// Unbounded: nothing expires and nothing caps the key count.
const responses = new NodeCache();
const pages = new mcache.Cache<string, string>();
// Bounded by a default TTL, a key cap, or a lifetime on each write.
const prices = new NodeCache({ stdTTL: 60 });
const tokens = new NodeCache({ maxKeys: 10_000 });
const products = new LRUCache<string, Product>({ max: 500, ttl: 30_000 });
const thumbnails = new QuickLRU<string, Buffer>({ maxSize: 100 });

const app = express();

app.get('/responses/:id', (req, res) => {
  responses.set(req.params.id, { at: Date.now() });
//^^^^^^^^^^^^^ handler-memory-state(unboundedCache): GET /responses/:id
  pages.put(req.params.id, 'html');
//^^^^^^^^^ handler-memory-state(unboundedCache): GET /responses/:id
  mcache.put(req.params.id, 'body');
//^^^^^^^^^^ handler-memory-state(unboundedCache): GET /responses/:id
  res.json({ ok: true });
});

app.delete('/responses/:id', (req, res) => {
  responses.del(req.params.id);
//^^^^^^^^^^^^^ handler-memory-state(divergingState): DELETE /responses/:id
  res.status(204).end();
});

app.get('/prices/:id', (req, res) => {
  prices.set(req.params.id, 10);
//^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /prices/:id
  tokens.set(req.params.id, 'token');
//^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /prices/:id
  responses.set(`price:${req.params.id}`, 10, 60);
//^^^^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /prices/:id
  mcache.put(`price:${req.params.id}`, 'body', 60_000);
//^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /prices/:id
  products.set(req.params.id, { name: 'x' });
//^^^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /prices/:id
  thumbnails.set(req.params.id, Buffer.alloc(0));
//^^^^^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /prices/:id
  res.json({ price: prices.get(req.params.id), product: products.get(req.params.id) });
});

// Filled at startup only.
const settings = new NodeCache();
settings.set('theme', 'light');
app.get('/settings', (_req, res) => {
  res.json(settings.get('theme'));
});
