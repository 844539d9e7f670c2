/**
 * What counts as writing per-process state, and which library objects keep per-process state by
 * default. Data only: rules/handler-memory-state reads it.
 */

/** Methods that change a built-in container, by the container's lib type name. */
export const CONTAINER_MUTATORS: Record<string, ReadonlySet<string>> = {
  Map: new Set(['set', 'delete', 'clear']),
  Set: new Set(['add', 'delete', 'clear']),
  WeakMap: new Set(['set', 'delete']),
  WeakSet: new Set(['add', 'delete']),
  Array: new Set(['push', 'unshift', 'splice']),
};

/** Mutators that add entries: the container grows with every distinct key. */
export const GROWING_MUTATORS = new Set(['set', 'add', 'push', 'unshift', 'splice']);

export const MUTATOR_NAMES: ReadonlySet<string> = new Set(Object.values(CONTAINER_MUTATORS).flatMap((s) => [...s]));

/** Registering a listener: done per request on a long-lived emitter, listeners pile up. */
export const LISTENER_METHODS = new Set(['on', 'addListener', 'once', 'prependListener', 'prependOnceListener']);
export const LISTENER_REMOVERS = new Set(['off', 'removeListener', 'removeAllListeners']);

/**
 * Timers that keep running after the request that started them, as resolved (`module`, `name`), and
 * how their handle is stopped: passed to `stopFunction`, or one of `stopMethods` called on it.
 */
export interface RepeatingTimer {
  module: string;
  names: readonly string[];
  stopFunction?: string;
  stopMethods?: readonly string[];
}

export const REPEATING_TIMERS: readonly RepeatingTimer[] = [
  { module: 'global', names: ['setInterval'], stopFunction: 'clearInterval' },
  { module: 'timers', names: ['setInterval'], stopFunction: 'clearInterval' },
  // cron.schedule('*/5 * * * *', task) and the named export
  { module: 'node-cron', names: ['schedule', 'NodeCron.schedule'], stopMethods: ['stop', 'destroy'] },
];

export const REPEATING_TIMER_NAMES: ReadonlySet<string> = new Set(REPEATING_TIMERS.flatMap((t) => t.names.map((n) => n.split('.').pop()!)));

/**
 * Middleware factories whose default store is an in-process `MemoryStore`: each instance then keeps
 * its own sessions or hit counts. Reported when called without the `option` that names a shared store.
 */
export interface MemoryDefaultFactory {
  module: string;
  /** Exported names of the factory, as the checker resolves them. */
  names: string[];
  option: string;
  messageId: 'memorySessionStore' | 'memoryRateLimit';
  /** The Redis-backed store the fix configures when its package (and node-redis) resolve from the file. */
  sharedStore: SharedStore;
}

export interface SharedStore {
  module: string;
  exportName: string;
  /** The local name it is imported under (both packages export a `RedisStore`). */
  localName: string;
  /** The node-redis client variable the fix declares. */
  clientName: string;
  /** The store's constructor options; `{{client}}` is the client variable. */
  options: string;
}

export const MEMORY_DEFAULT_FACTORIES: MemoryDefaultFactory[] = [
  {
    module: 'express-session',
    names: ['session', 'default'],
    option: 'store',
    messageId: 'memorySessionStore',
    sharedStore: { module: 'connect-redis', exportName: 'RedisStore', localName: 'RedisSessionStore', clientName: 'sessionRedis', options: '{ client: {{client}} }' },
  },
  {
    module: 'express-rate-limit',
    names: ['rateLimit', 'default'],
    option: 'store',
    messageId: 'memoryRateLimit',
    sharedStore: {
      module: 'rate-limit-redis',
      exportName: 'RedisStore',
      localName: 'RedisRateLimitStore',
      clientName: 'rateLimitRedis',
      options: '{ sendCommand: (...args: string[]) => {{client}}.sendCommand(args) }',
    },
  },
];

/** The client the shared-store fixes connect with: node-redis. */
export const SHARED_STORE_CLIENT = { module: 'redis', factory: 'createClient', urlVariable: 'REDIS_URL' };

export const MEMORY_DEFAULT_FACTORY_NAMES = new Set(['session', 'rateLimit', 'expressSession', 'limiter', 'slowDown']);

/** Classes that are in-memory stores by design, reported where they are created. */
export const MEMORY_STORE_CLASSES = [{ module: 'rate-limiter-flexible', name: 'RateLimiterMemory' }];

/**
 * Cache libraries that keep their entries in this process, reported where a request path writes them:
 * as growth when nothing bounds the cache, as an informational per-instance cache when something does.
 */
export interface CacheLibrary {
  module: string;
  /** The instance type's name as the package declares it. */
  typeName: string;
  /** Methods that add, change or drop entries. */
  writers: ReadonlySet<string>;
  /** Writers that add entries (the others only drop them). */
  adders: ReadonlySet<string>;
  /**
   * Constructor options of which any bounds size or age; `always` when the library refuses to be
   * built without a bound (lru-cache 10+, quick-lru's required `maxSize`).
   */
  boundedBy: readonly string[] | 'always';
  /** Position of the write argument that gives one entry a lifetime (`put(key, value, ms)`). */
  entryTtlArgument?: number;
}

export const CACHE_LIBRARIES: readonly CacheLibrary[] = [
  { module: 'node-cache', typeName: 'NodeCache', writers: new Set(['set', 'mset', 'del', 'take', 'flushAll']), adders: new Set(['set', 'mset']), boundedBy: ['stdTTL', 'maxKeys'], entryTtlArgument: 2 },
  { module: 'memory-cache', typeName: 'CacheClass', writers: new Set(['put', 'del', 'clear', 'importJson']), adders: new Set(['put', 'importJson']), boundedBy: [], entryTtlArgument: 2 },
  { module: 'lru-cache', typeName: 'LRUCache', writers: new Set(['set', 'delete', 'clear']), adders: new Set(['set']), boundedBy: 'always' },
  { module: 'quick-lru', typeName: 'QuickLRU', writers: new Set(['set', 'delete', 'clear']), adders: new Set(['set']), boundedBy: 'always' },
];

/** memory-cache's module functions (`mcache.put(k, v)`) write one process-wide default cache. */
export const DEFAULT_CACHE_MODULES: readonly CacheLibrary[] = CACHE_LIBRARIES.filter((c) => c.module === 'memory-cache');

export const CACHE_WRITER_NAMES: ReadonlySet<string> = new Set(CACHE_LIBRARIES.flatMap((c) => [...c.writers]));

/**
 * Options in which an in-memory limiter is a deliberate per-instance fallback rather than the store:
 * `new RateLimiterRedis({ insuranceLimiter: new RateLimiterMemory(…) })`.
 */
export const FALLBACK_OPTION_NAMES = new Set(['insuranceLimiter']);

/**
 * socket.io: a server keeps its rooms and sockets in this process unless an adapter shares them, so
 * a broadcast reaches only the clients of the instance that sends it.
 */
export const SOCKET_SERVER = {
  module: 'socket.io',
  names: ['Server', 'default'],
  /** `io.adapter(createAdapter(pub, sub))`, or `new Server(http, { adapter })`. */
  adapterMember: 'adapter',
  /** Server members that address more than the one socket being served. */
  broadcastMembers: new Set(['to', 'in', 'except', 'emit', 'fetchSockets', 'socketsJoin', 'socketsLeave', 'serverSideEmit', 'local']),
  connectionEvents: new Set(['connection', 'connect']),
  /** Members of a connected socket that use rooms or broadcast (`socket.join(room)`, `socket.to(room).emit`). */
  socketRoomMembers: new Set(['join', 'to', 'in', 'except', 'broadcast']),
  /** Members that lead from the server to a namespace with the same broadcast members. */
  namespaceMembers: new Set(['sockets', 'of']),
};

/** Packages whose request objects may key a WeakMap without making it shared state. */
export const REQUEST_TYPE_PACKAGES = ['express', 'express-serve-static-core', 'http', 'http2', 'fastify', 'koa', 'hono', 'undici-types', 'next'];
