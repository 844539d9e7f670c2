/**
 * The rule API: what a rule module declares (`defineRule`) and what it may ask of the engine (`RuleContext`).
 * Rules see TypeScript compiler nodes, never LSP or VS Code types.
 */
import type { ts } from 'ts-morph';
import type { FixSafety, RelatedLocation, Severity, TextEdit } from '../server/src/engine/finding';
import type { ApiRef } from '../server/src/engine/api-resolve';
import type { RequestPath } from '../server/src/engine/request-paths';

export type { ApiRef, RequestPath };

/** Names of the node kinds a rule may visit, e.g. `CallExpression`. */
export type VisitorKind = keyof typeof import('ts-morph').ts.SyntaxKind;

export interface RuleMeta<M extends string, O> {
  /** One line; the first line of the rule's README must match it. */
  summary: string;
  defaultSeverity: Severity;
  requiresTypeChecking: boolean;
  /** Message templates by camelCase id; `{{name}}` is replaced from `data`. */
  messages: Record<M, string>;
  /** Defaults of the rule's options; `.scalelintrc.json` overrides them key by key. */
  options: O;
}

export interface RuleFix<M extends string> {
  messageId: M;
  data?: Record<string, string>;
  safety: FixSafety;
  preferred?: boolean;
  /** Computed lazily, only when the fix is requested. */
  apply(fixer: Fixer): TextEdit[];
}

export interface ReportDescriptor<M extends string> {
  /** The primary range: keep it narrow and on one line (the callee, not the whole call). */
  node: ts.Node;
  messageId: M;
  data?: Record<string, string>;
  related?: RelatedLocation[];
  /**
   * A function when planning a fix is costly (reading other files, as making callers async does):
   * it runs only when a fix is asked for, which most findings shown in an editor never are.
   */
  fixes?: RuleFix<M>[] | (() => RuleFix<M>[]);
  /**
   * Caps this finding's severity below the rule's configured one (a bounded cache is worth knowing
   * about, not a warning); never raises it, and `off` still silences it.
   */
  maxSeverity?: Severity;
}

export interface Fixer {
  replace(node: ts.Node, text: string): TextEdit;
  replaceRange(file: string, start: number, end: number, text: string): TextEdit;
  insertBefore(node: ts.Node, text: string): TextEdit;
  insertAfter(node: ts.Node, text: string): TextEdit;
  remove(node: ts.Node): TextEdit;
}

export interface RuleContext<M extends string, O> {
  readonly file: string;
  readonly sourceFile: ts.SourceFile;
  readonly options: O;
  /** The program's checker; asking it costs, so call only after a cheap syntactic test. */
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  /** Resolves a callee expression to the module export it refers to, through aliases and re-exports. */
  resolveApi(callee: ts.Expression): ApiRef | undefined;
  /** Which entry point reaches the code at `node`, and through which calls; undefined when none does. */
  requestPathTo(node: ts.Node): RequestPath | undefined;
  /** True when the file is a test, script, migration, seed or config file. */
  readonly isToolingFile: boolean;
  /** `timeouts` from the `.scalelintrc.json` that applies to this file (defaults when none does). */
  readonly timeouts: { readonly defaultMs: number };
  report(descriptor: ReportDescriptor<M>): void;
}

export type Visitor<M extends string, O> = (node: any, ctx: RuleContext<M, O>) => void;

export interface Rule<M extends string = string, O = any> {
  id: string;
  meta: RuleMeta<M, O>;
  visit: Partial<Record<VisitorKind, Visitor<M, O>>>;
}

export function defineRule<M extends string, O>(rule: Rule<M, O>): Rule<M, O> {
  return rule;
}

/** Fills `{{name}}` placeholders; a missing value is left visible rather than silently dropped. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
