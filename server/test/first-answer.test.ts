/**
 * First answers in large projects: the file's neighbourhood (what it imports, and the files that import
 * it up to the app that mounts its router) answers before the whole program is built, then the full
 * program replaces it. The projects here are small; `firstAnswerMinFiles` lowers the size threshold.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { Analyzer, type FileAnalysis } from '../src/engine/analyzer';
import { countImported, findImporters } from '../src/engine/importers';
import { LspSession, makeWorkspace, waitFor } from './helpers/lsp-client';

const FILLERS = Object.fromEntries(
  Array.from({ length: 8 }, (_, i) => [`src/misc/util${i}.ts`, `export function util${i}(n: number): number {\n  return n + ${i};\n}\n`]),
);

const PROJECT = {
  'src/app.ts': `import express from 'express';
import { usersRouter } from './users/routes';
import { ordersRouter } from './orders/routes';

const app = express();
app.use('/api/users', usersRouter);
app.use('/api/orders', ordersRouter);
app.listen(3000);
`,
  'src/users/routes.ts': `import { Router } from 'express';
import { getUser } from './controller';

export const usersRouter = Router();
usersRouter.get('/:id', getUser);
`,
  'src/users/controller.ts': `import type { Request, Response } from 'express';
import { loadTemplate } from './template';

export async function getUser(req: Request, res: Response): Promise<void> {
  res.send(loadTemplate(String(req.params.id)));
}
`,
  'src/users/template.ts': `import { readFileSync } from 'node:fs';

export function loadTemplate(id: string): string {
  return readFileSync(\`./templates/\${id}.html\`, 'utf8');
}
`,
  'src/orders/routes.ts': `import { Router } from 'express';
import { gzipSync } from 'node:zlib';
import { util0 } from '../misc/util0';

export const ordersRouter = Router();
ordersRouter.get('/:id/archive', (req, res) => {
  res.send(gzipSync(Buffer.from(String(util0(Number(req.params.id))))));
});
`,
  ...FILLERS,
};

const comparable = (a: FileAnalysis) => a.findings.map((f) => ({ ruleId: f.ruleId, start: f.start, end: f.end, message: f.message }));

describe('first answers from part of a project', () => {
  const dir = makeWorkspace(PROJECT);
  const file = (rel: string) => path.join(dir, rel);

  test("a helper's first answer comes from its importers up to the app, with the mounted route, as the full answer has it", () => {
    const analyzer = new Analyzer({ roots: [dir], firstAnswerMinFiles: 1 });
    const first = analyzer.analyzeFile(file('src/users/template.ts'), undefined, { firstAnswer: true });
    // template, controller, routes and app; the orders router and the utilities stay out.
    assert.deepEqual(first.partial, { files: 4, of: 13 });
    assert.equal(first.findings.length, 1);
    assert.match(first.findings[0].message, /`readFileSync` blocks the event loop on GET \/api\/users\/:id/);
    const full = new Analyzer({ roots: [dir] }).analyzeFile(file('src/users/template.ts'));
    assert.deepEqual(comparable(first), comparable(full));
  });

  test('after a first answer, the full analysis of any file is the one a fresh analyzer gives', () => {
    const analyzer = new Analyzer({ roots: [dir], firstAnswerMinFiles: 1 });
    assert.ok(analyzer.analyzeFile(file('src/users/template.ts'), undefined, { firstAnswer: true }).partial);
    const fresh = new Analyzer({ roots: [dir] });
    for (const rel of ['src/users/template.ts', 'src/orders/routes.ts', 'src/app.ts']) {
      const after = analyzer.analyzeFile(file(rel));
      assert.equal(after.partial, undefined, rel);
      assert.deepEqual(comparable(after), comparable(fresh.analyzeFile(file(rel))), rel);
    }
    // The orders route's finding needs the mount the partial program left unresolved in app.ts.
    assert.match(analyzer.analyzeFile(file('src/orders/routes.ts')).findings[0].message, /GET \/api\/orders\/:id\/archive/);
  });

  test('a project below the size threshold, or one with a program already built, answers in full at once', () => {
    const small = new Analyzer({ roots: [dir] });
    assert.equal(small.analyzeFile(file('src/users/template.ts'), undefined, { firstAnswer: true }).partial, undefined);
    const warm = new Analyzer({ roots: [dir], firstAnswerMinFiles: 1 });
    warm.analyzeFile(file('src/app.ts'));
    assert.equal(warm.analyzeFile(file('src/users/template.ts'), undefined, { firstAnswer: true }).partial, undefined);
  });

  test('importers are found level by level from the text; imported files are counted within a budget', () => {
    const options: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, esModuleInterop: true };
    const search = {
      read: (f: string) => ts.sys.readFile(f),
      resolve: (spec: string, from: string) => {
        const resolved = ts.resolveModuleName(spec, from, options, ts.sys).resolvedModule;
        return resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
      },
    };
    const candidates = Object.keys(PROJECT).map(file);
    const importers = findImporters(file('src/users/template.ts'), candidates, search, 10);
    assert.deepEqual(importers.map((f) => path.relative(dir, f)), ['src/users/controller.ts', 'src/users/routes.ts', 'src/app.ts']);
    assert.deepEqual(findImporters(file('src/users/template.ts'), candidates, search, 2).length, 2);
    assert.equal(countImported(file('src/users/template.ts'), search, 10), 1);
    assert.equal(countImported(file('src/app.ts'), search, 10), 6);
    assert.equal(countImported(file('src/app.ts'), search, 5), undefined);
  });
});

/** A server on a fresh copy of PROJECT whose size threshold lets it answer first from part of it, with template.ts open. */
async function withServer(client: { pull: boolean; refreshSupport?: boolean }, body: (session: LspSession) => Promise<void>): Promise<void> {
  const session = new LspSession(makeWorkspace(PROJECT));
  try {
    await session.initialize({ ...client, initializationOptions: { firstAnswerMinFiles: 1 } });
    await session.open('src/users/template.ts');
    await body(session);
  } finally {
    await session.shutdown();
  }
}

describe('first answers over the protocol', () => {
  test('a client that pulls again gets the partial answer, a refresh, then the full answer', () =>
    withServer({ pull: true, refreshSupport: true }, async (session) => {
      const first = await session.pull('src/users/template.ts');
      assert.equal(first.length, 1);
      assert.match(first[0].message, /GET \/api\/users\/:id/);
      assert.match(session.statuses.at(-1)?.message ?? '', /^First results from 4 of 13 project files/);
      await waitFor('a diagnostics refresh', () => (session.refreshes > 0 ? true : undefined));
      const full = await session.pull('src/users/template.ts');
      assert.deepEqual(full.map((d) => d.message), first.map((d) => d.message));
      assert.equal(session.statuses.at(-1)?.state, 'idle');
    }));

  test('a client that cannot be asked to pull again gets the full answer first', () =>
    withServer({ pull: true }, async (session) => {
      assert.equal((await session.pull('src/users/template.ts')).length, 1);
      assert.ok(session.statuses.every((s) => !/^First results/.test(s.message ?? '')));
      assert.equal(session.refreshes, 0);
    }));

  test('a push client gets the partial answer, then the full one published again', () =>
    withServer({ pull: false }, async (session) => {
      await waitFor('the full answer', () => (session.statuses.some((s) => /^First results/.test(s.message ?? '')) && session.statuses.at(-1)?.state === 'idle' ? true : undefined));
      const published = await waitFor('published diagnostics', () => session.published.get(session.uri('src/users/template.ts')));
      assert.equal(published.diagnostics.length, 1);
      assert.match(published.diagnostics[0].message as string, /GET \/api\/users\/:id/);
    }));
});
