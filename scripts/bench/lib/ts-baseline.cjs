#!/usr/bin/env node
// Reference workloads on the TypeScript that Scalelint's engine runs (the copy bundled in ts-morph):
//   node ts-baseline.cjs parse   TSCONFIG   ts.createSourceFile on every file the tsconfig lists
//   node ts-baseline.cjs program TSCONFIG   ts.createProgram + getTypeChecker (parse, resolve, bind; no diagnostics)
// Prints one JSON line: { mode, files, typescript, ms }.
'use strict';
const path = require('node:path');
const { createRequire } = require('node:module');

const [mode, tsconfig] = process.argv.slice(2);
if (!['parse', 'program'].includes(mode) || !tsconfig) {
  process.stderr.write('usage: ts-baseline.cjs parse|program TSCONFIG\n');
  process.exit(2);
}

const repoRequire = createRequire(path.join(__dirname, '..', '..', '..', 'package.json'));
let ts;
try {
  ts = repoRequire('@ts-morph/common/dist/typescript.js');
} catch {
  ts = repoRequire('ts-morph').ts;
}

const started = performance.now();
const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } };
const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(tsconfig), undefined, host);
if (!parsed) throw new Error(`cannot read ${tsconfig}`);
let files = parsed.fileNames.length;
if (mode === 'parse') {
  let nodes = 0;
  for (const file of parsed.fileNames) {
    const sf = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', { languageVersion: ts.ScriptTarget.Latest }, false);
    nodes += sf.statements.length;
  }
  if (nodes < 0) process.exitCode = 1; // keeps the work observable
} else {
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  program.getTypeChecker();
  files = program.getSourceFiles().length;
}
process.stdout.write(JSON.stringify({ mode, files, typescript: ts.version, ms: Math.round(performance.now() - started) }) + '\n');
