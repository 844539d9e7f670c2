// expect: no findings
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createApp } from './app';
import { createDataSource } from './db/data-source';
import { loadConfig } from './lib/config';
import { registerTaxRates } from './lib/tax-rates';

// Startup: everything at the top level runs once, before the server accepts a request.
const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };
const config = loadConfig();
registerTaxRates(config.taxRates);

async function main(): Promise<void> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  const app = createApp(dataSource, { name: pkg.name, version: pkg.version });
  app.listen(config.port, () => {
    console.log(`${pkg.name} ${pkg.version} listening on :${config.port}`);
  });
}

main().catch((err: unknown) => {
  console.error('startup failed:', err);
  process.exit(1);
});
