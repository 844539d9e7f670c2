// expect: no findings
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { createOrderService, UnknownProductError, type CartLine } from '../services/order-service';
import { quoteShipping, trackShipment } from '../services/shipping-service';

interface PlaceOrderBody {
  customerId: number;
  lines: CartLine[];
  country: string;
}

export function ordersRouter(dataSource: DataSource): Router {
  const router = Router();
  const orders = createOrderService(dataSource);

  router.get('/orders', async (req, res) => {
    const limit = Math.min(Number(req.query.limit ?? 20) || 20, 100);
    res.json(await orders.listRecent(limit));
  });

  router.get('/orders/export', async (_req, res) => {
    res.type('text/csv').send(await orders.exportCsv());
  });

  router.get('/orders/:id', async (req, res) => {
    const order = await orders.getWithProducts(Number(req.params.id));
    if (!order) {
      res.status(404).json({ error: 'no such order' });
      return;
    }
    res.json(order);
  });

  router.get('/orders/:id/shipping-quote', async (req, res) => {
    const order = await orders.findById(Number(req.params.id));
    if (!order) {
      res.status(404).json({ error: 'no such order' });
      return;
    }
    res.json(await quoteShipping(order, String(req.query.country ?? order.country)));
  });

  router.get('/orders/:id/tracking', async (req, res) => {
    const order = await orders.findById(Number(req.params.id));
    if (!order?.trackingNumber) {
      res.status(404).json({ error: 'not shipped yet' });
      return;
    }
    res.json(await trackShipment(order.trackingNumber));
  });

  router.post('/orders', async (req, res) => {
    const { customerId, lines, country } = req.body as PlaceOrderBody;
    try {
      const order = await orders.place(customerId, lines, country);
      res.status(201).json(order);
    } catch (err) {
      if (err instanceof UnknownProductError) res.status(422).json({ error: err.message, productIds: err.productIds });
      else throw err;
    }
  });

  return router;
}
