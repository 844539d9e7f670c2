/**
 * Baselines: record today's findings, then report (and fail on) only new ones. A finding is matched by
 * a fingerprint of its rule, message id, enclosing declarations and the normalised code of its line —
 * not its line number or file path — so line shifts, unrelated edits and file moves keep it matched.
 * Identical fingerprints are counted, so a second copy of a baselined problem is still new.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { ReportedFinding } from './report';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

export interface BaselineFile {
  version: 1;
  tool: 'scalelint';
  entries: BaselineEntry[];
}

/** What a fingerprint is made of: the rule, the message id, the enclosing declarations and the line's code. */
export type Fingerprintable = Pick<ReportedFinding, 'ruleId' | 'messageId' | 'context' | 'lineText'>;

export function fingerprintOf(f: Fingerprintable): string {
  // Whitespace is dropped entirely, so reformatting the line keeps the fingerprint.
  const code = f.lineText.replace(/\s+/g, '');
  return createHash('sha256').update([f.ruleId, f.messageId ?? '', f.context ?? '', code].join('\0')).digest('hex').slice(0, 24);
}

export function readBaseline(file: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read baseline ${file}: ${(err as Error).message}`);
  }
  const doc = parsed as Partial<BaselineFile>;
  if (doc.version !== 1 || !Array.isArray(doc.entries)) throw new Error(`${file} is not a Scalelint baseline (version 1)`);
  return doc as BaselineFile;
}

export function writeBaseline(file: string, findings: readonly ReportedFinding[]): BaselineFile {
  const entries = findings
    .map((f) => ({ fingerprint: fingerprintOf(f), ruleId: f.ruleId, file: f.file, line: f.start.line, message: f.message }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.fingerprint.localeCompare(b.fingerprint));
  const doc: BaselineFile = { version: 1, tool: 'scalelint', entries };
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  return doc;
}

/** Splits findings into new ones and baselined ones; also counts baseline entries no longer seen. */
export function applyBaseline(findings: readonly ReportedFinding[], baseline: BaselineFile): { fresh: ReportedFinding[]; matched: number; stale: number } {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + 1);
  const fresh: ReportedFinding[] = [];
  let matched = 0;
  for (const f of findings) {
    const fp = fingerprintOf(f);
    const left = remaining.get(fp) ?? 0;
    if (left > 0) {
      remaining.set(fp, left - 1);
      matched++;
    } else {
      fresh.push(f);
    }
  }
  let stale = 0;
  for (const n of remaining.values()) stale += n;
  return { fresh, matched, stale };
}
