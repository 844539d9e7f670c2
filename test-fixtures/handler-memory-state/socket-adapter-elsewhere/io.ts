// expect: no findings
import { Server } from 'socket.io';

export const io = new Server(4002);

io.on('connection', (socket) => {
  socket.on('join', (room: string) => socket.join(room));
});

export function announce(room: string, text: string): void {
  io.to(room).emit('announcement', text);
}
