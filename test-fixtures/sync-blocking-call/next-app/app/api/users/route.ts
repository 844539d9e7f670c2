import { readFileSync } from 'node:fs';

export async function GET(request: Request): Promise<Response> {
  const users = readFileSync('./users.json', 'utf8');
  //            ^^^^^^^^^^^^ sync-blocking-call: GET /api/users
  return new Response(users, { headers: { 'x-url': request.url } });
}
