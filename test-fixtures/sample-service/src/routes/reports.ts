import { Router } from 'express';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { renderPage } from '../lib/templates';
import { createOrderService } from '../services/order-service';

const REPORTS_DIR = path.join(__dirname, '..', '..', 'templates', 'reports');
const REPORT_ID = /^[a-z0-9-]+$/;

function templatePath(id: string): string {
  return path.join(REPORTS_DIR, `${id}.html`);
}

export function reportsRouter(dataSource: DataSource): Router {
  const router = Router();
  const orders = createOrderService(dataSource);

  router.get('/reports/:id', async (req, res) => {
    if (!REPORT_ID.test(req.params.id)) {
      res.status(404).json({ error: 'unknown report' });
      return;
    }
    const template = readFileSync(templatePath(req.params.id), 'utf8');
    //               ^^^^^^^^^^^^ sync-blocking-call: GET /reports/:id
    const counts = await orders.countByStatus();
    res.type('html').send(renderPage(template, { ...counts, generatedAt: new Date().toISOString() }));
  });

  return router;
}
