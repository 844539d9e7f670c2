/**
 * Per-element execution: which loop or array callback runs a call once per element, and whether that
 * loop is one the rule must leave alone (a constant tuple, chunks, cursor pagination, retries).
 */
import { ts } from '../../server/src/engine/typescript';
import { getDeclaringModule, getSimpleName, mentionsAnyName, resolveApi, skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { isFunctionLike } from '../../server/src/engine/request-paths';
import { CONCURRENCY_LIMITER, FAN_OUT_COMBINATORS, findElementMapper, ITERATION_METHODS, type ElementMapper } from '../catalog/query-apis';

export type LoopStatement = ts.ForOfStatement | ts.ForInStatement | ts.ForStatement | ts.WhileStatement | ts.DoStatement;

export interface Iteration {
  /** The loop statement, or the `items.map(…)` / `pMap(items, …)` call. */
  node: LoopStatement | ts.CallExpression;
  /** The per-element callback, for array methods and library mappers. */
  callback?: ts.ArrowFunction | ts.FunctionExpression;
  /** The element's position among the callback's parameters (1 for `reduce`). */
  elementParam: number;
  /** What is iterated: `orders`, `order.items`; undefined for `while` loops. */
  collection?: ts.Expression;
  /** `Promise.all(items.map(…))`, `pMap(items, fn)`: every element at once. */
  fanOut: boolean;
  /** A concurrency limit on the way (`at most 5 at a time`, `one at a time`): it bounds how many run at once, not how many. */
  bound?: string;
  /** The part of the loop that runs per element. */
  body: ts.Node;
}

/**
 * The innermost loop, array callback or library mapper (`pMap`, `async.mapLimit`, `Bluebird.map`) that
 * runs `node` once per element, within the function that contains it. Syntactic up to the callbacks of
 * other calls: those are looked through (`.then`, a p-limit `limit(() => …)`, whose bound is kept),
 * after asking the checker whether the call is a mapper; any other function boundary ends the search.
 */
export function findIteration(node: ts.Node, checker: ts.TypeChecker): Iteration | undefined {
  let limiter: ts.Expression | undefined;
  const bounded = (it: Iteration): Iteration => {
    const bound = it.bound ?? (limiter && describeLimiterBound(limiter, checker));
    return bound ? { ...it, bound, fanOut: false } : it;
  };
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (isLoopStatement(p) && p.statement === n) return bounded(loopIteration(p));
    if (!isFunctionLike(p)) continue;
    if (!(ts.isArrowFunction(p) || ts.isFunctionExpression(p)) || !ts.isCallExpression(p.parent)) return undefined;
    const call = p.parent;
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text) && call.arguments[0] === p) {
      const elementParam = /^reduce(Right)?$/.test(callee.name.text) ? 1 : 0;
      return bounded({ node: call, callback: p, elementParam, collection: callee.expression, fanOut: isFanOut(call), body: p.body });
    }
    // `app.get('/x', () => …)` in a loop registers handlers; it does not run per element.
    if (call.arguments.length > 0 && ts.isStringLiteralLike(call.arguments[0])) return undefined;
    const runner = getCallbackRunner(call, checker);
    if (runner?.mapper && call.arguments[runner.mapper.callbackArg] === p && call.arguments.length > 0) {
      return bounded(mapperIteration(call, p, runner.mapper, checker));
    }
    if (runner?.limiter) limiter ??= callee;
  }
  return undefined;
}

interface CallbackRunner {
  mapper?: ElementMapper;
  limiter?: boolean;
}

const runnerCache = new WeakMap<ts.CallExpression, CallbackRunner | null>();

/** Whether a call that takes a callback is a library mapper or a p-limit limiter (asked once per call). */
function getCallbackRunner(call: ts.CallExpression, checker: ts.TypeChecker): CallbackRunner | undefined {
  let runner = runnerCache.get(call);
  if (runner === undefined) {
    const api = resolveApi(checker, call.expression);
    const mapper = api && findElementMapper(api.module, api.name);
    runner = mapper ? { mapper } : isLimiter(call.expression, checker) ? { limiter: true } : null;
    runnerCache.set(call, runner);
  }
  return runner ?? undefined;
}

function isLimiter(expr: ts.Expression, checker: ts.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(expr);
  const decl = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  return decl !== undefined && getDeclaringModule(decl) === CONCURRENCY_LIMITER.module && (type.aliasSymbol ?? type.getSymbol())!.name === CONCURRENCY_LIMITER.type;
}

function mapperIteration(call: ts.CallExpression, callback: ts.ArrowFunction | ts.FunctionExpression, mapper: ElementMapper, checker: ts.TypeChecker): Iteration {
  const it: Iteration = { node: call, callback, elementParam: 0, collection: call.arguments[0], fanOut: false, body: callback.body };
  const c = mapper.concurrency;
  if (c.kind === 'all') return { ...it, fanOut: true };
  if (c.kind === 'serial') return { ...it, bound: 'one at a time' };
  if (c.kind === 'limiter') {
    const callee = skipOuterExpressions(call.expression);
    return { ...it, bound: ts.isPropertyAccessExpression(callee) ? describeLimiterBound(callee.expression, checker) : undefined };
  }
  const arg = call.arguments[c.arg];
  const limit = c.kind === 'count' ? arg : arg && getConcurrencyOption(arg);
  // p-map and Bluebird without a `concurrency` option start every element at once.
  if (c.kind === 'option' && (!arg || (limit === undefined && ts.isObjectLiteralExpression(skipOuterExpressions(arg))))) return { ...it, fanOut: true };
  if (limit && ts.isIdentifier(skipOuterExpressions(limit)) && (skipOuterExpressions(limit) as ts.Identifier).text === 'Infinity') return { ...it, fanOut: true };
  return { ...it, bound: describeBound(limit) };
}

/** `{ concurrency: 5 }` → `5`. */
function getConcurrencyOption(options: ts.Expression): ts.Expression | undefined {
  const o = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'concurrency') return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'concurrency') return p.name;
  }
  return undefined;
}

/** The bound of `limit` when it is `const limit = pLimit(4)` (or `pLimit({ concurrency: 4 })`). */
function describeLimiterBound(limiter: ts.Expression, checker: ts.TypeChecker): string {
  const e = skipOuterExpressions(limiter);
  const decl = ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? checker.getSymbolAtLocation(ts.isIdentifier(e) ? e : e.name)?.valueDeclaration : undefined;
  const init = decl && (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer ? skipOuterExpressions(decl.initializer) : undefined;
  const arg = init && ts.isCallExpression(init) ? init.arguments[0] : undefined;
  return describeBound(arg && (getConcurrencyOption(arg) ?? arg));
}

function describeBound(limit: ts.Expression | undefined): string {
  const e = limit && skipOuterExpressions(limit);
  if (e && ts.isNumericLiteral(e)) return e.text === '1' ? 'one at a time' : `at most ${e.text} at a time`;
  if (e && (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && e.getText().length <= 30) return `at most \`${e.getText()}\` at a time`;
  return 'with a concurrency limit';
}

function loopIteration(loop: LoopStatement): Iteration {
  let collection: ts.Expression | undefined;
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) collection = loop.expression;
  else if (ts.isForStatement(loop) && loop.condition) collection = getLengthBound(loop.condition);
  else if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) collection = getLengthBound(loop.expression);
  return { node: loop, elementParam: 0, collection, fanOut: false, body: loop.statement };
}

export function isLoopStatement(node: ts.Node): node is LoopStatement {
  return ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** `Promise.all(items.map(…))`, `Promise.allSettled(…)`. */
function isFanOut(mapCall: ts.CallExpression): boolean {
  let p: ts.Node = mapCall.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) p = p.parent;
  if (!ts.isCallExpression(p)) return false;
  const callee = skipOuterExpressions(p.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && FAN_OUT_COMBINATORS.has(callee.name.text);
}

/** `i < items.length` → `items`. */
function getLengthBound(cond: ts.Expression): ts.Expression | undefined {
  const e = skipOuterExpressions(cond);
  if (!ts.isBinaryExpression(e)) return undefined;
  for (const side of [e.right, e.left]) {
    const s = skipOuterExpressions(side);
    if (ts.isPropertyAccessExpression(s) && (s.name.text === 'length' || s.name.text === 'size')) return s.expression;
  }
  return undefined;
}

/** The loop header as users see it (`for (const order of orders)`), for a related location. */
export function getHeaderRange(it: Iteration, sf: ts.SourceFile): { start: number; end: number } {
  const start = it.node.getStart(sf);
  const lineEnd = sf.text.indexOf('\n', start);
  let end = ts.isCallExpression(it.node) ? it.node.expression.end : it.node.statement.getStart(sf);
  if (ts.isDoStatement(it.node)) end = start + 2;
  if (lineEnd >= 0) end = Math.min(end, lineEnd);
  return { start, end: Math.max(end, start + 1) };
}

// ---------------------------------------------------------------------------------------------
// Loops that are not N+1

/** Why the iteration does not multiply queries by the size of a collection, or undefined. */
export function getExemption(it: Iteration, call: ts.Node, checker: ts.TypeChecker): string | undefined {
  if (isConstantIteration(it, checker)) return 'constant';
  if (it.callback && !isCollectionType(checker.getTypeAtLocation(it.collection!), checker)) return 'not-a-collection';
  if (isChunked(it, checker)) return 'chunked';
  if (!it.callback) {
    const loop = it.node as LoopStatement;
    if (hasLoopCarriedDependency(loop, call)) return 'dependent';
    if (hasSleep(loop.statement)) return 'retry-or-poll';
  }
  if (exitsOnResult(it, call)) return 'early-exit';
  return undefined;
}

const SMALL_BOUND = 16;

/** `for (const s of ['open', 'closed'] as const)`, `for (let attempt = 0; attempt < 3; attempt++)`. */
function isConstantIteration(it: Iteration, checker: ts.TypeChecker): boolean {
  if (ts.isForStatement(it.node) && it.node.condition) {
    const c = skipOuterExpressions(it.node.condition);
    if (ts.isBinaryExpression(c) && isSmallConstant(c.right)) return true;
  }
  if (!it.collection) return false;
  const coll = skipOuterExpressions(it.collection);
  if (ts.isArrayLiteralExpression(coll) || ts.isObjectLiteralExpression(coll)) return true;
  if (ts.isIdentifier(coll)) {
    const decl = checker.getSymbolAtLocation(coll)?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) {
      const init = skipOuterExpressions(decl.initializer);
      if (ts.isArrayLiteralExpression(init) && init.elements.length <= SMALL_BOUND) return true;
    }
  }
  return checker.isTupleType(checker.getTypeAtLocation(it.collection));
}

function isSmallConstant(e: ts.Expression): boolean {
  const x = skipOuterExpressions(e);
  if (ts.isNumericLiteral(x)) return Number(x.text) <= SMALL_BOUND;
  return false;
}

function isConstDeclaration(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** Arrays, tuples, sets and maps: what `.map`/`.forEach` iterate element by element. */
function isCollectionType(type: ts.Type, checker: ts.TypeChecker): boolean {
  if (type.isUnion()) return type.types.every((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0 || isCollectionType(t, checker));
  if (checker.isArrayType(type) || checker.isTupleType(type)) return true;
  const name = type.getSymbol()?.name;
  return name === 'Array' || name === 'ReadonlyArray' || name === 'Set' || name === 'ReadonlySet' || name === 'Map' || name === 'ReadonlyMap';
}

/** `for (const chunk of chunks(ids, 100))` or `for (let i = 0; i < ids.length; i += 100)`: one query per batch. */
function isChunked(it: Iteration, checker: ts.TypeChecker): boolean {
  if (ts.isForStatement(it.node) && it.node.incrementor) {
    const inc = it.node.incrementor;
    if (ts.isBinaryExpression(inc) && inc.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) {
      const step = skipOuterExpressions(inc.right);
      if (!(ts.isNumericLiteral(step) && step.text === '1')) return true;
    }
  }
  const element = getElementDeclaration(it);
  if (!element) return false;
  const type = checker.getTypeAtLocation(element);
  return checker.isArrayType(type) || checker.isTupleType(type) || type.getSymbol()?.name === 'ReadonlyArray';
}

/** The loop variable or the callback's element parameter. */
export function getElementDeclaration(it: Iteration): ts.BindingName | undefined {
  if (it.callback) return it.callback.parameters[it.elementParam]?.name;
  if (ts.isForOfStatement(it.node) || ts.isForInStatement(it.node)) {
    const init = it.node.initializer;
    if (ts.isVariableDeclarationList(init) && init.declarations.length === 1) return init.declarations[0].name;
  }
  return undefined;
}

/**
 * Cursor pagination, ancestor walks, polling: a variable declared before the loop is assigned in its
 * body from an awaited result, and the next iteration reads it (in the condition or in the call).
 */
function hasLoopCarriedDependency(loop: LoopStatement, call: ts.Node): boolean {
  const carried = new Set<string>();
  const awaitedLocals = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n)) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && containsAwaitOrName(n.initializer, awaitedLocals)) awaitedLocals.add(n.name.text);
    if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind)) {
      const target = skipOuterExpressions(n.left);
      if (ts.isIdentifier(target) && !isDeclaredWithin(target.text, loop.statement) && containsAwaitOrName(n.right, awaitedLocals)) carried.add(target.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(loop.statement);
  if (carried.size === 0) return false;
  const reads = (n: ts.Node | undefined) => n !== undefined && mentionsAnyName(n, carried);
  const condition = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  return reads(condition) || reads(call);
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function containsAwaitOrName(node: ts.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n) || (ts.isIdentifier(n) && names.has(n.text))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function isDeclaredWithin(name: string, scope: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** `await sleep(ms)`, `await setTimeout(ms)`, `await new Promise((r) => setTimeout(r, ms))`: a retry or poll loop. */
function hasSleep(body: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n)) {
      const e = skipOuterExpressions(n.expression);
      if (ts.isCallExpression(e) && /^(sleep|delay|wait|backoff|setTimeout|pause)$/i.test(getSimpleName(e.expression) ?? '')) found = true;
      if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Promise' && /\bsetTimeout\b/.test(e.getText())) found = true;
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/**
 * A search: `if (await isTaken(name)) return name;` or `const hit = await lookup(k); if (hit) break;`.
 * The loop stops at the first answer, so it is not one query per element of a collection.
 */
function exitsOnResult(it: Iteration, call: ts.Node): boolean {
  const resultNames = new Set<string>();
  for (let n: ts.Node = call; n !== it.body && n.parent; n = n.parent) {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) resultNames.add(n.name.text);
  }
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (ts.isIfStatement(n) && (n.expression === call || containsNode(n.expression, call) || mentionsAnyName(n.expression, resultNames)) && exits(n.thenStatement, it)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(it.body);
  return found;
}

function containsNode(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}

/** A `return` or a `break` of this loop (not `throw`, not `continue`). */
function exits(stmt: ts.Node, it: Iteration): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && !it.callback) found = true;
    else if (ts.isBreakStatement(n) && !n.label && !it.callback) found = true;
    else if (!isLoopStatement(n) && !ts.isSwitchStatement(n)) ts.forEachChild(n, visit);
  };
  visit(stmt);
  return found;
}
