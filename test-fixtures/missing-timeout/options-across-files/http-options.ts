// expect: no findings
export const upstreamInit: RequestInit = { signal: AbortSignal.timeout(3000) };

export const jsonInit = { headers: { accept: 'application/json' } };

export const clientDefaults = { timeout: 5000, headers: { 'x-client': 'orders' } };

/** A project wrapper that adds a deadline: its callers need none of their own. */
export function timedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
}
