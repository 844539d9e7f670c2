import { createServer } from 'node:http';
import express from 'express';
import { Server } from 'socket.io';

const app = express();
const httpServer = createServer(app);

// Rooms and broadcasts, and no adapter: each instance only knows its own sockets.
const io = new Server(httpServer);
//             ^^^^^^ handler-memory-state(socketServerWithoutAdapter)

io.on('connection', (socket) => {
  socket.on('join', (room: string) => socket.join(room));
});

app.post('/rooms/:room/messages', (req, res) => {
  io.to(req.params.room).emit('message', String(req.body.text));
  res.status(202).end();
});

// Replies only to the socket it serves: nothing to share between instances.
const echo = new Server(4001);
echo.on('connection', (socket) => {
  socket.on('ping', () => socket.emit('pong'));
});
