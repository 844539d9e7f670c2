/**
 * Outbound clients and what gives each one a deadline, for the missing-timeout rule. Entries match the
 * `module` and qualified `name` that `resolveApi` returns for a callee. `behaviour` is what the client
 * does when nothing is set, and goes into the message: each one was checked against the library's
 * types or source in test-fixtures/node_modules (the comment on the entry says where).
 */

/** Where a call's options are. */
export type OptionsPosition =
  /** A fixed argument index. */
  | number
  /** axios: the 2nd argument of get/delete/head/options, the 3rd of post/put/patch, the 1st of request; `axios(config)` or `axios(url, config)`. */
  | 'axios-method'
  /** The last object-typed argument (ioredis: `new Redis(port, host, options)`). */
  | 'last-object';

export type DeadlineFix =
  /** `signal: AbortSignal.timeout(ms)`, or `AbortSignal.any([signal, AbortSignal.timeout(ms)])` when a signal is there. */
  | { kind: 'signal' }
  /** Options set to the timeout, each added when missing. */
  | { kind: 'properties'; properties: readonly string[] };

export interface TimeoutClient {
  /** How messages name it, and its key in the `clients` option. */
  client: string;
  module: string;
  names: readonly string[];
  construct: 'call' | 'new';
  options: OptionsPosition;
  /** Any of these options, set to something other than 0, false, null or undefined, is a deadline. */
  deadlineKeys: readonly string[];
  /** A `signal` option counts when it carries a timeout (AbortSignal.timeout, a controller aborted by a timer). */
  signal: boolean;
  /** Creates a client: reported here once, never at its uses. */
  instance: boolean;
  /** What happens without a deadline, as verified; completes "…: {{behaviour}}". */
  behaviour: string;
  /** What to do, as a sentence starting with a verb. */
  advice: string;
  fix: DeadlineFix;
}

const AXIOS_METHODS_URL_CONFIG = ['get', 'delete', 'head', 'options'];
const AXIOS_METHODS_URL_DATA_CONFIG = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];

/** Index of the config argument of an axios method (`Axios.get` → 1), or undefined for other members. */
export function getAxiosConfigIndex(method: string): number | undefined {
  if (method === 'request') return 0;
  if (AXIOS_METHODS_URL_CONFIG.includes(method)) return 1;
  if (AXIOS_METHODS_URL_DATA_CONFIG.includes(method)) return 2;
  return undefined;
}

// undici: headersTimeout/bodyTimeout "Defaults to 300 seconds" (undici/types/dispatcher.d.ts:120-123;
// undici/lib/dispatcher/client.js:262-263, `300e3`). Node's global fetch is undici's.
const UNDICI_BEHAVIOUR = 'waits up to 300 s for the response headers and up to 300 s between body chunks (undici defaults), with no overall limit';
// axios: `timeout: 0`, "If set to 0 (default) a timeout is not created" (axios/lib/defaults/index.js:146-149).
const AXIOS_BEHAVIOUR = 'axios sets no timeout by default (`timeout: 0`), so it waits as long as the server keeps the connection open';

export const TIMEOUT_CLIENTS: readonly TimeoutClient[] = [
  {
    client: 'fetch',
    module: 'global',
    names: ['fetch'],
    construct: 'call',
    options: 1,
    deadlineKeys: [],
    signal: true,
    instance: false,
    behaviour: `Node's fetch (undici) ${UNDICI_BEHAVIOUR}`,
    advice: 'Pass `signal: AbortSignal.timeout(ms)`',
    fix: { kind: 'signal' },
  },
  {
    client: 'undici',
    module: 'undici',
    names: ['fetch'],
    construct: 'call',
    options: 1,
    deadlineKeys: [],
    signal: true,
    instance: false,
    behaviour: `undici's fetch ${UNDICI_BEHAVIOUR}`,
    advice: 'Pass `signal: AbortSignal.timeout(ms)`',
    fix: { kind: 'signal' },
  },
  {
    client: 'undici',
    module: 'undici',
    names: ['request'],
    construct: 'call',
    options: 1,
    deadlineKeys: ['headersTimeout', 'bodyTimeout'],
    signal: true,
    instance: false,
    behaviour: `undici's request ${UNDICI_BEHAVIOUR}`,
    advice: 'Pass `signal: AbortSignal.timeout(ms)` (or lower `headersTimeout` and `bodyTimeout`)',
    fix: { kind: 'signal' },
  },
  {
    // node-fetch v2: `timeout` defaults to 0, checked only when set (node-fetch/lib/index.js:187-188, 385).
    client: 'node-fetch',
    module: 'node-fetch',
    names: ['fetch', 'default'],
    construct: 'call',
    options: 1,
    deadlineKeys: ['timeout'],
    signal: true,
    instance: false,
    behaviour: 'node-fetch v2 sets no timeout by default (`timeout: 0`)',
    advice: 'Pass `timeout: ms`',
    fix: { kind: 'properties', properties: ['timeout'] },
  },
  {
    client: 'axios',
    module: 'axios',
    names: ['axios', 'default', ...['request', ...AXIOS_METHODS_URL_CONFIG, ...AXIOS_METHODS_URL_DATA_CONFIG].map((m) => `Axios.${m}`)],
    construct: 'call',
    options: 'axios-method',
    deadlineKeys: ['timeout'],
    signal: true,
    instance: false,
    behaviour: AXIOS_BEHAVIOUR,
    advice: 'Pass `timeout` in the request config, or create an instance with `axios.create({ timeout })`',
    fix: { kind: 'properties', properties: ['timeout'] },
  },
  {
    client: 'axios',
    module: 'axios',
    names: ['create', 'axios.AxiosInstance.create', 'AxiosInstance.create'],
    construct: 'call',
    options: 0,
    deadlineKeys: ['timeout'],
    signal: false,
    instance: true,
    behaviour: AXIOS_BEHAVIOUR,
    advice: 'Set `timeout` in the instance config',
    fix: { kind: 'properties', properties: ['timeout'] },
  },
  {
    // got: "By default, there's no timeout." (got/dist/source/core/options.d.ts:840). `got.get(…)` and the
    // other shortcuts are matched through their receiver (see the rule).
    client: 'got',
    module: 'got',
    names: ['got', 'default'],
    construct: 'call',
    options: 1,
    deadlineKeys: ['timeout'],
    signal: true,
    instance: false,
    behaviour: 'got sets no timeout by default (and retries twice)',
    advice: 'Pass `timeout: { request: ms }`',
    fix: { kind: 'properties', properties: ['timeout'] },
  },
  {
    // node-postgres: no statement_timeout/query_timeout unless set (@types/pg ClientConfig); without
    // connectionTimeoutMillis the pool starts no timer for a connection (pg-pool/index.js:206, 250).
    client: 'pg',
    module: 'pg',
    names: ['Pool', 'Client'],
    construct: 'new',
    options: 0,
    deadlineKeys: ['statement_timeout', 'query_timeout'],
    signal: false,
    instance: true,
    behaviour: 'node-postgres sets no statement or query timeout, and without `connectionTimeoutMillis` it waits for a connection indefinitely',
    advice: 'Set `statement_timeout` (or `query_timeout`) and `connectionTimeoutMillis`',
    fix: { kind: 'properties', properties: ['connectionTimeoutMillis', 'statement_timeout'] },
  },
  {
    // ioredis: defaults (ioredis/built/redis/RedisOptions.js) have `connectTimeout: 10000` and no
    // `commandTimeout`; the option's doc (RedisOptions.d.ts:10-14) says it applies only when set.
    client: 'ioredis',
    module: 'ioredis',
    names: ['Redis', 'default', 'Redis.Redis'],
    construct: 'new',
    options: 'last-object',
    deadlineKeys: ['commandTimeout'],
    signal: false,
    instance: true,
    behaviour: 'ioredis has no command timeout by default (only a 10 s connect timeout), so a command waits as long as the connection stays up',
    advice: 'Set `commandTimeout`',
    fix: { kind: 'properties', properties: ['commandTimeout'] },
  },
];

export const TIMEOUT_CLIENT_MODULES: ReadonlySet<string> = new Set(TIMEOUT_CLIENTS.map((c) => c.module).filter((m) => m !== 'global'));

/** Last names of the callees in the catalogue, for the syntactic prefilter. */
export const TIMEOUT_CLIENT_NAMES: ReadonlySet<string> = new Set(TIMEOUT_CLIENTS.flatMap((c) => c.names.map((n) => n.split('.').pop()!)));

export function findTimeoutClient(module: string, name: string, construct: 'call' | 'new'): TimeoutClient | undefined {
  return TIMEOUT_CLIENTS.find((c) => c.module === module && c.construct === construct && c.names.includes(name));
}
