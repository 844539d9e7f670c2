// expect: no findings
// Fills a development database with products, users and orders: npm run seed.
// A one-off script, not request handling: sync I/O, blocking hashing and a query per row are fine here.
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as bcrypt from 'bcrypt';
import { createDataSource } from '../src/db/data-source';
import { Order, type OrderLine } from '../src/db/entities/order';
import { Product } from '../src/db/entities/product';
import { User } from '../src/db/entities/user';
import { loadConfig } from '../src/lib/config';

interface SeedProduct {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

const USERS = 25;
const ORDERS_PER_USER = 3;
const STAMP_DIR = path.join(__dirname, '..', '.seed');

let created = 0;

async function main(): Promise<void> {
  const stamp = path.join(STAMP_DIR, 'seeded-at');
  if (existsSync(stamp) && !process.argv.includes('--force')) {
    console.log(`already seeded at ${readFileSync(stamp, 'utf8').trim()} (use --force)`);
    return;
  }
  const revision = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const catalogue = JSON.parse(readFileSync(path.join(__dirname, 'data', 'products.json'), 'utf8')) as SeedProduct[];

  const dataSource = createDataSource(loadConfig());
  await dataSource.initialize();
  const productRepo = dataSource.getRepository(Product);
  const userRepo = dataSource.getRepository(User);
  const orderRepo = dataSource.getRepository(Order);

  for (const item of catalogue) {
    await productRepo.save(productRepo.create(item));
    created++;
  }

  for (let i = 1; i <= USERS; i++) {
    const user = await userRepo.save(
      userRepo.create({
        email: `user${i}@example.test`,
        name: `Test User ${i}`,
        passwordHash: bcrypt.hashSync('correct horse battery', 10),
        sessionToken: null,
      }),
    );
    created++;
    for (let n = 0; n < ORDERS_PER_USER; n++) {
      const product = await productRepo.findOneBy({ sku: catalogue[(i + n) % catalogue.length].sku });
      if (!product) continue;
      const items: OrderLine[] = [{ productId: product.id, quantity: 1 + (n % 2), unitPriceCents: product.priceCents }];
      const totalCents = items.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
      await orderRepo.save(orderRepo.create({ customerId: user.id, items, totalCents, country: 'DE', status: 'paid', trackingNumber: null }));
      created++;
    }
  }

  mkdirSync(STAMP_DIR, { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()} (${revision})\n`);
  await dataSource.destroy();
  console.log(`seeded ${created} rows`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
