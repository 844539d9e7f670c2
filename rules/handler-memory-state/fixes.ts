/**
 * The bounded-cache fix: `new Map<K, V>()` used only as a key-value cache becomes
 * `new LRUCache<K, V>({ max, ttl })` when lru-cache resolves from the declaring file.
 */
import { ts } from '../../server/src/engine/typescript';
import { skipOuterExpressions } from '../../server/src/engine/api-resolve';
import type { TextEdit } from '../../server/src/engine/finding';
import type { RuleContext, RuleFix } from '../api';
import { ensureNamedImport } from '../fix-helpers';
import type { StateRef } from './state';

/** The Map members LRUCache (v7+) offers with the same meaning. */
const LRU_COMPATIBLE_MEMBERS = new Set(['get', 'set', 'has', 'delete', 'clear', 'size', 'keys', 'values', 'entries']);

type Ctx = RuleContext<any, { cacheMax: number; cacheTtlMs: number }>;

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

function resolvesFrom(specifier: string, file: string, program: ts.Program): boolean {
  return ts.resolveModuleName(specifier, file, program.getCompilerOptions(), ts.sys).resolvedModule !== undefined;
}

/**
 * Every use of the variable in the project is a member LRUCache shares with Map (`get`, `set`, `has`,
 * `size` …), a `for…of` over it, or an import/export of it; anything else (passing it where a Map is
 * expected) makes the fix offer nothing.
 */
function usesOnlyCacheMembers(decl: ts.VariableDeclaration, ctx: Ctx): boolean {
  const name = (decl.name as ts.Identifier).text;
  const target = ctx.checker.getSymbolAtLocation(decl.name);
  let ok = true;
  for (const sf of ctx.program.getSourceFiles()) {
    if (!ok) break;
    if (sf.isDeclarationFile || sf.fileName.includes('/node_modules/') || !sf.text.includes(name)) continue;
    const visit = (n: ts.Node): void => {
      if (!ok) return;
      if (ts.isIdentifier(n) && n !== decl.name) {
        let symbol = ctx.checker.getSymbolAtLocation(n);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias && !ts.isImportSpecifier(n.parent) && !ts.isExportSpecifier(n.parent)) symbol = ctx.checker.getAliasedSymbol(symbol);
        if (symbol === target && !isCacheUse(n)) ok = false;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return ok;
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
