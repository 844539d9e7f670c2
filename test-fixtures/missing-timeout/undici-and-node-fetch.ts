import { fetch as undiciFetch, request } from 'undici';
import nodeFetch from 'node-fetch';

const BASE = 'http://ledger.internal:8080';

export async function undiciCalls() {
  await undiciFetch(`${BASE}/a`);
  //    ^^^^^^^^^^^ missing-timeout: undici's fetch waits up to 300 s
  await undiciFetch(`${BASE}/b`, { signal: AbortSignal.timeout(2000) });
  await request(`${BASE}/c`, { method: 'GET' });
  //    ^^^^^^^ missing-timeout: 300 s
  await request(`${BASE}/d`, { headersTimeout: 2000, bodyTimeout: 5000 });
}

export async function nodeFetchCalls() {
  await nodeFetch(`${BASE}/e`);
  //    ^^^^^^^^^ missing-timeout: node-fetch v2 sets no timeout
  await nodeFetch(`${BASE}/f`, { timeout: 3000 });
  await nodeFetch(`${BASE}/g`, { timeout: 0 });
  //    ^^^^^^^^^ missing-timeout
}
