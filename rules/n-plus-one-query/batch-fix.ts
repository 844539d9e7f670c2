/**
 * The batching rewrites. Only shapes whose meaning is clear from the syntax are offered:
 * - a one-row lookup by a single key taken from the element becomes one query for every key before
 *   the loop, a `Map` from key to row, and a lookup that is `null` where the row is missing;
 * - a loop whose whole body inserts one row per element becomes one bulk insert.
 * Both are unsafe: they change when the queries run and how much is read at once.
 */
import { ts } from '../../server/src/engine/typescript';
import type { TextEdit } from '../../server/src/engine/finding';
import { skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { isFunctionLike } from '../../server/src/engine/request-paths';
import type { Fixer, RuleFix } from '../api';
import { ensureNamedImport, getEnclosingFunction, isAsyncFunction } from '../fix-helpers';
import { getElementDeclaration, type Iteration } from './iteration';
import type { QueryHit, QueryNode } from './queries';
import type { Ctx, MessageId } from './index';

/** A lookup the fix knows how to batch: its key, the key's value per element, and what to emit. */
interface LookupShape {
  key: string;
  keyExpr: ts.Expression;
  /** The query for every key, given the expression that lists the keys. */
  batchCall(keys: string, fixer: Fixer): { text: string; edits: TextEdit[] };
  /** How to name what is loaded (`user` → `usersById`). */
  noun: string;
  batchName: string;
  /** Keys compared as strings (Mongo ObjectIds are objects: two equal ids are different Map keys). */
  stringKey?: boolean;
}

export function planBatchFix(anchor: QueryNode, it: Iteration, query: QueryHit, ctx: Ctx): RuleFix<MessageId> | undefined {
  if (!ts.isCallExpression(anchor) || !it.collection || !isPlainPath(it.collection)) return undefined;
  const element = getElementDeclaration(it);
  if (!element) return undefined;
  return planBulkInsert(anchor, it, query, element, ctx) ?? planLookup(anchor, it, query, element, ctx);
}

// ---------------------------------------------------------------------------------------------
// for (const order of orders) { … await repo.findOneBy({ id: order.customerId }) … }

function planLookup(call: ts.CallExpression, it: Iteration, query: QueryHit, element: ts.BindingName, ctx: Ctx): RuleFix<MessageId> | undefined {
  if (!ts.isIdentifier(element)) return undefined;
  const shape = getLookupShape(call, query, ctx);
  if (!shape || !dependsOnlyOn(shape.keyExpr, element.text)) return undefined;
  const statement = getStatement(it.node);
  const fn = statement && getEnclosingFunction(statement);
  if (!statement || !fn || !isAsyncFunction(fn)) return undefined;
  const sf = ctx.sourceFile;
  const replaced = call.parent && ts.isAwaitExpression(call.parent) ? call.parent : call;
  return {
    messageId: 'batchLookup',
    data: { batchCall: shape.batchName },
    safety: 'unsafe',
    preferred: true,
    apply: (fixer) => {
      const mapName = uniqueName(`${plural(shape.noun)}By${capitalise(shape.key.replace(/^_+/, ''))}`, sf);
      const keys = getKeysText(it.collection!, element, shape.keyExpr, ctx.checker);
      const batch = shape.batchCall(keys, fixer);
      const indent = getIndent(statement, sf);
      const rowKey = shape.stringKey ? `String(row.${shape.key})` : `row.${shape.key}`;
      const keyText = shape.keyExpr.getText(sf);
      const hoisted = `const ${mapName} = new Map((await ${batch.text}).map((row) => [${rowKey}, row]));\n${indent}`;
      const lookup = `${mapName}.get(${shape.stringKey ? `String(${keyText})` : keyText}) ?? null`;
      return [fixer.insertBefore(statement, hoisted), fixer.replace(replaced, needsParens(replaced) ? `(${lookup})` : lookup), ...batch.edits];
    },
  };
}

/** `orders.map((order) => order.customerId)`, or `ids` itself when the element is the key and `ids` an array. */
function getKeysText(collection: ts.Expression, element: ts.Identifier, keyExpr: ts.Expression, checker: ts.TypeChecker): string {
  const sf = collection.getSourceFile();
  const isElement = ts.isIdentifier(skipOuterExpressions(keyExpr)) && (skipOuterExpressions(keyExpr) as ts.Identifier).text === element.text;
  if (isElement && checker.isArrayType(checker.getTypeAtLocation(collection))) return collection.getText(sf);
  return `${collection.getText(sf)}.map((${element.text}) => ${keyExpr.getText(sf)})`;
}

function getLookupShape(call: ts.CallExpression, query: QueryHit, ctx: Ctx): LookupShape | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = callee.expression.getText(ctx.sourceFile);
  const method = callee.name.text;
  const sf = ctx.sourceFile;
  // manager.findOne(Book, { … }): the entity comes first and is kept as is.
  if (query.family.library === 'TypeORM' && /^EntityManager\./.test(query.api) && call.arguments.length === 2) {
    return getTypeOrmShape(call, method, `${receiver}.`, `${call.arguments[0].getText(sf)}, `, call.arguments[1], ctx);
  }
  if (call.arguments.length !== 1) return undefined;
  const arg = skipOuterExpressions(call.arguments[0]);

  if (query.family.library === 'Mongoose' && method === 'findById' && ts.isAwaitExpression(call.parent)) {
    // await Owner.findById(x) → Owner.find({ _id: { $in: keys } }), keyed by the id's string form
    const model = /^[A-Z]\w*$/.test(receiver) ? receiver.charAt(0).toLowerCase() + receiver.slice(1) : 'doc';
    return {
      key: '_id',
      keyExpr: call.arguments[0],
      noun: model,
      stringKey: true,
      batchName: `${receiver}.find({ _id: { $in: … } })`,
      batchCall: (keys) => ({ text: `${receiver}.find({ _id: { $in: ${keys} } })`, edits: [] }),
    };
  }
  if (query.family.library === 'Sequelize' && method === 'findByPk' && /^[A-Z]\w*$/.test(receiver) && hasIdAttribute(call, ctx.checker)) {
    // Article.findByPk(x) → Article.findAll({ where: { id: keys } }), when the model's key attribute is `id`
    return {
      key: 'id',
      keyExpr: call.arguments[0],
      noun: receiver.charAt(0).toLowerCase() + receiver.slice(1),
      batchName: `${receiver}.findAll({ where: { id: … } })`,
      batchCall: (keys) => ({ text: `${receiver}.findAll({ where: { id: ${keys} } })`, edits: [] }),
    };
  }
  if (!ts.isObjectLiteralExpression(arg)) return undefined;

  if (query.family.library === 'Prisma' && (method === 'findUnique' || method === 'findFirst')) {
    // prisma.user.findUnique({ where: { id: x }, select, include }) → prisma.user.findMany({ where: { id: { in: keys } }, select, include })
    const where = getProperty(arg, 'where');
    const single = where && ts.isObjectLiteralExpression(where) ? getSingleKey(where) : undefined;
    if (!single) return undefined;
    const rest = arg.properties.filter((p) => getPropertyName(p) !== 'where');
    if (rest.some((p) => !ts.isPropertyAssignment(p) || ['take', 'skip', 'cursor', 'distinct', 'orderBy'].includes(getPropertyName(p) ?? ''))) return undefined;
    const select = getProperty(arg, 'select');
    if (select && !selectsKey(select, single.key)) return undefined;
    const model = ts.isPropertyAccessExpression(callee.expression) ? callee.expression.name.text : 'row';
    return {
      ...single,
      noun: model,
      batchName: `${receiver}.findMany({ where: { ${single.key}: { in: … } } })`,
      batchCall: (keys) => ({
        text: `${receiver}.findMany({ ${[`where: { ${single.key}: { in: ${keys} } }`, ...rest.map((p) => p.getText(sf))].join(', ')} })`,
        edits: [],
      }),
    };
  }

  if (query.family.library === 'TypeORM' && /^(Repository|BaseEntity)\./.test(query.api)) return getTypeOrmShape(call, method, `${receiver}.`, '', arg, ctx);
  return undefined;
}

/** TypeORM options a many-row `find` reads the same way as the one-row `findOne`. */
const TYPEORM_KEPT_OPTIONS = new Set(['relations', 'select', 'withDeleted', 'loadEagerRelations', 'relationLoadStrategy', 'cache', 'comment', 'transaction']);

/**
 * repo.findOneBy({ id: x }) → repo.findBy({ id: In(keys) });
 * repo.findOne({ where: { id: x }, relations, select }) → repo.find({ where: { id: In(keys) }, relations, select }).
 */
function getTypeOrmShape(call: ts.CallExpression, method: string, target: string, entityArg: string, options: ts.Expression, ctx: Ctx): LookupShape | undefined {
  const arg = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(arg) || (method !== 'findOneBy' && method !== 'findOne')) return undefined;
  const sf = ctx.sourceFile;
  const where = method === 'findOne' ? getProperty(arg, 'where') : arg;
  const single = where && ts.isObjectLiteralExpression(skipOuterExpressions(where)) ? getSingleKey(skipOuterExpressions(where) as ts.ObjectLiteralExpression) : undefined;
  if (!single) return undefined;
  const rest = method === 'findOne' ? arg.properties.filter((p) => getPropertyName(p) !== 'where') : [];
  if (rest.some((p) => !ts.isPropertyAssignment(p) || !TYPEORM_KEPT_OPTIONS.has(getPropertyName(p) ?? ''))) return undefined;
  const select = getProperty(arg, 'select');
  if (method === 'findOne' && select && !selectsKey(select, single.key)) return undefined;
  const entity = getEntityName(call, ctx.checker) ?? 'row';
  const batchMethod = method === 'findOne' ? 'find' : 'findBy';
  const batchArgument = (inCall: string) => (method === 'findOne' ? `{ where: { ${single.key}: ${inCall} }${rest.length > 0 ? ', …' : ''} }` : `{ ${single.key}: ${inCall} }`);
  return {
    ...single,
    noun: entity.charAt(0).toLowerCase() + entity.slice(1),
    batchName: `${target}${batchMethod}(${entityArg}${batchArgument('In(…)')})`,
    batchCall: (keys, fixer) => {
      const inImport = ensureNamedImport(sf, ctx.checker, 'typeorm', 'In', fixer);
      const condition = `{ ${single.key}: ${inImport.localName}(${keys}) }`;
      const argument = method === 'findOne' ? `{ ${[`where: ${condition}`, ...rest.map((p) => p.getText(sf))].join(', ')} }` : condition;
      return { text: `${target}${batchMethod}(${entityArg}${argument})`, edits: inImport.edits };
    },
  };
}

/** `select: { id: true, … }` or `select: ['id', …]`: the rows keep the key the Map is built on. */
function selectsKey(select: ts.Expression, key: string): boolean {
  const s = skipOuterExpressions(select);
  if (ts.isObjectLiteralExpression(s)) return getProperty(s, key)?.kind === ts.SyntaxKind.TrueKeyword;
  return ts.isArrayLiteralExpression(s) && s.elements.some((e) => ts.isStringLiteralLike(e) && e.text === key);
}

/** `{ id: expr }` with exactly one plain property. */
function getSingleKey(obj: ts.ObjectLiteralExpression): { key: string; keyExpr: ts.Expression } | undefined {
  if (obj.properties.length !== 1) return undefined;
  const p = obj.properties[0];
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) {
    const value = skipOuterExpressions(p.initializer);
    // `{ id: { in: … } }` or `{ id: MoreThan(x) }` are not single-key lookups.
    if (ts.isObjectLiteralExpression(value) || (ts.isCallExpression(value) && !isPlainPath(value))) return undefined;
    return { key: p.name.text, keyExpr: p.initializer };
  }
  if (ts.isShorthandPropertyAssignment(p)) return { key: p.name.text, keyExpr: p.name };
  return undefined;
}

/** The model declares `id` and its `init` marks it `primaryKey: true` (or declares no primary key, so Sequelize adds `id`). */
function hasIdAttribute(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const type = checker.getAwaitedType(checker.getTypeAtLocation(call));
  const row = type?.isUnion() ? type.types.find((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) === 0) : type;
  if (!row?.getProperty('id')) return false;
  const cls = row.getSymbol()?.valueDeclaration;
  if (!cls) return false;
  // Model.init({ id: { …, primaryKey: true }, … }, options): the attributes are read from the syntax.
  const attributes = findInitAttributes(cls.getSourceFile(), row.getSymbol()!, checker);
  if (!attributes) return false;
  const keys = attributes.properties.filter((p) => {
    const value = ts.isPropertyAssignment(p) ? skipOuterExpressions(p.initializer) : undefined;
    return value !== undefined && ts.isObjectLiteralExpression(value) && getProperty(value, 'primaryKey')?.kind === ts.SyntaxKind.TrueKeyword;
  });
  // No primary key declared: Sequelize adds `id`.
  return keys.length === 0 || (keys.length === 1 && getPropertyName(keys[0]) === 'id');
}

function findInitAttributes(sf: ts.SourceFile, model: ts.Symbol, checker: ts.TypeChecker): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'init' && n.arguments.length > 0) {
      const first = skipOuterExpressions(n.arguments[0]);
      if (ts.isObjectLiteralExpression(first) && checker.getSymbolAtLocation(n.expression.expression) === model) found = first;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** `Promise<User | null>` → `User`. */
function getEntityName(call: ts.CallExpression, checker: ts.TypeChecker): string | undefined {
  const type = checker.getAwaitedType(checker.getTypeAtLocation(call));
  const parts = type?.isUnion() ? type.types : type ? [type] : [];
  const entity = parts.find((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) === 0);
  const name = entity?.getSymbol()?.name;
  return name && /^[A-Za-z_]\w*$/.test(name) && name !== '__object' ? name : undefined;
}

// ---------------------------------------------------------------------------------------------
// for (const p of people) await prisma.user.create({ data: … })  →  await prisma.user.createMany({ data: people.map(…) })

/** One-row inserts and the bulk form that takes every row, per library (matched on the qualified name). */
const BULK_INSERTS: { library: string; api: RegExp; to: string; wrap: 'data' | 'array' }[] = [
  { library: 'Prisma', api: /\.create$/, to: 'createMany', wrap: 'data' },
  { library: 'Sequelize', api: /\.create$/, to: 'bulkCreate', wrap: 'array' },
  { library: 'Mongoose', api: /\.create$/, to: 'insertMany', wrap: 'array' },
  { library: 'MongoDB', api: /^Collection\.insertOne$/, to: 'insertMany', wrap: 'array' },
  // save and insert take an array as well: one transaction, multi-row INSERTs.
  { library: 'TypeORM', api: /^Repository\.save$/, to: 'save', wrap: 'array' },
  { library: 'TypeORM', api: /^Repository\.insert$/, to: 'insert', wrap: 'array' },
  { library: 'MikroORM', api: /^EntityRepository\.insert$/, to: 'insertMany', wrap: 'array' },
];

function planBulkInsert(call: ts.CallExpression, it: Iteration, query: QueryHit, element: ts.BindingName, ctx: Ctx): RuleFix<MessageId> | undefined {
  const bulk = BULK_INSERTS.find((b) => b.library === query.family.library && b.api.test(query.api));
  const callee = skipOuterExpressions(call.expression);
  if (!bulk || !ts.isPropertyAccessExpression(callee) || call.arguments.length !== 1) return undefined;
  if (!ts.isForOfStatement(it.node) || !isWholeBody(it.node.statement, call)) return undefined;
  const sf = ctx.sourceFile;
  let rowExpr: ts.Expression = call.arguments[0];
  if (bulk.wrap === 'data') {
    const arg = skipOuterExpressions(rowExpr);
    if (!ts.isObjectLiteralExpression(arg) || arg.properties.length !== 1 || getPropertyName(arg.properties[0]) !== 'data') return undefined;
    rowExpr = getProperty(arg, 'data')!;
  }
  const loop = it.node;
  const receiver = callee.expression.getText(sf);
  const batchName = `${receiver}.${bulk.to}`;
  return {
    messageId: 'batchCreate',
    data: { batchCall: batchName },
    safety: 'unsafe',
    preferred: true,
    apply: (fixer) => {
      const rows = `${loop.expression.getText(sf)}.map((${element.getText(sf)}) => ${wrapObject(rowExpr.getText(sf), rowExpr)})`;
      const args = bulk.wrap === 'data' ? `{ data: ${rows} }` : rows;
      return [fixer.replace(loop, `await ${batchName}(${args});`)];
    },
  };
}

/** The loop body is exactly `await call;` (or `{ await call; }`). */
function isWholeBody(body: ts.Statement, call: ts.CallExpression): boolean {
  const stmt = ts.isBlock(body) ? (body.statements.length === 1 ? body.statements[0] : undefined) : body;
  if (!stmt || !ts.isExpressionStatement(stmt)) return false;
  const e = skipOuterExpressions(stmt.expression);
  return ts.isAwaitExpression(e) && skipOuterExpressions(e.expression) === call;
}

function wrapObject(text: string, expr: ts.Expression): string {
  return ts.isObjectLiteralExpression(skipOuterExpressions(expr)) ? `(${text})` : text;
}

// ---------------------------------------------------------------------------------------------
// Small syntax helpers

/** `orders`, `order.items`, `this.rows`: safe to evaluate once more before the loop. */
function isPlainPath(e: ts.Expression): boolean {
  const x = skipOuterExpressions(e);
  if (ts.isIdentifier(x) || x.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(x) && !x.questionDotToken && isPlainPath(x.expression);
}

/** Every free identifier of `expr` is `name`: the key comes from the element alone. */
function dependsOnlyOn(expr: ts.Expression, name: string): boolean {
  let ok = true;
  let uses = 0;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (isFunctionLike(n) || ts.isCallExpression(n) || ts.isAwaitExpression(n)) ok = false;
    else if (ts.isPropertyAccessExpression(n)) visit(n.expression);
    else if (ts.isIdentifier(n)) {
      if (n.text === name) uses++;
      else ok = false;
    } else ts.forEachChild(n, visit);
  };
  visit(expr);
  return ok && uses > 0;
}

function getStatement(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    if (ts.isBlock(n.parent) || ts.isSourceFile(n.parent)) return n as ts.Statement;
    if (isFunctionLike(n.parent) || ts.isCaseClause(n.parent)) return undefined;
  }
  return undefined;
}

function getProperty(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && getPropertyName(p) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

function getPropertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
}

function needsParens(node: ts.Expression): boolean {
  const p = node.parent;
  if (ts.isVariableDeclaration(p) || ts.isReturnStatement(p) || ts.isPropertyAssignment(p) || ts.isArrowFunction(p)) return false;
  if (ts.isCallExpression(p) && p.arguments.includes(node)) return false;
  if (ts.isArrayLiteralExpression(p) || ts.isParenthesizedExpression(p)) return false;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === node) return false;
  return true;
}

function getIndent(node: ts.Node, sf: ts.SourceFile): string {
  const start = node.getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t]*/.exec(sf.text.slice(lineStart, start))![0];
}

function uniqueName(base: string, sf: ts.SourceFile): string {
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) used.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  return name;
}

function plural(noun: string): string {
  return /s$/.test(noun) ? `${noun}es` : /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
