import { Worker } from 'bullmq';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { gzipSync, gzip } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

new Worker('emails', async (job) => {
  return await readFile(`/templates/${job.name}.html`, 'utf8');
});

const io = new Server();
io.on('connection', (socket) => {
  socket.on('upload', async (data: string) => {
    socket.emit('packed', await promisify(gzip)(Buffer.from(data)));
  });
});

const wss = new WebSocketServer({ port: 8081 });
wss.on('connection', (ws) => {
  ws.on('message', async (raw) => {
    ws.send(await readFile(String(raw)));
  });
});
