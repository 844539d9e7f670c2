/**
 * Deadlines set on a request after it is made: `superagent.get(url).set(h).timeout(ms)`, or
 * `const req = http.request(opts); req.setTimeout(ms)`. A request that leaves the code we can see
 * (returned, passed on, stored in an object) may get its deadline there: `unknown`, never reported.
 */
import { ts } from '../../server/src/engine/typescript';
import type { Deadline } from './deadline';

export function getLaterCallDeadline(call: ts.Expression, methods: readonly string[], checker: ts.TypeChecker): Deadline {
  const chain = climbChain(call, methods);
  if (chain.sets) return 'yes';
  const parent = chain.top.parent;
  // const req = http.request(opts)
  if (ts.isVariableDeclaration(parent) && parent.initializer === chain.top && ts.isIdentifier(parent.name)) return getVariableDeadline(parent.name, methods, checker);
  return isConsumed(chain.top) ? 'no' : 'unknown';
}

/** Up a method chain from `call`: whether a link is one of `methods`, and the chain's outermost expression. */
function climbChain(call: ts.Expression, methods: readonly string[]): { sets: boolean; top: ts.Expression } {
  let top: ts.Expression = call;
  for (;;) {
    const parent = top.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) {
      top = parent;
      continue;
    }
    if (!ts.isPropertyAccessExpression(parent) || parent.expression !== top || !ts.isCallExpression(parent.parent) || parent.parent.expression !== parent) break;
    if (methods.includes(parent.name.text)) return { sets: true, top };
    top = parent.parent;
  }
  return { sets: false, top };
}

// await req, req.end(cb), req.then(...), http.get(url, cb); as a statement
function isConsumed(top: ts.Expression): boolean {
  const parent = top.parent;
  return ts.isExpressionStatement(parent) || ts.isAwaitExpression(parent) || ts.isVoidExpression(parent);
}

/** Every use of the request variable in its scope: one that sets a deadline wins; one that lets it escape makes it `unknown`. */
function getVariableDeadline(name: ts.Identifier, methods: readonly string[], checker: ts.TypeChecker): Deadline {
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol) return 'unknown';
  let verdict: Deadline = 'no';
  const visit = (n: ts.Node): void => {
    if (verdict === 'yes') return;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && checker.getSymbolAtLocation(n) === symbol) {
      const chain = climbChain(n, methods);
      if (chain.sets) verdict = 'yes';
      else if (!isConsumed(chain.top)) verdict = 'unknown';
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(getScope(name));
  return verdict;
}

function getScope(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  return node.getSourceFile();
}
