/**
 * The engine on its own, proven with small test-only rules: API resolution, request paths,
 * suppressions, configuration errors, projects, overlays, multi-file fixes and fault isolation.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { defineRule, type Rule } from '../../rules/api';
import { RULES } from '../../rules';
import { Analyzer } from '../src/engine/analyzer';
import { requestPathStats } from '../src/engine/request-paths';
import { parseConfig } from '../src/engine/config';
import { applyEdits, groupEditsByFile, selectFixEdits } from '../src/engine/edits';
import { compareFindings, parseFixture } from './harness/markers';
import { toActual } from './harness/fixtures';
import { makeWorkspace } from './helpers/lsp-client';

/** Reports every call whose callee resolves to a module export, as `module:name`. */
const resolveEverything = defineRule<'resolved', Record<string, never>>({
  id: 'test-resolve',
  meta: { summary: 'test', defaultSeverity: 'info', requiresTypeChecking: true, messages: { resolved: '{{api}}' }, options: {} },
  visit: {
    CallExpression(node: ts.CallExpression, ctx) {
      const api = ctx.resolveApi(node.expression);
      ctx.report({ node: node.expression, messageId: 'resolved', data: { api: api ? `${api.module}:${api.name}` : 'project' } });
    },
  },
});

/** Reports calls named `marked()` with the request path that reaches them. */
const routeOfMarked = defineRule<'route' | 'none', Record<string, never>>({
  id: 'test-route',
  meta: { summary: 'test', defaultSeverity: 'warning', requiresTypeChecking: true, messages: { route: '{{route}} via {{chain}}', none: 'not on a request path' }, options: {} },
  visit: {
    CallExpression(node: ts.CallExpression, ctx) {
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'marked') return;
      const p = ctx.requestPathTo(node);
      if (p) ctx.report({ node: node.expression, messageId: 'route', data: { route: p.route, chain: p.chainText }, related: p.chain });
      else ctx.report({ node: node.expression, messageId: 'none' });
    },
  },
});

function messages(analyzer: Analyzer, file: string): string[] {
  return analyzer.analyzeFile(file).findings.map((f) => f.message);
}

describe('API resolution', () => {
  const dir = makeWorkspace({
    'src/reexport.ts': "export { readFileSync as load } from 'fs';\nexport * from 'node:zlib';\n",
    'src/use.ts': [
      "import * as fs from 'fs';",
      "import { load, gzipSync } from './reexport';",
      "import fsDefault from 'node:fs';",
      'const alias = fs.readFileSync;',
      'const { statSync: stat } = fsDefault;',
      'function readSync(): number { return 1; }',
      "load('a');",
      "gzipSync(Buffer.from('x'));",
      "fs.readFileSync('b');",
      "alias('c');",
      "stat('d');",
      'readSync();',
      '{ const readFileSync = (p: string) => p; readFileSync("e"); }',
      '',
    ].join('\n'),
    'lib/legacy.js': "const { readFileSync: rfs } = require('fs');\nconst cp = require('child_process');\nrfs('x');\ncp.execSync('ls');\n",
  });
  const analyzer = new Analyzer({ roots: [dir], rules: [resolveEverything] });

  test('through re-exports, namespaces, default imports, const aliases and destructuring', () => {
    assert.deepEqual(messages(analyzer, path.join(dir, 'src/use.ts')), [
      'fs:readFileSync',
      'zlib:gzipSync',
      'global:BufferConstructor.from',
      'fs:readFileSync',
      'fs:readFileSync',
      'fs:statSync',
      'project',
      'project',
    ]);
  });

  test('through destructured require in JavaScript (inferred project, allowJs)', () => {
    assert.deepEqual(messages(analyzer, path.join(dir, 'lib/legacy.js')).filter((m) => m !== 'global:require'), ['fs:readFileSync', 'child_process:execSync']);
  });
});

describe('request paths', () => {
  const dir = makeWorkspace({
    'src/routes.ts': [
      "import express from 'express';",
      "import { listUsers } from './service';",
      'const app = express();',
      "if (process.env.FEATURE_EXPORT) app.get('/export', (req, res) => { res.send(listUsers()); });",
      "app.get('/users', (req, res) => { res.json(listUsers()); });",
      '',
    ].join('\n'),
    'src/service.ts': "import { render } from './render';\nexport function listUsers(): string { return render(); }\n",
    'src/render.ts': "import { marked } from './marked';\nexport function render(): string { return marked(); }\nexport const atStartup = marked();\n",
    'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    'src/unregistered.ts': "import { marked } from './marked';\nexport function handlerShaped(req: unknown, res: unknown) { return marked(); }\n",
  });
  const analyzer = new Analyzer({ roots: [dir], rules: [routeOfMarked] });

  test('a helper three files away carries the route and the chain', () => {
    const [onPath, atStartup] = analyzer.analyzeFile(path.join(dir, 'src/render.ts')).findings;
    // The route behind a feature flag is still a route; the first registration found wins.
    assert.equal(onPath.message, 'GET /export via GET /export → handler() → listUsers() → render()');
    assert.deepEqual(
      onPath.related.map((r) => [path.basename(r.file), r.label]),
      [
        ['routes.ts', 'GET /export registered here'],
        ['routes.ts', 'calls listUsers()'],
        ['service.ts', 'calls render()'],
      ],
    );
    assert.equal(atStartup.message, 'not on a request path');
  });

  test('a handler-shaped function that nothing registers is not a request path', () => {
    assert.deepEqual(messages(analyzer, path.join(dir, 'src/unregistered.ts')), ['not on a request path']);
  });

  test('a function no file names again is answered without walking the call graph', () => {
    const fresh = new Analyzer({ roots: [dir], rules: [routeOfMarked] });
    const searches = () => requestPathStats.functionsSummarised + requestPathStats.backwardSearches;
    const before = searches();
    assert.deepEqual(messages(fresh, path.join(dir, 'src/unregistered.ts')), ['not on a request path']);
    assert.equal(searches() - before, 0);
    // A function that is named elsewhere is searched for, backwards from its callers.
    assert.equal(messages(fresh, path.join(dir, 'src/render.ts'))[0], 'GET /export via GET /export → handler() → listUsers() → render()');
    assert.ok(searches() - before > 0);
  });

  test('an edit re-reads only the edited file and what imports it, and new links are followed', () => {
    const render = path.join(dir, 'src/render.ts');
    messages(analyzer, render);
    const before = { ...requestPathStats };
    // An unrelated file changes: only it is re-read for entry points; no function is re-summarised.
    analyzer.host.setOverlay(path.join(dir, 'src/unregistered.ts'), "import { marked } from './marked';\nexport const x = marked;\n");
    messages(analyzer, render);
    assert.equal(requestPathStats.filesScanned - before.filesScanned, 1);
    assert.equal(requestPathStats.functionsSummarised - before.functionsSummarised, 0);
    analyzer.host.clearOverlay(path.join(dir, 'src/unregistered.ts'));
  });

  test('a link that appears in another file is followed after the edit', () => {
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { load } from './service';\nexpress().get('/late', (req, res) => { res.send(load()); });\n",
      'src/service.ts': 'export function other(): string { return "x"; }\n',
      'src/marked.ts': "export function marked(): string { return 'x'; }\nexport function helper(): string { return marked(); }\n",
    });
    const late = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const marked = path.join(ws, 'src/marked.ts');
    assert.deepEqual(messages(late, marked), ['not on a request path']);
    // The handler's call to load() resolves only once service.ts exports it.
    late.host.setOverlay(path.join(ws, 'src/service.ts'), "import { helper } from './marked';\nexport function load(): string { return helper(); }\n");
    assert.deepEqual(messages(late, marked), ['GET /late via GET /late → handler() → load() → helper()']);
  });

  test("an edit's question is answered backwards from the function's callers, with the route and chain the whole search gives", async () => {
    const ws = makeWorkspace({
      'src/routes.ts': [
        "import express from 'express';",
        "import { audit } from './audit';",
        "import { others } from './others';",
        'const app = express();',
        // Searched forwards, the 30 steps behind /others come before render() in breadth-first order.
        "app.get('/others', (req, res) => { res.send(others()); });",
        "app.get('/deep', (req, res) => { res.send(audit()); });",
        "app.get('/also', (req, res) => { res.send(audit()); });",
        '',
      ].join('\n'),
      // An alias in another file: the caller never names `render`.
      'src/aliases.ts': "import { render } from './render';\nexport const lookup = render;\n",
      'src/audit.ts': "import { lookup } from './aliases';\nexport function audit(): string { return middle(); }\nfunction middle(): string { return lookup(); }\n",
      'src/render.ts': "import { marked } from './marked';\nexport function render(): string { return marked(); }\n",
      'src/others.ts': `export function others(): string { return [${Array.from({ length: 30 }, (_, i) => `step${i}()`).join(', ')}].join(); }\n${Array.from({ length: 30 }, (_, i) => `function step${i}(): string { return '${i}'; }`).join('\n')}\n`,
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const render = path.join(ws, 'src/render.ts');
    const before = { ...requestPathStats };
    const answer = new Analyzer({ roots: [ws], rules: [routeOfMarked] }).analyzeFile(render).findings;
    const summarised = requestPathStats.functionsSummarised - before.functionsSummarised;
    assert.ok(requestPathStats.backwardSearches > before.backwardSearches);
    // The whole search first (as a scan does), then the same question.
    const forwards = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const whole = forwards.describeRequestPaths([render]).reachableFunctions;
    const expected = forwards.analyzeFile(render).findings;
    assert.equal(answer[0].message, 'GET /deep via GET /deep → handler() → audit() → middle() → render()');
    assert.deepEqual(answer.map((f) => [f.message, f.related]), expected.map((f) => [f.message, f.related]));
    // It read the callers of render() (through the alias), middle() and audit(), not the steps of /others.
    assert.ok(whole > 30 && summarised < 10, `summarised ${summarised} of ${whole} reachable functions`);
    // A scan asks about every file: it searches the whole graph at once, with the same answer.
    const beforeScan = requestPathStats.backwardSearches;
    const scan = await new Analyzer({ roots: [ws], rules: [routeOfMarked] }).scan([render]);
    assert.deepEqual(scan.files[0].findings.map((f) => [f.message, f.related]), expected.map((f) => [f.message, f.related]));
    assert.equal(requestPathStats.backwardSearches, beforeScan, 'a scan searches no question backwards');
  });

  test('a question whose backward search gave up goes to the whole search on the next program', () => {
    const callers = Array.from({ length: 1001 }, (_, i) => `export function caller${i}(): string { return render(); }`);
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { caller0 } from './callers';\nexpress().get('/x', (req, res) => { res.send(caller0()); });\n",
      'src/callers.ts': `import { render } from './render';\n${callers.join('\n')}\n`,
      'src/render.ts': "import { marked } from './marked';\nexport function render(): string { return marked(); }\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const render = path.join(ws, 'src/render.ts');
    const before = requestPathStats.backwardSearches;
    const route = 'GET /x via GET /x → handler() → caller0() → render()';
    assert.deepEqual(messages(analyzer, render), [route]);
    assert.equal(requestPathStats.backwardSearches - before, 1, 'tried backwards once, and gave up past 1,000 calls resolved');
    analyzer.host.setOverlay(render, `${fs.readFileSync(render, 'utf8')}// edited\n`);
    assert.deepEqual(messages(analyzer, render), [route]);
    assert.equal(requestPathStats.backwardSearches - before, 1, 'not tried again after the edit');
  });

  test('an interface an implements clause reaches through a re-export that appears later is followed after the edit', () => {
    const ws = makeWorkspace({
      'src/store-iface.ts': 'export interface Store { load(): string }\n',
      'src/types.ts': 'export const nothing = 1;\n',
      'src/index.ts': "export * from './types';\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
      'src/impl.ts': "import { Store } from './index';\nimport { marked } from './marked';\nexport class PgStore implements Store { load(): string { return marked(); } }\n",
      'src/routes.ts': "import express from 'express';\nimport { Store } from './store-iface';\ndeclare const store: Store;\nexpress().get('/x', (req, res) => { res.send(store.load()); });\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const impl = path.join(ws, 'src/impl.ts');
    assert.deepEqual(messages(analyzer, impl), ['not on a request path']);
    // impl.ts and what it imports are unchanged: the clause's interface changed two files away. (The
    // handler's file is edited too: its summary is kept while it and its imports are unchanged.)
    analyzer.host.setOverlay(path.join(ws, 'src/types.ts'), "export { Store } from './store-iface';\n");
    const routes = path.join(ws, 'src/routes.ts');
    analyzer.host.setOverlay(routes, `${fs.readFileSync(routes, 'utf8')}// edited\n`);
    assert.deepEqual(messages(analyzer, impl), ['GET /x via GET /x → handler() → PgStore.load()']);
  });

  test('a class that comes to implement an interface, in a file no caller imports, is reached through the calls made on the interface', () => {
    const ws = makeWorkspace({
      'src/store.ts': 'export interface Store { load(): string }\n',
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
      'src/mem-store.ts': "import { Store } from './store';\nexport class MemStore implements Store { load(): string { return 'mem'; } }\n",
      'src/pg-store.ts': "import { marked } from './marked';\nexport class PgStore { load(): string { return marked(); } }\n",
      'src/routes.ts': "import express from 'express';\nimport { Store } from './store';\ndeclare const store: Store;\nexpress().get('/x', (req, res) => { res.send(store.load()); });\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const pg = path.join(ws, 'src/pg-store.ts');
    const mem = path.join(ws, 'src/mem-store.ts');
    assert.deepEqual(messages(analyzer, pg), ['not on a request path']);
    // Only pg-store.ts changes: the handler's file and what it imports stay as they were.
    analyzer.host.setOverlay(pg, "import { marked } from './marked';\nimport { Store } from './store';\nexport class PgStore implements Store { load(): string { return marked(); } }\n");
    assert.deepEqual(messages(analyzer, pg), ['GET /x via GET /x → handler() → PgStore.load()']);
    // And the same after the whole search has run on a program (a scan, or an earlier question).
    analyzer.host.setOverlay(mem, "import { Store } from './store';\nimport { marked } from './marked';\nexport class MemStore implements Store { load(): string { return marked(); } }\n");
    assert.equal(analyzer.describeRequestPaths([mem]).reachableFunctions > 0, true);
    analyzer.host.setOverlay(pg, "import { marked } from './marked';\nexport class PgStore { load(): string { return marked(); } }\n");
    assert.deepEqual(messages(analyzer, pg), ['not on a request path']);
    assert.deepEqual(messages(analyzer, mem), ['GET /x via GET /x → handler() → MemStore.load()']);
  });

  test("a helper's query summary follows a class that comes to implement the interface it calls", () => {
    const ws = makeWorkspace({
      'src/store.ts': 'export interface Store { load(id: string): Promise<unknown> }\n',
      'src/mem-store.ts': "import { Store } from './store';\nexport class MemStore implements Store { async load(id: string): Promise<unknown> { return id; } }\n",
      'src/pg-store.ts': "import { Pool } from 'pg';\nconst pool = new Pool();\nexport class PgStore { async load(id: string): Promise<unknown> { return pool.query('select * from t where id = $1', [id]); } }\n",
      'src/fetch-one.ts': "import { Store } from './store';\ndeclare const store: Store;\nexport async function fetchOne(id: string): Promise<unknown> { return store.load(id); }\n",
      'src/routes.ts': "import express from 'express';\nimport { fetchOne } from './fetch-one';\nexpress().get('/x', async (req, res) => {\n  for (const id of req.body.ids as string[]) await fetchOne(id);\n  res.send('ok');\n});\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: RULES.filter((r) => r.id === 'n-plus-one-query') });
    const routes = path.join(ws, 'src/routes.ts');
    assert.deepEqual(messages(analyzer, routes), []);
    analyzer.host.setOverlay(path.join(ws, 'src/pg-store.ts'), fs.readFileSync(path.join(ws, 'src/pg-store.ts'), 'utf8').replace("import { Pool } from 'pg';", "import { Pool } from 'pg';\nimport { Store } from './store';").replace('class PgStore', 'class PgStore implements Store'));
    const [finding] = messages(analyzer, routes);
    assert.match(finding ?? '', /`fetchOne\(\)`.*issues a query.*once per element/);
  });

  test('a name that becomes a function in one file makes its aliases in other files callable, and losing it again is followed', () => {
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { runIt } from './tasks';\nexpress().get('/x', (req, res) => { res.send(runIt()); });\n",
      // `runIt` names whatever `stop` names: nothing yet.
      'src/tasks.ts': "import { inner } from './inner';\nexport const runIt = inner.stop;\nexport const later = () => inner.go();\n",
      'src/inner.ts': "import { marked } from './marked';\nexport const inner = { go: () => marked() };\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const inner = path.join(ws, 'src/inner.ts');
    const withMember = (name: string) => `import { marked } from './marked';\nexport const inner = { go: () => marked(), ${name}: () => marked() };\n`;
    // Asked on the first program too, so the next programs start from its names.
    assert.deepEqual(messages(analyzer, inner), ['not on a request path']);
    analyzer.host.setOverlay(inner, withMember('stop'));
    assert.deepEqual(messages(analyzer, inner), ['not on a request path', 'GET /x via GET /x → handler() → stop()']);
    analyzer.host.setOverlay(inner, withMember('halt'));
    assert.deepEqual(messages(analyzer, inner), ['not on a request path', 'not on a request path']);
    analyzer.host.setOverlay(inner, withMember('stop'));
    assert.deepEqual(messages(analyzer, inner), ['not on a request path', 'GET /x via GET /x → handler() → stop()']);
  });

  test('a mention after a non-ASCII space still names the function', () => {
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { listUsers } from './service';\nexpress().get('/users', (req, res) => { res.json(listUsers()); });\n",
      'src/service.ts': "import { render } from './render';\nexport function listUsers(): string { return\u00A0render(); }\n",
      'src/render.ts': "import { marked } from './marked';\nexport function render(): string { return marked(); }\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    // Asked alone, as an edit asks: the backward search finds the caller by the name's mention.
    assert.deepEqual(messages(new Analyzer({ roots: [ws], rules: [routeOfMarked] }), path.join(ws, 'src/render.ts')), ['GET /users via GET /users → handler() → listUsers() → render()']);
  });

  // The checker is asked only about callees whose name the project declares: names that differ from
  // the declaration's (renames, default imports, assignments, aliases) must still be followed.
  test('calls through renamed and default imports, CommonJS-style assignments and aliases are followed', () => {
    const ws = makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, target: 'ES2022', module: 'commonjs', esModuleInterop: true, skipLibCheck: true } }),
      'src/routes.ts': [
        "import express from 'express';",
        "import { viaRename as lookup } from './helpers';",
        "import fromDefault from './default-export';",
        "import underAnotherName from './named-default';",
        "import * as legacy from './legacy';",
        "import * as helpers from './helpers';",
        'const app = express();',
        "app.get('/rename', (req, res) => { res.send(lookup()); });",
        "app.get('/default', (req, res) => { res.send(fromDefault()); });",
        "app.get('/named-default', (req, res) => { res.send(underAnotherName()); });",
        "app.get('/assigned', (req, res) => { res.send(legacy.assigned()); });",
        "app.get('/alias', (req, res) => { const run = helpers.viaAlias; res.send(run()); });",
        '',
      ].join('\n'),
      'src/helpers.ts': [
        "import { marked } from './marked';",
        'export function viaRename(): string { return marked(); }',
        'export function viaAlias(): string { return marked(); }',
        '',
      ].join('\n'),
      'src/default-export.ts': "import { marked } from './marked';\nexport default function (): string { return marked(); }\n",
      // Imported under another name: no file mentions `buildPage` again.
      'src/named-default.ts': "import { marked } from './marked';\nexport default function buildPage(): string { return marked(); }\n",
      'src/legacy.js': "const { marked } = require('./marked');\nexports.assigned = function () { return marked(); };\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    // Asked first, before another question's search has met it on the way.
    assert.deepEqual(messages(new Analyzer({ roots: [ws], rules: [routeOfMarked] }), path.join(ws, 'src/named-default.ts')), ['GET /named-default via GET /named-default → handler() → buildPage()']);
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const routes = ['helpers.ts', 'default-export.ts', 'named-default.ts', 'legacy.js'].flatMap((f) => messages(analyzer, path.join(ws, 'src', f)).map((m) => m.split(' via ')[0]));
    assert.deepEqual(routes, ['GET /rename', 'GET /alias', 'GET /default', 'GET /named-default', 'GET /assigned']);
  });

  test("an edit inside a function body whose return type is declared keeps what other files' calls resolved to", () => {
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { listUsers } from './service';\nimport { suffix } from './util';\nexpress().get('/users', (req, res) => { res.send(listUsers() + suffix()); });\n",
      'src/service.ts': "import { render } from './render';\nexport function listUsers(): string { return render(); }\n",
      'src/render.ts': "import { marked } from './marked';\nexport function render(): string { return marked(); }\n",
      'src/util.ts': "export function suffix(): string {\n  return '!';\n}\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const render = path.join(ws, 'src/render.ts');
    const route = 'GET /users via GET /users → handler() → listUsers() → render()';
    assert.deepEqual(messages(analyzer, render), [route]);
    // The handler's file imports util.ts: its calls resolve as before, though util.ts is a new file.
    const util = path.join(ws, 'src/util.ts');
    const edited = (text: string) => {
      analyzer.host.setOverlay(util, text);
      const before = requestPathStats.callsResolved;
      assert.deepEqual(messages(analyzer, render), [route]);
      return requestPathStats.callsResolved - before;
    };
    assert.equal(edited("// A header comment\nexport function suffix(): string {\n  // typed in the body\n  return '?';\n}\n"), 0, 'a body and comments changed: nothing resolved again');
    assert.ok(edited("export function suffix() {\n  return '?';\n}\n") > 0, 'a return type now inferred from the body: the calls are resolved again');
  });

  test('calls into a file edited inside a body move on to the functions at the same places in its new version', () => {
    const service = (body: string) => `import { marked } from './marked';\nexport function other(): string { return marked(); }\nexport function listUsers(): string {\n  ${body}\n}\n`;
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { listUsers } from './service';\nexpress().get('/users', (req, res) => { res.send(listUsers()); });\n",
      'src/service.ts': service('return marked();'),
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const file = path.join(ws, 'src/service.ts');
    const expected = ['not on a request path', 'GET /users via GET /users → handler() → listUsers()'];
    assert.deepEqual(messages(analyzer, file), expected);
    analyzer.host.setOverlay(file, service("const label = marked();\n  return label + '';"));
    const before = requestPathStats.callsResolved;
    assert.deepEqual(messages(analyzer, file), expected);
    assert.equal(requestPathStats.callsResolved - before, 0, "the handler's call of listUsers() is not resolved again");
  });

  test('a middleware factory whose body comes to return the middleware registers it, though its return type was declared', () => {
    const factory = (returned: string) =>
      [
        "import type { RequestHandler } from 'express';",
        "import { marked } from './marked';",
        'const allow: RequestHandler = (req, res, next) => { marked(); next(); };',
        'export function requireRole(role: string): RequestHandler {',
        `  return ${returned};`,
        '}',
        '',
      ].join('\n');
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { requireRole } from './auth';\nexpress().get('/admin', requireRole('admin'), (req, res) => { res.send('ok'); });\n",
      'src/auth.ts': factory('allow'),
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const auth = path.join(ws, 'src/auth.ts');
    // A constant the factory returns is not followed: only a function it returns inline is the middleware.
    assert.deepEqual(messages(analyzer, auth), ['not on a request path']);
    analyzer.host.setOverlay(auth, factory('(req, res, next) => { marked(); next(); }'));
    assert.deepEqual(messages(analyzer, auth), ['not on a request path', 'GET /admin via GET /admin → handler()']);
  });

  test('an edit inside a body that an inferred return type depends on is followed into the files that call through it', () => {
    const ws = makeWorkspace({
      'src/routes.ts': "import express from 'express';\nimport { makeStep } from './factory';\nexpress().get('/run', (req, res) => { res.send(makeStep().run()); });\n",
      'src/factory.ts': "import { First, Second } from './steps';\nexport function makeStep() {\n  return new First();\n}\n",
      'src/steps.ts': "import { marked } from './marked';\nexport class First { run(): string { return marked(); } }\nexport class Second { run(): string { return marked(); } }\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    const steps = path.join(ws, 'src/steps.ts');
    assert.deepEqual(messages(analyzer, steps), ['GET /run via GET /run → handler() → First.run()', 'not on a request path']);
    analyzer.host.setOverlay(path.join(ws, 'src/factory.ts'), "import { First, Second } from './steps';\nexport function makeStep() {\n  return new Second();\n}\n");
    assert.deepEqual(messages(analyzer, steps), ['not on a request path', 'GET /run via GET /run → handler() → Second.run()']);
  });

  test('a function or interface exported as default under another name is followed by whatever name imports it', () => {
    const ws = makeWorkspace({
      'src/routes.ts': [
        "import express from 'express';",
        "import run from './page';",
        "import Source from './source';",
        'declare const source: Source;',
        'const app = express();',
        "app.get('/page', (req, res) => { res.send(run()); });",
        "app.get('/source', (req, res) => { res.send(source.load()); });",
        '',
      ].join('\n'),
      // No other file names `buildPage` or `Loader`: the default export renames them.
      'src/page.ts': "import { marked } from './marked';\nfunction buildPage(): string { return marked(); }\nexport { buildPage as default };\n",
      'src/source.ts': 'interface Loader { load(): string }\nexport { Loader as default };\n',
      'src/pg-source.ts': "import { marked } from './marked';\nimport Base from './source';\nexport class PgSource implements Base { load(): string { return marked(); } }\n",
      'src/marked.ts': "export function marked(): string { return 'x'; }\n",
    });
    // Each asked first, as an edit asks: before any whole search has met the function.
    assert.deepEqual(messages(new Analyzer({ roots: [ws], rules: [routeOfMarked] }), path.join(ws, 'src/page.ts')), ['GET /page via GET /page → handler() → buildPage()']);
    assert.deepEqual(messages(new Analyzer({ roots: [ws], rules: [routeOfMarked] }), path.join(ws, 'src/pg-source.ts')), ['GET /source via GET /source → handler() → PgSource.load()']);
  });

  test('a solution-style tsconfig is followed to its referenced configs, whose paths resolve imports', () => {
    const ws = makeWorkspace({
      'apps/api/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }] }),
      'apps/api/tsconfig.app.json': JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', esModuleInterop: true, skipLibCheck: true, baseUrl: '.', paths: { '@api/*': ['src/*'] } },
        include: ['src/**/*.ts'],
      }),
      'apps/api/src/routes.ts': "import express from 'express';\nimport { helper } from '@api/helper';\nexpress().get('/aliased', (req, res) => { res.send(helper()); });\n",
      'apps/api/src/helper.ts': "export function helper(): string { return marked(); }\nfunction marked(): string { return 'x'; }\n",
    });
    const analyzer = new Analyzer({ roots: [ws], rules: [routeOfMarked] });
    assert.deepEqual(messages(analyzer, path.join(ws, 'apps/api/src/helper.ts')), ['GET /aliased via GET /aliased → handler() → helper()']);
  });
});

describe('suppressions', () => {
  const rule = defineRule<'hit', Record<string, never>>({
    id: 'test-hit',
    meta: { summary: 'test', defaultSeverity: 'warning', requiresTypeChecking: false, messages: { hit: 'hit' }, options: {} },
    visit: {
      CallExpression(node: ts.CallExpression, ctx) {
        if (ts.isIdentifier(node.expression) && node.expression.text === 'hit') ctx.report({ node: node.expression, messageId: 'hit' });
      },
    },
  });
  const dir = makeWorkspace({
    'a.ts': [
      'declare function hit(): void;',
      '// scalelint-disable-next-line test-hit -- measured: runs once a day',
      'hit();',
      '// scalelint-disable-next-line test-hit',
      'hit();',
      '// scalelint-disable-next-line test-hit -- nothing to suppress here',
      'const x = 1;',
      '// scalelint-disable-next-line no-such-rule -- typo',
      'hit();',
      'hit(); // scalelint-disable-next-line test-hit -- a trailing comment is not a directive',
      '',
    ].join('\n'),
    'b.ts': '// scalelint-disable-file test-hit -- generated adapter, reviewed\ndeclare function hit(): void;\nhit();\nhit();\n',
  });
  const analyzer = new Analyzer({ roots: [dir], rules: [rule] });

  test('with a reason it suppresses; without one, unused or naming an unknown rule it is reported', () => {
    const findings = analyzer.analyzeFile(path.join(dir, 'a.ts')).findings;
    const text = fs.readFileSync(path.join(dir, 'a.ts'), 'utf8');
    const summary = toActual(findings, text).map((f) => `${f.line + 1}:${f.ruleId}:${f.message.slice(0, 30)}`);
    assert.deepEqual(summary, [
      '4:suppression:A suppression needs a reason a',
      '6:suppression:This suppression of `test-hit`',
      '8:suppression:Unknown rule `no-such-rule` in',
      '9:test-hit:hit',
      '10:test-hit:hit',
    ]);
  });

  test('the file-level form suppresses every finding of the rule in the file', () => {
    assert.deepEqual(messages(analyzer, path.join(dir, 'b.ts')), []);
  });

  test('every finding offers a "suppress with reason" fix that inserts a directive above it', () => {
    const finding = analyzer.analyzeFile(path.join(dir, 'a.ts')).findings.find((f) => f.ruleId === 'test-hit')!;
    const fix = finding.fixes.find((f) => f.isSuppression)!;
    const text = fs.readFileSync(path.join(dir, 'a.ts'), 'utf8');
    const out = applyEdits(text, fix.edits());
    assert.match(out, /\/\/ scalelint-disable-next-line no-such-rule, test-hit -- typo\nhit\(\);/);
  });
});

describe('configuration', () => {
  test('JSON errors and schema errors name file, line and key; valid settings still apply', () => {
    const text = '{\n  // comments are fine\n  "rules": {\n    "sync-blocking-call": "loud",\n    "no-such-rule": "error"\n  },\n  "maxFileSizeKb": 64,\n  "ignoer": []\n}\n';
    const loaded = parseConfig(text, '/ws/.scalelintrc.json', RULES);
    const errors = loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
    assert.ok(errors.some((e) => /^4:5 "rules\.sync-blocking-call" must be equal to one of the allowed values/.test(e)), errors.join('\n'));
    assert.ok(errors.includes('5:5 unknown key "no-such-rule" in "rules"'), errors.join('\n'));
    assert.ok(errors.includes('8:3 unknown key "ignoer"'), errors.join('\n'));
    assert.equal(loaded.config.maxFileSizeKb, 64);
    const broken = parseConfig('{ "rules": { ', '/ws/.scalelintrc.json', RULES);
    assert.match(`${broken.errors[0].line}:${broken.errors[0].message}`, /^1:invalid JSON/);
  });

  test('rule options reach the rule, and "off" turns it off', () => {
    const dir = makeWorkspace({
      'src/job.ts': "import { readFileSync } from 'node:fs';\nexport function nightly(): string { return readFileSync('x', 'utf8'); }\n",
      '.scalelintrc.json': '{ "rules": { "sync-blocking-call": { "options": { "scope": "any-function" } } } }',
    });
    assert.equal(new Analyzer({ roots: [dir] }).analyzeFile(path.join(dir, 'src/job.ts')).findings.length, 1);
    fs.writeFileSync(path.join(dir, '.scalelintrc.json'), '{ "rules": { "sync-blocking-call": "off" } }');
    assert.equal(new Analyzer({ roots: [dir] }).analyzeFile(path.join(dir, 'src/job.ts')).findings.length, 0);
  });
  test('a finding the rule caps at info stays info when the rule is raised to error, and "off" still silences it', () => {
    const capped = defineRule<'note' | 'warn', Record<string, never>>({
      id: 'test-capped',
      meta: { summary: 'test', defaultSeverity: 'warning', requiresTypeChecking: false, messages: { note: 'note', warn: 'warn' }, options: {} },
      visit: {
        CallExpression(node: ts.CallExpression, ctx) {
          const isNote = node.expression.getText() === 'note';
          ctx.report({ node: node.expression, messageId: isNote ? 'note' : 'warn', maxSeverity: isNote ? 'info' : undefined });
        },
      },
    });
    const dir = makeWorkspace({ 'src/a.ts': 'declare function note(): void;\ndeclare function warn(): void;\nnote();\nwarn();\n', '.scalelintrc.json': '{ "rules": { "test-capped": "error" } }' });
    const severities = () => new Analyzer({ roots: [dir], rules: [capped] }).analyzeFile(path.join(dir, 'src/a.ts')).findings.map((f) => `${f.messageId}:${f.severity}`);
    assert.deepEqual(severities(), ['note:info', 'warn:error']);
    fs.writeFileSync(path.join(dir, '.scalelintrc.json'), '{ "rules": { "test-capped": "off" } }');
    assert.deepEqual(severities(), []);
  });
});

describe('projects, overlays and what is analysed', () => {
  const dir = makeWorkspace({
    'packages/api/tsconfig.json': '{ "compilerOptions": { "strict": true, "esModuleInterop": true }, "include": ["src"] }',
    'packages/api/src/index.ts': 'export const a = 1;\n',
    'packages/worker/tsconfig.json': '{ "compilerOptions": { "strict": true }, "include": ["src"] }',
    'packages/worker/src/index.ts': 'export const b = 2;\n',
    'tools/loose.js': 'module.exports = 3;\n',
    'src/generated.ts': '// Code generated by protoc-gen-ts. DO NOT EDIT.\nexport const c = 4;\n',
    'dist/bundle.js': 'module.exports = 5;\n',
    '.gitignore': 'dist/\n',
  });
  fs.rmSync(path.join(dir, 'tsconfig.json'));
  const analyzer = new Analyzer({ roots: [dir], rules: [resolveEverything] });

  test('each tsconfig is its own project; files outside any go to an inferred project with allowJs', () => {
    const api = analyzer.host.projectFor(path.join(dir, 'packages/api/src/index.ts'));
    const worker = analyzer.host.projectFor(path.join(dir, 'packages/worker/src/index.ts'));
    const loose = analyzer.host.projectFor(path.join(dir, 'tools/loose.js'));
    assert.equal(api.tsconfig, path.join(dir, 'packages/api/tsconfig.json'));
    assert.equal(worker.tsconfig, path.join(dir, 'packages/worker/tsconfig.json'));
    assert.equal(loose.tsconfig, undefined);
    assert.equal(loose.getProgram().getCompilerOptions().allowJs, true);
    assert.ok(!analyzer.listFiles().some((f) => f.includes(`${path.sep}dist${path.sep}`)), 'gitignored output is not listed');
  });

  test('generated files are skipped with a reason', () => {
    const analysis = analyzer.analyzeFile(path.join(dir, 'src/generated.ts'));
    assert.equal(analysis.skipped, 'generated (its header says so)');
  });

  test('unsaved editor text overlays the disk, bumps only its project, and clearing it restores the disk', () => {
    const file = path.join(dir, 'packages/api/src/index.ts');
    const api = analyzer.host.projectFor(file);
    const worker = analyzer.host.projectFor(path.join(dir, 'packages/worker/src/index.ts'));
    const [apiVersion, workerVersion] = [api.version, worker.version];
    assert.deepEqual(messages(analyzer, file), []);
    analyzer.host.setOverlay(file, "import * as fs from 'fs';\nfs.existsSync('x');\n");
    assert.deepEqual(messages(analyzer, file), ['fs:existsSync']);
    assert.equal(fs.readFileSync(file, 'utf8'), 'export const a = 1;\n', 'the disk is untouched');
    assert.ok(api.version > apiVersion);
    assert.equal(worker.version, workerVersion, 'the other project did not change');
    analyzer.host.clearOverlay(file);
    assert.deepEqual(messages(analyzer, file), []);
  });

  test("the tsconfigs of a monorepo share one parse of their dependencies' declarations and the lib files", () => {
    const api = analyzer.host.projectFor(path.join(dir, 'packages/api/src/index.ts')).getProgram();
    const worker = analyzer.host.projectFor(path.join(dir, 'packages/worker/src/index.ts')).getProgram();
    for (const suffix of ['/@types/node/fs.d.ts', '/lib.es5.d.ts']) {
      const inApi = api.getSourceFiles().find((sf) => sf.fileName.endsWith(suffix));
      assert.ok(inApi, `${suffix} is in the program`);
      assert.equal(worker.getSourceFiles().find((sf) => sf.fileName.endsWith(suffix)), inApi, `${suffix} is parsed once`);
    }
  });
});

describe('files changing on disk', () => {
  const unresolved = (program: ts.Program, file: string) => program.getSemanticDiagnostics(program.getSourceFile(file)).filter((d) => d.code === 2307).length;

  test('a file that appears resolves the import that needed it, and leaves the program when deleted', () => {
    const ws = makeWorkspace({ 'src/app.ts': "import { late } from './late';\nexport const x = late();\n" });
    fs.rmSync(path.join(ws, 'tsconfig.json'));
    const host = new Analyzer({ roots: [ws], rules: [] }).host;
    const [app, late] = [path.join(ws, 'src/app.ts'), path.join(ws, 'src/late.ts')];
    const project = host.projectFor(app);
    assert.equal(unresolved(project.getProgram(), app), 1);
    fs.writeFileSync(late, 'export function late(): number { return 1; }\n');
    host.fileChangedOnDisk(late);
    assert.equal(unresolved(project.getProgram(), app), 0);
    fs.rmSync(late);
    host.fileChangedOnDisk(late);
    assert.equal(project.getSourceFile(late), undefined);
    assert.equal(unresolved(project.getProgram(), app), 1);
  });

  test('a file only the editor has resolves the import another project needed', () => {
    const ws = makeWorkspace({
      'app/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', skipLibCheck: true }, include: ['src'] }),
      'app/src/a.ts': "import { b } from '../../shared/b';\nexport const x = b;\n",
      'shared/keep.ts': 'export const k = 1;\n',
    });
    const host = new Analyzer({ roots: [ws], rules: [] }).host;
    const [a, b] = [path.join(ws, 'app/src/a.ts'), path.join(ws, 'shared/b.ts')];
    const project = host.projectFor(a);
    assert.equal(unresolved(project.getProgram(), a), 1);
    // Opened in the editor and not saved: no file-system event says it exists.
    host.setOverlay(b, 'export const b = 1;\n');
    host.projectFor(b).getProgram();
    host.setOverlay(a, `${fs.readFileSync(a, 'utf8')}// edited\n`);
    assert.equal(unresolved(project.getProgram(), a), 0);
  });

  // The engine's caches are keyed by ts.SourceFile: they survive an edit only if the other files keep theirs.
  test('an edit re-parses only the edited file and moves the version; saving or reopening the same text changes nothing', () => {
    const ws = makeWorkspace({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': "import { a } from './a';\nexport const b = a;\n" });
    const host = new Analyzer({ roots: [ws], rules: [] }).host;
    const [a, b] = [path.join(ws, 'src/a.ts'), path.join(ws, 'src/b.ts')];
    const project = host.projectFor(a);
    // Before the first build too: an analysis may be cached for this version (one skipped as too large, say).
    const unbuilt = project.version;
    host.setOverlay(a, 'export const a = 0;\n');
    assert.ok(project.version > unbuilt);
    host.clearOverlay(a);
    const [aBefore, bBefore] = [project.getSourceFile(a), project.getSourceFile(b)];
    host.setOverlay(a, 'export const a = 2;\n');
    assert.notEqual(project.getSourceFile(a), aBefore);
    assert.equal(project.getSourceFile(b), bBefore);
    // Callers cache analyses by version: each new text moves it, even with no rebuild in between.
    const edited = project.version;
    host.setOverlay(a, 'export const a = 3;\n');
    assert.ok(project.version > edited);
    const editedAgain = project.version;
    host.setOverlay(a, 'export const a = 4;\n');
    assert.ok(project.version > editedAgain);
    const version = project.version;
    host.setOverlay(b, fs.readFileSync(b, 'utf8'));
    host.fileChangedOnDisk(b);
    host.clearOverlay(b);
    assert.equal(project.version, version, 'the same text is no change');
    assert.equal(project.getSourceFile(b), bBefore);
  });
});

describe('fixes', () => {
  test('a fix may span two files; overlapping fixes are dropped whole', () => {
    const dir = makeWorkspace({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 2;\n' });
    const other = path.join(dir, 'src/b.ts');
    const twoFiles = defineRule<'rename' | 'fix', Record<string, never>>({
      id: 'test-rename',
      meta: { summary: 'test', defaultSeverity: 'warning', requiresTypeChecking: false, messages: { rename: 'rename', fix: 'Rename in both files' }, options: {} },
      visit: {
        VariableDeclaration(node: ts.VariableDeclaration, ctx) {
          ctx.report({
            node: node.name,
            messageId: 'rename',
            fixes: [
              { messageId: 'fix', safety: 'safe', apply: (fixer) => [fixer.replace(node.name, 'renamed'), fixer.replaceRange(other, 0, 0, '// touched\n')] },
              { messageId: 'fix', safety: 'safe', apply: (fixer) => [fixer.replace(node, 'overlapping = 0')] },
            ],
          });
          // A second finding whose fix overlaps the first one's edit.
          ctx.report({ node: node.name, messageId: 'rename', fixes: [{ messageId: 'fix', safety: 'safe', apply: (fixer) => [fixer.replace(node, 'x = 0')] }] });
        },
      },
    });
    const analyzer = new Analyzer({ roots: [dir], rules: [twoFiles] });
    const findings = analyzer.analyzeFile(path.join(dir, 'src/a.ts')).findings;
    const byFile = groupEditsByFile(selectFixEdits(findings, { includeUnsafe: false }));
    assert.deepEqual([...byFile.keys()].map((f) => path.basename(f)).sort(), ['a.ts', 'b.ts']);
    assert.equal(applyEdits('export const a = 1;\n', byFile.get(path.join(dir, 'src/a.ts'))!), 'export const renamed = 1;\n');
    assert.equal(applyEdits('export const b = 2;\n', byFile.get(other)!), '// touched\nexport const b = 2;\n');
  });
});

describe('fault isolation', () => {
  test('a rule that throws loses only its own findings in that file, with a notice', () => {
    const dir = makeWorkspace({ 'src/a.ts': "import { readFileSync } from 'fs';\nexport function f() { return readFileSync('x'); }\n" });
    const crashing: Rule = defineRule<'never', Record<string, never>>({
      id: 'test-crash',
      meta: { summary: 'test', defaultSeverity: 'error', requiresTypeChecking: false, messages: { never: 'never' }, options: {} },
      visit: {
        CallExpression() {
          throw new Error('boom');
        },
      },
    });
    const analyzer = new Analyzer({ roots: [dir], rules: [crashing, resolveEverything] });
    const analysis = analyzer.analyzeFile(path.join(dir, 'src/a.ts'));
    assert.deepEqual(analysis.findings.map((f) => f.ruleId), ['test-resolve']);
    assert.match(analysis.notices.find((n) => n.kind === 'rule-error')!.message, /rule test-crash failed on this file.*boom/s);
  });
});

describe('the fixture harness', () => {
  const text = "const x = readFileSync('a');\n//        ^^^^^^^^^^^^ sync-blocking-call: GET /a\n";
  const actual = [{ line: 0, endLine: 0, startColumn: 10, endColumn: 22, ruleId: 'sync-blocking-call', message: 'blocks on GET /a' }];

  test('passes when markers and findings agree', () => {
    assert.deepEqual(compareFindings('f.ts', parseFixture(text).expected, actual), []);
  });

  test('fails when a marker is missing, extra, misplaced or its text does not match', () => {
    assert.match(compareFindings('f.ts', [], actual).join(), /unexpected sync-blocking-call/);
    assert.match(compareFindings('f.ts', parseFixture(text).expected, []).join(), /expected sync-blocking-call containing "GET \/a" — not reported/);
    const shifted = parseFixture(text.replace('//        ^', '//         ^')).expected;
    assert.equal(compareFindings('f.ts', shifted, actual).length, 2);
    assert.equal(compareFindings('f.ts', parseFixture(text.replace('GET /a', 'GET /b')).expected, actual).length, 2);
  });

  test('a file with no markers must say so', () => {
    assert.equal(parseFixture('const a = 1;\n').expectsNoFindings, false);
    assert.equal(parseFixture('// expect: no findings\nconst a = 1;\n').expectsNoFindings, true);
  });
});
