// expect: no findings
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ServiceConfig {
  port: number;
  databaseUrl: string;
  dbPoolSize: number;
  /** VAT rate by ISO country code. */
  taxRates: Record<string, number>;
}

const DEFAULTS: ServiceConfig = {
  port: 3000,
  databaseUrl: 'postgres://orders:orders@localhost:5432/orders',
  dbPoolSize: 10,
  taxRates: {},
};

/**
 * Reads config/<NODE_ENV>.json; environment variables win over the file. Called once, from
 * server.ts, before the server listens: the sync reads here never run on a request.
 */
export function loadConfig(env: string = process.env.NODE_ENV ?? 'development'): ServiceConfig {
  const file = path.join(__dirname, '..', '..', 'config', `${env}.json`);
  const fromFile: Partial<ServiceConfig> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return {
    ...DEFAULTS,
    ...fromFile,
    port: Number(process.env.PORT ?? fromFile.port ?? DEFAULTS.port),
    databaseUrl: process.env.DATABASE_URL ?? fromFile.databaseUrl ?? DEFAULTS.databaseUrl,
  };
}
