import { Pool, Client } from 'pg';
import Redis from 'ioredis';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, connectionTimeoutMillis: 10000, statement_timeout: 10000 });

export const guardedPool = new Pool({
  connectionString: process.env.DATABASE_URL,
  connectionTimeoutMillis: 5000,
  statement_timeout: 10_000,
});

export const queryTimed = new Client({ query_timeout: 8000 });

export const bareClient = new Client({ connectionTimeoutMillis: 10000, statement_timeout: 10000 });

export const redis = new Redis(6379, 'cache.internal', { commandTimeout: 10000 });

export const redisFromUrl = new Redis(process.env.REDIS_URL ?? 'redis://cache.internal:6379', { maxRetriesPerRequest: 2, commandTimeout: 10000 });

export const guardedRedis = new Redis({ host: 'cache.internal', commandTimeout: 500 });

// statement_timeout in the connection string counts.
export const urlTimed = new Pool({ connectionString: 'postgres://app@db.internal:5432/shop?statement_timeout=5000' });
