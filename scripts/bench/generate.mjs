#!/usr/bin/env node
/**
 * A deterministic generator of realistic Node.js backends for benchmarks and soak tests.
 *
 *   import { generate } from './generate.mjs';
 *   const manifest = generate({ files: 3000, seed: 1, dir: '/tmp/corpus' });
 *
 *   node scripts/bench/generate.mjs --files 3000 [--seed 1] [--dir DIR]
 *
 * The project is an Express 5 + TypeORM / Knex + axios service split into areas and domain modules
 * (routes → controller → service → repository, helpers, outbound clients, caches, DTOs, entities and
 * index files that re-export them). Exactly `files` source files are written under `src/` and
 * `scripts/`, with a tsconfig.json, a package.json and a `node_modules` symlink to the fixtures'
 * real packages (express, typeorm, knex, axios, lru-cache, bcrypt and @types/node), so types resolve
 * as in a real project. The code type-checks without errors (`tsc --noEmit -p DIR`).
 *
 * Anti-patterns are planted at a fixed rate, each next to look-alikes that must stay quiet, and every
 * site is recorded in the manifest (rule, kind, file, 1-based line) so a run can compare what a tool
 * reports against what was planted:
 *   sync-blocking-call     readFileSync in handlers; pbkdf2Sync / scryptSync / bcrypt.hashSync in helpers
 *                          reached through the service; gzipSync reached across modules through a
 *                          re-export. Look-alikes: module-scope reads, lazy init, startup-only
 *                          functions, helpers nothing calls, tooling scripts.
 *   handler-memory-state   module-level Maps written per request (and a rate-limit counter).
 *                          Look-alikes: bounded LRU caches with a TTL, maps filled at startup.
 *   missing-timeout        axios.create without `timeout`, fetch without `signal`. Look-alikes: with them.
 *   n-plus-one-query       a TypeORM / Knex query per id inside a loop. Look-alike: one batched query.
 *
 * Same `files` and `seed` → byte-identical output. The manifest is returned and written to
 * DIR/.bench-manifest.json; `generate` refuses to overwrite a non-empty folder it did not create.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const FIXTURE_MODULES = path.join(REPO_ROOT, 'test-fixtures', 'node_modules');
export const MANIFEST_NAME = '.bench-manifest.json';

/** The rules the generator plants, with the kinds of sites it writes. */
export const RULE_IDS = ['sync-blocking-call', 'handler-memory-state', 'missing-timeout', 'n-plus-one-query'];

const WORDS = [
  'account', 'invoice', 'order', 'product', 'cart', 'payment', 'shipment', 'review', 'coupon', 'ticket',
  'customer', 'supplier', 'warehouse', 'report', 'subscription', 'plan', 'message', 'notification', 'team',
  'project', 'task', 'comment', 'document', 'asset', 'booking', 'refund', 'quote', 'contract', 'device', 'badge',
];
const AREAS = ['billing', 'catalog', 'commerce', 'support', 'identity', 'logistics', 'content', 'analytics', 'admin', 'partners'];
const DOMAINS_PER_AREA = 12;
const FILES_PER_DOMAIN = 10;
const UTIL_NAMES = ['strings', 'dates', 'money', 'ids', 'retry', 'paging', 'objects', 'arrays', 'urls', 'numbers', 'slugs', 'colors'];

/** Planting rates (per domain unless noted). */
const RATES = {
  directSync: 0.3, // readFileSync in a handler
  helperSync: 0.3, // a sync crypto helper called on the request path
  crossSync: 0.15, // the previous module's gzipSync helper called through its index
  namespaceFs: 0.3, // `fs.readFileSync` through `import * as fs` instead of a named import
  moduleScopeRead: 0.5, // a startup read at module scope in the helpers (look-alike)
  memoryState: 0.35, // a module-level Map written per request
  axiosNoTimeout: 0.3,
  fetchNoSignal: 0.25,
  nPlusOne: 0.3,
  knex: 0.33, // the module uses Knex instead of TypeORM
  controllerClass: 0.4, // a class controller with inline route arrows, instead of a factory object
};

// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast, deterministic. */
function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

const pascal = (s) => s.replace(/(^|[-_])(\w)/g, (_m, _d, c) => c.toUpperCase());

/**
 * A file built from template text. A `«P:rule:kind»` tag at the end of a line records a planted
 * anti-pattern on that line, `«L:rule:kind»` a look-alike; tags are stripped from the output.
 */
class SourceFile {
  constructor(rel) {
    this.rel = rel;
    this.lines = [];
    this.sites = [];
  }

  add(text) {
    for (const raw of text.split('\n')) {
      const m = /\s*«([PL]):([a-z-]+):([a-z-]+)»\s*$/.exec(raw);
      const line = m ? raw.slice(0, m.index) : raw;
      this.lines.push(line);
      if (m) {
        const needle = line.trim();
        this.sites.push({ type: m[1] === 'P' ? 'planted' : 'lookAlike', rule: m[2], kind: m[3], file: this.rel, line: this.lines.length, text: needle });
      }
    }
    return this;
  }

  /** 1-based line of the first line containing `needle`. */
  lineOf(needle) {
    const i = this.lines.findIndex((l) => l.includes(needle));
    if (i < 0) throw new Error(`${this.rel}: no line contains ${needle}`);
    return i + 1;
  }

  text() {
    return this.lines.join('\n').replace(/\n*$/, '\n');
  }
}

/** `import { a, b } from 'x';` lines from a map of module → names, skipping empty ones. */
function imports(spec) {
  const out = [];
  for (const [from, v] of spec) {
    if (typeof v === 'string') out.push(`import ${v} from '${from}';`);
    else {
      const names = [...new Set(v.filter(Boolean))];
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) out.push(`import type { ${names.map((n) => n.slice(5)).join(', ')} } from '${from}';`);
      else if (names.length > 0) out.push(`import { ${names.join(', ')} } from '${from}';`);
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Layout

const SHARED_FILES = [
  'src/server.ts',
  'src/app.ts',
  'src/deps.ts',
  'src/lib/config.ts',
  'src/lib/async-handler.ts',
  'src/lib/auth.ts',
  'src/lib/logger.ts',
  'src/lib/errors.ts',
  'src/lib/http.ts',
  'src/lib/rate-limit.ts',
  'src/lib/templates.ts',
  'src/db/data-source.ts',
  'src/db/knex.ts',
  'scripts/seed.ts',
];

/** The smallest project: the shared files, one area and one module. */
export const MIN_FILES = SHARED_FILES.length + 1 + FILES_PER_DOMAIN;

/** How many modules and areas fit in `files`; the rest become small utility modules. */
function plan(files) {
  if (!Number.isInteger(files) || files < MIN_FILES) throw new Error(`--files must be a whole number ≥ ${MIN_FILES} (got ${files})`);
  const budget = files - SHARED_FILES.length;
  let domains = Math.floor(budget / (FILES_PER_DOMAIN + 1 / DOMAINS_PER_AREA));
  let areas = Math.ceil(domains / DOMAINS_PER_AREA);
  while (domains * FILES_PER_DOMAIN + areas > budget) {
    domains--;
    areas = Math.ceil(domains / DOMAINS_PER_AREA);
  }
  return { domains, areas, utils: budget - domains * FILES_PER_DOMAIN - areas };
}

function areaName(i) {
  return i < AREAS.length ? AREAS[i] : `${AREAS[i % AREAS.length]}${Math.floor(i / AREAS.length) + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Generation

/**
 * Writes the project and returns its manifest.
 * @param {{ files: number, seed?: number, dir: string, fixtureModules?: string }} options
 */
export function generate({ files, seed = 1, dir, fixtureModules = FIXTURE_MODULES }) {
  if (!dir) throw new Error('generate: dir is required');
  const layout = plan(files);
  const rnd = createRandom(seed * 2654435761 + files);
  if (!fs.existsSync(fixtureModules)) {
    throw new Error(`${fixtureModules} is missing: install the fixtures' packages with  npm ci --prefix test-fixtures --ignore-scripts`);
  }
  dir = path.resolve(dir);
  prepareDir(dir);

  // Decide every module's shape first: a planted cross-module call decides whether the callee's
  // helper is planted or a look-alike.
  const domains = [];
  for (let i = 0; i < layout.domains; i++) {
    const area = Math.floor(i / DOMAINS_PER_AREA);
    const word = WORDS[i % WORDS.length];
    const name = `${word}${i + 1}`;
    const d = {
      i,
      area,
      areaName: areaName(area),
      word,
      name,
      Name: pascal(name),
      route: `/${word}s-${i + 1}`,
      table: `${word}_${i + 1}`,
      knex: rnd.chance(RATES.knex),
      controllerClass: rnd.chance(RATES.controllerClass),
      directSync: rnd.chance(RATES.directSync),
      namespaceFs: rnd.chance(RATES.namespaceFs),
      helperSync: rnd.chance(RATES.helperSync),
      helperApi: rnd.pick(['pbkdf2Sync', 'scryptSync', 'bcrypt.hashSync']),
      moduleScopeRead: rnd.chance(RATES.moduleScopeRead),
      memoryState: rnd.chance(RATES.memoryState),
      axiosNoTimeout: rnd.chance(RATES.axiosNoTimeout),
      fetchNoSignal: rnd.chance(RATES.fetchNoSignal),
      nPlusOne: rnd.chance(RATES.nPlusOne),
      crossSync: false,
      fields: rnd.int(3, 7),
    };
    const prev = domains[i - 1];
    d.prev = prev && prev.area === area ? prev : undefined;
    if (d.prev) d.crossSync = rnd.chance(RATES.crossSync);
    domains.push(d);
  }
  for (const d of domains) if (d.crossSync) d.prev.packReached = true;
  // Seed script (tooling) calls the pack helper of a few modules nothing else calls it from.
  for (const d of domains) d.packFromSeed = !d.packReached && d.i % 4 === 0;

  // The module the language-server probes edit: a handler file with a blocking call and a helper
  // on that handler's request path.
  const probe = domains[Math.floor(domains.length / 2)];
  Object.assign(probe, { probe: true, directSync: true, namespaceFs: false, helperSync: true, helperApi: 'pbkdf2Sync', controllerClass: false });

  const out = [];
  const emit = (f) => out.push(f);
  for (const d of domains) for (const f of domainFiles(d)) emit(f);
  for (let a = 0; a < layout.areas; a++) emit(areaFile(a, domains.filter((d) => d.area === a)));
  const utils = [];
  for (let u = 0; u < layout.utils; u++) {
    const f = utilFile(u, rnd);
    utils.push(f.rel);
    emit(f);
  }
  for (const f of sharedFiles(layout, domains)) emit(f);

  if (out.length !== files) throw new Error(`generator bug: ${out.length} files for ${files}`);
  let lines = 0;
  const sites = [];
  for (const f of out) {
    const abs = path.join(dir, f.rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const text = f.text();
    fs.writeFileSync(abs, text);
    lines += f.lines.length;
    sites.push(...f.sites);
  }
  for (const [rel, text] of Object.entries(projectFiles())) fs.writeFileSync(path.join(dir, rel), text);
  fs.symlinkSync(fixtureModules, path.join(dir, 'node_modules'), 'dir');

  const count = (type) => Object.fromEntries(RULE_IDS.map((r) => [r, sites.filter((s) => s.type === type && s.rule === r).length]));
  const probeFiles = out.filter((f) => f.probe);
  const handler = probeFiles.find((f) => f.probe === 'handler');
  const helper = probeFiles.find((f) => f.probe === 'helper');
  const manifest = {
    generator: 'scalelint-bench/generate',
    version: 1,
    files,
    seed,
    dir,
    tsconfig: path.join(dir, 'tsconfig.json'),
    lines,
    layout: { areas: layout.areas, modules: layout.domains, utilityFiles: layout.utils, sharedFiles: SHARED_FILES.length },
    planted: count('planted'),
    lookAlikes: count('lookAlike'),
    sites,
    probe: {
      handlerFile: handler.rel,
      helperFile: helper.rel,
      handlerEdit: { afterLine: handler.lineOf('bench:handler-edit-point'), text: "      const probe = readFileSync(__filename, 'utf8').length;" },
      helperEdit: { afterLine: helper.lineOf('bench:helper-edit-point'), text: "  const probe = pbkdf2Sync(token, SALT, 1, 8, 'sha256');" },
      route: `GET ${probe.route}/:id/export`,
    },
  };
  fs.writeFileSync(path.join(dir, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Reads the manifest of a generated project, or undefined. */
export function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Empties `dir` if this generator made it; refuses to touch anything else. */
function prepareDir(dir) {
  if (fs.existsSync(dir)) {
    const entries = fs.readdirSync(dir);
    if (entries.length > 0) {
      if (!entries.includes(MANIFEST_NAME)) throw new Error(`refusing to overwrite ${dir}: not empty and not made by this generator`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(dir, { recursive: true });
}

function projectFiles() {
  return {
    'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2022"],
    "module": "node20",
    "types": ["node"],
    "strict": true,
    "esModuleInterop": true,
    "resolveJsonModule": true,
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["src", "scripts"]
}
`,
    'package.json': `{
  "name": "generated-backend",
  "version": "1.0.0",
  "private": true,
  "description": "Generated by scripts/bench/generate.mjs (Scalelint benchmark corpus); never executed.",
  "dependencies": {
    "axios": "1.21.1",
    "bcrypt": "6.0.0",
    "express": "5.3.0",
    "knex": "3.3.0",
    "lru-cache": "11.5.3",
    "pg": "8.23.1",
    "reflect-metadata": "0.2.2",
    "typeorm": "1.1.1"
  }
}
`,
    '.gitignore': 'node_modules/\ndist/\n',
  };
}

// ---------------------------------------------------------------------------------------------
// One domain module: ten files

function domainFiles(d) {
  const base = `src/modules/${d.areaName}/${d.name}`;
  const p = (suffix) => `${base}/${d.name}.${suffix}.ts`;
  const files = [
    d.knex ? tableFile(d, p('table')) : entityFile(d, p('entity')),
    dtoFile(d, p('dto')),
    repositoryFile(d, p('repository')),
    serviceFile(d, p('service')),
    controllerFile(d, p('controller')),
    routesFile(d, p('routes')),
    helpersFile(d, p('helpers')),
    clientFile(d, p('client')),
    cacheFile(d, p('cache')),
    indexFile(d, `${base}/index.ts`),
  ];
  return files;
}

function fieldList(d) {
  const pool = [
    ['title', 'string', "{ type: 'varchar', length: 120 }"],
    ['reference', 'string', "{ type: 'varchar', length: 64 }"],
    ['quantity', 'number', "{ type: 'integer', default: 0 }"],
    ['notes', 'string | null', "{ type: 'text', nullable: true }"],
    ['currency', 'string', "{ type: 'char', length: 3, default: 'EUR' }"],
    ['priority', 'number', "{ type: 'smallint', default: 0 }"],
    ['externalId', 'string | null', "{ name: 'external_id', type: 'varchar', nullable: true }"],
  ];
  return pool.slice(0, d.fields);
}

function entityFile(d, rel) {
  const f = new SourceFile(rel);
  const rel2prev = d.prev && !d.prev.knex;
  f.add(imports([
    ['typeorm', ['Column', 'CreateDateColumn', 'Entity', 'Index', rel2prev && 'ManyToOne', 'PrimaryGeneratedColumn', rel2prev && 'type Relation', 'UpdateDateColumn']],
    ...(rel2prev ? [[`../${d.prev.name}/${d.prev.name}.entity`, [d.prev.Name]]] : []),
  ]));
  f.add(`
export type ${d.Name}Status = 'draft' | 'active' | 'archived';

/** A ${d.word} (table \`${d.table}\`). */
@Entity({ name: '${d.table}' })
export class ${d.Name} {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'owner_id', type: 'integer' })
  ownerId!: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: ${d.Name}Status;

  @Column({ name: 'amount_cents', type: 'integer', default: 0 })
  amountCents!: number;
`);
  for (const [name, type, opts] of fieldList(d)) f.add(`  @Column(${opts})\n  ${name}!: ${type};\n`);
  if (rel2prev) f.add(`  @ManyToOne(() => ${d.prev.Name}, { nullable: true, onDelete: 'SET NULL' })\n  parent!: Relation<${d.prev.Name}> | null;\n`);
  f.add(`  @Column({ type: 'jsonb', nullable: true })
  metadata!: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}`);
  return f;
}

function tableFile(d, rel) {
  const f = new SourceFile(rel);
  f.add(`export type ${d.Name}Status = 'draft' | 'active' | 'archived';

export const ${d.Name.toUpperCase()}_TABLE = '${d.table}';

/** A row of \`${d.table}\`, as Knex returns it. */
export interface ${d.Name} {
  id: number;
  owner_id: number;
  status: ${d.Name}Status;
  amount_cents: number;`);
  for (const [name, type] of fieldList(d)) f.add(`  ${snake(name)}: ${type};`);
  f.add(`  metadata: Record<string, string> | null;
  created_at: Date;
  updated_at: Date;
}

/** Columns a list view needs (the rest stay in the database). */
export const ${d.Name.toUpperCase()}_LIST_COLUMNS = ['id', 'owner_id', 'status', 'amount_cents', 'created_at'] as const;

export function is${d.Name}Status(value: unknown): value is ${d.Name}Status {
  return value === 'draft' || value === 'active' || value === 'archived';
}`);
  return f;
}

const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function dtoFile(d, rel) {
  const f = new SourceFile(rel);
  const model = d.knex ? 'table' : 'entity';
  f.add(imports([
    [`./${d.name}.${model}`, [`type ${d.Name}`, `type ${d.Name}Status`]],
    ['../../../lib/errors', ['ValidationError']],
  ]));
  const fields = fieldList(d).filter(([, type]) => type === 'string');
  const ownerId = d.knex ? 'owner_id' : 'ownerId';
  const amount = d.knex ? 'amount_cents' : 'amountCents';
  const created = d.knex ? 'created_at' : 'createdAt';
  f.add(`
export interface Create${d.Name}Input {
  ownerId: number;
  amountCents: number;
${fields.map(([n]) => `  ${n}: string;`).join('\n')}
  metadata?: Record<string, string>;
}

export interface Update${d.Name}Input {
  status?: ${d.Name}Status;
  amountCents?: number;
  metadata?: Record<string, string>;
}

export interface ${d.Name}View {
  id: number;
  ownerId: number;
  status: ${d.Name}Status;
  amount: string;
  createdAt: string;
}

export interface ${d.Name}Page {
  items: ${d.Name}View[];
  page: number;
  hasMore: boolean;
}

const MAX_AMOUNT_CENTS = 100_000_000;

/** Validates a request body; throws ValidationError naming the first bad field. */
export function parseCreate${d.Name}(body: unknown): Create${d.Name}Input {
  if (typeof body !== 'object' || body === null) throw new ValidationError('body');
  const b = body as Record<string, unknown>;
  if (typeof b.ownerId !== 'number' || !Number.isInteger(b.ownerId) || b.ownerId <= 0) throw new ValidationError('ownerId');
  const amountCents = typeof b.amountCents === 'number' ? Math.round(b.amountCents) : 0;
  if (amountCents < 0 || amountCents > MAX_AMOUNT_CENTS) throw new ValidationError('amountCents');`);
  for (const [n] of fields) f.add(`  if (typeof b.${n} !== 'string' || b.${n}.length === 0 || b.${n}.length > 120) throw new ValidationError('${n}');`);
  f.add(`  const metadata = typeof b.metadata === 'object' && b.metadata !== null ? (b.metadata as Record<string, string>) : undefined;
  return { ownerId: b.ownerId, amountCents${fields.map(([n]) => `, ${n}: b.${n}`).join('')}, metadata };
}

const STATUSES: readonly ${d.Name}Status[] = ['draft', 'active', 'archived'];

export function parseUpdate${d.Name}(body: unknown): Update${d.Name}Input {
  if (typeof body !== 'object' || body === null) throw new ValidationError('body');
  const b = body as Record<string, unknown>;
  const out: Update${d.Name}Input = {};
  if (b.status !== undefined) {
    if (!STATUSES.includes(b.status as ${d.Name}Status)) throw new ValidationError('status');
    out.status = b.status as ${d.Name}Status;
  }
  if (b.amountCents !== undefined) {
    if (typeof b.amountCents !== 'number' || b.amountCents < 0 || b.amountCents > MAX_AMOUNT_CENTS) throw new ValidationError('amountCents');
    out.amountCents = Math.round(b.amountCents);
  }
  if (typeof b.metadata === 'object' && b.metadata !== null) out.metadata = b.metadata as Record<string, string>;
  return out;
}

/** A search term: trimmed, 2 to 64 characters, or undefined. */
export function parseSearchTerm(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const term = raw.trim();
  return term.length >= 2 && term.length <= 64 ? term : undefined;
}

/** \`?ids=1,2,3\` → [1, 2, 3], at most 100 ids. */
export function parseIds(raw: unknown): number[] {
  if (typeof raw !== 'string') return [];
  return raw
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 100);
}

export function formatAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function to${d.Name}View(row: ${d.Name}): ${d.Name}View {
  return {
    id: row.id,
    ownerId: row.${ownerId},
    status: row.status,
    amount: formatAmount(row.${amount}),
    createdAt: row.${created}.toISOString(),
  };
}`);
  return f;
}

function repositoryFile(d, rel) {
  const f = new SourceFile(rel);
  const fields = fieldList(d).filter(([, type]) => type === 'string');
  if (d.knex) {
    const T = `${d.Name.toUpperCase()}_TABLE`;
    f.add(imports([
      ['knex', ['type Knex']],
      [`./${d.name}.table`, [T, `type ${d.Name}`, `type ${d.Name}Status`]],
      [`./${d.name}.dto`, [`type Create${d.Name}Input`, `type Update${d.Name}Input`]],
    ]));
    f.add(`
const PAGE_SIZE = 50;

export class ${d.Name}Repository {
  constructor(private readonly db: Knex) {}

  private table() {
    return this.db<${d.Name}>(${T});
  }

  async findById(id: number): Promise<${d.Name} | undefined> {
    const rows = await this.table().where('id', id).limit(1);
    return rows[0];
  }

  /** One query for all ids. */
  findByIds(ids: number[]): Promise<${d.Name}[]> {
    return this.table().whereIn('id', ids); «L:n-plus-one-query:batched-where-in»
  }`);
    if (d.nPlusOne) {
      f.add(`
  /** Kept for the old batch endpoint. */
  async findEachById(ids: number[]): Promise<${d.Name}[]> {
    const out: ${d.Name}[] = [];
    for (const id of ids) {
      const rows = await this.table().where('id', id).limit(1); «P:n-plus-one-query:loop-knex»
      if (rows[0]) out.push(rows[0]);
    }
    return out;
  }`);
    }
    f.add(`
  list(page: number): Promise<${d.Name}[]> {
    return this.table()
      .orderBy('created_at', 'desc')
      .offset(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1);
  }

  async countByOwner(ownerId: number): Promise<number> {
    const [row] = await this.db(${T}).where('owner_id', ownerId).count<{ n: string }[]>({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async create(input: Create${d.Name}Input): Promise<${d.Name}> {
    const [row] = await this.table()
      .insert({ owner_id: input.ownerId, amount_cents: input.amountCents${fields.map(([n]) => `, ${snake(n)}: input.${n}`).join('')}, status: 'draft', metadata: input.metadata ?? null })
      .returning('*');
    return row as ${d.Name};
  }

  async setStatus(id: number, status: ${d.Name}Status): Promise<void> {
    await this.table().where('id', id).update({ status, updated_at: new Date() });
  }

  async update(id: number, patch: Update${d.Name}Input): Promise<${d.Name} | undefined> {
    const changes: Partial<${d.Name}> = { updated_at: new Date() };
    if (patch.status !== undefined) changes.status = patch.status;
    if (patch.amountCents !== undefined) changes.amount_cents = patch.amountCents;
    if (patch.metadata !== undefined) changes.metadata = patch.metadata;
    const [row] = await this.table().where('id', id).update(changes).returning('*');
    return row as ${d.Name} | undefined;
  }

  search(term: string, page: number): Promise<${d.Name}[]> {
    return this.table()
      .whereILike('${snake(fieldList(d)[0][0])}', \`%\${term}%\`)
      .orderBy('id')
      .offset(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1);
  }
}`);
    return f;
  }
  f.add(imports([
    ['typeorm', ['ILike', 'In', 'type DataSource', 'type Repository']],
    [`./${d.name}.entity`, [d.Name, `type ${d.Name}Status`]],
    [`./${d.name}.dto`, [`type Create${d.Name}Input`, `type Update${d.Name}Input`]],
  ]));
  f.add(`
const PAGE_SIZE = 50;

export class ${d.Name}Repository {
  private readonly repo: Repository<${d.Name}>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(${d.Name});
  }

  findById(id: number): Promise<${d.Name} | null> {
    return this.repo.findOneBy({ id });
  }

  /** One query for all ids. */
  findByIds(ids: number[]): Promise<${d.Name}[]> {
    return this.repo.findBy({ id: In(ids) }); «L:n-plus-one-query:batched-in»
  }`);
  if (d.nPlusOne) {
    f.add(`
  /** Kept for the old batch endpoint. */
  async findEachById(ids: number[]): Promise<${d.Name}[]> {
    const out: ${d.Name}[] = [];
    for (const id of ids) {
      const row = await this.repo.findOneBy({ id }); «P:n-plus-one-query:loop-typeorm»
      if (row) out.push(row);
    }
    return out;
  }`);
  }
  f.add(`
  list(page: number): Promise<${d.Name}[]> {
    return this.repo.find({ order: { createdAt: 'DESC' }, skip: page * PAGE_SIZE, take: PAGE_SIZE + 1 });
  }

  countByOwner(ownerId: number): Promise<number> {
    return this.repo.countBy({ ownerId });
  }

  create(input: Create${d.Name}Input): Promise<${d.Name}> {
    return this.repo.save(this.repo.create({ ...input, status: 'draft', metadata: input.metadata ?? null }));
  }

  async setStatus(id: number, status: ${d.Name}Status): Promise<void> {
    await this.repo.update({ id }, { status });
  }

  async update(id: number, patch: Update${d.Name}Input): Promise<${d.Name} | null> {
    const row = await this.repo.findOneBy({ id });
    if (!row) return null;
    if (patch.status !== undefined) row.status = patch.status;
    if (patch.amountCents !== undefined) row.amountCents = patch.amountCents;
    if (patch.metadata !== undefined) row.metadata = patch.metadata;
    return this.repo.save(row);
  }

  search(term: string, page: number): Promise<${d.Name}[]> {
    return this.repo.find({
      where: { ${fieldList(d)[0][0]}: ILike(\`%\${term}%\`) },
      order: { id: 'ASC' },
      skip: page * PAGE_SIZE,
      take: PAGE_SIZE + 1,
    });
  }
}`);
  return f;
}

function serviceFile(d, rel) {
  const f = new SourceFile(rel);
  const prev = d.prev;
  f.add(imports([
    [`./${d.name}.client`, [`publish${d.Name}Event`, `fetch${d.Name}Rates`]],
    [`./${d.name}.dto`, [`type Create${d.Name}Input`, `type Update${d.Name}Input`, `type ${d.Name}Page`, `type ${d.Name}View`, `to${d.Name}View`]],
    [`./${d.name}.helpers`, [d.helperSync ? 'hashToken' : 'fingerprint', 'renderSummary']],
    [`./${d.name}.repository`, [`type ${d.Name}Repository`]],
    ...(prev ? [[`../${prev.name}`, [d.crossSync ? `packSnapshot as pack${prev.Name}Snapshot` : `fingerprint as ${prev.name}Fingerprint`]]] : []),
    ['../../../lib/logger', ['logger']],
  ]));
  f.add(`
export class ${d.Name}NotFoundError extends Error {
  constructor(readonly id: number) {
    super(\`${d.word} \${id} not found\`);
  }
}

export class ${d.Name}Service {
  constructor(private readonly repo: ${d.Name}Repository) {}

  async get(id: number): Promise<${d.Name}View> {
    const row = await this.repo.findById(id);
    if (!row) throw new ${d.Name}NotFoundError(id);
    return to${d.Name}View(row);
  }

  async list(page: number): Promise<${d.Name}Page> {
    const rows = await this.repo.list(page);
    const hasMore = rows.length > 50;
    return { items: rows.slice(0, 50).map(to${d.Name}View), page, hasMore };
  }

  async getMany(ids: number[]): Promise<${d.Name}View[]> {
    const rows = await this.repo.${d.nPlusOne ? 'findEachById' : 'findByIds'}(ids);
    return rows.map(to${d.Name}View);
  }

  async create(input: Create${d.Name}Input, apiToken: string): Promise<${d.Name}View> {
    const signature = ${d.helperSync ? 'hashToken(apiToken)' : 'fingerprint(apiToken)'};
    const row = await this.repo.create(input);
    await publish${d.Name}Event('created', row.id, signature);
    logger.info('${d.word} created', { id: row.id });
    return to${d.Name}View(row);
  }

  async summary(id: number): Promise<string> {
    const view = await this.get(id);
    const rates = await fetch${d.Name}Rates(view.ownerId);`);
  if (prev) {
    f.add(d.crossSync
      ? `    const snapshot = pack${prev.Name}Snapshot(JSON.stringify(view));\n    return renderSummary(view, rates, snapshot.length);`
      : `    const key = ${prev.name}Fingerprint(String(view.id));\n    return renderSummary(view, rates, key.length);`);
  } else {
    f.add('    return renderSummary(view, rates, 0);');
  }
  f.add(`  }

  async update(id: number, patch: Update${d.Name}Input): Promise<${d.Name}View> {
    const row = await this.repo.update(id, patch);
    if (!row) throw new ${d.Name}NotFoundError(id);
    return to${d.Name}View(row);
  }

  async search(term: string, page: number): Promise<${d.Name}Page> {
    const rows = await this.repo.search(term, page);
    return { items: rows.slice(0, 50).map(to${d.Name}View), page, hasMore: rows.length > 50 };
  }

  async archive(id: number): Promise<void> {
    await this.repo.setStatus(id, 'archived');
    await publish${d.Name}Event('archived', id, '');
  }
}`);
  return f;
}

function controllerFile(d, rel) {
  const f = new SourceFile(rel);
  f.probe = d.probe ? 'handler' : undefined;
  const fsImport = d.directSync ? (d.namespaceFs ? ['node:fs', '* as fs'] : ['node:fs', ['readFileSync']]) : undefined;
  const readCall = d.namespaceFs ? 'fs.readFileSync' : 'readFileSync';
  f.add(imports([
    ['express', ['type Request', 'type Response']],
    ...(fsImport ? [fsImport] : []),
    ['node:path', '* as path'],
    [`./${d.name}.cache`, [d.memoryState ? `recent${d.Name}Views` : `${d.name}ViewCache`]],
    [`./${d.name}.dto`, [`parseCreate${d.Name}`, 'parseIds', 'parseSearchTerm', `parseUpdate${d.Name}`]],
    [`./${d.name}.helpers`, d.directSync ? [] : [`load${d.Name}Template`]],
    [`./${d.name}.service`, [`${d.Name}NotFoundError`, `type ${d.Name}Service`]],
    ['../../../lib/templates', ['renderTemplate']],
  ]));
  f.add(`
const TEMPLATE_FILE = path.join(__dirname, 'templates', '${d.name}.html');

function pageOf(req: Request): number {
  const page = Number(req.query.page ?? 0);
  return Number.isInteger(page) && page >= 0 ? page : 0;
}

function sendNotFound(res: Response, err: unknown): boolean {
  if (!(err instanceof ${d.Name}NotFoundError)) return false;
  res.status(404).json({ error: err.message });
  return true;
}
`);
  const remember = d.memoryState
    ? `      recent${d.Name}Views.set(req.params.id, Date.now()); «P:handler-memory-state:map-write»`
    : `      ${d.name}ViewCache.set(view.id, view); «L:handler-memory-state:bounded-lru»`;
  const readTemplate = d.directSync
    ? `      const template = ${readCall}(TEMPLATE_FILE, 'utf8'); «P:sync-blocking-call:in-handler»`
    : `      const template = load${d.Name}Template(TEMPLATE_FILE);`;
  const methods = (prefix, sep) => `
${prefix}list(req: Request, res: Response): Promise<void> {
    const page = await this.service.list(pageOf(req));
    res.json(page);
  }${sep}

${prefix}get(req: Request<{ id: string }>, res: Response): Promise<void> {
    try {
      const view = await this.service.get(Number(req.params.id));
${remember}
      res.json(view);
    } catch (err) {
      if (!sendNotFound(res, err)) throw err;
    }
  }${sep}

${prefix}batch(req: Request, res: Response): Promise<void> {
    const ids = parseIds(req.query.ids);
    res.json(await this.service.getMany(ids));
  }${sep}

${prefix}create(req: Request, res: Response): Promise<void> {
    const input = parseCreate${d.Name}(req.body);
    const view = await this.service.create(input, req.get('x-api-token') ?? '');
    res.status(201).json(view);
  }${sep}

${prefix}exportHtml(req: Request<{ id: string }>, res: Response): Promise<void> {
    try {
      const summary = await this.service.summary(Number(req.params.id));
${readTemplate}${d.probe ? '\n      // bench:handler-edit-point' : ''}
      res.type('html').send(renderTemplate(template, { summary }));
    } catch (err) {
      if (!sendNotFound(res, err)) throw err;
    }
  }${sep}

${prefix}update(req: Request, res: Response): Promise<void> {
    try {
      const view = await this.service.update(Number(req.params.id), parseUpdate${d.Name}(req.body));
      res.json(view);
    } catch (err) {
      if (!sendNotFound(res, err)) throw err;
    }
  }${sep}

${prefix}search(req: Request, res: Response): Promise<void> {
    const term = parseSearchTerm(req.query.q);
    if (!term) {
      res.status(400).json({ error: 'q must be 2 to 64 characters' });
      return;
    }
    res.json(await this.service.search(term, pageOf(req)));
  }${sep}

${prefix}archive(req: Request, res: Response): Promise<void> {
    await this.service.archive(Number(req.params.id));
    res.status(204).end();
  }${sep}`;
  if (d.controllerClass) {
    f.add(`export class ${d.Name}Controller {
  constructor(private readonly service: ${d.Name}Service) {}
${methods('  async ', '')}
}`);
  } else {
    const body = methods('  async ', ',').replace(/this\.service/g, 'service').replace(/\n(?=.)/g, '\n  ');
    f.add(`export function create${d.Name}Controller(service: ${d.Name}Service) {
  return {${body}
  };
}`);
  }
  return f;
}

function routesFile(d, rel) {
  const f = new SourceFile(rel);
  f.add(imports([
    ['express', ['Router']],
    ['../../../deps', ['type AppDeps']],
    ['../../../lib/async-handler', [!d.controllerClass && 'asyncHandler']],
    ['../../../lib/auth', ['requireAuth']],
    [`./${d.name}.controller`, [d.controllerClass ? `${d.Name}Controller` : `create${d.Name}Controller`]],
    [`./${d.name}.repository`, [`${d.Name}Repository`]],
    [`./${d.name}.service`, [`${d.Name}Service`]],
  ]));
  const repoArg = d.knex ? 'deps.db' : 'deps.dataSource';
  f.add(`
/** ${d.route}: list, search, read, batch read, create, update, export and archive ${d.word}s. */
export function ${d.name}Router(deps: AppDeps): Router {
  const router = Router();
  const service = new ${d.Name}Service(new ${d.Name}Repository(${repoArg}));`);
  if (d.controllerClass) {
    f.add(`  const controller = new ${d.Name}Controller(service);

  router.get('${d.route}', (req, res, next) => {
    controller.list(req, res).catch(next);
  });
  router.get('${d.route}/batch', (req, res, next) => {
    controller.batch(req, res).catch(next);
  });
  router.get('${d.route}/search', (req, res, next) => {
    controller.search(req, res).catch(next);
  });
  router.patch('${d.route}/:id', requireAuth, (req, res, next) => {
    controller.update(req, res).catch(next);
  });
  router.get('${d.route}/:id', (req, res, next) => {
    controller.get(req, res).catch(next);
  });
  router.post('${d.route}', requireAuth, (req, res, next) => {
    controller.create(req, res).catch(next);
  });
  router.get('${d.route}/:id/export', (req, res, next) => {
    controller.exportHtml(req, res).catch(next);
  });
  router.delete('${d.route}/:id', requireAuth, (req, res, next) => {
    controller.archive(req, res).catch(next);
  });
  return router;
}`);
  } else {
    f.add(`  const controller = create${d.Name}Controller(service);

  router.get('${d.route}', asyncHandler(controller.list));
  router.get('${d.route}/batch', asyncHandler(controller.batch));
  router.get('${d.route}/search', asyncHandler(controller.search));
  router.patch('${d.route}/:id', requireAuth, asyncHandler(controller.update));
  router.get('${d.route}/:id', asyncHandler(controller.get));
  router.post('${d.route}', requireAuth, asyncHandler(controller.create));
  router.get('${d.route}/:id/export', asyncHandler(controller.exportHtml));
  router.delete('${d.route}/:id', requireAuth, asyncHandler(controller.archive));
  return router;
}`);
  }
  return f;
}

function helpersFile(d, rel) {
  const f = new SourceFile(rel);
  f.probe = d.probe ? 'helper' : undefined;
  const cryptoNames = ['createHash', d.helperApi === 'pbkdf2Sync' && 'pbkdf2Sync', d.helperApi === 'scryptSync' && 'scryptSync'];
  f.add(imports([
    ...(d.helperApi === 'bcrypt.hashSync' ? [['bcrypt', '* as bcrypt']] : []),
    ['node:crypto', cryptoNames],
    ['node:fs', ['readFileSync']],
    ['node:path', '* as path'],
    ['node:zlib', ['gzipSync']],
    [`./${d.name}.dto`, [`type ${d.Name}View`]],
  ]));
  const salt = `'${d.name}:v1'`;
  const syncKind = d.helperSync ? 'P:sync-blocking-call:helper-chain' : 'L:sync-blocking-call:never-called';
  const hash = {
    pbkdf2Sync: `  return pbkdf2Sync(token, SALT, 100_000, 32, 'sha256').toString('hex'); «${syncKind}»`,
    scryptSync: `  return scryptSync(token, SALT, 32).toString('hex'); «${syncKind}»`,
    'bcrypt.hashSync': `  return bcrypt.hashSync(token + SALT, 10); «${syncKind}»`,
  }[d.helperApi];
  const packKind = d.packReached ? 'P:sync-blocking-call:cross-module' : d.packFromSeed ? 'L:sync-blocking-call:tooling-only' : 'L:sync-blocking-call:never-called';
  f.add(`
const SALT = ${salt};
`);
  if (d.moduleScopeRead) {
    f.add(`/** Read once, when the module loads. */
const LABELS = JSON.parse(readFileSync(path.join(__dirname, '${d.name}.labels.json'), 'utf8')) as Record<string, string>; «L:sync-blocking-call:module-scope»
`);
  } else {
    f.add(`const LABELS: Record<string, string> = { draft: 'Draft', active: 'Active', archived: 'Archived' };
`);
  }
  f.add(`let template: string | undefined;

/** The export template: read on first use, then kept for the life of the process. */
export function load${d.Name}Template(file: string): string {
  if (!template) template = readFileSync(file, 'utf8'); «L:sync-blocking-call:lazy-init»
  return template;
}

/** Derives the request signature from the caller's API token. */
export function hashToken(token: string): string {${d.probe ? '\n  // bench:helper-edit-point' : ''}
${hash}
}

export function fingerprint(value: string): string {
  return createHash('sha256').update(SALT).update(value).digest('hex').slice(0, 16);
}

/** A compressed snapshot for the audit trail. */
export function packSnapshot(json: string): Buffer {
  return gzipSync(Buffer.from(json, 'utf8')); «${packKind}»
}

export function labelFor(status: string): string {
  return LABELS[status] ?? status;
}

export function renderSummary(view: ${d.Name}View, rates: Record<string, number>, extra: number): string {
  const rate = rates[view.status] ?? 1;
  return [\`#\${view.id}\`, labelFor(view.status), view.amount, (rate * Number(view.amount)).toFixed(2), String(extra)].join(' · ');
}`);
  return f;
}

function clientFile(d, rel) {
  const f = new SourceFile(rel);
  const env = `${d.Name.toUpperCase()}_SERVICE_URL`;
  f.add(`import axios from 'axios';

const BASE_URL = process.env.${env} ?? 'http://${d.word}-${d.i + 1}.internal:8080';
`);
  f.add(d.axiosNoTimeout
    ? `const http = axios.create({ «P:missing-timeout:axios-create»
  baseURL: BASE_URL,
  headers: { 'content-type': 'application/json' },
});`
    : `const http = axios.create({ «L:missing-timeout:axios-with-timeout»
  baseURL: BASE_URL,
  timeout: 5_000,
  headers: { 'content-type': 'application/json' },
});`);
  f.add(`
export type ${d.Name}Event = 'created' | 'archived';

export async function publish${d.Name}Event(event: ${d.Name}Event, id: number, signature: string): Promise<void> {
  await http.post('/events', { event, id }, { headers: { 'x-signature': signature } });
}

/** Exchange rates by status, from the pricing service. */
export async function fetch${d.Name}Rates(ownerId: number): Promise<Record<string, number>> {`);
  f.add(d.fetchNoSignal
    ? `  const res = await fetch(\`\${BASE_URL}/rates?owner=\${ownerId}\`); «P:missing-timeout:fetch-no-signal»`
    : `  const res = await fetch(\`\${BASE_URL}/rates?owner=\${ownerId}\`, { signal: AbortSignal.timeout(3_000) }); «L:missing-timeout:fetch-with-signal»`);
  f.add(`  if (!res.ok) return {};
  return (await res.json()) as Record<string, number>;
}`);
  return f;
}

function cacheFile(d, rel) {
  const f = new SourceFile(rel);
  f.add(imports([
    ['lru-cache', ['LRUCache']],
    [`./${d.name}.dto`, [`type ${d.Name}View`]],
  ]));
  f.add(`
/** When each ${d.word} was last viewed on this instance, for the "recently viewed" list. */
export const recent${d.Name}Views = new Map<string, number>();

/** Views by id: bounded and short-lived, so instances agree again within a minute. */
export const ${d.name}ViewCache = new LRUCache<number, ${d.Name}View>({ max: 1_000, ttl: 60_000 });

/** Status labels, filled once at startup. */
export const ${d.name}StatusLabels = new Map<string, string>();
for (const status of ['draft', 'active', 'archived']) {
  ${d.name}StatusLabels.set(status, status[0].toUpperCase() + status.slice(1)); «L:handler-memory-state:filled-at-startup»
}

export function recently${d.Name}Viewed(limit = 10): string[] {
  return [...recent${d.Name}Views.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id]) => id);
}`);
  return f;
}

function indexFile(d, rel) {
  const f = new SourceFile(rel);
  const model = d.knex ? 'table' : 'entity';
  f.add(`export { ${d.name}Router } from './${d.name}.routes';
export { ${d.Name}Service, ${d.Name}NotFoundError } from './${d.name}.service';
export { ${d.Name}Repository } from './${d.name}.repository';
export { fingerprint, hashToken, packSnapshot } from './${d.name}.helpers';
export type { ${d.Name}View, ${d.Name}Page, Create${d.Name}Input } from './${d.name}.dto';
export * from './${d.name}.${model}';`);
  return f;
}

// ---------------------------------------------------------------------------------------------
// Areas, utilities and the shared files

function areaFile(a, domains) {
  const name = areaName(a);
  const f = new SourceFile(`src/areas/${name}.ts`);
  f.add(imports([
    ['express', ['Router']],
    ['../deps', ['type AppDeps']],
    ...domains.map((d) => [`../modules/${name}/${d.name}`, [`${d.name}Router`]]),
  ]));
  f.add(`
/** Every ${name} route, mounted under /api/${name}. */
export function ${camel(name)}Routes(deps: AppDeps): Router {
  const router = Router();`);
  for (const d of domains) f.add(`  router.use(${d.name}Router(deps));`);
  f.add(`  return router;
}`);
  return f;
}

const camel = (s) => s.replace(/[-_](\w)/g, (_m, c) => c.toUpperCase());

function utilFile(u, rnd) {
  const base = UTIL_NAMES[u % UTIL_NAMES.length];
  const name = u < UTIL_NAMES.length ? base : `${base}${Math.floor(u / UTIL_NAMES.length) + 1}`;
  const f = new SourceFile(`src/lib/util/${name}.ts`);
  const n = rnd.int(2, 5);
  f.add(`/** Small ${base} helpers shared by modules. */
`);
  for (let k = 0; k < n; k++) {
    f.add(`export function ${camel(`${name}-helper-${k + 1}`)}(input: string, width = ${8 + k}): string {
  const trimmed = input.trim();
  if (trimmed.length <= width) return trimmed.padEnd(width, ' ');
  return \`\${trimmed.slice(0, width - 1)}…\`;
}
`);
  }
  f.add(`export const ${camel(name)}Version = ${u + 1};`);
  return f;
}

function sharedFiles(layout, domains) {
  const files = [];
  const add = (rel, text) => {
    const f = new SourceFile(rel);
    f.add(text);
    files.push(f);
    return f;
  };
  const areas = Array.from({ length: layout.areas }, (_v, a) => areaName(a));

  add('src/server.ts', `import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createApp } from './app';
import { createDataSource } from './db/data-source';
import { createKnex } from './db/knex';
import { loadConfig } from './lib/config';
import { logger } from './lib/logger';

// Startup: everything at the top level runs once, before the server accepts a request.
const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string }; «L:sync-blocking-call:module-scope»
const config = loadConfig();

async function main(): Promise<void> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  const db = createKnex(config);
  const app = createApp({ dataSource, db, config });
  const server = app.listen(config.port, () => logger.info(\`\${pkg.name} \${pkg.version} listening\`, { port: config.port }));
  server.requestTimeout = 30_000;
  const stop = () => {
    server.close(() => void dataSource.destroy().then(() => db.destroy()));
  };
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  logger.error('startup failed', { err: String(err) });
  process.exit(1);
});`);

  add('src/app.ts', `${imports([
    ['express', 'express, { type Express }'],
    ['./deps', ['type AppDeps']],
    ['./lib/errors', ['errorHandler']],
    ['./lib/rate-limit', ['rateLimit']],
    ...areas.map((a) => [`./areas/${a}`, [`${camel(a)}Routes`]]),
  ])}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(rateLimit);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptime: process.uptime() });
  });
${areas.map((a) => `  app.use('/api/${a}', ${camel(a)}Routes(deps));`).join('\n')}
  app.use(errorHandler);
  return app;
}`);

  add('src/deps.ts', `import type { Knex } from 'knex';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './lib/config';

/** What route modules need, created once in server.ts. */
export interface AppDeps {
  dataSource: DataSource;
  db: Knex;
  config: AppConfig;
}`);

  add('src/lib/config.ts', `import { existsSync, readFileSync } from 'node:fs';

export interface AppConfig {
  port: number;
  databaseUrl: string;
  dbPoolSize: number;
  apiSecret: string;
}

const DEFAULTS: AppConfig = { port: 3000, databaseUrl: 'postgres://localhost/app', dbPoolSize: 10, apiSecret: 'dev-secret' };

/** Called once from server.ts at startup. */
export function loadConfig(file = process.env.CONFIG_FILE ?? 'config/production.json'): AppConfig {
  if (!existsSync(file)) return { ...DEFAULTS }; «L:sync-blocking-call:startup-only»
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppConfig>; «L:sync-blocking-call:startup-only»
  return {
    port: Number(process.env.PORT ?? raw.port ?? DEFAULTS.port),
    databaseUrl: process.env.DATABASE_URL ?? raw.databaseUrl ?? DEFAULTS.databaseUrl,
    dbPoolSize: raw.dbPoolSize ?? DEFAULTS.dbPoolSize,
    apiSecret: process.env.API_SECRET ?? raw.apiSecret ?? DEFAULTS.apiSecret,
  };
}`);

  add('src/lib/async-handler.ts', `import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Forwards a rejected promise to Express's error handler. */
export function asyncHandler<P = Record<string, string>>(fn: (req: Request<P>, res: Response, next: NextFunction) => Promise<void>): RequestHandler<P> {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}`);

  add('src/lib/auth.ts', `import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SECRET = process.env.API_SECRET ?? 'dev-secret';

function sign(payload: string): Buffer {
  return createHmac('sha256', SECRET).update(payload).digest();
}

/** Accepts \`authorization: Signed <payload>.<hex signature>\`. */
export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const header = req.get('authorization') ?? '';
  const [payload, signature] = header.replace(/^Signed\\s+/i, '').split('.');
  const expected = payload ? sign(payload) : undefined;
  const given = Buffer.from(signature ?? '', 'hex');
  if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    res.status(401).json({ error: 'unauthorised' });
    return;
  }
  next();
}`);

  add('src/lib/logger.ts', `type Level = 'debug' | 'info' | 'warn' | 'error';

function write(level: Level, message: string, data?: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), message, ...data }) + '\\n');
}

export const logger = {
  debug: (message: string, data?: Record<string, unknown>) => write('debug', message, data),
  info: (message: string, data?: Record<string, unknown>) => write('info', message, data),
  warn: (message: string, data?: Record<string, unknown>) => write('warn', message, data),
  error: (message: string, data?: Record<string, unknown>) => write('error', message, data),
};`);

  add('src/lib/errors.ts', `import type { NextFunction, Request, Response } from 'express';
import { logger } from './logger';

export class ValidationError extends Error {
  constructor(readonly field: string) {
    super(\`invalid \${field}\`);
  }
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof ValidationError) {
    res.status(400).json({ error: err.message, field: err.field });
    return;
  }
  logger.error('request failed', { path: req.path, err: String(err) });
  res.status(500).json({ error: 'internal error' });
}`);

  add('src/lib/http.ts', `import axios from 'axios';

/** The shared client for internal services: every call has a deadline. */
export const internalHttp = axios.create({ timeout: 5_000, maxRedirects: 0 }); «L:missing-timeout:axios-with-timeout»`);

  add('src/lib/rate-limit.ts', `import type { NextFunction, Request, Response } from 'express';

const WINDOW_MS = 60_000;
const LIMIT = 600;

/** Requests per client address in the current window, on this instance only. */
const hits = new Map<string, { count: number; resetAt: number }>();

export function rateLimit(req: Request, res: Response, next: NextFunction): void {
  const key = req.ip ?? 'unknown';
  const now = Date.now();
  const entry = hits.get(key);
  if (!entry || entry.resetAt < now) {
    hits.set(key, { count: 1, resetAt: now + WINDOW_MS }); «P:handler-memory-state:rate-limit-counter»
    next();
    return;
  }
  entry.count++;
  if (entry.count > LIMIT) {
    res.status(429).json({ error: 'too many requests' });
    return;
  }
  next();
}`);

  add('src/lib/templates.ts', `const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** Fills \`{{name}}\` placeholders. */
export function renderTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\\{\\{\\s*(\\w+)\\s*\\}\\}/g, (_m, key: string) => escapeHtml(String(data[key] ?? '')));
}`);

  add('src/db/data-source.ts', `import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../lib/config';

export function createDataSource(config: AppConfig): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    poolSize: config.dbPoolSize,
    connectTimeoutMS: 5_000,
    extra: { statement_timeout: 10_000 },
    entities: [path.join(__dirname, '..', 'modules', '**', '*.entity.{ts,js}')],
    synchronize: false,
    logging: ['error', 'warn'],
  });
}`);

  add('src/db/knex.ts', `import knex, { type Knex } from 'knex';
import type { AppConfig } from '../lib/config';

export function createKnex(config: AppConfig): Knex {
  return knex({
    client: 'pg',
    connection: config.databaseUrl,
    pool: { min: 0, max: config.dbPoolSize },
    acquireConnectionTimeout: 10_000,
  });
}`);

  const seeded = domains.filter((d) => d.packFromSeed).slice(0, 50);
  const seed = new SourceFile('scripts/seed.ts');
  seed.add(`import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
${seeded.map((d) => `import { packSnapshot as pack${d.Name} } from '../src/modules/${d.areaName}/${d.name}';`).join('\n')}

// Tooling: run by hand against a development database, never on a request path.
const root = path.join(__dirname, '..');
const revision = execSync('git rev-parse HEAD', { cwd: root, encoding: 'utf8' }).trim(); «L:sync-blocking-call:tooling»
const fixtures = JSON.parse(readFileSync(path.join(root, 'fixtures', 'seed.json'), 'utf8')) as Record<string, unknown[]>; «L:sync-blocking-call:tooling»
const snapshots: Record<string, number> = {};
${seeded.map((d) => `snapshots['${d.name}'] = pack${d.Name}(JSON.stringify(fixtures['${d.name}'] ?? [])).length;`).join('\n')}
writeFileSync(path.join(root, 'seed-report.json'), JSON.stringify({ revision, snapshots }, null, 2));`);
  files.push(seed);
  return files;
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ options: { files: { type: 'string', default: '3000' }, seed: { type: 'string', default: '1' }, dir: { type: 'string' } } });
  const files = Number(values.files);
  const { tmpdir } = await import('node:os');
  const dir = values.dir ?? path.join(tmpdir(), `scalelint-corpus-${files}-seed${values.seed}`);
  const started = performance.now();
  const m = generate({ files, seed: Number(values.seed), dir });
  console.log(`${m.files} files, ${m.lines} lines in ${m.dir} (${Math.round(performance.now() - started)} ms)`);
  console.log(`planted: ${JSON.stringify(m.planted)}`);
  console.log(`look-alikes: ${JSON.stringify(m.lookAlikes)}`);
}
