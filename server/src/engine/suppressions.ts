/**
 * Suppression comments and their hygiene:
 *   // scalelint-disable-next-line <rule-id>[, <rule-id>] -- <reason>
 *   // scalelint-disable-file <rule-id>[, <rule-id>] -- <reason>
 * A suppression without a reason, naming an unknown rule, or suppressing nothing is itself reported
 * (rule id `suppression`), so annotations keep meaning something.
 */
import type { Finding, Fix, TextEdit } from './finding';
import { computeLineStarts, lineOf } from './text';

export const SUPPRESSION_RULE_ID = 'suppression';

interface Directive {
  kind: 'next-line' | 'file';
  /** 0-based line the directive applies to (next-line only). */
  targetLine: number;
  rules: string[];
  reason: string;
  /** The comment's range, and the whole line's range for removal. */
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
  used: Set<string>;
}

const DIRECTIVE = /\/\/\s*scalelint-disable-(next-line|file)\b([^\n]*)/g;

export function parseDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  const lineStarts = computeLineStarts(text);
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index!;
    const line = lineOf(lineStarts, start);
    const lineStart = lineStarts[line];
    // A directive must be the only thing on its line, like ESLint's: `code(); // scalelint-disable…` is not one.
    if (text.slice(lineStart, start).trim() !== '') continue;
    const [ids, ...reasonParts] = match[2].split(/\s--(?:\s|$)/);
    const rules = ids.split(',').map((r) => r.trim()).filter(Boolean);
    const nextLine = lineStarts[line + 1];
    directives.push({
      kind: match[1] as 'next-line' | 'file',
      targetLine: line + 1,
      rules,
      reason: reasonParts.join(' -- ').trim(),
      start,
      end: start + match[0].length,
      lineStart,
      lineEnd: nextLine ?? text.length,
      used: new Set(),
    });
  }
  return directives;
}

export interface SuppressionResult {
  findings: Finding[];
  /** Findings about the directives themselves. */
  hygiene: Finding[];
}

/**
 * Drops suppressed findings and reports misused directives.
 * `ranRules` are the rules that ran on this file: only their directives can be judged unused.
 */
export function applySuppressions(
  file: string,
  text: string,
  findings: Finding[],
  knownRules: ReadonlySet<string>,
  ranRules: ReadonlySet<string>,
): SuppressionResult {
  const directives = parseDirectives(text);
  if (directives.length === 0) return { findings, hygiene: [] };
  const lineStarts = computeLineStarts(text);
  const kept = findings.filter((f) => {
    const line = lineOf(lineStarts, f.start);
    const directive = directives.find(
      (d) => d.rules.includes(f.ruleId) && (d.kind === 'file' || d.targetLine === line),
    );
    directive?.used.add(f.ruleId);
    return directive === undefined;
  });
  const hygiene: Finding[] = [];
  const report = (d: Directive, message: string, fixes: Fix[] = []) =>
    hygiene.push({ ruleId: SUPPRESSION_RULE_ID, severity: 'warning', file, start: d.start, end: d.end, message, related: [], fixes });
  for (const d of directives) {
    if (d.rules.length === 0) {
      report(d, 'This suppression names no rule: write `scalelint-disable-' + d.kind + ' <rule-id> -- <reason>`.');
      continue;
    }
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    if (unknown.length > 0) report(d, `Unknown rule ${unknown.map((r) => `\`${r}\``).join(', ')} in a suppression.`);
    if (d.reason === '') {
      report(d, 'A suppression needs a reason after ` -- `: say why this is safe at scale, so the next reader can judge it.');
    }
    const unused = d.rules.filter((r) => ranRules.has(r) && !d.used.has(r));
    if (unused.length > 0 && unused.length === d.rules.filter((r) => knownRules.has(r)).length) {
      const remove: Fix = {
        title: 'Remove the unused suppression',
        safety: 'safe',
        edits: () => [{ file, start: d.lineStart, end: d.lineEnd, newText: '' }],
      };
      report(d, `This suppression of ${unused.map((r) => `\`${r}\``).join(', ')} suppresses nothing: remove it.`, [remove]);
    }
  }
  return { findings: kept, hygiene };
}

/**
 * The generic "suppress with reason" fix offered for every finding: adds the rule to a directive on the
 * line above when there is one, otherwise inserts a directive whose reason the user still has to write
 * (until they do, the missing reason is reported).
 */
export function createSuppressionFix(finding: Pick<Finding, 'ruleId' | 'start' | 'file'>, text: string): Fix {
  return {
    title: `Suppress ${finding.ruleId} on this line (write the reason after --)`,
    safety: 'safe',
    isSuppression: true,
    edits: (): TextEdit[] => {
      const lineStarts = computeLineStarts(text);
      const line = lineOf(lineStarts, finding.start);
      const lineStart = lineStarts[line];
      const existing = parseDirectives(text).find((d) => d.kind === 'next-line' && d.targetLine === line);
      if (existing) {
        if (existing.rules.includes(finding.ruleId)) return [];
        const insertAt = existing.rules.length > 0 ? text.indexOf(existing.rules[existing.rules.length - 1], existing.start) + existing.rules[existing.rules.length - 1].length : existing.end;
        return [{ file: finding.file, start: insertAt, end: insertAt, newText: `, ${finding.ruleId}` }];
      }
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      return [{ file: finding.file, start: lineStart, end: lineStart, newText: `${indent}// scalelint-disable-next-line ${finding.ruleId} -- \n` }];
    },
  };
}
