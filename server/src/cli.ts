#!/usr/bin/env node
/**
 * `scalelint [paths…]`: the command line over the same engine as the language server.
 * Exit codes: 0 nothing fails, 1 findings fail, 2 usage or configuration error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Analyzer } from './engine/analyzer';
import { getVersion } from './engine/docs';
import { functionName } from './engine/request-paths';
import { formatHtmlReport, NO_ROUTE, routeOf } from './cli/format-html';
import { formatJson } from './cli/format-json';
import { formatSarif } from './cli/format-sarif';
import { formatStylish } from './cli/format-stylish';
import { applyBaseline, readBaseline, writeBaseline } from './cli/baseline';
import { buildReport, countBySeverity, relative } from './cli/report';
import { parseShard, selectShard, type Shard } from './cli/shard';

const USAGE = `Usage: scalelint [paths...] [options]
       scalelint report [paths...] [--output FILE]   write the scaling report (HTML, by route)

Finds scaling anti-patterns in Node.js backends (default path: the current folder).

Options:
  --format stylish|json|sarif   output format (default: stylish)
  --output FILE                 write the report to FILE instead of stdout
  --rule ID                     run only this rule (repeatable)
  --config FILE                 use this configuration instead of the nearest .scalelintrc.json
  --max-warnings N              fail when there are more than N warnings
  --entry-points                list the request handlers found (route, file:line) instead of findings
  --baseline FILE               report and fail only on findings not recorded in FILE
  --baseline-update FILE        record today's findings in FILE (pruning fixed ones)
  --shard k/n                   analyse only the k-th of n deterministic shares of the files
  --quiet                       report errors only
  --version                     print the version
  --help                        print this help

Exit codes: 0 nothing fails, 1 findings fail, 2 usage or configuration error.`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`scalelint: ${(err as Error).message}\nRun 'scalelint --help' for usage.\n`);
    return 2;
  }
  const { values } = args;
  // `scalelint report …` is the same scan rendered as the per-route HTML report.
  const reportMode = args.positionals[0] === 'report';
  const positionals = reportMode ? args.positionals.slice(1) : args.positionals;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(getVersion() + '\n');
    return 0;
  }
  try {
    return await run(values, positionals, reportMode);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`scalelint: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      output: { type: 'string' },
      rule: { type: 'string', multiple: true },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'entry-points': { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'baseline-update': { type: 'string' },
      shard: { type: 'string' },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}

async function run(values: ReturnType<typeof parse>['values'], positionals: string[], reportMode: boolean): Promise<number> {
  const format = values.format!;
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format "${format}" (expected stylish, json or sarif)`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError('--max-warnings takes a whole number ≥ 0');
  if (values.config !== undefined && !fs.existsSync(values.config)) throw new UsageError(`configuration file not found: ${values.config}`);

  const targets = (positionals.length > 0 ? positionals : ['.']).map((p) => path.resolve(p));
  for (const t of targets) if (!fs.existsSync(t)) throw new UsageError(`no such file or folder: ${t}`);
  const roots = [...new Set(targets.map((t) => (fs.statSync(t).isDirectory() ? t : path.dirname(t))))];
  const analyzer = new Analyzer({ roots, configFile: values.config, onlyRules: values.rule });
  if (values.rule) {
    const unknown = values.rule.filter((id) => !analyzer.rules.some((r) => r.id === id));
    if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.join(', ')} (known: ${analyzer.rules.map((r) => r.id).join(', ')})`);
  }

  const started = performance.now();
  const allFiles = analyzer.listFiles();
  const files = targets.flatMap((t) => (fs.statSync(t).isDirectory() ? allFiles.filter((f) => f === t || f.startsWith(t + path.sep)) : [t]));
  if (values['entry-points']) return listEntryPoints(analyzer, files, roots.length === 1 ? roots[0] : process.cwd(), format, started);
  let shard: Shard | undefined;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const unique = [...new Set(files)];
  const selected = shard ? selectShard(unique, shard, (f) => analyzer.host.projectIdOf(f)) : unique;
  const baseline = values.baseline === undefined ? undefined : loadBaseline(values.baseline);
  const progress = createProgress(started);
  const scan = await analyzer.scan(selected, { onProgress: progress.update });
  progress.done();

  const base = roots.length === 1 ? roots[0] : process.cwd();
  const report = buildReport(scan, base, performance.now() - started, (f) => analyzer.host.readText(f), format !== 'stylish');
  if (values['baseline-update']) {
    const previous = fs.existsSync(values['baseline-update']) ? loadBaseline(values['baseline-update']) : undefined;
    const written = writeBaseline(values['baseline-update'], report.findings);
    const pruned = previous ? applyBaseline(report.findings, previous).stale : 0;
    process.stderr.write(`scalelint: baseline ${values['baseline-update']}: ${written.entries.length} findings recorded${previous ? `, ${pruned} fixed since the last update pruned` : ''}\n`);
  }
  if (baseline) {
    const { fresh, matched, stale } = applyBaseline(report.findings, baseline);
    report.findings = fresh;
    process.stderr.write(`scalelint: baseline: ${matched} known findings hidden, ${fresh.length} new${stale > 0 ? `; ${stale} baseline entries no longer occur (run --baseline-update to prune them)` : ''}\n`);
  }
  if (values.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');
  if (reportMode) {
    const out = values.output ?? 'scalelint-report.html';
    fs.writeFileSync(out, formatHtmlReport(report, analyzer.rules));
    const routes = new Set(report.findings.map(routeOf).filter((r) => r !== NO_ROUTE)).size;
    process.stdout.write(`scalelint: wrote ${out}: ${report.findings.length} findings on ${routes} routes and entry points\n`);
    return 0;
  }

  const output =
    format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, analyzer.rules) : formatStylish(report, !values.output && process.stdout.isTTY === true);
  if (values.output) fs.writeFileSync(values.output, output);
  else process.stdout.write(output);

  const configErrors = report.notices.filter((n) => n.kind === 'config-error');
  for (const n of configErrors) process.stderr.write(`scalelint: invalid configuration: ${n.message}\n`);
  for (const n of report.notices.filter((x) => x.kind === 'project-error' || x.kind === 'rule-error')) {
    process.stderr.write(`scalelint: ${n.kind === 'rule-error' ? 'internal error' : 'project'}: ${n.file ? `${n.file}: ` : ''}${n.message.split('\n')[0]}\n`);
  }
  if (configErrors.length > 0) return 2;
  const counts = countBySeverity(report.findings);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    process.stderr.write(`scalelint: ${counts.warning} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function loadBaseline(file: string) {
  try {
    return readBaseline(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** `--entry-points`: what Scalelint takes for request handlers, to check its model of a codebase. */
function listEntryPoints(analyzer: Analyzer, files: string[], base: string, format: string, started: number): number {
  const { entries, reachableFunctions, projects } = analyzer.describeRequestPaths(files);
  const scanned = new Set(files);
  // The projects may reach beyond the scanned paths; list only the handlers registered inside them.
  const rows = entries.filter((e) => scanned.has(e.registration.getSourceFile().fileName)).map((e) => {
    const sf = e.registration.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(e.registration.getStart(sf));
    return { framework: e.framework, route: e.route, handler: functionName(e.handler), file: relative(base, sf.fileName), line: line + 1 };
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ entryPoints: rows, reachableFunctions, projects }, null, 2) + '\n');
  } else {
    for (const r of rows) process.stdout.write(`${r.framework.padEnd(12)} ${r.route.padEnd(40)} ${r.handler.padEnd(28)} ${r.file}:${r.line}\n`);
    const routes = new Set(rows.map((r) => `${r.route}\0${r.file}:${r.line}`)).size;
    process.stdout.write(`\n${rows.length} handlers in ${routes} registrations, ${reachableFunctions} functions on request paths, ${projects} project(s) (${seconds}s)\n`);
  }
  return 0;
}

/** A progress line on stderr, only on a terminal and only once a scan has taken more than a second. */
function createProgress(started: number) {
  const enabled = process.stderr.isTTY === true;
  let shown = false;
  return {
    update: ({ done, total }: { done: number; total: number }) => {
      if (!enabled || performance.now() - started < 1000) return;
      shown = true;
      process.stderr.write(`\rscalelint: ${done}/${total} files`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`scalelint: internal error: ${err.stack ?? err.message}\n`);
      process.exitCode = 2;
    },
  );
}
