/**
 * Applying fixes: choose the fixes whose edits do not overlap, then apply them from the end of the
 * text backwards. Used by fix-all in the editor, by the CLI and by the fixture harness.
 */
import type { Finding, Fix, TextEdit } from './finding';

/**
 * One fix per finding (the preferred one, or the first), skipping suppressions, unsafe fixes unless
 * asked, and any fix that overlaps a fix already taken: a fix is all of its edits or none of them.
 * Identical edits (two findings adding the same import) are kept once.
 */
export function selectFixEdits(findings: readonly Finding[], opts: { includeUnsafe: boolean; ruleIds?: ReadonlySet<string> }): TextEdit[] {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    if (opts.ruleIds && !opts.ruleIds.has(finding.ruleId)) continue;
    const candidates = finding.fixes.filter((f) => !f.isSuppression && (opts.includeUnsafe || f.safety === 'safe'));
    const fix: Fix | undefined = candidates.find((f) => f.preferred) ?? candidates[0];
    if (!fix) continue;
    const edits = fix.edits().filter((e) => !seen.has(editKey(e)));
    if (edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    for (const e of edits) {
      seen.add(editKey(e));
      taken.push(e);
    }
  }
  return taken;
}

function editKey(e: TextEdit): string {
  return `${e.file}\0${e.start}\0${e.end}\0${e.newText}`;
}

/** Two replacements overlap when their ranges intersect; inserts at the same point do not. */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  if (a.start === a.end || b.start === b.end) return a.start > b.start && a.start < b.end || b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits of one file; inserts at the same offset keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((e, i) => ({ e, i })).sort((x, y) => y.e.start - x.e.start || y.e.end - x.e.end || y.i - x.i);
  let out = text;
  for (const { e } of ordered) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function groupEditsByFile<T extends { file: string }>(edits: readonly T[]): Map<string, T[]> {
  const byFile = new Map<string, T[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return byFile;
}
