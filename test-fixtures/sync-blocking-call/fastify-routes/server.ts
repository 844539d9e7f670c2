import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const fastify = Fastify();

fastify.get('/health', async () => {
  return readFileSync('/etc/hostname', 'utf8');
  //     ^^^^^^^^^^^^ sync-blocking-call: GET /health
});

fastify.route({
  method: 'POST',
  url: '/compress',
  handler: async (request) => gzipSync(Buffer.from(String(request.body))),
  //                          ^^^^^^^^ sync-blocking-call: POST /compress
});

fastify.register(async (instance) => {
  instance.get('/plugin', { preHandler: async () => { readFileSync('/tmp/token'); } }, async () => 'ok');
  //                                                  ^^^^^^^^^^^^ sync-blocking-call: GET /plugin
});
