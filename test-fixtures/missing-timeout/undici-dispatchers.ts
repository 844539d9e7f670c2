import { Agent, Pool, fetch as undiciFetch, request } from 'undici';

const BASE = 'http://ledger.internal:8080';

// A dispatcher passed per call carries the deadline for the calls that use it.
const timedAgent = new Agent({ headersTimeout: 5_000, bodyTimeout: 10_000 });
const keepAliveAgent = new Agent({ keepAliveTimeout: 30_000 });
const ledgerPool = new Pool(BASE, { connections: 10, headersTimeout: 2_000 });

export async function viaDispatchers(injected: Agent) {
  await request(`${BASE}/a`, { dispatcher: timedAgent });
  await undiciFetch(`${BASE}/b`, { dispatcher: ledgerPool });
  await request(`${BASE}/c`, { dispatcher: keepAliveAgent });
  //    ^^^^^^^ missing-timeout(callWithoutDeadline): undici's request waits up to 300 s
  await request(`${BASE}/d`, { dispatcher: keepAliveAgent, signal: AbortSignal.timeout(3_000) });
  // Made elsewhere: judged there.
  await request(`${BASE}/e`, { dispatcher: injected });
}
