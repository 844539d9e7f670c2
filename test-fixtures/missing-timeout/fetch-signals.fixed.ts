// Where a fetch signal comes from decides whether it is a deadline.
const URL_BASE = 'http://catalog.internal:8080';

export async function withTimeoutSignal(): Promise<Response> {
  return fetch(`${URL_BASE}/a`, { signal: AbortSignal.timeout(3000) });
}

export async function withAnySignal(callerSignal: AbortSignal): Promise<Response> {
  return fetch(`${URL_BASE}/b`, { signal: AbortSignal.any([callerSignal, AbortSignal.timeout(3000)]) });
}

export async function withTimedController(): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    return await fetch(`${URL_BASE}/c`, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

export async function withSignalVariable(): Promise<Response> {
  const signal = AbortSignal.timeout(1500);
  return fetch(`${URL_BASE}/d`, { signal });
}

/** The caller's signal is threaded through: its deadline, if any, is the caller's business. */
export async function withCallerSignal(signal: AbortSignal): Promise<Response> {
  return fetch(`${URL_BASE}/e`, { signal });
}

export async function withUntimedController(): Promise<Response> {
  // Aborted only by the caller's cancel(), never by a timer: no deadline.
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  return fetch(`${URL_BASE}/f`, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(10000)]) });
}

export async function withUntimedShorthand(): Promise<Response> {
  const controller = new AbortController();
  const signal = controller.signal;
  return fetch(`${URL_BASE}/g`, { signal: AbortSignal.any([signal, AbortSignal.timeout(10000)]) });
}

export async function withAnyOfUntimed(): Promise<Response> {
  const a = new AbortController();
  const b = new AbortController();
  return fetch(`${URL_BASE}/h`, { signal: AbortSignal.any([a.signal, b.signal, AbortSignal.timeout(10000)]) });
}
