import { Worker } from 'bullmq';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

new Worker('emails', async (job) => {
  return readFileSync(`/templates/${job.name}.html`, 'utf8');
  //     ^^^^^^^^^^^^ sync-blocking-call: queue emails
});

const io = new Server();
io.on('connection', (socket) => {
  socket.on('upload', (data: string) => {
    socket.emit('packed', gzipSync(Buffer.from(data)));
    //                    ^^^^^^^^ sync-blocking-call: socket.io upload
  });
});

const wss = new WebSocketServer({ port: 8081 });
wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    ws.send(readFileSync(String(raw)));
    //      ^^^^^^^^^^^^ sync-blocking-call: WebSocket message
  });
});
