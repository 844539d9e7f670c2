/**
 * The data-driven fixture harness. A case is a file (or every file of a directory) under
 * `test-fixtures/<rule-id>/`; its markers are compared with what the real engine reports, and its
 * `<case>.fixed.ts` with the text after applying the rule's fixes. A fixed text must also yield no
 * finding of the rule, add no TypeScript error, and stay unchanged when fixed again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { Analyzer } from '../../src/engine/analyzer';
import { applyEdits, groupEditsByFile, selectFixEdits } from '../../src/engine/edits';
import type { Finding } from '../../src/engine/finding';
import { computeLineStarts, lineOf } from '../../src/engine/text';
import { compareFindings, parseFixture, stripMarkers, type ActualFinding } from './markers';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const FIXTURES_ROOT = path.join(REPO_ROOT, 'test-fixtures');

const CASE_FILE = /\.(ts|tsx|js|jsx|mts|cts|mjs|cjs)$/;
const FIXED_FILE = /\.fixed\.[cm]?[jt]sx?$/;

/** Case files of a rule folder: files directly in it, and each directory as one multi-file case. */
export function listCases(ruleDir: string): { name: string; files: string[] }[] {
  const cases: { name: string; files: string[] }[] = [];
  for (const entry of fs.readdirSync(ruleDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(ruleDir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('__')) cases.push({ name: entry.name, files: listCaseFiles(full) });
    else if (entry.isFile() && CASE_FILE.test(entry.name) && !FIXED_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      cases.push({ name: entry.name, files: [full] });
    }
  }
  return cases;
}

function listCaseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...listCaseFiles(full));
    else if (entry.isFile() && CASE_FILE.test(entry.name) && !FIXED_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

export function fixedPathOf(file: string): string {
  return file.replace(/(\.[cm]?[jt]sx?)$/, '.fixed$1');
}

export function toActual(findings: readonly Finding[], text: string): ActualFinding[] {
  const starts = computeLineStarts(text);
  return findings.map((f) => {
    const line = lineOf(starts, f.start);
    const endLine = lineOf(starts, f.end);
    return {
      line,
      endLine,
      startColumn: f.start - starts[line],
      endColumn: endLine === line ? f.end - starts[line] : f.end - starts[endLine],
      ruleId: f.ruleId,
      messageId: f.messageId,
      message: f.message,
    };
  });
}

export interface CaseCheck {
  problems: string[];
  /** Marker rule ids that no registered rule provides yet (reported as skipped, not passed). */
  pendingRules: string[];
}

export class FixtureRunner {
  readonly analyzer: Analyzer;
  private readonly knownRules: ReadonlySet<string>;

  constructor(root = FIXTURES_ROOT) {
    this.analyzer = new Analyzer({ roots: [root] });
    this.knownRules = new Set([...this.analyzer.rules.map((r) => r.id), 'suppression']);
  }

  /** Compares one file's markers with the engine's findings. */
  checkMarkers(file: string): CaseCheck {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseFixture(text);
    const rel = path.relative(REPO_ROOT, file);
    const problems = parsed.errors.map((e) => `${rel}: ${e}`);
    const pendingRules = [...new Set(parsed.expected.filter((e) => !this.knownRules.has(e.ruleId)).map((e) => e.ruleId))];
    const expected = parsed.expected.filter((e) => this.knownRules.has(e.ruleId));
    const analysis = this.analyzer.analyzeFile(file);
    if (analysis.skipped) problems.push(`${rel}: not analysed (${analysis.skipped})`);
    for (const n of analysis.notices) if (n.kind === 'rule-error' || n.kind === 'project-error') problems.push(`${rel}: ${n.message}`);
    const actual = toActual(analysis.findings, analysis.text);
    if (!parsed.expectsNoFindings && parsed.expected.length === 0) {
      problems.push(`${rel}: no markers and no "// expect: no findings" header`);
    }
    problems.push(...compareFindings(rel, expected, actual));
    return { problems, pendingRules };
  }

  /**
   * Applies the fixes of `ruleId` to a case until none is left (like ESLint's fix passes), with unsafe
   * fixes included. Returns the resulting text of every touched file; the host's overlays are restored.
   */
  applyFixes(files: readonly string[], ruleId: string): Map<string, string> {
    const results = new Map<string, string>();
    const touched = new Set<string>();
    try {
      for (let pass = 0; pass < 10; pass++) {
        const findings = files.flatMap((f) => this.analyzer.analyzeFile(f).findings);
        const edits = selectFixEdits(findings, { includeUnsafe: true, ruleIds: new Set([ruleId]) });
        if (edits.length === 0) break;
        for (const [file, fileEdits] of groupEditsByFile(edits)) {
          const current = results.get(file) ?? this.analyzer.host.readText(file) ?? '';
          const next = applyEdits(current, fileEdits);
          results.set(file, next);
          touched.add(file);
          this.analyzer.host.setOverlay(file, next);
        }
      }
    } finally {
      for (const file of touched) this.analyzer.host.clearOverlay(file);
    }
    return results;
  }

  /**
   * The fixed-output checks for a case: each touched file matches its `.fixed` twin; with the fixed
   * text in place the rule reports nothing in those files, no TypeScript error appears that was not
   * there before, and fixing again changes nothing.
   */
  checkFixes(files: readonly string[], ruleId: string, update: boolean): string[] {
    const problems: string[] = [];
    // Findings without a fix (other than suppression) are expected to remain after fixing. An `info`
    // finding may remain too: a fix that bounds a cache leaves a note that it is per instance.
    const isWarning = (f: Finding) => f.ruleId === ruleId && f.severity !== 'info';
    const unfixable = new Map(files.map((f) => [f, this.analyzer.analyzeFile(f).findings.filter((x) => isWarning(x) && !x.fixes.some((fx) => !fx.isSuppression)).length]));
    const fixed = this.applyFixes(files, ruleId);
    for (const file of files) {
      const twin = fixedPathOf(file);
      if (!fixed.has(file) && fs.existsSync(twin)) problems.push(`${path.relative(REPO_ROOT, twin)} exists but no fix applies to ${path.basename(file)}`);
    }
    if (fixed.size === 0) return problems;
    const before = new Map([...fixed.keys()].map((f) => [f, this.typeErrors(f)]));
    for (const [file, text] of fixed) {
      const twin = fixedPathOf(file);
      const actual = stripMarkers(text);
      if (update) fs.writeFileSync(twin, actual);
      if (!fs.existsSync(twin)) {
        problems.push(`${path.relative(REPO_ROOT, file)}: fixes apply but there is no ${path.basename(twin)} (run npm run test:update to create it)`);
        continue;
      }
      const expected = fs.readFileSync(twin, 'utf8');
      if (expected !== actual) problems.push(`${path.relative(REPO_ROOT, twin)} differs from the fixed output:\n${diff(expected, actual)}`);
    }
    try {
      for (const [file, text] of fixed) this.analyzer.host.setOverlay(file, text);
      for (const file of fixed.keys()) {
        const left = this.analyzer.analyzeFile(file).findings.filter(isWarning);
        if (left.length > (unfixable.get(file) ?? 0)) {
          for (const f of left) problems.push(`${path.relative(REPO_ROOT, file)}: after fixing, ${ruleId} still reports "${f.message}"`);
        }
        const added = this.typeErrors(file).filter((e) => !before.get(file)!.includes(e));
        for (const e of added) problems.push(`${path.relative(REPO_ROOT, file)}: the fix introduces a TypeScript error: ${e}`);
      }
      const again = this.applyFixes([...fixed.keys()], ruleId);
      if (again.size > 0) problems.push(`fixing ${[...again.keys()].map((f) => path.basename(f)).join(', ')} a second time changes it again: fixes are not idempotent`);
    } finally {
      for (const file of fixed.keys()) this.analyzer.host.clearOverlay(file);
    }
    return problems;
  }

  /** Syntactic and semantic errors of a file as "TS<code>: message" (positions left out, since fixes shift them). */
  typeErrors(file: string): string[] {
    const project = this.analyzer.host.projectFor(file);
    const program = project.getProgram();
    const sf = program.getSourceFile(file);
    if (!sf) return [];
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map(
      (d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
  }
}

function diff(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) out.push(`  line ${i + 1}:\n    expected: ${JSON.stringify(e[i])}\n    actual:   ${JSON.stringify(a[i])}`);
    if (out.length >= 8) break;
  }
  return out.join('\n');
}
