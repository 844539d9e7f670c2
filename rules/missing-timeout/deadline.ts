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

/** `unset`: the options say nothing about a deadline, so the library's default applies. */
type Finding = Deadline | 'unset';

export interface DeadlineQuery {
  checker: ts.TypeChecker;
  /** Options that set a deadline when given a non-zero value; `a.b` is `b` inside the object under `a`. */
  keys: readonly string[];
  /** Whether a `signal` option counts when it carries a timeout. */
  signal: boolean;
  /** The library's default is a deadline: options that say nothing are fine. */
  unsetIsDeadline?: boolean;
  /** Options that hand the request to an object configured elsewhere, and how to judge that object. */
  delegates?: ReadonlyMap<string, (value: ts.Expression) => Deadline>;
  /** An option holding a connection string whose query parameters may set the deadline. */
  url?: { key: string; params: readonly string[] };
}

export interface OptionsVerdict {
  deadline: Deadline;
  /** The `signal` property of the literal options when there is one without a timeout (the fix combines it). */
  signalProperty?: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  /** When the verdict is `unknown` only because the options are (or spread) this parameter: its callers decide. */
  parameter?: ts.ParameterDeclaration;
}

const MAX_DEPTH = 6;

export function getOptionsDeadline(expr: ts.Expression | undefined, q: DeadlineQuery): OptionsVerdict {
  const found = findDeadline(expr, q, 0);
  const deadline = found.deadline === 'unset' ? (q.unsetIsDeadline ? 'yes' : 'no') : found.deadline;
  return { ...found, deadline };
}

interface Found {
  deadline: Finding;
  signalProperty?: OptionsVerdict['signalProperty'];
  parameter?: ts.ParameterDeclaration;
}

function findDeadline(expr: ts.Expression | undefined, q: DeadlineQuery, depth: number): Found {
  if (expr === undefined) return { deadline: 'unset' };
  if (depth > MAX_DEPTH) return { deadline: 'unknown' };
  const e = skipOuterExpressions(expr);
  if (ts.isObjectLiteralExpression(e)) return getLiteralDeadline(e, q, depth);
  if (e.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || e.kind === ts.SyntaxKind.NullKeyword) return { deadline: 'unset' };
  if (ts.isConditionalExpression(e)) return { deadline: combineAll([findDeadline(e.whenTrue, q, depth + 1).deadline, findDeadline(e.whenFalse, q, depth + 1).deadline]) };
  const init = getConstInitializer(e, q.checker);
  if (init) return { deadline: findDeadline(init, q, depth + 1).deadline };
  if (ts.isIdentifier(e) && isParameter(e, q.checker)) {
    // Callers can be judged only when the whole parameter is the options, not a part destructured from it.
    const decl = q.checker.getSymbolAtLocation(e)?.valueDeclaration;
    return { deadline: 'unknown', parameter: decl && ts.isParameter(decl) ? decl : undefined };
  }
  return { deadline: getTypeDeadline(e, q) };
}

function getLiteralDeadline(obj: ts.ObjectLiteralExpression, q: DeadlineQuery, depth: number): Found {
  const verdicts: Finding[] = [];
  let signalProperty: OptionsVerdict['signalProperty'];
  const parameters = new Set<ts.ParameterDeclaration>();
  // Later properties override earlier ones, as at run time.
  for (const prop of obj.properties) {
    if (ts.isSpreadAssignment(prop)) {
      const spread = findDeadline(prop.expression, q, depth + 1);
      verdicts.push(spread.deadline);
      if (spread.parameter) parameters.add(spread.parameter);
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
    } else if (q.delegates?.has(name)) verdicts.push(q.delegates.get(name)!(value));
    else if (q.url?.key === name) verdicts.push(getUrlDeadline(value, q.url.params, q.checker));
    else {
      // `commandOptions: { timeout }` for the key `commandOptions.timeout`
      const nested = q.keys.filter((k) => k.startsWith(`${name}.`)).map((k) => k.slice(name.length + 1));
      if (nested.length > 0) verdicts.push(findDeadline(value, { ...q, keys: nested, signal: false, delegates: undefined, url: undefined }, depth + 1).deadline);
    }
  }
  const deadline = combineAll(verdicts);
  const unknowns = verdicts.filter((v) => v === 'unknown').length;
  return {
    deadline,
    signalProperty: deadline === 'no' ? signalProperty : undefined,
    parameter: deadline === 'unknown' && unknowns === 1 && parameters.size === 1 ? [...parameters][0] : undefined,
  };
}

/** `yes` when any part sets a deadline; else `unknown` when any part cannot be known; else `no` when any part switches it off. */
function combineAll(verdicts: Finding[]): Finding {
  if (verdicts.includes('yes')) return 'yes';
  if (verdicts.includes('unknown')) return 'unknown';
  if (verdicts.includes('no')) return 'no';
  return 'unset';
}

/**
 * A connection string that sets a deadline in its query (`?statement_timeout=5000`, or libpq's
 * `options=-c statement_timeout=5000`, encoded or not). Anything else is `unset`, an environment
 * variable included: deadlines are rarely put there, and the finding says where to put one.
 */
export function getUrlDeadline(value: ts.Expression, params: readonly string[], checker: ts.TypeChecker): Finding {
  const e = skipOuterExpressions(value);
  const init = getConstInitializer(e, checker);
  if (init) return getUrlDeadline(init, params, checker);
  if (!ts.isStringLiteralLike(e) && !ts.isTemplateExpression(e)) return 'unset';
  const text = decodeURIComponentSafe(e.getText());
  return params.some((p) => new RegExp(`\\b${p}=[1-9]`).test(text)) ? 'yes' : 'unset';
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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
function getTypeDeadline(expr: ts.Expression, q: DeadlineQuery): Finding {
  const type = q.checker.getTypeAtLocation(expr);
  const parts = type.isUnion() ? type.types : [type];
  const verdicts = parts.map((t): Finding => {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'unknown';
    if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return 'unset';
    const keys = [...q.keys.map((k) => k.split('.')[0]), ...(q.signal ? ['signal'] : []), ...(q.delegates?.keys() ?? [])];
    let optional = false;
    for (const key of keys) {
      const prop = t.getProperty(key);
      if (!prop) continue;
      if (prop.flags & ts.SymbolFlags.Optional) optional = true;
      else return 'yes';
    }
    return optional ? 'unknown' : 'unset';
  });
  if (verdicts.every((v) => v === 'yes')) return 'yes';
  if (verdicts.includes('unknown') || verdicts.includes('yes')) return 'unknown';
  return 'unset';
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
      const members = combineAll(list.elements.map((el) => (ts.isSpreadElement(el) ? 'unknown' : getSignalDeadline(el, checker, depth + 1))));
      return members === 'unset' ? 'no' : members;
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

/** Whether `id` is a parameter, or a name destructured from one. */
function isParameter(id: ts.Identifier, checker: ts.TypeChecker): boolean {
  for (let n: ts.Node | undefined = checker.getSymbolAtLocation(id)?.valueDeclaration; n; n = n.parent) {
    if (ts.isParameter(n)) return true;
    if (ts.isFunctionLike(n) || ts.isVariableDeclaration(n)) return false;
  }
  return false;
}
