import http from 'node:http';
import * as https from 'node:https';

const OPTIONS = { host: 'billing.internal', port: 8080, path: '/health' };

export function probes() {
  http.get('http://billing.internal:8080/ping', { signal: AbortSignal.timeout(10000) }, (res) => res.resume());
  http.get('http://billing.internal:8080/pong', { timeout: 2000 }, (res) => res.resume());
  http.get({ ...OPTIONS, signal: AbortSignal.timeout(10000) }, (res) => res.resume());
  https.get({ ...OPTIONS, signal: AbortSignal.timeout(2000) }, (res) => res.resume());
}

export function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request({ ...OPTIONS, method: 'POST', signal: AbortSignal.timeout(10000) }, (res) => resolve(res.statusCode ?? 0));
    req.on('error', reject);
    req.end(body);
  });
}

export function postWithTimer(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request({ ...OPTIONS, method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
    req.setTimeout(5000, () => req.destroy(new Error('billing timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
