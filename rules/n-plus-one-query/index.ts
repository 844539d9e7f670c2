import { ts } from '../../server/src/engine/typescript';
import { skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { functionName, resolveCallTargets } from '../../server/src/engine/request-paths';
import type { RelatedLocation } from '../../server/src/engine/finding';
import { defineRule, type RequestPath, type RuleContext, type RuleFix } from '../api';
import { isPrismaTickBatched } from '../catalog/query-apis';
import { getEnclosingFunction } from '../fix-helpers';
import { planBatchFix } from './batch-fix';
import { getEagerLoadSite, isLoadedWithRows, planEagerLoadFix, type EagerLoadSite } from './eager-load';
import { findIteration, getExemption, getHeaderRange, type Iteration } from './iteration';
import { getLazyRelationLoad, getQueryCall, summariseFunction, type QueryHit, type QueryNode } from './queries';

export type MessageId = 'queryPerElement' | 'helperPerElement' | 'batchLookup' | 'batchCreate' | 'eagerLoad';

export interface Options {
  /** `request-path`: only code a request handler reaches; `any-function`: any code inside a function. */
  scope: 'request-path' | 'any-function';
}

export type Ctx = RuleContext<MessageId, Options>;

export default defineRule<MessageId, Options>({
  id: 'n-plus-one-query',
  meta: {
    summary: 'A database query, cache command or HTTP call once per element of a collection on a request path',
    defaultSeverity: 'warning',
    requiresTypeChecking: true,
    messages: {
      queryPerElement:
        '{{query}} ({{library}}) runs {{per}} on {{route}}: {{cost}}. Instead, {{batch}}.',
      helperPerElement:
        '{{helper}} issues a query ({{query}}, {{library}}) and runs {{per}} on {{route}}: {{cost}}. Instead, {{batch}}.',
      batchLookup: 'Load every row with one `{{batchCall}}` before the loop and look each up in a Map',
      batchCreate: 'Insert every row with one `{{batchCall}}`',
      eagerLoad: 'Load `{{relation}}` with the rows (`relations`) instead of once per row',
    },
    options: { scope: 'request-path' },
  },
  visit: {
    CallExpression: checkCall,
    TaggedTemplateExpression: checkTaggedTemplate,
    AwaitExpression: checkLazyRelation,
  },
});

function checkCall(node: ts.CallExpression, ctx: Ctx): void {
  // Cheap first: only calls that sit in a loop body or an array callback.
  const it = findIteration(node, ctx.checker);
  if (!it || ctx.isToolingFile) return;
  const direct = getQueryCall(node, ctx.checker);
  if (direct) return report(node, it, direct, undefined, ctx);
  for (const helper of resolveCallTargets(node.expression, ctx.program)) {
    if (isWithin(node, helper)) continue;
    const summary = summariseFunction(helper, ctx.program);
    if (summary) return report(node, it, summary.query, { fn: helper, via: summary.via, written: node.expression }, ctx);
  }
}

// prisma.$queryRaw`SELECT … ${id}`
function checkTaggedTemplate(node: ts.TaggedTemplateExpression, ctx: Ctx): void {
  const it = findIteration(node, ctx.checker);
  if (!it || ctx.isToolingFile) return;
  const direct = getQueryCall(node, ctx.checker);
  if (direct) report(node, it, direct, undefined, ctx);
}

// await order.customer — a TypeORM lazy relation loads with a query of its own
function checkLazyRelation(node: ts.AwaitExpression, ctx: Ctx): void {
  if (!ts.isPropertyAccessExpression(node.expression)) return;
  const it = findIteration(node, ctx.checker);
  if (!it || ctx.isToolingFile) return;
  const lazy = getLazyRelationLoad(node, ctx.checker);
  if (!lazy) return;
  const eager = getEagerLoadSite(node, it, ctx.checker);
  // `find({ relations: { author: true } })` loaded it with the rows: the await costs no query.
  if (eager && isLoadedWithRows(eager)) return;
  report(node, it, lazy, undefined, ctx, eager);
}

function isWithin(node: ts.Node, fn: ts.Node): boolean {
  return node.getSourceFile() === fn.getSourceFile() && node.pos >= fn.pos && node.end <= fn.end;
}

function report(
  anchor: QueryNode,
  it: Iteration,
  query: QueryHit,
  helper: { fn: ts.FunctionLikeDeclaration; via: ts.CallExpression[]; written: ts.Expression } | undefined,
  ctx: Ctx,
  eager?: EagerLoadSite,
): void {
  // Prisma's dataloader merges same-tick findUnique calls: `Promise.all(ids.map((id) => findUnique…))` is one query.
  if (it.fanOut && isPrismaTickBatched(query.family, query.api)) return;
  if (getExemption(it, anchor, ctx.checker)) return;
  const where = getContext(anchor, ctx);
  if (!where) return;
  const sf = ctx.sourceFile;
  const header = getHeaderRange(it, sf);
  const collection = it.collection ? `\`${shorten(it.collection.getText(sf))}\`` : undefined;
  const per = (collection ? `once per element of ${collection}` : `once per iteration of a \`${loopKeyword(it)}\` loop`) + describeBound(it);
  const related: RelatedLocation[] = [
    ...(where.path?.chain ?? []),
    { file: sf.fileName, ...header, label: it.fanOut ? `all elements of ${collection} at once` : collection ? `loops over ${collection}${it.bound ? `, ${it.bound}` : ''}` : 'the loop' },
  ];
  if (helper) {
    for (const call of helper.via) related.push(locationOf(call, `calls ${calledName(call, ctx)}`));
    related.push(locationOf(query.node, `${query.display} queries here`));
  }
  const fix: RuleFix<MessageId> | undefined = helper ? undefined : eager ? planEagerLoadFix(eager, ctx) : planBatchFix(anchor, it, query, ctx);
  const batch = eager
    ? `load \`${eager.relation}\` with the rows: \`relations: { ${eager.relation}: true }\` on the \`find\` that loaded ${collection}`
    : query.family.writes?.names.test(query.api) ? query.family.writes.batch : query.family.batch;
  const callee = ts.isCallExpression(anchor) ? anchor.expression : ts.isTaggedTemplateExpression(anchor) ? anchor.tag : anchor;
  // Keep the primary range on one line: a multi-line builder chain is anchored at its last method name.
  const primary = isMultiLine(callee, sf) && ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  ctx.report({
    node: primary,
    messageId: helper ? 'helperPerElement' : 'queryPerElement',
    data: {
      query: `\`${query.display}\``,
      helper: helper ? describeHelper(helper.fn, helper.written) : '',
      library: query.family.library,
      per,
      route: where.route,
      cost: COST[query.family.target],
      batch,
    },
    related,
    fixes: fix ? [fix] : [],
  });
}

/** `loadOwner()`, or `this.store.get()` (`PgUserStore.get()`) when the written call does not name the function. */
function describeHelper(fn: ts.FunctionLikeDeclaration, written: ts.Expression): string {
  const name = functionName(fn);
  const text = shorten(skipOuterExpressions(written).getText());
  return text === name || text === name.split('.').pop() ? `\`${text}()\`` : `\`${text}()\` (\`${name}()\`)`;
}

/** A limit bounds how many queries are in flight, not how many there are. */
function describeBound(it: Iteration): string {
  if (!it.bound || it.bound === 'one at a time') return '';
  return `, ${it.bound} (the limit spreads the N round trips out, it does not remove them)`;
}

function loopKeyword(it: Iteration): string {
  return ts.isDoStatement(it.node) ? 'do…while' : ts.isWhileStatement(it.node) ? 'while' : 'for';
}

const COST = {
  database: 'N elements cost N database round trips instead of one, each holding one of the pooled connections that every request shares',
  Redis: 'N elements cost N Redis round trips where one would do',
  HTTP: 'N elements cost N requests to another service instead of one, so its load and your latency grow with the data',
};

function isMultiLine(node: ts.Node, sf: ts.SourceFile): boolean {
  return sf.text.slice(node.getStart(sf), node.end).includes('\n');
}

function calledName(call: ts.CallExpression, ctx: Ctx): string {
  const fn = resolveCallTargets(call.expression, ctx.program)[0];
  return fn ? `${functionName(fn)}()` : `\`${shorten(call.expression.getText())}\``;
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length <= 40 ? t : `${t.slice(0, 37)}…`;
}

function locationOf(node: ts.Node, label: string): RelatedLocation {
  const sf = node.getSourceFile();
  const start = node.getStart(sf);
  const lineEnd = sf.text.indexOf('\n', start);
  return { file: sf.fileName, start, end: lineEnd < 0 ? node.end : Math.min(node.end, lineEnd), label };
}

function getContext(node: ts.Node, ctx: Ctx): { route: string; path?: RequestPath } | undefined {
  const path = ctx.requestPathTo(node);
  if (path) return { route: path.route, path };
  if (ctx.options.scope === 'any-function' && getEnclosingFunction(node)) return { route: 'a function (scope: any-function)' };
  return undefined;
}
