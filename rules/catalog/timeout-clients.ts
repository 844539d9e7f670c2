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
  | 'last-object'
  /** node:http `request`/`get`: `(options, cb)` or `(url, options, cb)`; created before a callback when missing. */
  | 'url-or-options'
  /** None: the deadline is set by a method on the returned request (superagent `.timeout(ms)`). */
  | 'none';

export type DeadlineFix =
  /** `signal: AbortSignal.timeout(ms)`, or `AbortSignal.any([signal, AbortSignal.timeout(ms)])` when a signal is there. */
  | { kind: 'signal' }
  /** Options set to the timeout, each added when missing; `value` is what each gets, `MS` standing for the milliseconds (default `MS`). */
  | { kind: 'properties'; properties: readonly string[]; value?: string }
  /** A method called on the returned request: `superagent.get(url)` → `superagent.get(url).timeout(ms)`. */
  | { kind: 'method'; method: string };

export interface TimeoutClient {
  /** How messages name it, and its key in the `clients` option. */
  client: string;
  module: string;
  names: readonly string[];
  /** Methods called on the client itself that its types do not declare one by one (`got.get`, `superagent.post`). */
  shortcuts?: readonly string[];
  /** Judged only when called on the package's own export: an instance made from another inherits its parent's settings (`base.extend({...})`). */
  onPackageOnly?: boolean;
  construct: 'call' | 'new';
  options: OptionsPosition;
  /** Any of these options, set to something other than 0, false, null or undefined, is a deadline; `a.b` is `b` inside the object under `a`. */
  deadlineKeys: readonly string[];
  /** The library has a bounded default of its own (ky: 10 s): only options that switch it off (`timeout: false`) are reported. */
  hasDefaultDeadline?: boolean;
  /** Options that hand the request to an object configured elsewhere (undici's `dispatcher`): judged where that object is made. */
  delegateKeys?: readonly string[];
  /** Methods on the returned request that set a deadline: `superagent.get(url).timeout(ms)`, `req.setTimeout(ms)`. */
  deadlineMethods?: readonly string[];
  /** Runs on undici's global dispatcher: `setGlobalDispatcher(new Agent({ headersTimeout }))` gives it a deadline. */
  usesGlobalDispatcher?: boolean;
  /** A connection string whose query parameters may carry the deadline: the argument index or the option holding it. */
  url?: { at: number | string; params: readonly string[] };
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

const GOT = {
  client: 'got',
  module: 'got',
  construct: 'call',
  deadlineKeys: ['timeout'],
  behaviour: 'got sets no timeout by default (and retries twice)',
  fix: { kind: 'properties', properties: ['timeout'], value: '{ request: MS }' },
} as const;

const KY = {
  client: 'ky',
  module: 'ky',
  construct: 'call',
  deadlineKeys: ['timeout'],
  hasDefaultDeadline: true,
  behaviour: '`timeout: false` switches off ky\'s default 10 s timeout, so the request waits as long as the server keeps the connection open',
  advice: 'Give `timeout` a number of milliseconds',
  fix: { kind: 'properties', properties: ['timeout'] },
} as const;

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
    delegateKeys: ['dispatcher'],
    usesGlobalDispatcher: true,
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
    delegateKeys: ['dispatcher'],
    usesGlobalDispatcher: true,
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
    delegateKeys: ['dispatcher'],
    usesGlobalDispatcher: true,
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
    // instance.create(config) merges the instance's own config, timeout included (axios/lib/axios.js).
    onPackageOnly: true,
    construct: 'call',
    options: 0,
    deadlineKeys: ['timeout'],
    signal: false,
    instance: true,
    behaviour: AXIOS_BEHAVIOUR,
    advice: 'Set `timeout` in the instance config',
    fix: { kind: 'properties', properties: ['timeout'] },
  },
  // got: "By default, there's no timeout." (got/dist/source/core/options.d.ts:840).
  { ...GOT, names: ['got', 'default'], shortcuts: ['get', 'post', 'put', 'patch', 'head', 'delete'], options: 1, signal: true, instance: false, advice: 'Pass `timeout: { request: ms }`' },
  // got.extend(options): an instance with no timeout; `base.extend(...)` inherits base's, so only the package's own.
  { ...GOT, names: ['extend', 'Got.extend'], onPackageOnly: true, options: 0, signal: false, instance: true, advice: 'Set `timeout: { request: ms }` in the instance options' },
  // ky: `timeout` "@default 10000", "If set to `false`, there will be no timeout" (ky/distribution/types/options.d.ts:131-137;
  // core/Ky.js: `options.timeout ?? 10_000`). Only `timeout: false` is a missing deadline.
  { ...KY, names: ['ky', 'get', 'post', 'put', 'delete', 'patch', 'head'], options: 1, signal: true, instance: false },
  { ...KY, names: ['create', 'extend'], options: 0, signal: false, instance: true },
  {
    // superagent: no timer unless `.timeout()` set one (superagent/lib/request-base.js:751, `if (this._timeout ...)`).
    // Its methods come from a mapped type (@types/superagent), so they are matched through their receiver.
    client: 'superagent',
    module: 'superagent',
    names: ['request'],
    shortcuts: ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'],
    construct: 'call',
    options: 'none',
    deadlineKeys: [],
    deadlineMethods: ['timeout'],
    signal: false,
    instance: false,
    behaviour: 'superagent sets no timeout unless `.timeout()` is called',
    advice: 'Chain `.timeout({ deadline: ms })` (or `.timeout(ms)`)',
    fix: { kind: 'method', method: 'timeout' },
  },
  ...['http', 'https'].map((module): TimeoutClient => ({
    // "Setting the `timeout` option or using the `setTimeout()` function will not abort the request or do anything
    // besides add a 'timeout' event" (@types/node http.d.ts, `request`): both count as the author's deadline,
    // but the fix uses a signal, which does abort.
    client: `node:${module}`,
    module,
    names: ['request', 'get'],
    construct: 'call',
    options: 'url-or-options',
    deadlineKeys: ['timeout'],
    deadlineMethods: ['setTimeout'],
    signal: true,
    instance: false,
    behaviour: `node:${module} sets no deadline on a request, so it waits as long as the socket stays open`,
    advice: 'Pass `signal: AbortSignal.timeout(ms)` (a `timeout` option or `req.setTimeout` only emits `timeout`: destroy the request there)',
    fix: { kind: 'signal' },
  })),
  {
    // node-postgres: no statement_timeout/query_timeout unless set (@types/pg ClientConfig); without
    // connectionTimeoutMillis the pool starts no timer for a connection (pg-pool/index.js:206, 250).
    client: 'pg',
    module: 'pg',
    names: ['Pool', 'Client'],
    construct: 'new',
    options: 0,
    deadlineKeys: ['statement_timeout', 'query_timeout'],
    // pg-connection-string copies query parameters into the config: `?statement_timeout=5000` counts.
    url: { at: 'connectionString', params: ['statement_timeout', 'query_timeout'] },
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
  ...[
    { module: 'mongoose', names: ['connect', 'createConnection'], construct: 'call' as const },
    { module: 'mongodb', names: ['MongoClient'], construct: 'new' as const },
    { module: 'mongodb', names: ['MongoClient.connect'], construct: 'call' as const },
  ].map(({ module, names, construct }): TimeoutClient => ({
    // MongoDB driver: `socketTimeoutMS` "default: 0" (mongodb/lib/connection_string.js), no limit on a send or
    // receive; `timeoutMS` "has no effect" in this driver (mongodb.d.ts) but did in older ones, so it counts.
    client: module,
    module,
    names,
    construct,
    options: 1,
    deadlineKeys: ['socketTimeoutMS', 'timeoutMS'],
    url: { at: 0, params: ['socketTimeoutMS', 'timeoutMS'] },
    signal: false,
    instance: true,
    behaviour: 'the MongoDB driver defaults `socketTimeoutMS` to 0 (no timeout), so an operation on a server that stops answering waits as long as the connection stays open',
    advice: 'Set `socketTimeoutMS` above your slowest legitimate operation (in the options or the connection string)',
    fix: { kind: 'properties', properties: ['socketTimeoutMS'] },
  })),
  {
    // node-redis v5+: commands time out after `DEFAULT_COMMAND_TIMEOUT = 5000` ms unless `commandOptions.timeout`
    // overrides it (@redis/client/dist/lib/defaults.js, client/index.js); only switching it off is reported.
    client: 'redis',
    module: 'redis',
    names: ['createClient'],
    construct: 'call',
    options: 0,
    deadlineKeys: ['commandOptions.timeout'],
    hasDefaultDeadline: true,
    signal: false,
    instance: true,
    behaviour: '`commandOptions.timeout` switches off node-redis\'s default 5 s command timeout, so a command waits as long as the connection stays up',
    advice: 'Give `commandOptions.timeout` a number of milliseconds',
    fix: { kind: 'properties', properties: ['commandOptions.timeout'] },
  },
  {
    // OpenAI: `timeout` defaults to `DEFAULT_TIMEOUT = 600000` ("10 minutes") per attempt, `maxRetries ?? 2`
    // (openai/client.js): a hung call can hold its caller for half an hour.
    client: 'openai',
    module: 'openai',
    names: ['OpenAI', 'default'],
    construct: 'new',
    options: 0,
    deadlineKeys: ['timeout'],
    signal: false,
    instance: true,
    behaviour: 'the OpenAI client waits up to 10 minutes per attempt by default and retries twice',
    advice: 'Set `timeout` (and `maxRetries`) to what the caller can wait',
    fix: { kind: 'properties', properties: ['timeout'] },
  },
];

/**
 * @grpc/grpc-js generated clients: any method whose parameters include grpc-js's `CallOptions`. With no
 * `deadline` the call gets `options.deadline ?? Infinity` (@grpc/grpc-js/build/src/client-interceptors.js);
 * a `parent` call propagates its own deadline by default, so it counts.
 */
export const GRPC_CLIENT: TimeoutClient = {
  client: 'gRPC',
  module: '@grpc/grpc-js',
  names: [],
  construct: 'call',
  options: 'none',
  deadlineKeys: ['deadline', 'parent'],
  signal: false,
  instance: false,
  behaviour: '@grpc/grpc-js calls have no deadline unless one is passed, so the call waits as long as the channel stays up',
  advice: 'Pass `{ deadline: Date.now() + ms }` in the call options',
  fix: { kind: 'properties', properties: ['deadline'], value: 'Date.now() + MS' },
};

export const TIMEOUT_CLIENT_MODULES: ReadonlySet<string> = new Set(TIMEOUT_CLIENTS.map((c) => c.module).filter((m) => m !== 'global'));

/** Last names of the callees in the catalogue, for the syntactic prefilter. */
export const TIMEOUT_CLIENT_NAMES: ReadonlySet<string> = new Set(TIMEOUT_CLIENTS.flatMap((c) => [...c.names.map((n) => n.split('.').pop()!), ...(c.shortcuts ?? [])]));

export function findTimeoutClient(module: string, name: string, construct: 'call' | 'new'): TimeoutClient | undefined {
  return TIMEOUT_CLIENTS.find((c) => c.module === module && c.construct === construct && c.names.includes(name));
}

/** `got.post`, `superagent.get`: a shortcut method called on the client export `owner` of `module`. */
export function findShortcutClient(module: string, owner: string, method: string): TimeoutClient | undefined {
  return TIMEOUT_CLIENTS.find((c) => c.module === module && c.names.includes(owner) && c.shortcuts?.includes(method));
}
