/**
 * Inline expectations in fixture files (grammar in ../../../test-fixtures/README.md):
 *
 *   const cfg = readFileSync('./cfg.json', 'utf8');
 *   //          ^^^^^^^^^^^^ sync-blocking-call(blockingCall): GET /users
 *
 * A comment line starting with a run of `^` marks the exact columns of a finding on the nearest code
 * line above; then the rule id, an optional (messageId) and an optional `: substring` of the message.
 * Files without findings start with `// expect: no findings`.
 */

export interface ExpectedFinding {
  /** 0-based line of the code the carets point at. */
  line: number;
  startColumn: number;
  endColumn: number;
  ruleId: string;
  messageId?: string;
  substring?: string;
  /** 0-based line of the marker comment, for error messages. */
  markerLine: number;
}

export interface ParsedFixture {
  expected: ExpectedFinding[];
  expectsNoFindings: boolean;
  errors: string[];
}

const MARKER = /^(\s*)\/\/(\s*)(\^+)\s+([a-z][a-z0-9-]*)(?:\(([A-Za-z0-9]+)\))?(?::\s*(.*?))?\s*$/;

export function isMarkerLine(line: string): boolean {
  return /^\s*\/\/\s*\^/.test(line);
}

export function parseFixture(text: string): ParsedFixture {
  const lines = text.split('\n');
  const expected: ExpectedFinding[] = [];
  const errors: string[] = [];
  let codeLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!isMarkerLine(line)) {
      if (line.trim() !== '') codeLine = i;
      continue;
    }
    const m = MARKER.exec(line);
    if (!m) {
      errors.push(`line ${i + 1}: malformed marker (expected "// ^^^ rule-id(messageId): substring")`);
      continue;
    }
    if (codeLine < 0) {
      errors.push(`line ${i + 1}: marker with no code line above it`);
      continue;
    }
    const startColumn = m[1].length + 2 + m[2].length;
    expected.push({
      line: codeLine,
      startColumn,
      endColumn: startColumn + m[3].length,
      ruleId: m[4],
      messageId: m[5],
      substring: m[6] || undefined,
      markerLine: i,
    });
  }
  const expectsNoFindings = /^\s*\/\/ expect: no findings\b/m.test(lines.slice(0, 5).join('\n'));
  if (expectsNoFindings && expected.length > 0) errors.push('"// expect: no findings" but the file has markers');
  return { expected, expectsNoFindings, errors };
}

/** The text without marker lines: what a fixed file is compared against. */
export function stripMarkers(text: string): string {
  return text
    .split('\n')
    .filter((l) => !isMarkerLine(l))
    .join('\n');
}

export interface ActualFinding {
  line: number;
  startColumn: number;
  endColumn: number;
  endLine: number;
  ruleId: string;
  messageId?: string;
  message: string;
}

/** Every difference between markers and findings, as readable lines; empty when they agree. */
export function compareFindings(file: string, expected: readonly ExpectedFinding[], actual: readonly ActualFinding[]): string[] {
  const problems: string[] = [];
  const unmatched = [...actual];
  for (const e of expected) {
    const idx = unmatched.findIndex(
      (a) =>
        a.ruleId === e.ruleId &&
        a.line === e.line &&
        a.startColumn === e.startColumn &&
        a.endColumn === e.endColumn &&
        (e.messageId === undefined || a.messageId === e.messageId) &&
        (e.substring === undefined || a.message.includes(e.substring)),
    );
    if (idx >= 0) {
      unmatched.splice(idx, 1);
      continue;
    }
    const near = unmatched.find((a) => a.ruleId === e.ruleId && a.line === e.line);
    const hint = near
      ? ` (found ${near.ruleId}${near.messageId ? `(${near.messageId})` : ''} at columns ${near.startColumn + 1}-${near.endColumn}: "${near.message}")`
      : '';
    problems.push(`${file}:${e.line + 1}:${e.startColumn + 1}: expected ${e.ruleId}${e.messageId ? `(${e.messageId})` : ''}${e.substring ? ` containing "${e.substring}"` : ''} — not reported${hint}`);
  }
  for (const a of unmatched) {
    problems.push(`${file}:${a.line + 1}:${a.startColumn + 1}: unexpected ${a.ruleId}${a.messageId ? `(${a.messageId})` : ''}: "${a.message}" — add a marker or fix the rule`);
  }
  for (const a of actual) {
    if (a.endLine !== a.line) problems.push(`${file}:${a.line + 1}: ${a.ruleId} reports a range spanning lines ${a.line + 1}-${a.endLine + 1}; keep primary ranges on one line`);
  }
  return problems;
}
