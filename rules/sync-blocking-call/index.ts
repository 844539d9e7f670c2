import { ts } from '../../server/src/engine/typescript';
import { getCalleeName } from '../../server/src/engine/api-resolve';
import { getCandidateNames } from '../../server/src/engine/callable-names';
import { functionName } from '../../server/src/engine/request-paths';
import type { TextEdit } from '../../server/src/engine/finding';
import { defineRule, type ApiRef, type Fixer, type RequestPath, type RuleContext, type RuleFix } from '../api';
import { BLOCKING_API_NAMES, findBlockingApi, type BlockingApiFamily } from '../catalog/sync-apis';
import { applyAsyncPropagation, awaitCall, ensureNamedImport, getEnclosingFunction, getImportSpecifierOf, planAsyncPropagation } from '../fix-helpers';

type MessageId = 'blockingCall' | 'blockingCallNoFix' | 'busyWait' | 'convertToAwait' | 'convertToAwaitWithCallers';

interface Options {
  /** `request-path`: only code a request handler reaches; `any-function`: any code inside a function. */
  scope: 'request-path' | 'any-function';
  /** `module:name` specifiers never reported, e.g. `crypto:randomBytes`. */
  allow: string[];
}

type Ctx = RuleContext<MessageId, Options>;

export default defineRule<MessageId, Options>({
  id: 'sync-blocking-call',
  meta: {
    summary: 'Synchronous, event-loop-blocking call on a request path',
    defaultSeverity: 'warning',
    requiresTypeChecking: true,
    messages: {
      blockingCall:
        '{{callee}} blocks the event loop on {{route}}: every concurrent request on this instance waits while it runs, and more instances do not help. Use {{replacement}}.',
      blockingCallNoFix:
        '{{callee}} blocks the event loop on {{route}}: every concurrent request on this instance waits while it runs, and more instances do not help. Instead, {{advice}}.',
      busyWait:
        'This loop spins on the clock on {{route}}: it holds the only JavaScript thread, so no other request is served until it ends. Use `await setTimeout(ms)` from `node:timers/promises`.',
      convertToAwait: 'Replace with {{replacement}}',
      convertToAwaitWithCallers: 'Replace with {{replacement}}, make `{{helper}}` async and await it in its callers ({{callers}} more function(s) become async)',
    },
    options: { scope: 'request-path', allow: [] },
  },
  visit: {
    CallExpression: checkCall,
    WhileStatement: checkBusyWait,
    DoStatement: checkBusyWait,
    ForStatement: checkBusyWait,
  },
});

// fs.readFileSync(p), readFileSync(p), rfs(p) where rfs aliases an export in the catalogue
function checkCall(node: ts.CallExpression, ctx: Ctx): void {
  const name = getCalleeName(node.expression);
  if (name === undefined || !getCandidateNames(ctx.sourceFile, BLOCKING_API_NAMES).has(name)) return;
  if (ctx.isToolingFile) return;
  const api = ctx.resolveApi(node.expression);
  if (!api) return;
  const family = findBlockingApi(api.module, api.name);
  if (!family || ctx.options.allow.includes(`${api.module}:${api.name}`)) return;
  if (family.onlyWithoutCallback && node.arguments.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a) || isCallbackTyped(a, ctx))) return;
  if (family.smallLiteralBound !== undefined && isSmallLiteral(node.arguments[0], family.smallLiteralBound)) return;
  const where = getContext(node, ctx);
  if (!where) return;

  const replacement = describeAlternative(node.expression, api.name.split('.').pop()!, family, ctx);
  ctx.report({
    node: node.expression,
    messageId: replacement ? 'blockingCall' : 'blockingCallNoFix',
    data: { callee: describeCallee(node.expression, api, ctx), route: where.route, replacement: replacement ?? '', advice: family.advice },
    related: where.path?.chain,
    // Planning reads every caller up to the handler: only when a fix is asked for.
    fixes: () => {
      const fix = replacement ? planFix(node, api, family, ctx) : undefined;
      return fix ? [fix] : [];
    },
  });
}

/** As written (`fs.readFileSync`), naming the real API when an alias hides it: `rfs` (`readFileSync` from fs). */
function describeCallee(callee: ts.Expression, api: ApiRef, ctx: Ctx): string {
  const written = callee.getText(ctx.sourceFile);
  const exported = api.name.split('.').pop()!;
  if (written === exported || written.endsWith(`.${exported}`)) return written.length <= 60 ? `\`${written}\`` : `\`${api.name}\``;
  const from = api.module === 'global' ? '' : ` from ${api.module}`;
  return `\`${written.length <= 30 ? written : '…'}\` (\`${api.name}\`${from})`;
}

/** The async twin as the user would write it here: `await bcrypt.hash(…)`, `await promisify(zlib.gzip)(…)`. */
function describeAlternative(callee: ts.Expression, exported: string, family: BlockingApiFamily, ctx: Ctx): string | undefined {
  const twin = family.alternative?.names[exported];
  if (!twin) return undefined;
  const owner = ts.isPropertyAccessExpression(callee) ? `${callee.expression.getText(ctx.sourceFile)}.` : '';
  switch (family.alternative!.kind) {
    case 'promises-module':
      return `\`await ${twin}(…)\` from \`${builtinPrefixFor(callee, ctx)}${family.alternative!.module}\``;
    case 'promisify':
      return `\`await promisify(${owner}${twin})(…)\``;
    case 'sibling-method':
      return `\`await ${owner}${twin}(…)\``;
  }
}

/** The route the code runs on, or undefined when it runs only at startup, in tooling, or nowhere known. */
function getContext(node: ts.Node, ctx: Ctx): { route: string; path?: RequestPath } | undefined {
  const path = ctx.requestPathTo(node);
  if (path) return { route: path.route, path };
  if (ctx.options.scope === 'any-function' && getEnclosingFunction(node)) return { route: 'a function (scope: any-function)' };
  return undefined;
}

function isSmallLiteral(arg: ts.Expression | undefined, bound: number): boolean {
  return arg !== undefined && ts.isNumericLiteral(arg) && Number(arg.text) <= bound;
}

function isCallbackTyped(arg: ts.Expression, ctx: Ctx): boolean {
  return ts.isIdentifier(arg) && ctx.checker.getTypeAtLocation(arg).getCallSignatures().length > 0;
}

// while (Date.now() < end) {} — a spin on the clock with nothing awaited in the body
function checkBusyWait(node: ts.WhileStatement | ts.DoStatement | ts.ForStatement, ctx: Ctx): void {
  const condition = node.kind === ts.SyntaxKind.ForStatement ? node.condition : node.expression;
  if (!condition || !readsClock(condition) || containsAwaitOrYield(node.statement) || ctx.isToolingFile) return;
  const where = getContext(node, ctx);
  if (!where) return;
  ctx.report({ node: condition, messageId: 'busyWait', data: { route: where.route }, related: where.path?.chain });
}

function readsClock(expr: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression)) {
      const owner = n.expression.expression.text;
      const method = n.expression.name.text;
      if ((owner === 'Date' && method === 'now') || (owner === 'performance' && method === 'now') || (owner === 'process' && method === 'hrtime')) found = true;
    }
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Date') found = true;
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

function containsAwaitOrYield(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n) || ts.isYieldExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

// ---------------------------------------------------------------------------------------------
// The sync → async fix

/**
 * Offered when the call can be awaited where it stands: the enclosing function is already async, or it
 * is the request handler itself (nothing in the project uses its return value). A helper whose callers
 * use its return value gets no transform, since they would receive a Promise.
 */
function planFix(node: ts.CallExpression, api: ApiRef, family: BlockingApiFamily, ctx: Ctx): RuleFix<MessageId> | undefined {
  const alternative = family.alternative!;
  const callee = api.name.split('.').pop()!;
  const twin = alternative.names[callee];
  if (!twin) return undefined;
  const fn = getEnclosingFunction(node);
  if (!fn) return undefined;
  // The enclosing function becomes async, and so do its callers up to a handler, when every use of
  // each is a call that can be awaited; otherwise no transform is offered.
  const isHandler = (f: ts.FunctionLikeDeclaration) => f.body !== undefined && ctx.requestPathTo(f.body)?.entry.handler === f;
  const plan = planAsyncPropagation(fn, ctx.program, ctx.checker, isHandler);
  if (!plan) return undefined;
  const replacement = describeAlternative(node.expression, callee, family, ctx)!;
  const callers = plan.functions.filter((f) => f !== fn).length;
  return {
    messageId: callers > 0 ? 'convertToAwaitWithCallers' : 'convertToAwait',
    data: { replacement, helper: `${functionName(fn)}()`, callers: String(callers) },
    safety: 'unsafe',
    preferred: true,
    apply: (fixer) => [...rewriteCallee(node, api, family, twin, ctx, fixer), ...awaitCall(node, fixer), ...applyAsyncPropagation(plan, fixer)],
  };
}

function rewriteCallee(node: ts.CallExpression, api: ApiRef, family: BlockingApiFamily, twin: string, ctx: Ctx, fixer: Fixer): TextEdit[] {
  const callee = node.expression;
  const written = getImportSpecifierOf(ctx.checker, callee);
  const builtinPrefix = builtinPrefixFor(callee, ctx);
  const alternative = family.alternative!;
  if (alternative.kind === 'promises-module') {
    const plan = ensureNamedImport(ctx.sourceFile, ctx.checker, `${builtinPrefix}${alternative.module}`, twin, fixer);
    return [fixer.replace(callee, plan.localName), ...plan.edits];
  }
  // Member call (`bcrypt.hashSync`, `zlib.gzipSync`): swap the member name, keep the object.
  let twinRef: string;
  const edits: TextEdit[] = [];
  if (ts.isPropertyAccessExpression(callee)) {
    twinRef = `${callee.expression.getText(ctx.sourceFile)}.${twin}`;
  } else {
    const specifier = written ?? (isBuiltin(api.module) ? `node:${api.module}` : api.module);
    const plan = ensureNamedImport(ctx.sourceFile, ctx.checker, specifier, twin, fixer);
    twinRef = plan.localName;
    edits.push(...plan.edits);
  }
  if (alternative.kind === 'sibling-method') return [fixer.replace(callee, twinRef), ...edits];
  const promisify = ensureNamedImport(ctx.sourceFile, ctx.checker, `${builtinPrefix}util`, 'promisify', fixer);
  return [fixer.replace(callee, `${promisify.localName}(${twinRef})`), ...edits, ...promisify.edits];
}

/** `node:` unless the file imported the sync API without it (`import fs from 'fs'`): new imports follow the file's style. */
function builtinPrefixFor(callee: ts.Expression, ctx: Ctx): string {
  const written = getImportSpecifierOf(ctx.checker, callee);
  return written === undefined || written.startsWith('node:') ? 'node:' : '';
}

function isBuiltin(module: string): boolean {
  return ['fs', 'fs/promises', 'crypto', 'zlib', 'child_process', 'util'].includes(module);
}
