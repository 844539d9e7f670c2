/**
 * Text-edit builders shared by the rules' fixes: adding or reusing an import, awaiting a call,
 * making a function async. They return offset-based edits and never mutate the AST.
 */
import { ts } from '../server/src/engine/typescript';
import type { TextEdit } from '../server/src/engine/finding';
import { projectSourceFiles, symbolAt } from '../server/src/engine/api-resolve';
import type { Fixer } from './api';

/** The local name under which `name` from `moduleSpecifier` can be used, and the edit that imports it if needed. */
export interface ImportPlan {
  localName: string;
  edits: TextEdit[];
}

/**
 * Reuses `import { name } from 'module'` (or a namespace import of it) when the file has one, otherwise
 * adds a named import after the last import (or a `require` in a CommonJS JavaScript file). A local
 * binding that already uses `name` gets the import aliased as `<name>Async`; `alias` imports it under
 * that name instead (when two packages export the same name).
 */
export function ensureNamedImport(
  sf: ts.SourceFile,
  checker: ts.TypeChecker,
  moduleSpecifier: string,
  name: string,
  fixer: Fixer,
  alias?: string,
): ImportPlan {
  const bare = moduleSpecifier.replace(/^node:/, '');
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text.replace(/^node:/, '') !== bare) continue;
    const bindings = statement.importClause?.namedBindings;
    if (statement.importClause?.isTypeOnly) continue;
    if (bindings && ts.isNamespaceImport(bindings)) return { localName: `${bindings.name.text}.${name}`, edits: [] };
    if (bindings && ts.isNamedImports(bindings)) {
      const existing = bindings.elements.find((e) => (e.propertyName ?? e.name).text === name && !e.isTypeOnly);
      if (existing) return { localName: existing.name.text, edits: [] };
    }
  }
  const clash = alias === undefined && (checker.resolveName(name, sf.statements[0] ?? sf, ts.SymbolFlags.Value, true) !== undefined || declaresName(sf, name));
  const localName = alias ?? (clash ? `${name}Async` : name);
  // Join an existing `import { a } from 'module'` rather than adding a second import line.
  const sameModule = sf.statements.find(
    (st): st is ts.ImportDeclaration =>
      ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text.replace(/^node:/, '') === bare &&
      !st.importClause?.isTypeOnly && st.importClause?.namedBindings !== undefined && ts.isNamedImports(st.importClause.namedBindings) && st.importClause.namedBindings.elements.length > 0,
  );
  if (sameModule) {
    const elements = (sameModule.importClause!.namedBindings as ts.NamedImports).elements;
    return { localName, edits: [fixer.insertAfter(elements[elements.length - 1], `, ${localName === name ? name : `${name} as ${localName}`}`)] };
  }
  const quote = detectQuote(sf);
  const specifier = localName === name ? name : `${name} as ${localName}`;
  const useRequire = isCommonJsFile(sf);
  const line = useRequire
    ? `const { ${localName === name ? name : `${name}: ${localName}`} } = require(${quote}${moduleSpecifier}${quote});`
    : `import { ${specifier} } from ${quote}${moduleSpecifier}${quote};`;
  const lastImport = [...sf.statements].reverse().find((s) => ts.isImportDeclaration(s) || (useRequire && isRequireStatement(s)));
  if (lastImport) return { localName, edits: [fixer.insertAfter(lastImport, `\n${line}`)] };
  const start = firstStatementStart(sf);
  return { localName, edits: [fixer.replaceRange(sf.fileName, start, start, `${line}\n`)] };
}

/** Any declaration of `name` in the file, at any depth: conservative, since the call site may be in a scope that shadows it. */
function declaresName(sf: ts.SourceFile, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name && n.parent && ts.getNameOfDeclaration(n.parent as ts.Declaration) === n) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function detectQuote(sf: ts.SourceFile): string {
  const first = sf.statements.find(ts.isImportDeclaration);
  return first && sf.text[first.moduleSpecifier.getStart(sf)] === '"' ? '"' : "'";
}

function isCommonJsFile(sf: ts.SourceFile): boolean {
  return /\.c?js$/.test(sf.fileName) && !sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s));
}

function isRequireStatement(s: ts.Statement): boolean {
  return ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && ts.isCallExpression(d.initializer) && ts.isIdentifier(d.initializer.expression) && d.initializer.expression.text === 'require');
}

/** After a shebang and leading directives such as 'use strict' or 'use server'. */
function firstStatementStart(sf: ts.SourceFile): number {
  const firstNonDirective = sf.statements.find((s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)));
  return firstNonDirective ? firstNonDirective.getStart(sf) : sf.text.startsWith('#!') ? sf.text.indexOf('\n') + 1 : 0;
}

/** `await <call>`, parenthesised when the call is the object of a member access or call. */
export function awaitCall(call: ts.CallExpression, fixer: Fixer): TextEdit[] {
  const parent = call.parent;
  const needsParens =
    (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === call ||
    ts.isCallExpression(parent) && parent.expression === call;
  if (!needsParens) return [fixer.insertBefore(call, 'await ')];
  return [fixer.insertBefore(call, '(await '), fixer.insertAfter(call, ')')];
}

export function isAsyncFunction(fn: ts.FunctionLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/**
 * Constructors, accessors and generators cannot simply become async, nor a function that names something
 * `await` (`(await, res) => …` is legal in a plain function, a syntax error in an async one; found by fuzzing).
 */
export function canBeMadeAsync(fn: ts.FunctionLikeDeclaration): boolean {
  if (isAsyncFunction(fn)) return true;
  if (fn.asteriskToken || namesAwait(fn)) return false;
  return ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn);
}

function namesAwait(fn: ts.Node): boolean {
  if (!fn.getText().includes('await')) return false;
  const visit = (n: ts.Node): boolean => (ts.isIdentifier(n) && n.text === 'await') || ts.forEachChild(n, visit) === true;
  return visit(fn);
}

/**
 * Makes a function async: `async` where its syntax wants it, and a declared return type `T` becomes
 * `Promise<T>`. Empty when it is async already or cannot be.
 */
export function makeAsync(fn: ts.FunctionLikeDeclaration, fixer: Fixer): TextEdit[] {
  if (isAsyncFunction(fn) || !canBeMadeAsync(fn)) return [];
  const sf = fn.getSourceFile();
  const edits: TextEdit[] = [];
  if (ts.isArrowFunction(fn)) {
    edits.push(fixer.replaceRange(sf.fileName, fn.getStart(sf), fn.getStart(sf), 'async '));
  } else if (ts.isMethodDeclaration(fn)) {
    edits.push(fixer.insertBefore(fn.name, 'async '));
  } else {
    const keyword = fn.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.FunctionKeyword);
    if (!keyword) return [];
    edits.push(fixer.insertBefore(keyword, 'async '));
  }
  if (fn.type && !isPromiseTypeNode(fn.type)) edits.push(fixer.replace(fn.type, `Promise<${fn.type.getText(sf)}>`));
  return edits;
}

function isPromiseTypeNode(type: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise';
}

/** The innermost function containing `node`. */
export function getEnclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) return n;
  }
  return undefined;
}

/** The module specifier a callee identifier was imported from, as written (`node:fs`), if it was. */
export function getImportSpecifierOf(checker: ts.TypeChecker, callee: ts.Expression): string | undefined {
  const root = ts.isPropertyAccessExpression(callee) ? leftmost(callee) : callee;
  if (!ts.isIdentifier(root)) return undefined;
  const decl = checker.getSymbolAtLocation(root)?.declarations?.[0];
  for (let n: ts.Node | undefined = decl; n; n = n.parent) {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) return n.moduleSpecifier.text;
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) return n.moduleReference.expression.text;
    if (ts.isSourceFile(n)) break;
  }
  return undefined;
}

function leftmost(e: ts.PropertyAccessExpression): ts.Expression {
  let x: ts.Expression = e;
  while (ts.isPropertyAccessExpression(x)) x = x.expression;
  return x;
}

// ---------------------------------------------------------------------------------------------
// Making a helper async and awaiting it at every call site, up the call chain.

/** A function that must become async, and the call sites (in any file) that must await it. */
export interface AsyncPropagation {
  functions: ts.FunctionLikeDeclaration[];
  awaitedCalls: ts.CallExpression[];
}

const MAX_PROPAGATION_DEPTH = 4;

/**
 * The identifiers of a file spelled `name`: each whole-word occurrence in the text, descended to from
 * the root through the children that span it. No index of every identifier is built: files that never
 * mention the name cost one text search.
 */
function identifiersNamed(sf: ts.SourceFile, name: string): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const text = sf.text;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (isIdentifierPart(text.charCodeAt(at - 1)) || isIdentifierPart(text.charCodeAt(at + name.length))) continue;
    const id = identifierAt(sf, at);
    if (id && id.text === name) found.push(id);
  }
  return found;
}

function isIdentifierPart(code: number): boolean {
  return !Number.isNaN(code) && ts.isIdentifierPart(code, ts.ScriptTarget.Latest);
}

function identifierAt(sf: ts.SourceFile, pos: number): ts.Identifier | undefined {
  let node: ts.Node = sf;
  for (;;) {
    // Siblings' full ranges (leading trivia included) tile their parent: at most one holds `pos`,
    // found without measuring trivia as getStart would.
    const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? c : undefined));
    if (!child) return undefined;
    if (ts.isIdentifier(child)) return child.getStart(sf) === pos ? child : undefined;
    node = child;
  }
}

/**
 * Plans making `fn` async: every reference to it must be a call whose result can be awaited where it
 * stands — in a function that is async already, is a request handler (`isHandler`), or can itself be
 * made async the same way (up to a few levels). Any other use (passed as a callback, called at module
 * level, exported to code outside the project's view) makes the plan fail: the caller would receive a
 * Promise, so no transform is offered.
 */
export function planAsyncPropagation(
  fn: ts.FunctionLikeDeclaration,
  program: ts.Program,
  checker: ts.TypeChecker,
  isHandler: (f: ts.FunctionLikeDeclaration) => boolean,
): AsyncPropagation | undefined {
  const plan: AsyncPropagation = { functions: [], awaitedCalls: [] };
  const visiting = new Set<ts.Node>();

  const visit = (f: ts.FunctionLikeDeclaration, depth: number): boolean => {
    if (isAsyncFunction(f) || visiting.has(f)) return true;
    if (depth > MAX_PROPAGATION_DEPTH || !canBeMadeAsync(f)) return false;
    // The framework ignores or awaits a handler's return value (its interfaces allow a Promise);
    // any other contract method must keep its signature.
    const handler = isHandler(f);
    if (!handler && implementsContract(f, checker)) return false;
    visiting.add(f);
    plan.functions.push(f);
    if (handler) return true;
    const nameNode = getFunctionNameNode(f);
    if (!nameNode) return false; // an anonymous function's callers cannot be found
    const symbol = checker.getSymbolAtLocation(nameNode);
    if (!symbol) return false;
    for (const id of referencesByName(program, checker, nameNode.text).get(symbol) ?? []) {
      if (id === nameNode || isImportOrExportName(id)) continue;
      const call = getCallOf(id);
      if (!call) return false;
      const caller = getEnclosingFunction(call);
      if (!caller || !visit(caller, depth + 1)) return false;
      plan.awaitedCalls.push(call);
    }
    return true;
  };
  return visit(fn, 0) ? plan : undefined;
}

const referencesCache = new WeakMap<ts.Program, Map<string, Map<ts.Symbol | undefined, ts.Identifier[]>>>();

/**
 * The identifiers of the project's files spelled `name`, by the symbol each denotes (aliases followed).
 * Found once per program and name: a project's findings often share helpers of one name, and searching
 * every file again for each finding made fix planning grow with the square of the project's size.
 */
function referencesByName(program: ts.Program, checker: ts.TypeChecker, name: string): Map<ts.Symbol | undefined, ts.Identifier[]> {
  let byName = referencesCache.get(program);
  if (!byName) referencesCache.set(program, (byName = new Map()));
  let bySymbol = byName.get(name);
  if (!bySymbol) {
    bySymbol = new Map();
    for (const sf of projectSourceFiles(program)) {
      for (const id of identifiersNamed(sf, name)) {
        const resolved = symbolAt(checker, id);
        let ids = bySymbol.get(resolved);
        if (!ids) bySymbol.set(resolved, (ids = []));
        ids.push(id);
      }
    }
    byName.set(name, bySymbol);
  }
  return bySymbol;
}

/**
 * A method that implements an interface or overrides a base class member: its signature is a
 * contract other code relies on (callers through the interface would not await it), so it stays sync.
 */
function implementsContract(f: ts.FunctionLikeDeclaration, checker: ts.TypeChecker): boolean {
  if (!ts.isMethodDeclaration(f) || !ts.isClassLike(f.parent) || !f.name || !ts.isIdentifier(f.name)) return false;
  const name = f.name.text;
  return (f.parent.heritageClauses ?? []).some((clause) => clause.types.some((t) => checker.getTypeAtLocation(t).getProperty(name) !== undefined));
}

/** `helper` in `function helper()`, `const helper = () => …` or `class { helper() {} }`. */
function getFunctionNameNode(f: ts.FunctionLikeDeclaration): ts.Identifier | undefined {
  if (f.name && ts.isIdentifier(f.name)) return f.name;
  const parent = f.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name;
  return undefined;
}

function isImportOrExportName(id: ts.Identifier): boolean {
  const p = id.parent;
  return ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p);
}

/** The call an identifier is the callee of: `helper(x)` or `this.svc.helper(x)`; undefined for any other use. */
function getCallOf(id: ts.Identifier): ts.CallExpression | undefined {
  const callee: ts.Node = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee ? callee.parent : undefined;
}

/** The edits of a plan: `async` (and `Promise<T>`) on each function, `await` at each call site. */
export function applyAsyncPropagation(plan: AsyncPropagation, fixer: Fixer): TextEdit[] {
  return [...plan.functions.flatMap((f) => makeAsync(f, fixer)), ...plan.awaitedCalls.flatMap((c) => awaitCall(c, fixer))];
}
