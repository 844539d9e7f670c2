/**
 * The CLI's view of a scan: findings with 1-based positions and paths relative to a base folder.
 * Every output format (stylish, JSON, SARIF) renders this one shape.
 */
import * as path from 'node:path';
import type { ScanResult } from '../engine/analyzer';
import type { Finding, Notice, Severity } from '../engine/finding';
import { computeLineStarts, offsetToLineColumn } from '../engine/text';

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface ReportedFinding {
  ruleId: string;
  messageId?: string;
  severity: Severity;
  /** Relative to the report's base folder, with `/` separators. */
  file: string;
  start: Position;
  end: Position;
  message: string;
  related: { file: string; start: Position; end: Position; label: string }[];
  /** Fix edits are computed only for formats that carry them (SARIF, JSON). */
  fixes: { title: string; safety: string; edits?: { file: string; start: Position; end: Position; newText: string }[] }[];
  /** The text of the primary range's line, trimmed: used for stable fingerprints. */
  lineText: string;
  /** The enclosing declarations (see Finding.context). */
  context?: string;
}

export interface Report {
  base: string;
  filesScanned: number;
  filesAnalyzed: number;
  filesSkipped: number;
  findings: ReportedFinding[];
  notices: Notice[];
  durationMs: number;
}

export function buildReport(
  scan: ScanResult,
  base: string,
  durationMs: number,
  readText: (file: string) => string | undefined,
  withFixEdits: boolean,
): Report {
  const lineStartsCache = new Map<string, { text: string; starts: number[] }>();
  const textOf = (file: string, fallback?: string) => {
    let entry = lineStartsCache.get(file);
    if (!entry) {
      const text = fallback ?? readText(file) ?? '';
      entry = { text, starts: computeLineStarts(text) };
      lineStartsCache.set(file, entry);
    }
    return entry;
  };
  const position = (file: string, offset: number, fallback?: string): Position => {
    const { text, starts } = textOf(file, fallback);
    return { ...offsetToLineColumn(text, offset, starts), offset };
  };
  const findings: ReportedFinding[] = [];
  const notices: Notice[] = [...scan.notices];
  for (const analysis of scan.files) {
    notices.push(...analysis.notices);
    for (const f of analysis.findings) findings.push(toReported(f, analysis.text));
  }
  function toReported(f: Finding, text: string): ReportedFinding {
    const start = position(f.file, f.start, text);
    const { starts } = textOf(f.file, text);
    const lineEnd = starts[start.line] ?? text.length;
    return {
      ruleId: f.ruleId,
      messageId: f.messageId,
      severity: f.severity,
      file: relative(base, f.file),
      start,
      end: position(f.file, f.end, text),
      message: f.message,
      related: f.related.map((r) => ({ file: relative(base, r.file), start: position(r.file, r.start), end: position(r.file, r.end), label: r.label })),
      fixes: f.fixes
        .filter((x) => !x.isSuppression)
        .map((x) => ({
          title: x.title,
          safety: x.safety,
          ...(withFixEdits
            ? { edits: x.edits().map((e) => ({ file: relative(base, e.file), start: position(e.file, e.start), end: position(e.file, e.end), newText: e.newText })) }
            : {}),
        })),
      lineText: text.slice(starts[start.line - 1], lineEnd).trim(),
      context: f.context,
    };
  }
  return {
    base,
    filesScanned: scan.files.length,
    filesAnalyzed: scan.analyzed,
    filesSkipped: scan.skipped,
    findings,
    notices: dedupeNotices(notices),
    durationMs,
  };
}

function dedupeNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((n) => {
    const key = `${n.kind}\0${n.file}\0${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function relative(base: string, file: string): string {
  return path.relative(base, file).split(path.sep).join('/');
}

export function countBySeverity(findings: readonly ReportedFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
