// expect: no findings
import express, { type Express } from 'express';
import type { DataSource } from 'typeorm';
import { countRequests, requestStats } from './lib/metrics';
import { authRouter } from './routes/auth';
import { ordersRouter } from './routes/orders';
import { productsRouter } from './routes/products';
import { reportsRouter } from './routes/reports';
import { usersRouter } from './routes/users';

export interface AppInfo {
  name: string;
  version: string;
}

export function createApp(dataSource: DataSource, info: AppInfo): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(express.text({ type: 'text/csv', limit: '5mb' }));
  app.use(countRequests);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...info, ...requestStats() });
  });

  app.use(authRouter(dataSource));
  app.use(usersRouter(dataSource));
  app.use(ordersRouter(dataSource));
  app.use(productsRouter(dataSource));
  app.use(reportsRouter(dataSource));
  return app;
}
