import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { gzipSync, gzip } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const fastify = Fastify();

fastify.get('/health', async () => {
  return await readFile('/etc/hostname', 'utf8');
});

fastify.route({
  method: 'POST',
  url: '/compress',
  handler: async (request) => await promisify(gzip)(Buffer.from(String(request.body))),
});

fastify.register(async (instance) => {
  instance.get('/plugin', { preHandler: async () => { await readFile('/tmp/token'); } }, async () => 'ok');
});
