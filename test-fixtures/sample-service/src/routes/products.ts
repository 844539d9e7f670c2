import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { Product } from '../db/entities/product';
import { productCache } from '../lib/cache';
import { readSync } from '../lib/csv';

export function productsRouter(dataSource: DataSource): Router {
  const router = Router();
  const productRepo = dataSource.getRepository(Product);

  router.get('/products/:id', async (req, res) => {
    const id = Number(req.params.id);
    const cached = productCache.get(id);
    const product = cached ?? (await productRepo.findOneBy({ id }));
    if (!product) {
      res.status(404).json({ error: 'no such product' });
      return;
    }
    if (!cached) productCache.set(id, product);
    //           ^^^^^^^^^^^^^^^^ handler-memory-state(perInstanceCache): GET /products/:id
    res.json(product);
  });

  // Body: text/csv with the columns sku,name,priceCents,stock. Upserts every row in one statement.
  router.post('/products/import', async (req, res) => {
    if (typeof req.body !== 'string') {
      res.status(415).json({ error: 'send text/csv' });
      return;
    }
    const rows = readSync(req.body);
    const products = rows.map((row) => ({
      sku: row.sku,
      name: row.name,
      priceCents: Number(row.priceCents),
      stock: Number(row.stock ?? 0),
    }));
    await productRepo.upsert(products, ['sku']);
    res.json({ imported: products.length });
  });

  return router;
}
