/**
 * Baselined findings in the editor: with `scalelint.baseline.file` set, findings recorded in that
 * baseline are shown at a lower severity (a hint by default) or hidden, so new problems stand out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { fingerprintOf, readBaseline } from '../cli/baseline';
import type { Finding } from '../engine/finding';
import { computeLineStarts, lineOf } from '../engine/text';
import type { Settings } from './settings';

const cache = new Map<string, { mtimeMs: number; fingerprints: Set<string> }>();

function loadFingerprints(file: string, log: (m: string) => void): Set<string> | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = cache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.fingerprints;
  try {
    const fingerprints = new Set(readBaseline(file).entries.map((e) => e.fingerprint));
    cache.set(file, { mtimeMs, fingerprints });
    return fingerprints;
  } catch (err) {
    log(`baseline: ${(err as Error).message}`);
    return undefined;
  }
}

/** Lowers (or drops) the diagnostics of baselined findings; `diagnostics[i]` belongs to `findings[i]`. */
export function applyBaselineView(findings: readonly Finding[], diagnostics: Diagnostic[], text: string, folder: string, settings: Settings, log: (m: string) => void): Diagnostic[] {
  if (!settings.baseline.file) return diagnostics;
  const fingerprints = loadFingerprints(path.resolve(folder, settings.baseline.file), log);
  if (!fingerprints) return diagnostics;
  const starts = computeLineStarts(text);
  const out: Diagnostic[] = [];
  findings.forEach((f, i) => {
    const line = lineOf(starts, f.start);
    const lineText = text.slice(starts[line], starts[line + 1] ?? text.length).trim();
    if (!fingerprints.has(fingerprintOf({ ruleId: f.ruleId, messageId: f.messageId, context: f.context, lineText }))) {
      out.push(diagnostics[i]);
    } else if (settings.baseline.severity !== 'off') {
      const severity = settings.baseline.severity === 'info' ? DiagnosticSeverity.Information : DiagnosticSeverity.Hint;
      out.push({ ...diagnostics[i], severity, message: `(in baseline) ${diagnostics[i].message}` });
    }
  });
  return out;
}
