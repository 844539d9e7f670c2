import ky from 'ky';

const BASE = 'http://inventory.internal:8080';

// ky times out after 10 s unless told otherwise: only `timeout: false` is reported.
export const inventory = ky.create({ prefixUrl: BASE });
export const slowReports = ky.create({ prefixUrl: BASE, timeout: false });
//                         ^^^^^^^^^ missing-timeout(clientWithoutDeadline): switches off ky's default 10 s timeout
export const boundedReports = slowReports.extend({ timeout: 60_000 });

export async function lookups() {
  await ky(`${BASE}/a`);
  await ky.get(`${BASE}/b`, { headers: { accept: 'application/json' } });
  await ky.get(`${BASE}/c`, { timeout: false });
  //    ^^^^^^ missing-timeout(callWithoutDeadline)
  await ky.post(`${BASE}/d`, { json: { q: 1 }, timeout: false, signal: AbortSignal.timeout(2000) });
  await ky.put(`${BASE}/e`, { timeout: 5000 });
  await inventory.get('f');
}
