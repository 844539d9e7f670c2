/** The real language server over stdio, driven by a protocol client as an editor would drive it. */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { applyTextEdits, LspSession, makeWorkspace, waitFor } from './helpers/lsp-client';

const HANDLER = `import express from 'express';
import { readFileSync } from 'node:fs';
import { render } from './render';

const app = express();
app.get('/reports/:id', async (req, res) => {
  const body = readFileSync('./report.html', 'utf8');
  res.send(render(body));
});
`;
const RENDER_CLEAN = `export function render(s: string): string {
  return s.trim();
}
`;
const RENDER_BLOCKING = `import { gzipSync } from 'node:zlib';
export function render(s: string): string {
  return gzipSync(Buffer.from(s)).toString('base64');
}
`;

describe('language server, pull diagnostics', () => {
  let session: LspSession;
  before(async () => {
    session = new LspSession(makeWorkspace({ 'src/app.ts': HANDLER, 'src/render.ts': RENDER_CLEAN }));
    const init = await session.initialize({ pull: true });
    assert.ok(init.capabilities.diagnosticProvider, 'announces pull diagnostics');
    await session.open('src/app.ts');
    await session.open('src/render.ts');
  });
  after(() => session.shutdown());

  test('reports a finding after open, with code, source, route and chain', async () => {
    const items = await session.pull('src/app.ts');
    assert.equal(items.length, 1);
    const [d] = items as unknown as { code: string; source: string; message: string; range: { start: { line: number; character: number } }; codeDescription: { href: string }; relatedInformation: { message: string }[] }[];
    assert.equal(d.code, 'sync-blocking-call');
    assert.equal(d.source, 'scalelint');
    assert.match(d.message, /GET \/reports\/:id/);
    assert.deepEqual(d.range.start, { line: 6, character: 15 });
    assert.match(d.codeDescription.href, /rules\/sync-blocking-call\/README\.md$/);
    assert.match(d.relatedInformation[0].message, /GET \/reports\/:id registered here/);
  });

  test('an edit that removes the call clears the finding, and one that adds it back restores it', async () => {
    await session.change('src/app.ts', HANDLER.replace("readFileSync('./report.html', 'utf8')", "'<html/>'"));
    assert.equal((await session.pull('src/app.ts')).length, 0);
    await session.change('src/app.ts', HANDLER);
    assert.equal((await session.pull('src/app.ts')).length, 1);
  });

  test("a change in a helper's file changes that file's findings through the handler's route", async () => {
    assert.equal((await session.pull('src/render.ts')).length, 0);
    await session.change('src/render.ts', RENDER_BLOCKING);
    const items = await session.pull('src/render.ts');
    assert.equal(items.length, 1);
    assert.match(items[0].message, /gzipSync.*GET \/reports\/:id/);
    // Unregistering the route in the other file takes the helper off the request path.
    await session.change('src/app.ts', HANDLER.replace("app.get('/reports/:id', ", 'const unused = ('));
    assert.equal((await session.pull('src/render.ts')).length, 0);
    await session.change('src/app.ts', HANDLER);
    await session.change('src/render.ts', RENDER_CLEAN);
  });

  test('quick fixes: the preferred await fix, suppression and docs; applying the fix clears the finding', async () => {
    const [d] = await session.pull('src/app.ts');
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: session.uri('src/app.ts') },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as { title: string; isPreferred?: boolean; edit?: { documentChanges: { textDocument: { version: number }; edits: never[] }[] }; command?: { command: string } }[];
    const titles = actions.map((a) => a.title);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `a preferred fix among ${titles.join(' | ')}`);
    assert.match(preferred.title, /await readFile/);
    assert.ok(titles.some((t) => t.startsWith('Suppress sync-blocking-call')));
    assert.ok(actions.some((a) => a.command?.command === 'scalelint.showDocumentation'));
    const change = preferred.edit!.documentChanges[0];
    assert.equal(change.textDocument.version, 5, 'edits are pinned to the current document version (open + 4 edits)');
    type E = { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    const starts = (change.edits as E[]).map((e) => [e.range.start.line, e.range.start.character, e.range.end.character - e.range.start.character]);
    const sameStart = starts.filter((x) => x[0] === 6 && x[1] === 15);
    assert.deepEqual(sameStart.map((x) => x[2] === 0), [true, false], 'the `await ` insert comes before the replacement at the same position');
    const fixed = applyTextEdits(HANDLER, change.edits);
    assert.match(fixed, /await readFile\('\.\/report\.html', 'utf8'\)/);
    assert.match(fixed, /import \{ readFile \} from 'node:fs\/promises';/);
    await session.change('src/app.ts', fixed);
    assert.equal((await session.pull('src/app.ts')).length, 0);
    await session.change('src/app.ts', HANDLER);
  });

  test('fix-all applies only safe fixes by default', async () => {
    const withUnusedSuppression = `// scalelint-disable-next-line sync-blocking-call -- legacy\nconst x = 1;\n${HANDLER}`;
    await session.change('src/app.ts', withUnusedSuppression);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: session.uri('src/app.ts') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.scalelint'] },
    })) as { kind: string; edit: { documentChanges: { edits: never[] }[] } }[];
    assert.equal(actions.length, 1);
    const fixed = applyTextEdits(withUnusedSuppression, actions[0].edit.documentChanges[0].edits);
    assert.ok(!fixed.includes('scalelint-disable'), 'the unused suppression (a safe fix) is removed');
    assert.ok(fixed.includes("readFileSync('./report.html'"), 'the unsafe sync → async rewrite is not applied');
    await session.change('src/app.ts', HANDLER);
  });

  test('a cancelled request does not take the server down', async () => {
    const source = new (await import('vscode-languageserver-protocol/node')).CancellationTokenSource();
    const pending = session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: session.uri('src/app.ts') } }, source.token);
    source.cancel();
    await pending.catch(() => undefined);
    assert.equal((await session.pull('src/app.ts')).length, 1);
  });

  test('hover on a finding explains it and links the docs', async () => {
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: session.uri('src/app.ts') },
      position: { line: 6, character: 18 },
    })) as { contents: { value: string } } | null;
    assert.ok(hover);
    assert.match(hover.contents.value, /sync-blocking-call/);
    assert.match(hover.contents.value, /README\.md/);
  });
});

describe('language server, push diagnostics and configuration errors', () => {
  let session: LspSession;
  before(async () => {
    session = new LspSession(makeWorkspace({ 'src/app.ts': HANDLER, 'src/render.ts': RENDER_CLEAN, '.scalelintrc.json': '{\n  "rules": {\n    "sync-blocking-cal": "error"\n  }\n}\n' }));
    const init = await session.initialize({ pull: false });
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client without them');
    await session.open('src/app.ts');
  });
  after(() => session.shutdown());

  test('publishes diagnostics to a client without pull support', async () => {
    const published = await waitFor('publishDiagnostics', () => {
      const p = session.published.get(session.uri('src/app.ts'));
      return p && p.diagnostics.length > 0 ? p : undefined;
    });
    assert.equal(published.diagnostics[0].code, 'sync-blocking-call');
  });

  test('an invalid configuration file is reported with file, line and key, and analysis goes on with defaults', async () => {
    const log = await waitFor('a configuration error in the log', () => session.logs.find((l) => l.includes('config-error')));
    assert.match(log, /\.scalelintrc\.json:3:5: unknown key "sync-blocking-cal"/);
    assert.ok(session.logs.some((l) => /^configuration: .*\.scalelintrc\.json applies to files below /.test(l)), 'the output says which configuration applies');
  });
});

describe('language server, editor settings', () => {
  test('rule options and severities from settings apply; a configuration file wins where both speak', async () => {
    const job = "import { readFileSync } from 'node:fs';\nexport function nightly(): string { return readFileSync('x', 'utf8'); }\n";
    const session = new LspSession(makeWorkspace({ 'src/job.ts': job }));
    try {
      await session.initialize({ pull: true, settings: { enable: true, rules: { 'sync-blocking-call': 'error' }, ruleOptions: { 'sync-blocking-call': { scope: 'any-function' } } } });
      await session.open('src/job.ts');
      const [d] = (await session.pull('src/job.ts')) as unknown as { severity: number }[];
      assert.equal(d.severity, 1, 'error severity from settings');
      fs.writeFileSync(path.join(session.root, '.scalelintrc.json'), '{ "rules": { "sync-blocking-call": "info" } }');
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const [again] = (await session.pull('src/job.ts')) as unknown as { severity: number }[];
      assert.equal(again.severity, 3, 'the configuration file wins: information');
      assert.ok(session.logs.some((l) => /it wins over the editor settings for sync-blocking-call/.test(l)));
    } finally {
      await session.shutdown();
    }
  });

  test('findings recorded in the baseline file are shown as hints, new ones at their own severity', async () => {
    const ws = makeWorkspace({ 'src/app.ts': HANDLER });
    const cli = path.join(__dirname, '..', '..', '..', 'server', 'out', 'cli.js');
    spawnSync(process.execPath, [cli, ws, '--baseline-update', path.join(ws, 'scalelint-baseline.json')], { encoding: 'utf8' });
    const session = new LspSession(ws);
    try {
      await session.initialize({ pull: true, settings: { enable: true, baseline: { file: 'scalelint-baseline.json', severity: 'hint' } } });
      await session.open('src/app.ts', HANDLER.replace("res.send(render(body));", "res.send(render(body) + readFileSync('./extra.txt', 'utf8'));"));
      const items = (await session.pull('src/app.ts')) as unknown as { severity: number; message: string }[];
      assert.deepEqual(items.map((d) => d.severity).sort(), [2, 4], 'the new finding is a warning, the baselined one a hint');
      assert.ok(items.some((d) => d.severity === 4 && d.message.startsWith('(in baseline)')));
    } finally {
      await session.shutdown();
    }
  });
});
