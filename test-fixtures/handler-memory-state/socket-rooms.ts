import { createServer } from 'node:http';
import express from 'express';
import { Server, Server as SocketIO } from 'socket.io';

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

// Renamed on import, the same server class.
const chat = new SocketIO(4003);
//               ^^^^^^^^ handler-memory-state(socketServerWithoutAdapter)
chat.on('connection', (socket) => {
  socket.on('say', (room: string, text: string) => socket.to(room).emit('said', text));
});

// Replies only to the socket it serves: nothing to share between instances.
const echo = new Server(4001);
echo.on('connection', (socket) => {
  socket.on('ping', () => socket.emit('pong'));
});
