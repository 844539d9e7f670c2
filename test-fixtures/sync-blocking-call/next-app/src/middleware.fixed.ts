import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export async function middleware(request: Request): Promise<Response | undefined> {
  const blocked = (await readFile('/etc/blocklist', 'utf8')).split('\n');
  return blocked.includes(new URL(request.url).hostname) ? new Response('blocked', { status: 403 }) : undefined;
}
