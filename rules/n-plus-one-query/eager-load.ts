/**
 * Eager loading of a TypeORM lazy relation awaited per row: `for (const book of list) await book.author`
 * where `list` came from `repo.find(…)` in the same function. The relation can be loaded with the rows
 * (`relations: { author: true }`), after which awaiting it costs no query.
 */
import { ts } from '../../server/src/engine/typescript';
import { skipOuterExpressions } from '../../server/src/engine/api-resolve';
import type { RuleFix } from '../api';
import { getElementDeclaration, type Iteration } from './iteration';
import { getQueryCall } from './queries';
import type { Ctx, MessageId } from './index';

export interface EagerLoadSite {
  relation: string;
  /** The `find` that loaded the iterated rows, and the position of its options argument. */
  find: ts.CallExpression;
  optionsIndex: number;
}

/** The `find` to add the relation to, when `node` awaits a relation of the element of rows it loaded. */
export function getEagerLoadSite(node: ts.AwaitExpression, it: Iteration, checker: ts.TypeChecker): EagerLoadSite | undefined {
  const target = skipOuterExpressions(node.expression);
  const element = getElementDeclaration(it);
  if (!ts.isPropertyAccessExpression(target) || !element || !ts.isIdentifier(element) || !it.collection) return undefined;
  const owner = skipOuterExpressions(target.expression);
  if (!ts.isIdentifier(owner) || owner.text !== element.text) return undefined;
  const rows = skipOuterExpressions(it.collection);
  const decl = ts.isIdentifier(rows) ? checker.getSymbolAtLocation(rows)?.valueDeclaration : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const init = skipOuterExpressions(decl.initializer);
  const find = ts.isAwaitExpression(init) ? skipOuterExpressions(init.expression) : undefined;
  if (!find || !ts.isCallExpression(find)) return undefined;
  const api = getQueryCall(find, checker)?.api;
  // repo.find(options) or manager.find(Entity, options)
  const optionsIndex = api === 'Repository.find' ? 0 : api === 'EntityManager.find' ? 1 : -1;
  if (optionsIndex < 0 || find.arguments.length < optionsIndex || find.arguments.length > optionsIndex + 1) return undefined;
  const options = find.arguments[optionsIndex];
  if (options && !ts.isObjectLiteralExpression(skipOuterExpressions(options))) return undefined;
  return { relation: target.name.text, find, optionsIndex };
}

/** Whether the `find` already names the relation in `relations` (the await then costs nothing). */
export function isLoadedWithRows(site: EagerLoadSite): boolean {
  const relations = getRelationsProperty(site);
  if (!relations) return false;
  const value = skipOuterExpressions(relations.initializer);
  if (ts.isArrayLiteralExpression(value)) return value.elements.some((e) => ts.isStringLiteralLike(e) && e.text === site.relation);
  return ts.isObjectLiteralExpression(value) && value.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === site.relation);
}

function getRelationsProperty(site: EagerLoadSite): ts.PropertyAssignment | undefined {
  const options = site.find.arguments[site.optionsIndex];
  if (!options) return undefined;
  const obj = skipOuterExpressions(options) as ts.ObjectLiteralExpression;
  return obj.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'relations');
}

/** Adds the relation to the `find`: a new `relations` option, or one more entry in an inline one. */
export function planEagerLoadFix(site: EagerLoadSite, ctx: Ctx): RuleFix<MessageId> | undefined {
  const options = site.find.arguments[site.optionsIndex];
  const obj = options ? (skipOuterExpressions(options) as ts.ObjectLiteralExpression) : undefined;
  const relations = getRelationsProperty(site);
  const value = relations && skipOuterExpressions(relations.initializer);
  if (value && !(ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value))) return undefined;
  if (obj && !relations && obj.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))) return undefined;
  const entry = value && ts.isArrayLiteralExpression(value) ? `'${site.relation}'` : `${site.relation}: true`;
  return {
    messageId: 'eagerLoad',
    data: { relation: site.relation },
    safety: 'unsafe',
    preferred: true,
    apply: (fixer) => {
      if (value) {
        const items = ts.isObjectLiteralExpression(value) ? value.properties : value.elements;
        const last = items[items.length - 1];
        return [last ? fixer.insertAfter(last, `, ${entry}`) : fixer.replace(value, ts.isObjectLiteralExpression(value) ? `{ ${entry} }` : `[${entry}]`)];
      }
      const option = `relations: { ${entry} }`;
      if (!obj) {
        const open = site.find.arguments.length > 0 ? `, { ${option} }` : `{ ${option} }`;
        const at = site.find.arguments.length > 0 ? site.find.arguments[site.find.arguments.length - 1].end : site.find.arguments.pos;
        return [fixer.replaceRange(ctx.sourceFile.fileName, at, at, open)];
      }
      const last = obj.properties[obj.properties.length - 1];
      return [last ? fixer.insertAfter(last, `, ${option}`) : fixer.replace(obj, `{ ${option} }`)];
    },
  };
}
