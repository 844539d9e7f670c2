import got from 'got';

const BASE = 'http://geo.internal:8080';

export async function lookups() {
  await got(`${BASE}/a`);
  //    ^^^ missing-timeout(callWithoutDeadline): got sets no timeout by default
  await got(`${BASE}/b`, { timeout: { request: 2000 } });
  await got.get(`${BASE}/c`, { headers: { accept: 'application/json' } });
  //    ^^^^^^^ missing-timeout
  await got.post(`${BASE}/d`, { json: { q: 1 }, timeout: { response: 1000 } });
  await got.get(`${BASE}/e`, { signal: AbortSignal.timeout(1500) });
}
