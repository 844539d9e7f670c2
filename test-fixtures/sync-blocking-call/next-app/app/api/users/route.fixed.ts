import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export async function GET(request: Request): Promise<Response> {
  const users = await readFile('./users.json', 'utf8');
  return new Response(users, { headers: { 'x-url': request.url } });
}
