/**
 * The engine's nouns. Everything is offset-based and free of LSP/VS Code types:
 * `lsp/convert.ts` and the CLI formatters turn offsets into lines and columns.
 */

export type Severity = 'info' | 'warning' | 'error';
export type SeveritySetting = Severity | 'off';

/** A replacement of `[start, end)` in `file` (absolute path) by `newText`. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export type FixSafety = 'safe' | 'unsafe';

/** A fix is computed lazily: `edits()` runs only when a code action is requested or fixes are applied. */
export interface Fix {
  title: string;
  safety: FixSafety;
  /** The fix an editor offers first (VS Code's `isPreferred`). */
  preferred?: boolean;
  /** The generic "suppress with reason" fix; fix-all never applies it. */
  isSuppression?: boolean;
  edits(): TextEdit[];
}

export interface RelatedLocation {
  file: string;
  start: number;
  end: number;
  /** A short label, e.g. "GET /users registered here" or "calls renderTemplate()". */
  label: string;
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages; lets tests and tools tell variants apart without parsing text. */
  messageId?: string;
  severity: Severity;
  file: string;
  start: number;
  end: number;
  message: string;
  related: RelatedLocation[];
  fixes: Fix[];
  /** The enclosing declarations, `UserService.find` or `(module)`: with the line's code, a fingerprint that survives edits elsewhere. */
  context?: string;
}

/** Something the user should know that is not a finding: a skipped file, a config error, a rule that crashed. */
export interface Notice {
  kind: 'skipped-file' | 'config-error' | 'rule-error' | 'project-error';
  file?: string;
  message: string;
}

/** Checked between files and between rules; the LSP token and CLI signal both fit. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
  }
}
