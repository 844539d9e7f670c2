// expect: no findings
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../lib/config';
import { Order } from './entities/order';
import { Product } from './entities/product';
import { User } from './entities/user';

export function createDataSource(config: ServiceConfig): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    poolSize: config.dbPoolSize,
    connectTimeoutMS: 5000,
    // Passed to pg's Pool: the server cancels statements that run longer than this.
    extra: { statement_timeout: 10_000 },
    entities: [User, Order, Product],
    synchronize: false,
    logging: ['error', 'warn'],
  });
}
