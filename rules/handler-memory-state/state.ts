/**
 * What a written expression stores into: module-level variables, class-static fields, fields of
 * singleton services, `globalThis` properties. Resolved through the checker; callers run a cheap
 * syntactic test first (`mayBeStateRoot`).
 */
import { ts } from '../../server/src/engine/typescript';
import { getDeclaringModule, isProjectSourceFile, skipOuterExpressions, symbolAt } from '../../server/src/engine/api-resolve';

/**
 * `closure`: a variable of a function that runs once at startup, captured by a handler it creates
 * (`function makeLimiter() { const hits = new Map(); return (req, res, next) => … }`).
 * `library-default`: state a library keeps for the whole process behind module functions (memory-cache's `put`).
 */
export type StateKind = 'module-let' | 'module-const' | 'static-field' | 'singleton-field' | 'global' | 'closure' | 'library-default';

/** What only the rule context can answer: whether a class has one instance, whether a function runs once per process. */
export interface StateScope {
  isSingleton(cls: ts.ClassLikeDeclaration): boolean;
  runsOncePerProcess(fn: ts.FunctionLikeDeclaration): boolean;
}

export interface StateRef {
  kind: StateKind;
  /** What users call it: `sessionCache`, `RateCache.hits`, `this.cache`, `globalThis.counter`. */
  name: string;
  /** Identity for one-finding-per-state-and-function. */
  key: ts.Node | string;
  /** The declaration (absent for `globalThis` properties). */
  declaration?: ts.Declaration;
}

const GLOBAL_ROOTS = new Set(['globalThis', 'global']);
const moduleNamesCache = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
const localNamesCache = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** Names declared or imported at the top of a file: the only identifiers that can denote module state. */
export function getModuleScopeNames(sf: ts.SourceFile): ReadonlySet<string> {
  let names = moduleNamesCache.get(sf);
  if (names) return names;
  const out = new Set<string>(GLOBAL_ROOTS);
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) out.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) st.declarationList.declarations.forEach((d) => addBinding(d.name));
    else if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name) out.add(st.name.text);
    else if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      const clause = st.importClause;
      if (clause.name) out.add(clause.name.text);
      const b = clause.namedBindings;
      if (b && ts.isNamespaceImport(b)) out.add(b.name.text);
      else if (b) for (const e of b.elements) if (!e.isTypeOnly) out.add(e.name.text);
    } else if (ts.isImportEqualsDeclaration(st)) out.add(st.name.text);
  }
  moduleNamesCache.set(sf, (names = out));
  return names;
}

/**
 * Names of function locals that may denote state, found syntactically once per file: aliases of
 * module-scope names (`const c = cache`), and locals that hold state (`let hits = 0`,
 * `const seen = new Map()`, `const log = []`) used from a function nested in the one declaring
 * them, the shape of a closure kept by a handler. Plain locals of a handler stay out, so the
 * checker is not asked about them.
 */
function getLocalStateNames(sf: ts.SourceFile): ReadonlySet<string> {
  let names = localNamesCache.get(sf);
  if (names) return names;
  const out = new Set<string>();
  const moduleNames = getModuleScopeNames(sf);
  // Names each enclosing function declares with a state-like initializer, innermost last.
  const scopes: Set<string>[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      for (let i = 0; i < scopes.length - 1; i++) if (scopes[i].has(n.text)) out.add(n.text);
      return;
    }
    if (ts.isVariableDeclaration(n) && scopes.length > 0 && ts.isIdentifier(n.name) && n.initializer) {
      const root = getRoot(n.initializer);
      if (ts.isIdentifier(root) && moduleNames.has(root.text) && (ts.isIdentifier(skipOuterExpressions(n.initializer)) || ts.isPropertyAccessExpression(skipOuterExpressions(n.initializer)))) out.add(n.name.text);
    }
    if (ts.isFunctionLike(n)) {
      scopes.push(getStateLikeLocals(n));
      ts.forEachChild(n, visit);
      scopes.pop();
    } else {
      ts.forEachChild(n, visit);
    }
  };
  visit(sf);
  localNamesCache.set(sf, (names = out));
  return names;
}

/** Variables a function declares directly (not in nested functions) whose initial value can hold state. */
function getStateLikeLocals(fn: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && holdsState(n.initializer)) out.add(n.name.text);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return out;
}

function holdsState(init: ts.Expression): boolean {
  const e = skipOuterExpressions(init);
  return ts.isNewExpression(e) || ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e) || ts.isNumericLiteral(e);
}

/** The leftmost identifier or `this` of `a.b[c].d`. */
export function getRoot(expr: ts.Expression): ts.Expression {
  let e = skipOuterExpressions(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuterExpressions(e.expression);
  return e;
}

/** Cheap: can the root of `expr` be module state at all? */
export function mayBeStateRoot(expr: ts.Expression, sf: ts.SourceFile): boolean {
  const root = getRoot(expr);
  if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isIdentifier(root) && (getModuleScopeNames(sf).has(root.text) || getLocalStateNames(sf).has(root.text));
}

/** The nearest function with a body around `node` (a static block ends the search: it runs once). */
export function getEnclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body !== undefined) return n as ts.FunctionLikeDeclaration;
    if (ts.isClassStaticBlockDeclaration(n)) return undefined;
  }
  return undefined;
}

function isOwnCode(node: ts.Node): boolean {
  return isProjectSourceFile(node.getSourceFile());
}

/** `let x` / `const x` directly in a source file (not in a function or block). */
export function isModuleLevelVariable(decl: ts.Node): boolean {
  return ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent);
}

function isConst(decl: ts.VariableDeclaration): boolean {
  return (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/**
 * The state `expr` denotes or lives in: for `sessionCache`, `cache.sessionCache`, `stats.hits`,
 * `Registry.items[k]`, `this.cache`, `globalThis.x`. Undefined for locals, parameters and anything
 * per request.
 */
export function findState(expr: ts.Expression, checker: ts.TypeChecker, scope: StateScope, depth = 0): StateRef | undefined {
  if (depth > 6) return undefined;
  const e = skipOuterExpressions(expr);
  if (ts.isIdentifier(e)) {
    const symbol = symbolAt(checker, e);
    const decl = symbol?.valueDeclaration;
    if (!decl || !isOwnCode(decl) || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    if (isModuleLevelVariable(decl)) return { kind: isConst(decl) ? 'module-const' : 'module-let', name: e.text, key: decl, declaration: decl };
    // `const c = sessionCache` (a local alias of module state)
    const init = decl.initializer && skipOuterExpressions(decl.initializer);
    if (init && isConst(decl) && (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init))) return findState(init, checker, scope, depth + 1);
    const owner = getEnclosingFunction(decl);
    if (owner && getEnclosingFunction(e) !== owner && scope.runsOncePerProcess(owner)) return { kind: 'closure', name: e.text, key: decl, declaration: decl };
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const owner = skipOuterExpressions(e.expression);
    const member = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
    // globalThis.x, global.x
    if (ts.isIdentifier(owner) && GLOBAL_ROOTS.has(owner.text) && member !== undefined) {
      const ownerDecl = symbolAt(checker, owner)?.declarations?.[0];
      if (ownerDecl && getDeclaringModule(ownerDecl) !== undefined) return { kind: 'global', name: `${owner.text}.${member}`, key: `global:${member}` };
      if (owner.text === 'globalThis' && !ownerDecl) return { kind: 'global', name: `globalThis.${member}`, key: `global:${member}` };
    }
    if (ts.isPropertyAccessExpression(e)) {
      const symbol = symbolAt(checker, e.name);
      const decl = symbol?.valueDeclaration;
      if (decl && isOwnCode(decl)) {
        // import * as cache from './cache'; cache.sessionCache
        if (ts.isVariableDeclaration(decl) && isModuleLevelVariable(decl)) return { kind: isConst(decl) ? 'module-const' : 'module-let', name: e.getText(), key: decl, declaration: decl };
        if (ts.isPropertyDeclaration(decl) && ts.isClassLike(decl.parent)) {
          const isStatic = (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Static) !== 0;
          const cls = decl.parent;
          if (isStatic) return { kind: 'static-field', name: `${cls.name?.text ?? 'class'}.${member}`, key: decl, declaration: decl };
          if (owner.kind === ts.SyntaxKind.ThisKeyword && scope.isSingleton(cls)) {
            return { kind: 'singleton-field', name: `this.${member}`, key: decl, declaration: decl };
          }
        }
      }
    }
    return findState(owner, checker, scope, depth + 1);
  }
  return undefined;
}
