/**
 * Every rule is registered, documented per STYLE.md, has fixtures, and its docs examples are true:
 * blocks tagged `ts flagged` produce a finding of the rule, blocks tagged `ts` produce none.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { Analyzer } from '../src/engine/analyzer';
import { REPO_ROOT, FIXTURES_ROOT } from './harness/fixtures';
import { makeWorkspace } from './helpers/lsp-client';

const RULES_DIR = path.join(REPO_ROOT, 'rules');
const REQUIRED_HEADINGS = ['## Why it hurts at scale', '## Examples', '### Flagged', '### Not flagged', '## Quick fix', '## Options', '## When not to use it'];

test('every rule folder is registered under its folder name, with docs and fixtures', () => {
  const folders = fs
    .readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(RULES_DIR, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort();
  assert.deepEqual(RULES.map((r) => r.id).sort(), folders);
  for (const id of folders) {
    assert.ok(fs.existsSync(path.join(RULES_DIR, id, 'README.md')), `${id} has a README.md`);
    assert.ok(fs.existsSync(path.join(FIXTURES_ROOT, id)), `${id} has test-fixtures/${id}/`);
  }
});

for (const rule of RULES) {
  const docs = fs.readFileSync(path.join(RULES_DIR, rule.id, 'README.md'), 'utf8');

  test(`${rule.id}: docs follow the structure`, () => {
    assert.equal(docs.split('\n')[0], rule.meta.summary, 'the first line is meta.summary');
    let at = -1;
    for (const heading of REQUIRED_HEADINGS) {
      const next = docs.indexOf(`\n${heading}\n`, at + 1);
      assert.ok(next > at, `"${heading}" is present and in order`);
      at = next;
    }
    for (const option of Object.keys(rule.meta.options ?? {})) assert.ok(docs.includes(`### ${option}\n`), `option ${option} is documented`);
    for (const [id, text] of Object.entries(rule.meta.messages)) assert.ok(text.length > 0, `message ${id} is not empty`);
  });

  test(`${rule.id}: docs examples are checked`, () => {
    const blocks = [...docs.matchAll(/```ts( flagged)?\n([\s\S]*?)```/g)].map((m, i) => ({ flagged: m[1] !== undefined, code: m[2], name: `src/example-${i + 1}.ts` }));
    assert.ok(blocks.some((b) => b.flagged) && blocks.some((b) => !b.flagged), 'there are flagged and clean examples');
    const dir = makeWorkspace(Object.fromEntries(blocks.map((b) => [b.name, b.code])));
    const analyzer = new Analyzer({ roots: [dir] });
    for (const b of blocks) {
      const findings = analyzer.analyzeFile(path.join(dir, b.name)).findings.filter((f) => f.ruleId === rule.id || f.ruleId === 'suppression');
      if (b.flagged) assert.ok(findings.some((f) => f.ruleId === rule.id), `example ${b.name} (flagged) has a finding:\n${b.code}`);
      else assert.deepEqual(findings.map((f) => f.message), [], `example ${b.name} has no finding:\n${b.code}`);
    }
  });
}

test('the engine and the rules never import VS Code or LSP libraries', () => {
  const banned = /from '(vscode|vscode-languageserver[^']*|vscode-languageclient[^']*|vscode-jsonrpc)'/;
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const offenders = [...walk(path.join(REPO_ROOT, 'server', 'src', 'engine')), ...walk(RULES_DIR)].filter((f) => banned.test(fs.readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});
