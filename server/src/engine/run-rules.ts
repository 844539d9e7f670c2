/**
 * One pass over a file's compiler nodes in document order, dispatching each node kind to the enabled
 * rules that visit it.
 * A rule that throws loses its findings for this file (and only those); the error becomes a notice.
 */
import { ts } from './typescript';
import { formatMessage, type Fixer, type ReportDescriptor, type Rule, type RuleContext, type Visitor } from '../../../rules/api';
import { resolveApi } from './api-resolve';
import { defaultConfig } from './config';
import { CancelledError, type CancellationToken, type Finding, type Fix, type Notice, type Severity, type TextEdit } from './finding';
import { createSuppressionFix } from './suppressions';
import { nodesOf } from './file-nodes';
import type { RequestPathIndex } from './request-paths';

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface FileEnvironment {
  file: string;
  sourceFile: ts.SourceFile;
  program: ts.Program;
  isToolingFile: boolean;
  /** `timeouts` of the configuration that applies; `defaultConfig()`'s when absent. */
  timeouts?: { defaultMs: number };
  /** Built on first use: most files never ask. */
  requestPaths(): RequestPathIndex;
}

export interface RuleRunResult {
  findings: Finding[];
  notices: Notice[];
}

export const fixer: Fixer = {
  replace: (node, text) => edit(node, node.getStart(), node.end, text),
  replaceRange: (file, start, end, text) => ({ file, start, end, newText: text }),
  insertBefore: (node, text) => edit(node, node.getStart(), node.getStart(), text),
  insertAfter: (node, text) => edit(node, node.end, node.end, text),
  remove: (node) => edit(node, node.getStart(), node.end, ''),
};

function edit(node: ts.Node, start: number, end: number, newText: string): TextEdit {
  return { file: node.getSourceFile().fileName, start, end, newText };
}

export function runRules(env: FileEnvironment, rules: readonly EnabledRule[], token: CancellationToken): RuleRunResult {
  const dispatch = new Map<ts.SyntaxKind, { index: number; visitor: Visitor<string, unknown> }[]>();
  const perRule = rules.map((enabled, index) => {
    const findings: Finding[] = [];
    for (const [kindName, visitor] of Object.entries(enabled.rule.visit)) {
      const kind = ts.SyntaxKind[kindName as keyof typeof ts.SyntaxKind];
      if (kind === undefined || !visitor) continue;
      const list = dispatch.get(kind) ?? [];
      list.push({ index, visitor: visitor as Visitor<string, unknown> });
      dispatch.set(kind, list);
    }
    return { enabled, findings, failed: undefined as Error | undefined, ctx: createContext(env, enabled, findings) };
  });
  if (dispatch.size === 0) return { findings: [], notices: [] };

  for (const node of nodesOf(env.sourceFile)) {
    if (node.parent === env.sourceFile && token.isCancellationRequested) throw new CancelledError();
    const visitors = dispatch.get(node.kind);
    if (!visitors) continue;
    for (const { index, visitor } of visitors) {
      const state = perRule[index];
      if (state.failed) continue;
      try {
        visitor(node, state.ctx);
      } catch (err) {
        state.failed = err as Error;
      }
    }
  }

  const findings: Finding[] = [];
  const notices: Notice[] = [];
  for (const state of perRule) {
    if (state.failed) {
      notices.push({
        kind: 'rule-error',
        file: env.file,
        message: `rule ${state.enabled.rule.id} failed on this file and its findings here were dropped: ${state.failed.stack ?? state.failed.message}`,
      });
    } else {
      findings.push(...state.findings);
    }
  }
  return { findings, notices };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function createContext(env: FileEnvironment, enabled: EnabledRule, sink: Finding[]): RuleContext<string, unknown> {
  const { rule } = enabled;
  let checker: ts.TypeChecker | undefined;
  const getChecker = () => (checker ??= env.program.getTypeChecker());
  return {
    file: env.file,
    sourceFile: env.sourceFile,
    options: enabled.options,
    get checker() {
      return getChecker();
    },
    program: env.program,
    isToolingFile: env.isToolingFile,
    timeouts: env.timeouts ?? defaultConfig().timeouts,
    resolveApi: (callee) => resolveApi(getChecker(), callee),
    requestPathTo: (node) => env.requestPaths().requestPathTo(node),
    report: (d: ReportDescriptor<string>) => {
      const template = rule.meta.messages[d.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${d.messageId}"`);
      const finding: Omit<Finding, 'fixes'> = {
        ruleId: rule.id,
        messageId: d.messageId,
        severity: d.maxSeverity !== undefined && SEVERITY_RANK[d.maxSeverity] < SEVERITY_RANK[enabled.severity] ? d.maxSeverity : enabled.severity,
        file: env.file,
        start: d.node.getStart(env.sourceFile),
        end: d.node.end,
        context: enclosingNames(d.node),
        message: formatMessage(template, d.data),
        related: d.related ?? [],
      };
      const planRuleFixes = (): Fix[] =>
        (typeof d.fixes === 'function' ? d.fixes() : (d.fixes ?? [])).map((f) => ({
          title: formatMessage(rule.meta.messages[f.messageId] ?? f.messageId, { ...d.data, ...f.data }),
          safety: f.safety,
          preferred: f.preferred,
          edits: () => f.apply(fixer),
        }));
      sink.push(withLazyFixes(finding, () => [...planRuleFixesSafely(rule.id, env.file, planRuleFixes), createSuppressionFix(finding, env.sourceFile.text)]));
    },
  };
}

/** `OrderService.list.callback`: the names of the declarations around a node, innermost last. */
function enclosingNames(node: ts.Node): string {
  const names: string[] = [];
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    const name = ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isVariableDeclaration(n) ? ts.getNameOfDeclaration(n as ts.Declaration) : undefined;
    if (name && ts.isIdentifier(name)) names.unshift(name.text);
  }
  return names.join('.') || '(module)';
}

/** A rule whose fix planning throws loses its fixes for that finding, never the code actions of the file. */
function planRuleFixesSafely(ruleId: string, file: string, plan: () => Fix[]): Fix[] {
  try {
    return plan();
  } catch (err) {
    console.error(`scalelint: ${ruleId} could not plan fixes in ${file}: ${(err as Error).stack ?? err}`);
    return [];
  }
}

/** `fixes` is computed on first read: the diagnostics path never reads it. */
function withLazyFixes(finding: Omit<Finding, 'fixes'>, plan: () => Fix[]): Finding {
  let planned: Fix[] | undefined;
  return Object.defineProperty(finding, 'fixes', { get: () => (planned ??= plan()), enumerable: true }) as Finding;
}
