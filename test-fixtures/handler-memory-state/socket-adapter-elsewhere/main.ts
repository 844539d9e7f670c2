// expect: no findings
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { io } from './io';

// The adapter is attached at startup, in another file than the one that creates the server.
const pubClient = new Redis({ commandTimeout: 2000 });
const subClient = pubClient.duplicate();
io.adapter(createAdapter(pubClient, subClient));
