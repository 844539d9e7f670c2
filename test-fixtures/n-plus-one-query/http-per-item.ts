import express from 'express';
import axios from 'axios';
import got from 'got';
import { request } from 'undici';
import nodeFetch from 'node-fetch';

const inventory = axios.create({ baseURL: 'http://inventory', timeout: 2000 });
const app = express();

app.get('/cart/prices', async (req, res) => {
  const skus = req.query.skus as string[];
  const prices = [];
  for (const sku of skus) {
    const r = await fetch(`http://pricing/prices/${sku}`, { signal: AbortSignal.timeout(1000) });
    //              ^^^^^ n-plus-one-query(queryPerElement): GET /cart/prices
    prices.push(await r.json());
  }
  res.json(prices);
});

app.get('/cart/stock', async (req, res) => {
  const skus = req.query.skus as string[];
  const stock = await Promise.all(skus.map((sku) => inventory.get(`/stock/${sku}`)));
  //                                                ^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /cart/stock
  res.json(stock.map((s) => s.data));
});

app.get('/cart/reviews', async (req, res) => {
  const skus = req.query.skus as string[];
  const reviews = [];
  for (const sku of skus) reviews.push(await got.get(`http://reviews/${sku}`, { timeout: { request: 1000 } }).json());
  //                                         ^^^^^^^ n-plus-one-query(queryPerElement): GET /cart/reviews
  res.json(reviews);
});

app.get('/cart/images', async (req, res) => {
  const skus = req.query.skus as string[];
  const sizes: number[] = [];
  for (const sku of skus) {
    const { body } = await request(`http://images/${sku}`, { headersTimeout: 1000, bodyTimeout: 1000 });
    //                     ^^^^^^^ n-plus-one-query(queryPerElement): GET /cart/images
    sizes.push((await body.arrayBuffer()).byteLength);
  }
  res.json(sizes);
});

app.get('/cart/badges', async (req, res) => {
  const skus = req.query.skus as string[];
  const badges = await Promise.all(skus.map(async (sku) => (await nodeFetch(`http://badges/${sku}`, { timeout: 1000 })).text()));
  //                                                              ^^^^^^^^^ n-plus-one-query(queryPerElement): GET /cart/badges
  res.json(badges);
});
