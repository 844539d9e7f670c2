/**
 * The rule's fixes, all unsafe (they change what the program keeps and where):
 * - an unbounded `new Map<K, V>()` used only as a key-value cache becomes `new LRUCache<K, V>({ max, ttl })`;
 * - express-session / express-rate-limit with the memory default get a Redis-backed store;
 * - a module-level DataLoader becomes a factory each function that uses it calls once per run.
 */
import { ts } from '../../server/src/engine/typescript';
import { skipOuterExpressions } from '../../server/src/engine/api-resolve';
import type { TextEdit } from '../../server/src/engine/finding';
import type { Fixer, RuleContext, RuleFix } from '../api';
import { SHARED_STORE_CLIENT, type SharedStore } from '../catalog/memory-stores';
import { ensureNamedImport } from '../fix-helpers';
import { getMapReferences } from './project-index';
import { getEnclosingFunction, isModuleLevelVariable, type StateRef } from './state';

/** The Map members LRUCache (v7+) offers with the same meaning. */
const LRU_COMPATIBLE_MEMBERS = new Set(['get', 'set', 'has', 'delete', 'clear', 'size', 'keys', 'values', 'entries']);

type Ctx = RuleContext<any, { cacheMax: number; cacheTtlMs: number }>;

// ---------------------------------------------------------------------------------------------
// Map → LRUCache

export function planLruCacheFix(state: StateRef, ctx: Ctx): RuleFix<'useLruCache'> | undefined {
  const decl = state.declaration;
  if ((state.kind !== 'module-const' && state.kind !== 'module-let') || !decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const init = skipOuterExpressions(decl.initializer);
  if (!ts.isNewExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'Map' || (init.arguments?.length ?? 0) > 0) return undefined;
  const typeArgs = init.typeArguments ?? getMapAnnotationArgs(decl);
  if (!typeArgs || typeArgs.length !== 2) return undefined;
  // LRUCache<K extends {}, V extends {}>: a Map that may hold undefined or null cannot move as is.
  if (typeArgs.some((t) => isNullable(ctx.checker.getTypeFromTypeNode(t)))) return undefined;
  const sf = decl.getSourceFile();
  if (!resolvesFrom('lru-cache', sf.fileName, ctx.program)) return undefined;
  const { cacheMax: max, cacheTtlMs: ttl } = ctx.options;
  return {
    messageId: 'useLruCache',
    data: { max: String(max), ttl: String(ttl) },
    safety: 'unsafe',
    apply: (fixer) => {
      if (!usesOnlyCacheMembers(decl, ctx)) return [];
      const [k, v] = typeArgs.map((t) => t.getText(sf));
      const lru = ensureNamedImport(sf, ctx.checker, 'lru-cache', 'LRUCache', fixer);
      const edits: TextEdit[] = [fixer.replace(init, `new ${lru.localName}<${k}, ${v}>({ max: ${formatNumber(max)}, ttl: ${formatNumber(ttl)} })`), ...lru.edits];
      if (decl.type) edits.push(fixer.replace(decl.type, `${lru.localName}<${k}, ${v}>`));
      return edits;
    },
  };
}

function getMapAnnotationArgs(decl: ts.VariableDeclaration): ts.NodeArray<ts.TypeNode> | undefined {
  const t = decl.type;
  return t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'Map' ? t.typeArguments : undefined;
}

function isNullable(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
}

export function resolvesFrom(specifier: string, file: string, program: ts.Program): boolean {
  return ts.resolveModuleName(specifier, file, program.getCompilerOptions(), ts.sys).resolvedModule !== undefined;
}

/**
 * Every use of the variable in the project is a member LRUCache shares with Map (`get`, `set`, `has`,
 * `size` …), a `for…of` over it, or an import/export of it; anything else (passing it where a Map is
 * expected) makes the fix offer nothing.
 */
function usesOnlyCacheMembers(decl: ts.VariableDeclaration, ctx: Ctx): boolean {
  const target = ctx.checker.getSymbolAtLocation(decl.name);
  return getMapReferences(ctx.program, (decl.name as ts.Identifier).text).every((id) => {
    if (id === decl.name) return true;
    let symbol = ctx.checker.getSymbolAtLocation(id);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias && !ts.isImportSpecifier(id.parent) && !ts.isExportSpecifier(id.parent)) symbol = ctx.checker.getAliasedSymbol(symbol);
    return symbol !== target || isCacheUse(id);
  });
}

function isCacheUse(id: ts.Identifier): boolean {
  // `ns.sessionCache` through a namespace import: judge the access as a whole
  const ref: ts.Expression = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  const parent = ref.parent;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) return LRU_COMPATIBLE_MEMBERS.has(parent.name.text);
  if (ts.isForOfStatement(parent) && parent.expression === ref) return true;
  return false;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) && n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

// ---------------------------------------------------------------------------------------------
// Memory store → Redis store

/**
 * `app.use(session({ secret }))` → a node-redis client declared above the statement and
 * `session({ store: new RedisSessionStore({ client: sessionRedis }), secret })`. Offered when the
 * store's package and node-redis resolve from the file; otherwise the docs page has the snippet.
 */
export function planSharedStoreFix(call: ts.CallExpression, store: SharedStore, ctx: Ctx): RuleFix<'useSharedStore'> | undefined {
  const sf = call.getSourceFile();
  if (!resolvesFrom(store.module, sf.fileName, ctx.program) || !resolvesFrom(SHARED_STORE_CLIENT.module, sf.fileName, ctx.program)) return undefined;
  if (sf.text.includes(store.clientName)) return undefined;
  const statement = getEnclosingStatement(call);
  const options = call.arguments[0] ? skipOuterExpressions(call.arguments[0]) : undefined;
  if (!statement || (options && !ts.isObjectLiteralExpression(options))) return undefined;
  return {
    messageId: 'useSharedStore',
    data: { store: store.module },
    safety: 'unsafe',
    apply: (fixer) => {
      const storeClass = ensureNamedImport(sf, ctx.checker, store.module, store.exportName, fixer, store.localName);
      const createClient = ensureNamedImport(sf, ctx.checker, SHARED_STORE_CLIENT.module, SHARED_STORE_CLIENT.factory, fixer);
      const indent = getIndent(sf, statement);
      const client = store.clientName;
      const declaration =
        `// Shared with every instance: point ${SHARED_STORE_CLIENT.urlVariable} at your Redis.\n` +
        `${indent}const ${client} = ${createClient.localName}({ url: process.env.${SHARED_STORE_CLIENT.urlVariable} });\n` +
        `${indent}${client}.connect().catch((err: unknown) => console.error('${store.module}: Redis connection failed', err));\n${indent}`;
      const property = `store: new ${storeClass.localName}(${store.options.replace('{{client}}', client)})`;
      return [fixer.insertBefore(statement, declaration), insertProperty(call, options, property, fixer), ...storeClass.edits, ...createClient.edits];
    },
  };
}

function insertProperty(call: ts.CallExpression, options: ts.ObjectLiteralExpression | undefined, property: string, fixer: Fixer): TextEdit {
  const sf = call.getSourceFile();
  if (!options) return fixer.replaceRange(sf.fileName, call.arguments.pos, call.arguments.end, `{ ${property} }`);
  const first = options.properties[0];
  if (!first) return fixer.replace(options, `{ ${property} }`);
  const multiLine = sf.getLineAndCharacterOfPosition(options.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(first.getStart(sf)).line;
  return fixer.insertBefore(first, multiLine ? `${property},\n${getIndent(sf, first)}` : `${property}, `);
}

function getEnclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isStatement(n) && (ts.isSourceFile(n.parent) || ts.isBlock(n.parent))) return n;
  }
  return undefined;
}

function getIndent(sf: ts.SourceFile, node: ts.Node): string {
  const start = node.getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t]*/.exec(sf.text.slice(lineStart, start))![0];
}

// ---------------------------------------------------------------------------------------------
// Shared DataLoader → per-request factory

/**
 * `const userLoader = new DataLoader(loadUsers)` → `const createUserLoader = () => new DataLoader(loadUsers)`,
 * and `const userLoader = createUserLoader();` at the top of each function that uses it (a handler: once
 * per request). Offered only when every use is in this file inside such a function.
 */
export function planPerRequestLoaderFix(creation: ts.NewExpression, ctx: Ctx): RuleFix<'loaderPerRequest'> | undefined {
  const decl = creation.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== creation || !ts.isIdentifier(decl.name) || !isModuleLevelVariable(decl) || decl.type) return undefined;
  if ((ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Export) !== 0) return undefined;
  const name = decl.name.text;
  const factory = `create${name[0].toUpperCase()}${name.slice(1)}`;
  const sf = decl.getSourceFile();
  if (sf.text.includes(factory)) return undefined;
  const users = getUsingFunctions(decl, ctx);
  if (!users || users.length === 0) return undefined;
  return {
    messageId: 'loaderPerRequest',
    data: { factory },
    safety: 'unsafe',
    apply: (fixer) => [
      fixer.replace(decl, `${factory} = () => ${creation.getText(sf)}`),
      ...users.map((fn) => {
        const body = fn.body as ts.Block;
        const first = body.statements[0];
        const indent = first ? getIndent(sf, first) : `${getIndent(sf, fn)}  `;
        return fixer.replaceRange(sf.fileName, body.getStart(sf) + 1, body.getStart(sf) + 1, `\n${indent}const ${name} = ${factory}();`);
      }),
    ],
  };
}

/** The outermost functions (with block bodies) that reference the loader; undefined when any use is elsewhere. */
function getUsingFunctions(decl: ts.VariableDeclaration, ctx: Ctx): ts.FunctionLikeDeclaration[] | undefined {
  const target = ctx.checker.getSymbolAtLocation(decl.name);
  const name = (decl.name as ts.Identifier).text;
  const users = new Set<ts.FunctionLikeDeclaration>();
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n !== decl.name && n.text === name && ctx.checker.getSymbolAtLocation(n) === target) {
      let outer = getEnclosingFunction(n);
      for (let up = outer && getEnclosingFunction(outer); up; up = getEnclosingFunction(up)) outer = up;
      if (!outer || !outer.body || !ts.isBlock(outer.body) || isWrite(n)) ok = false;
      else users.add(outer);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(decl.getSourceFile());
  return ok ? [...users] : undefined;
}

function isWrite(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) || ts.isExportSpecifier(p) || ts.isShorthandPropertyAssignment(p);
}
