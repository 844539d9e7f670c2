import { fetch as undiciFetch, request } from 'undici';
import nodeFetch from 'node-fetch';

const BASE = 'http://ledger.internal:8080';

export async function undiciCalls() {
  await undiciFetch(`${BASE}/a`, { signal: AbortSignal.timeout(10000) });
  await undiciFetch(`${BASE}/b`, { signal: AbortSignal.timeout(2000) });
  await request(`${BASE}/c`, { method: 'GET', signal: AbortSignal.timeout(10000) });
  await request(`${BASE}/d`, { headersTimeout: 2000, bodyTimeout: 5000 });
}

export async function nodeFetchCalls() {
  await nodeFetch(`${BASE}/e`, { timeout: 10000 });
  await nodeFetch(`${BASE}/f`, { timeout: 3000 });
  await nodeFetch(`${BASE}/g`, { timeout: 10000 });
}
