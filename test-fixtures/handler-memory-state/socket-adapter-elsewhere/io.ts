// expect: no findings
import { Server as SocketIO } from 'socket.io';

export const io = new SocketIO(4002);

io.on('connection', (socket) => {
  socket.on('join', (room: string) => socket.join(room));
});

export function announce(room: string, text: string): void {
  io.to(room).emit('announcement', text);
}
