import { readFileSync } from 'node:fs';

export function middleware(request: Request): Response | undefined {
  const blocked = readFileSync('/etc/blocklist', 'utf8').split('\n');
  //              ^^^^^^^^^^^^ sync-blocking-call: Next.js middleware
  return blocked.includes(new URL(request.url).hostname) ? new Response('blocked', { status: 403 }) : undefined;
}
