/**
 * Resolves what an expression refers to: the module (package or Node built-in) and the exported name,
 * through import aliases, re-exports, namespace imports, `const x = mod.fn` aliases and destructured requires.
 * Rules match these against their catalogues instead of matching identifier text.
 */
import { ts } from './typescript';

export interface ApiRef {
  /** `fs`, `child_process`, `axios`, `@prisma/client`, or `global` for lib and `declare global` names. */
  module: string;
  /** Exported name, qualified by its container for members: `readFileSync`, `Repository.findOneBy`, `Atomics.wait`. */
  name: string;
  declaration: ts.Declaration;
}

const MAX_ALIAS_HOPS = 8;

/** The name an identifier or member access ends with: `cache` → `cache`, `this.cache` → `cache`. */
export function getSimpleName(expr: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The last name of a callee, read without the checker: `fs.readFileSync` → `readFileSync`, `fs['readFileSync']` too. */
export function getCalleeName(expr: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expr);
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return getSimpleName(e);
}

/** Whether any identifier in `node` (at any depth) is one of `names`. */
export function mentionsAnyName(node: ts.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && names.has(n.text)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

export function skipOuterExpressions(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) {
    e = e.expression;
  }
  return e;
}

export function resolveApi(checker: ts.TypeChecker, expr: ts.Expression): ApiRef | undefined {
  const symbol = resolveSymbol(checker, expr);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (!declaration) return undefined;
  const module = getDeclaringModule(declaration);
  if (module === undefined) return undefined;
  return { module, name: getQualifiedName(declaration), declaration };
}

/** The symbol an expression finally denotes, following aliases the way a reader would. */
export function resolveSymbol(checker: ts.TypeChecker, expr: ts.Expression): ts.Symbol | undefined {
  let node: ts.Node = skipOuterExpressions(expr);
  if (ts.isPropertyAccessExpression(node)) node = node.name;
  if (ts.isElementAccessExpression(node)) node = node.argumentExpression;
  let symbol = checker.getSymbolAtLocation(node);
  for (let hop = 0; symbol && hop < MAX_ALIAS_HOPS; hop++) {
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const target = checker.getAliasedSymbol(symbol);
      if (target === symbol) break;
      symbol = target;
      continue;
    }
    const next = followValueAlias(checker, symbol);
    if (!next || next === symbol) break;
    symbol = next;
  }
  return symbol;
}

/** The symbol at a node, an import followed to what it imports (unlike resolveSymbol, value aliases are kept). */
export function symbolAt(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** `const rfs = fs.readFileSync` and `const { readFileSync: rfs } = fs` make `rfs` mean the fs export. */
function followValueAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol | undefined {
  const decl = symbol.valueDeclaration;
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) {
    const init = skipOuterExpressions(decl.initializer);
    if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) || ts.isElementAccessExpression(init)) {
      return resolveSymbol(checker, init);
    }
    return undefined;
  }
  if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent)) {
    const owner = decl.parent.parent;
    if (!ts.isVariableDeclaration(owner) || !owner.initializer) return undefined;
    const propertyName = decl.propertyName ?? decl.name;
    if (!ts.isIdentifier(propertyName) && !ts.isStringLiteral(propertyName)) return undefined;
    const type = checker.getTypeAtLocation(owner.initializer);
    return type.getProperty(propertyName.text);
  }
  return undefined;
}

function isConstDeclaration(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** A file of the project's own code: neither a declaration file nor a dependency's. */
export function isProjectSourceFile(sf: ts.SourceFile): boolean {
  return !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/');
}

const projectFilesCache = new WeakMap<ts.Program, readonly ts.SourceFile[]>();

/** The project's own source files in a program (found once per program: several whole-program indexes ask). */
export function projectSourceFiles(program: ts.Program): readonly ts.SourceFile[] {
  let files = projectFilesCache.get(program);
  if (!files) projectFilesCache.set(program, (files = program.getSourceFiles().filter(isProjectSourceFile)));
  return files;
}

/** The module a declaration belongs to, or undefined for the project's own code. */
export function getDeclaringModule(decl: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = decl; n; n = n.parent) {
    if (ts.isModuleDeclaration(n)) {
      if (ts.isStringLiteral(n.name)) return normaliseModuleName(n.name.text);
      if (n.flags & ts.NodeFlags.GlobalAugmentation) return 'global';
    }
  }
  const sf = decl.getSourceFile();
  const pkg = getPackageName(sf.fileName);
  if (pkg !== undefined) return ts.isExternalModule(sf) ? pkg : 'global';
  // TypeScript's lib files (`lib.es2022.d.ts`) carry `/// <reference no-default-lib="true"/>`.
  return sf.hasNoDefaultLib ? 'global' : undefined;
}

/** `/x/node_modules/@types/bcrypt/index.d.ts` → `bcrypt`; `@types/scope__name` → `@scope/name`. */
export function getPackageName(fileName: string): string | undefined {
  const idx = fileName.lastIndexOf('/node_modules/');
  if (idx < 0) return undefined;
  const parts = fileName.slice(idx + '/node_modules/'.length).split('/');
  let name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  if (name.startsWith('@types/')) {
    const bare = name.slice('@types/'.length);
    name = bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  }
  return normaliseModuleName(name);
}

export function normaliseModuleName(name: string): string {
  return name.startsWith('node:') ? name.slice('node:'.length) : name;
}

/** `readFileSync`, or `Repository.findOneBy` for a member, or `promises.readFile` inside a namespace. */
export function getQualifiedName(decl: ts.Declaration): string {
  const parts: string[] = [];
  const own = ts.getNameOfDeclaration(decl);
  parts.push(own && (ts.isIdentifier(own) || ts.isStringLiteral(own) || ts.isPrivateIdentifier(own)) ? own.text : 'default');
  for (let n: ts.Node | undefined = decl.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isModuleDeclaration(n)) {
      if (!ts.isIdentifier(n.name) || n.flags & ts.NodeFlags.GlobalAugmentation) break;
      parts.unshift(n.name.text);
    } else if ((ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n)) && n.name) {
      parts.unshift(n.name.text);
    }
  }
  return parts.join('.');
}

