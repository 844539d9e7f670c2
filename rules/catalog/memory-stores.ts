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

/** Timers that keep running after the request that started them: `module:name` as resolved. */
export const REPEATING_TIMERS = [
  { module: 'global', name: 'setInterval' },
  { module: 'timers', name: 'setInterval' },
];

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
}

export const MEMORY_DEFAULT_FACTORIES: MemoryDefaultFactory[] = [
  { module: 'express-session', names: ['session', 'default'], option: 'store', messageId: 'memorySessionStore' },
  { module: 'express-rate-limit', names: ['rateLimit', 'default'], option: 'store', messageId: 'memoryRateLimit' },
];

export const MEMORY_DEFAULT_FACTORY_NAMES = new Set(['session', 'rateLimit', 'expressSession', 'limiter', 'slowDown']);

/** Classes that are in-memory stores by design. */
export const MEMORY_STORE_CLASSES = [
  { module: 'rate-limiter-flexible', name: 'RateLimiterMemory' },
  { module: 'node-cache', name: 'NodeCache' },
  { module: 'memory-cache', name: 'Cache' },
];

/**
 * Options in which an in-memory limiter is a deliberate per-instance fallback rather than the store:
 * `new RateLimiterRedis({ insuranceLimiter: new RateLimiterMemory(…) })`.
 */
export const FALLBACK_OPTION_NAMES = new Set(['insuranceLimiter']);

/** Packages whose request objects may key a WeakMap without making it shared state. */
export const REQUEST_TYPE_PACKAGES = ['express', 'express-serve-static-core', 'http', 'http2', 'fastify', 'koa', 'hono', 'undici-types', 'next'];
