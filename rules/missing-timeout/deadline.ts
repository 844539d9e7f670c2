/**
 * Whether an options value gives a call a deadline, following the value wherever it comes from:
 * object literals and their spreads, `const` variables in this file or another, `signal` values built
 * with `AbortSignal.timeout`/`AbortSignal.any` or a controller aborted by a timer, and otherwise the
 * type the checker gives the value. `unknown` (a parameter, a declared options type whose timeout is
 * optional) is never reported: precision first.
 */
import { ts } from '../../server/src/engine/typescript';
import { resolveSymbol, skipOuterExpressions } from '../../server/src/engine/api-resolve';

export type Deadline = 'yes' | 'no' | 'unknown';

export interface DeadlineQuery {
  checker: ts.TypeChecker;
  /** Options that set a deadline when given a non-zero value. */
  keys: readonly string[];
  /** Whether a `signal` option counts when it carries a timeout. */
  signal: boolean;
}

export interface OptionsVerdict {
  deadline: Deadline;
  /** The `signal` property of the literal options when there is one without a timeout (the fix combines it). */
  signalProperty?: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
}

const MAX_DEPTH = 6;

export function getOptionsDeadline(expr: ts.Expression | undefined, q: DeadlineQuery, depth = 0): OptionsVerdict {
  if (expr === undefined) return { deadline: 'no' };
  if (depth > MAX_DEPTH) return { deadline: 'unknown' };
  const e = skipOuterExpressions(expr);
  if (ts.isObjectLiteralExpression(e)) return getLiteralDeadline(e, q, depth);
  if (e.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || e.kind === ts.SyntaxKind.NullKeyword) return { deadline: 'no' };
  if (ts.isConditionalExpression(e)) return { deadline: combineAll([getOptionsDeadline(e.whenTrue, q, depth + 1).deadline, getOptionsDeadline(e.whenFalse, q, depth + 1).deadline]) };
  const init = getConstInitializer(e, q.checker);
  if (init) return { deadline: getOptionsDeadline(init, q, depth + 1).deadline };
  if (ts.isIdentifier(e) && isParameter(e, q.checker)) return { deadline: 'unknown' };
  return { deadline: getTypeDeadline(e, q) };
}

function getLiteralDeadline(obj: ts.ObjectLiteralExpression, q: DeadlineQuery, depth: number): OptionsVerdict {
  const verdicts: Deadline[] = [];
  let signalProperty: OptionsVerdict['signalProperty'];
  // Later properties override earlier ones, as at run time.
  for (const prop of obj.properties) {
    if (ts.isSpreadAssignment(prop)) {
      verdicts.push(getOptionsDeadline(prop.expression, q, depth + 1).deadline);
      continue;
    }
    const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
    if (name === undefined) {
      if (ts.isPropertyAssignment(prop) && ts.isComputedPropertyName(prop.name)) verdicts.push('unknown');
      continue;
    }
    const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
    if (!value) continue;
    if (q.keys.includes(name)) verdicts.push(isNoDeadlineValue(value) ? 'no' : 'yes');
    else if (name === 'signal' && q.signal && (ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop))) {
      const v = getSignalDeadline(value, q.checker, depth + 1);
      verdicts.push(v);
      if (v === 'no') signalProperty = prop;
    }
  }
  const deadline = combineAll(verdicts);
  return { deadline, signalProperty: deadline === 'no' ? signalProperty : undefined };
}

/** `yes` when any part sets a deadline; else `unknown` when any part cannot be known; else `no`. */
function combineAll(verdicts: Deadline[]): Deadline {
  if (verdicts.includes('yes')) return 'yes';
  if (verdicts.includes('unknown')) return 'unknown';
  return 'no';
}

// timeout: 0, timeout: false, timeout: undefined, timeout: null: the libraries read these as "none".
function isNoDeadlineValue(value: ts.Expression): boolean {
  const v = skipOuterExpressions(value);
  return (
    (ts.isNumericLiteral(v) && Number(v.text) === 0) ||
    v.kind === ts.SyntaxKind.FalseKeyword ||
    v.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(v) && v.text === 'undefined')
  );
}

/** The checker's view when the value's origin cannot be read: a required timeout property is a deadline. */
function getTypeDeadline(expr: ts.Expression, q: DeadlineQuery): Deadline {
  const type = q.checker.getTypeAtLocation(expr);
  const parts = type.isUnion() ? type.types : [type];
  const verdicts = parts.map((t): Deadline => {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'unknown';
    if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return 'no';
    const keys = q.signal ? [...q.keys, 'signal'] : q.keys;
    let optional = false;
    for (const key of keys) {
      const prop = t.getProperty(key);
      if (!prop) continue;
      if (prop.flags & ts.SymbolFlags.Optional) optional = true;
      else return 'yes';
    }
    return optional ? 'unknown' : 'no';
  });
  if (verdicts.every((v) => v === 'yes')) return 'yes';
  if (verdicts.includes('unknown') || verdicts.includes('yes')) return 'unknown';
  return 'no';
}

/**
 * Whether a signal value aborts on a timer: `AbortSignal.timeout(ms)`, `AbortSignal.any([...])` with such
 * a member, or `controller.signal` where a `setTimeout` callback calls `controller.abort()`.
 */
export function getSignalDeadline(expr: ts.Expression, checker: ts.TypeChecker, depth = 0): Deadline {
  if (depth > MAX_DEPTH) return 'unknown';
  const e = skipOuterExpressions(expr);
  // AbortSignal.timeout(ms), AbortSignal.any([a, b])
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && isGlobalAbortSignal(e.expression.expression, checker)) {
    const method = e.expression.name.text;
    if (method === 'timeout') return 'yes';
    if (method === 'any') {
      const list = e.arguments[0] && skipOuterExpressions(e.arguments[0]);
      if (!list || !ts.isArrayLiteralExpression(list)) return 'unknown';
      return combineAll(list.elements.map((el) => (ts.isSpreadElement(el) ? 'unknown' : getSignalDeadline(el, checker, depth + 1))));
    }
    return 'unknown';
  }
  // controller.signal
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'signal') {
    const controller = getControllerDeclaration(e.expression, checker);
    if (controller) return isAbortedByTimer(controller, checker) ? 'yes' : 'no';
  }
  const init = getConstInitializer(e, checker);
  if (init) return getSignalDeadline(init, checker, depth + 1);
  return 'unknown';
}

function isGlobalAbortSignal(expr: ts.Expression, checker: ts.TypeChecker): boolean {
  if (!ts.isIdentifier(expr) || expr.text !== 'AbortSignal') return false;
  const symbol = checker.getSymbolAtLocation(expr);
  return symbol?.declarations?.some((d) => d.getSourceFile().isDeclarationFile) ?? false;
}

/** `const controller = new AbortController()` behind `controller`, or undefined. */
function getControllerDeclaration(expr: ts.Expression, checker: ts.TypeChecker): ts.VariableDeclaration | undefined {
  const e = skipOuterExpressions(expr);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = resolveSymbol(checker, e)?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const init = skipOuterExpressions(decl.initializer);
  return ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'AbortController' ? decl : undefined;
}

// setTimeout(() => controller.abort(), ms), anywhere in the scope that declares the controller
function isAbortedByTimer(controller: ts.VariableDeclaration, checker: ts.TypeChecker): boolean {
  const symbol = checker.getSymbolAtLocation(controller.name);
  const scope = getScope(controller);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'setTimeout' && n.arguments[0]) {
      if (callsAbortOf(n.arguments[0], symbol, checker)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

function callsAbortOf(callback: ts.Node, symbol: ts.Symbol | undefined, checker: ts.TypeChecker): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'abort' && ts.isIdentifier(n.expression.expression)) {
      if (checker.getSymbolAtLocation(n.expression.expression) === symbol) found = true;
    }
    // setTimeout(controller.abort.bind(controller), ms)
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'abort' && ts.isIdentifier(n.expression) && checker.getSymbolAtLocation(n.expression) === symbol) found = true;
    ts.forEachChild(n, visit);
  };
  visit(callback);
  return found;
}

function getScope(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  return node.getSourceFile();
}

/** The initializer behind a `const` name, in this file or another (imports followed), or undefined. */
export function getConstInitializer(expr: ts.Expression, checker: ts.TypeChecker): ts.Expression | undefined {
  if (!ts.isIdentifier(expr) && !ts.isPropertyAccessExpression(expr)) return undefined;
  // { signal } names the variable `signal`, not the property
  const symbol = ts.isShorthandPropertyAssignment(expr.parent) && expr.parent.name === expr ? checker.getShorthandAssignmentValueSymbol(expr.parent) : resolveSymbol(checker, expr);
  const decl = symbol?.valueDeclaration;
  if (!decl || decl.getSourceFile().isDeclarationFile) return undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) return decl.initializer;
  // { timeout: 5000 } as a property of a const object: `config.http`
  if (ts.isPropertyAssignment(decl) && isInConstObject(decl)) return decl.initializer;
  return undefined;
}

function isInConstObject(prop: ts.PropertyAssignment): boolean {
  for (let n: ts.Node = prop.parent; n; n = n.parent) {
    if (ts.isObjectLiteralExpression(n) || ts.isPropertyAssignment(n) || ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) continue;
    return ts.isVariableDeclaration(n) && ts.isVariableDeclarationList(n.parent) && (n.parent.flags & ts.NodeFlags.Const) !== 0;
  }
  return false;
}

function isParameter(id: ts.Identifier, checker: ts.TypeChecker): boolean {
  const decl = checker.getSymbolAtLocation(id)?.valueDeclaration;
  return decl !== undefined && (ts.isParameter(decl) || (ts.isBindingElement(decl) && isInParameter(decl)));
}

function isInParameter(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isParameter(n)) return true;
    if (ts.isFunctionLike(n) || ts.isVariableDeclaration(n)) return false;
  }
  return false;
}
