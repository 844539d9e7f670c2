/**
 * APIs that block the event loop, by declaring module and export name (resolved through the checker,
 * never by identifier text), with their async alternatives. Data only: the rule reads it.
 */

export interface AsyncAlternative {
  /** How the fix rewrites the call. */
  kind:
    | 'promises-module' // readFileSync(a) → await readFile(a), readFile from `module`
    | 'promisify' // pbkdf2Sync(a) → await promisify(pbkdf2)(a), pbkdf2 from the same module
    | 'sibling-method'; // bcrypt.hashSync(a) → await bcrypt.hash(a)
  /** Export name of the sync API → export name of its async twin. */
  names: Record<string, string>;
  /** For `promises-module`: where the async twins live. */
  module?: string;
}

export interface BlockingApiFamily {
  family: string;
  modules: string[];
  names: string[];
  /** Only a finding when no callback is passed (`randomBytes(n)` vs `randomBytes(n, cb)`). */
  onlyWithoutCallback?: boolean;
  /** Only a finding when the first argument is not a numeric literal up to this bound (tiny work). */
  smallLiteralBound?: number;
  alternative?: AsyncAlternative;
  /** What to do instead, for the message when there is no mechanical fix. */
  advice: string;
}

const FS_PROMISE_TWINS: Record<string, string> = {
  readFileSync: 'readFile',
  writeFileSync: 'writeFile',
  appendFileSync: 'appendFile',
  readdirSync: 'readdir',
  statSync: 'stat',
  lstatSync: 'lstat',
  mkdirSync: 'mkdir',
  mkdtempSync: 'mkdtemp',
  rmSync: 'rm',
  rmdirSync: 'rmdir',
  unlinkSync: 'unlink',
  renameSync: 'rename',
  copyFileSync: 'copyFile',
  cpSync: 'cp',
  accessSync: 'access',
  chmodSync: 'chmod',
  chownSync: 'chown',
  realpathSync: 'realpath',
  readlinkSync: 'readlink',
  symlinkSync: 'symlink',
  linkSync: 'link',
  truncateSync: 'truncate',
  utimesSync: 'utimes',
  opendirSync: 'opendir',
};

export const BLOCKING_APIS: BlockingApiFamily[] = [
  {
    family: 'fs',
    modules: ['fs', 'fs-extra', 'graceful-fs'],
    names: Object.keys(FS_PROMISE_TWINS),
    alternative: { kind: 'promises-module', module: 'fs/promises', names: FS_PROMISE_TWINS },
    advice: 'use the `node:fs/promises` equivalent with `await`',
  },
  {
    family: 'fs',
    modules: ['fs', 'fs-extra', 'graceful-fs'],
    names: ['existsSync', 'openSync', 'readSync', 'writeSync', 'closeSync', 'fstatSync', 'fsyncSync', 'fdatasyncSync', 'ftruncateSync', 'futimesSync', 'readvSync', 'writevSync'],
    advice: 'use `node:fs/promises` (for `existsSync`, attempt the operation or `await access(path)` in a try/catch)',
  },
  {
    family: 'fs-extra',
    modules: ['fs-extra'],
    names: ['readJsonSync', 'writeJsonSync', 'readJSONSync', 'writeJSONSync', 'outputFileSync', 'outputJsonSync', 'ensureDirSync', 'ensureFileSync', 'mkdirpSync', 'mkdirsSync', 'copySync', 'moveSync', 'removeSync', 'emptyDirSync', 'pathExistsSync'],
    alternative: {
      kind: 'sibling-method',
      names: {
        readJsonSync: 'readJson',
        writeJsonSync: 'writeJson',
        readJSONSync: 'readJSON',
        writeJSONSync: 'writeJSON',
        outputFileSync: 'outputFile',
        outputJsonSync: 'outputJson',
        ensureDirSync: 'ensureDir',
        ensureFileSync: 'ensureFile',
        mkdirpSync: 'mkdirp',
        mkdirsSync: 'mkdirs',
        copySync: 'copy',
        moveSync: 'move',
        removeSync: 'remove',
        emptyDirSync: 'emptyDir',
        pathExistsSync: 'pathExists',
      },
    },
    advice: "use fs-extra's promise-returning twin with `await`",
  },
  {
    family: 'child_process',
    modules: ['child_process'],
    names: ['execSync', 'execFileSync', 'spawnSync'],
    advice: 'use `await promisify(execFile)(…)` from `node:util`, or `spawn` with events; better, move the work to a job queue',
  },
  {
    family: 'child_process',
    modules: ['execa'],
    names: ['execaSync', 'execaCommandSync', 'execa.sync', 'sync', 'commandSync'],
    advice: 'use the async `execa(…)` with `await`',
  },
  {
    family: 'child_process',
    modules: ['cross-spawn'],
    names: ['sync'],
    advice: 'use the async `spawn` with events',
  },
  {
    family: 'crypto',
    modules: ['crypto'],
    names: ['pbkdf2Sync', 'scryptSync', 'randomFillSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync', 'checkPrimeSync', 'hkdfSync'],
    // Only where `promisify` keeps the result type: scrypt's and hkdf's overloads make it `unknown`.
    alternative: { kind: 'promisify', names: { pbkdf2Sync: 'pbkdf2' } },
    advice: 'use the callback form through `promisify` (it runs on the libuv thread pool)',
  },
  {
    family: 'crypto',
    modules: ['crypto'],
    names: ['randomBytes', 'randomInt'],
    onlyWithoutCallback: true,
    smallLiteralBound: 4096,
    advice: 'pass a callback or use `promisify(randomBytes)`: without one it blocks while the entropy is gathered',
  },
  {
    family: 'zlib',
    modules: ['zlib'],
    names: ['gzipSync', 'gunzipSync', 'deflateSync', 'inflateSync', 'deflateRawSync', 'inflateRawSync', 'unzipSync', 'brotliCompressSync', 'brotliDecompressSync', 'zstdCompressSync', 'zstdDecompressSync'],
    alternative: {
      kind: 'promisify',
      names: {
        gzipSync: 'gzip',
        gunzipSync: 'gunzip',
        deflateSync: 'deflate',
        inflateSync: 'inflate',
        deflateRawSync: 'deflateRaw',
        inflateRawSync: 'inflateRaw',
        unzipSync: 'unzip',
        brotliCompressSync: 'brotliCompress',
        brotliDecompressSync: 'brotliDecompress',
      },
    },
    advice: 'use the callback form through `promisify`, or a stream',
  },
  {
    family: 'password hashing',
    modules: ['bcrypt', 'bcryptjs'],
    names: ['hashSync', 'compareSync', 'genSaltSync'],
    alternative: { kind: 'sibling-method', names: { hashSync: 'hash', compareSync: 'compare', genSaltSync: 'genSalt' } },
    advice: "use the promise form (native bcrypt's runs on the thread pool)",
  },
  {
    family: 'jwt',
    modules: ['jsonwebtoken'],
    names: ['sign', 'verify'],
    advice: 'sign and verify with `jose`, whose API is truly async (jsonwebtoken computes on the main thread even when given a callback; with RSA or EC keys each call costs milliseconds)',
  },
  {
    // @nestjs/jwt wraps jsonwebtoken: its *Async methods return a Promise but compute synchronously.
    family: 'jwt',
    modules: ['@nestjs/jwt'],
    names: ['JwtService.sign', 'JwtService.verify', 'JwtService.signAsync', 'JwtService.verifyAsync'],
    advice: 'sign and verify with `jose`, whose API is truly async (@nestjs/jwt calls jsonwebtoken, which computes on the main thread even in signAsync/verifyAsync)',
  },
  {
    family: 'glob',
    modules: ['glob', 'fast-glob', 'globby'],
    names: ['sync', 'globSync', 'globbySync', 'FastGlob.sync', 'glob.sync'],
    advice: 'use the async form with `await`, or compute the file list at startup',
  },
  {
    family: 'sleep',
    modules: ['global'],
    names: ['Atomics.wait'],
    advice: 'use `await setTimeout(ms)` from `node:timers/promises`',
  },
  {
    family: 'sleep',
    modules: ['atomic-sleep', 'sleep', 'system-sleep'],
    names: ['default', 'sleep', 'msleep', 'usleep', 'export='],
    advice: 'use `await setTimeout(ms)` from `node:timers/promises`',
  },
];

/** Every export name in the catalogue: the syntactic prefilter for call sites. */
export const BLOCKING_API_NAMES: ReadonlySet<string> = new Set(BLOCKING_APIS.flatMap((f) => f.names.map((n) => n.split('.').pop()!)));

export function findBlockingApi(module: string, name: string): BlockingApiFamily | undefined {
  return BLOCKING_APIS.find((f) => f.modules.includes(module) && f.names.includes(name));
}
