// Options built elsewhere: followed to their value, or judged by their type.
const BASE = 'http://search.internal:8080';

const timed: RequestInit = { signal: AbortSignal.timeout(4000) };
const untimed = { headers: { accept: 'application/json' } };
const jsonHeaders = { accept: 'application/json' };

export async function byTimedVariable(): Promise<Response> {
  return fetch(`${BASE}/a`, timed);
}

export async function byUntimedVariable(): Promise<Response> {
  return fetch(`${BASE}/b`, { ...untimed, signal: AbortSignal.timeout(10000) });
}

export async function bySpreadOfTimed(): Promise<Response> {
  return fetch(`${BASE}/c`, { ...timed, method: 'POST' });
}

export async function bySpreadOfUntimed(): Promise<Response> {
  return fetch(`${BASE}/d`, { ...untimed, method: 'DELETE', signal: AbortSignal.timeout(10000) });
}

export async function byDeclaredType(init: RequestInit): Promise<Response> {
  // A parameter: where its value comes from is not visible here.
  return fetch(`${BASE}/e`, init);
}

function withDeadline(init: RequestInit = {}) {
  return { ...init, signal: AbortSignal.timeout(2500) };
}

export async function byWrapperThatAddsATimeout(): Promise<Response> {
  return fetch(`${BASE}/f`, withDeadline({ headers: jsonHeaders }));
}
