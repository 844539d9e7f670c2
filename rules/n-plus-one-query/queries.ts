/**
 * Which calls are queries: a catalogue match on the resolved callee (or on the declared type of the
 * callee, for callable instances and typed mixins), and a per-function summary "issues a query"
 * computed once and reused for every call of a project helper.
 */
import { ts } from '../../server/src/engine/typescript';
import { getDeclaringModule, getQualifiedName, resolveApi, skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { resolveCallTargets } from '../../server/src/engine/request-paths';
import { implementationsHold, type ImplementationsSeen } from '../../server/src/engine/implementations';
import { isLiveIn } from '../../server/src/engine/program-files';
import { findQueryFamily, QUERY_FAMILIES, SEQUELIZE_ASSOCIATION_MIXIN, type QueryFamily } from '../catalog/query-apis';

/** A call, a tagged template (`prisma.$queryRaw\`…\``) or an awaited lazy relation. */
export type QueryNode = ts.CallExpression | ts.TaggedTemplateExpression | ts.AwaitExpression;

export interface QueryHit {
  /** The call that makes the round trip (or the awaited lazy relation). */
  node: QueryNode;
  family: QueryFamily;
  /** Qualified API name: `Repository.findOneBy`. */
  api: string;
  /** As written, short: `userRepo.findOneBy`. */
  display: string;
}

const SEQUELIZE = QUERY_FAMILIES.find((f) => f.library === 'Sequelize')!;
const TYPEORM = QUERY_FAMILIES.find((f) => f.library === 'TypeORM')!;

/** The query a call makes, if it is one. */
export function getQueryCall(call: ts.CallExpression | ts.TaggedTemplateExpression, checker: ts.TypeChecker): QueryHit | undefined {
  const callee = skipOuterExpressions(ts.isCallExpression(call) ? call.expression : call.tag);
  const hit = (family: QueryFamily, api: string): QueryHit | undefined => {
    if (family.builder && isSubquery(call)) return undefined;
    if (family.skipReceiver && ts.isPropertyAccessExpression(callee)) {
      const receiver = checker.typeToString(checker.getTypeAtLocation(callee.expression));
      if (family.skipReceiver.test(receiver)) return undefined;
    }
    return { node: call, family, api, display: describe(callee) };
  };
  const api = resolveApi(checker, callee);
  if (api) {
    const family = findQueryFamily(api.module, api.name);
    if (family) return hit(family, api.name);
  }
  // Callable instances (`knex('users')`, `got.get`) and typed members (`author.getPosts()`): ask the type.
  // A project alias (`type Db = Knex`) hides the library type: try the alias, then the type itself.
  const type = checker.getTypeAtLocation(callee);
  const parts = type.isUnion() ? type.types : [];
  for (const symbol of [type.aliasSymbol, type.getSymbol(), ...parts.map((t) => t.aliasSymbol ?? t.getSymbol())]) {
    const decl = symbol?.declarations?.[0];
    if (!symbol || !decl) continue;
    const module = getDeclaringModule(decl);
    if (module === undefined) continue;
    if (module === 'sequelize' && SEQUELIZE_ASSOCIATION_MIXIN.test(symbol.name)) return hit(SEQUELIZE, symbol.name);
    const family = findQueryFamily(module, getQualifiedName(decl));
    if (family) return hit(family, getQualifiedName(decl));
  }
  return undefined;
}

/**
 * `.whereIn('id', knex('t').select('id'))`: a builder chain passed as an argument to another call is a
 * subquery, sent as part of the outer query.
 */
function isSubquery(call: ts.Node): boolean {
  let top: ts.Node = call;
  while (top.parent && ((ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) {
    top = top.parent;
  }
  return top.parent !== undefined && ts.isCallExpression(top.parent) && top.parent.arguments.includes(top as ts.Expression);
}

/** `await order.customer` where `customer` is a TypeORM lazy relation (`Promise<User>` with a relation decorator). */
export function getLazyRelationLoad(node: ts.AwaitExpression, checker: ts.TypeChecker): QueryHit | undefined {
  const target = skipOuterExpressions(node.expression);
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const decl = checker.getSymbolAtLocation(target.name)?.valueDeclaration;
  if (!decl || !ts.isPropertyDeclaration(decl) || !decl.type || !ts.isTypeReferenceNode(decl.type)) return undefined;
  if (!ts.isIdentifier(decl.type.typeName) || decl.type.typeName.text !== 'Promise') return undefined;
  const isRelation = (ts.getDecorators(decl) ?? []).some((d) => {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    const api = resolveApi(checker, e);
    return api?.module === 'typeorm' && /^(ManyToOne|OneToMany|OneToOne|ManyToMany)$/.test(api.name);
  });
  return isRelation ? { node, family: TYPEORM, api: 'lazy relation', display: `await ${describe(target)}` } : undefined;
}

function describe(callee: ts.Expression): string {
  const text = oneLine(callee);
  if (text.length <= 40) return text;
  if (!ts.isPropertyAccessExpression(callee)) return `${text.slice(0, 37)}…`;
  // A long builder chain: where it starts and the call that sends it (`db.selectFrom('team')….execute`).
  const head = getChainHead(callee.expression);
  const headText = head && (ts.isTaggedTemplateExpression(head) ? `${oneLine(head.tag)}\`…\`` : oneLine(head));
  if (!head || !headText || headText.length > 30) return `….${callee.name.text}`;
  return `${headText}${head === callee.expression ? '.' : '….'}${callee.name.text}`;
}

/** The first call (or tagged template) of a member chain. */
function getChainHead(e: ts.Expression): ts.Expression | undefined {
  let head: ts.Expression | undefined;
  for (let x = e; ; x = x.expression) {
    if (ts.isTaggedTemplateExpression(x)) return x;
    if (ts.isCallExpression(x)) head = x;
    else if (!ts.isPropertyAccessExpression(x)) return head;
  }
}

/** Source text on one line; a chain broken before `.` is joined without a space. */
function oneLine(node: ts.Node): string {
  return node.getText().replace(/\s*\n\s*(?=\??\.)/g, '').replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Function summaries

export interface QuerySummary {
  query: QueryHit;
  /** Calls from the helper down to the function that makes the query (the first is in the helper). */
  via: ts.CallExpression[];
}

interface CachedSummary {
  /** Files whose text the summary read: it is stale when one of them is no longer in the program. */
  deps: ts.SourceFile[];
  /** The interfaces its calls were dispatched through: stale when their implementations change. */
  implementations: ImplementationsSeen[];
  summary: QuerySummary | undefined;
}

const MAX_HELPER_DEPTH = 6;
const summaryCache = new WeakMap<ts.FunctionLikeDeclaration, CachedSummary>();

/** Whether calling `fn` issues a query (directly or through the project functions it calls), and which. */
export function summariseFunction(fn: ts.FunctionLikeDeclaration, program: ts.Program): QuerySummary | undefined {
  return summarise(fn, program, program.getTypeChecker(), 0, new Set()).summary;
}

function summarise(fn: ts.FunctionLikeDeclaration, program: ts.Program, checker: ts.TypeChecker, depth: number, active: Set<ts.Node>): CachedSummary {
  const cached = summaryCache.get(fn);
  if (cached && cached.deps.every((d) => isLiveIn(program, d)) && cached.implementations.every((seen) => implementationsHold(seen, program))) return cached;
  const deps = new Set<ts.SourceFile>([fn.getSourceFile()]);
  const implementations = new Set<ImplementationsSeen>();
  if (depth > MAX_HELPER_DEPTH || active.has(fn) || !fn.body) return { deps: [...deps], implementations: [], summary: undefined };
  active.add(fn);
  let summary: QuerySummary | undefined;
  const visit = (n: ts.Node): void => {
    if (summary) return;
    if (ts.isTaggedTemplateExpression(n)) {
      const direct = getQueryCall(n, checker);
      if (direct) {
        summary = { query: direct, via: [] };
        return;
      }
    }
    if (ts.isCallExpression(n)) {
      const direct = getQueryCall(n, checker);
      if (direct) {
        summary = { query: direct, via: [] };
        return;
      }
      for (const target of resolveCallTargets(n.expression, program, checker, (seen) => implementations.add(seen))) {
        if (target === fn) continue;
        const inner = summarise(target, program, checker, depth + 1, active);
        inner.deps.forEach((d) => deps.add(d));
        inner.implementations.forEach((seen) => implementations.add(seen));
        if (inner.summary) {
          summary = { query: inner.summary.query, via: [n, ...inner.summary.via] };
          return;
        }
      }
    } else if (ts.isAwaitExpression(n)) {
      const lazy = getLazyRelationLoad(n, checker);
      if (lazy) {
        summary = { query: lazy, via: [] };
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  active.delete(fn);
  const result = { deps: [...deps], implementations: [...implementations], summary };
  // A summary cut short by recursion is partial: cache only complete ones.
  if (active.size === 0 || summary) summaryCache.set(fn, result);
  return result;
}


