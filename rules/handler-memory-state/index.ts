import { ts } from '../../server/src/engine/typescript';
import { getCalleeName, getDeclaringModule, skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { getCandidateNames } from '../../server/src/engine/callable-names';
import type { RelatedLocation } from '../../server/src/engine/finding';
import { defineRule, type RuleContext } from '../api';
import {
  CACHE_LIBRARIES,
  CACHE_WRITER_NAMES,
  CONTAINER_MUTATORS,
  DEFAULT_CACHE_MODULES,
  type CacheLibrary,
  FALLBACK_OPTION_NAMES,
  GROWING_MUTATORS,
  LISTENER_METHODS,
  LISTENER_REMOVERS,
  MEMORY_DEFAULT_FACTORIES,
  MEMORY_DEFAULT_FACTORY_NAMES,
  MEMORY_STORE_CLASSES,
  MUTATOR_NAMES,
  REPEATING_TIMERS,
  REPEATING_TIMER_NAMES,
  type RepeatingTimer,
  REQUEST_TYPE_PACKAGES,
  SOCKET_SERVER,
} from '../catalog/memory-stores';
import { planLruCacheFix, planPerRequestLoaderFix, planSharedStoreFix } from './fixes';
import { findState, getEnclosingFunction, getRoot, isModuleLevelVariable, mayBeStateRoot, type StateRef } from './state';
import { isSingletonClass } from './singletons';
import { isUnsharedSocketServer } from './sockets';

export type MessageId =
  | 'counterState'
  | 'growingState'
  | 'requestDataState'
  | 'divergingState'
  | 'unboundedCache'
  | 'perInstanceCache'
  | 'memorySessionStore'
  | 'memoryRateLimit'
  | 'memoryStoreClass'
  | 'sharedDataLoader'
  | 'socketServerWithoutAdapter'
  | 'timerPerRequest'
  | 'listenerPerRequest'
  | 'useLruCache'
  | 'useSharedStore'
  | 'loaderPerRequest';

export interface Options {
  /** `max` of the `LRUCache` the quick fix puts in place of an unbounded `Map`. */
  cacheMax: number;
  /** `ttl` (milliseconds) of that `LRUCache`. */
  cacheTtlMs: number;
  /** Names of module-level state never reported (`requestCount`, `Registry.items`). */
  allow: string[];
}

export type Ctx = RuleContext<MessageId, Options>;

const SOCKET_SERVER_CLASS_NAMES: ReadonlySet<string> = new Set(SOCKET_SERVER.names.filter((n) => n !== 'default'));

const STATE_TAIL = 'Keep it in a shared store (Redis, the database), or per request.';

export default defineRule<MessageId, Options>({
  id: 'handler-memory-state',
  meta: {
    summary: 'Per-process state written on a request path',
    defaultSeverity: 'warning',
    requiresTypeChecking: true,
    messages: {
      counterState:
        '{{state}} ({{declared}}) is updated on {{route}}: each instance counts only the requests it serves, so with two or more instances the value is a fraction of the truth and resets on every restart. Count in a shared store (Redis `INCR`) or a metrics system.',
      growingState:
        '{{state}} ({{declared}}) gains entries on {{route}}: it grows without bound on every instance, each instance holds a different copy, and a change made on one (a logout, an invalidation) never reaches the others. Use a bounded cache (lru-cache with `max` and `ttl`) or a shared store (Redis).',
      requestDataState:
        '{{state}} ({{declared}}) is set from request data on {{route}}: every concurrent request shares it, so one user\'s data can be read while serving another, and other instances never see it. Keep request data in locals or on the request object.',
      divergingState:
        '{{state}} ({{declared}}) is changed on {{route}}: the change happens on this instance only, so instances behind a load balancer disagree. ' + STATE_TAIL,
      unboundedCache:
        '{{state}} ({{declared}}) is filled on {{route}} and has no TTL or size limit: it grows until the process runs out of memory, and each instance holds its own copy, so an invalidation on one never reaches the others. Give it a bound (node-cache `stdTTL` or `maxKeys`, a lifetime on every write) or use a shared cache (Redis).',
      perInstanceCache:
        '{{state}} ({{declared}}) is a per-instance cache, written on {{route}}: it is bounded, but each instance holds its own copy, so an entry updated or invalidated on one instance stays stale on the others until it expires. Fine for data that may be briefly stale; use a shared cache (Redis) for data that must agree.',
      memorySessionStore:
        'express-session without a `store` keeps sessions in its MemoryStore: with two instances a user is signed out whenever the load balancer switches them, and the store leaks memory (its own docs say it is not for production). Pass a shared store (connect-redis, connect-pg-simple; the rule\'s docs page has a snippet).',
      memoryRateLimit:
        'express-rate-limit without a `store` counts hits in each process: behind N instances a client gets N times the limit, and the counts reset on restart. Pass a shared store (rate-limit-redis; the rule\'s docs page has a snippet).',
      memoryStoreClass:
        '{{callee}} keeps its data in this process: each instance has its own copy, so limits multiply by the instance count and cached entries disagree. Use the library\'s shared-store variant (RateLimiterRedis, a Redis-backed cache).',
      sharedDataLoader:
        'This DataLoader is created once and shared by every request: its cache keeps one user\'s results for everyone, never expires and grows without bound. Create the loader per request (in a context or middleware).',
      socketServerWithoutAdapter:
        'This socket.io server keeps its rooms and sockets in this process, and the project broadcasts or uses rooms: behind a load balancer `io.to(room).emit(…)` reaches only the clients connected to the instance that sends it, so users on other instances miss the message. Attach a shared adapter: `io.adapter(createAdapter(pubClient, subClient))` from @socket.io/redis-adapter (with sticky sessions for long-polling).',
      timerPerRequest:
        '{{callee}} starts a repeating timer on {{route}} that nothing stops: every request adds one more, so work and memory grow with traffic and each instance runs its own copies. Start it once at startup, or clear it when the request ends.',
      listenerPerRequest:
        '`{{callee}}` adds a listener to a long-lived emitter on {{route}}: one more per request and none removed, so memory and work grow with traffic (Node warns at 11). Register it once at startup, or remove it when the request ends.',
      useLruCache: 'Replace the unbounded Map with an LRUCache (max {{max}}, ttl {{ttl}} ms)',
      useSharedStore: 'Keep it in Redis ({{store}}, with a node-redis client on REDIS_URL)',
      loaderPerRequest: 'Create the loader per request: `{{factory}}()` at the top of each function that uses it',
    },
    options: { cacheMax: 1000, cacheTtlMs: 60_000, allow: [] },
  },
  visit: {
    BinaryExpression: checkAssignment,
    PrefixUnaryExpression: checkUpdate,
    PostfixUnaryExpression: checkUpdate,
    DeleteExpression: checkDelete,
    CallExpression: checkCall,
    NewExpression: checkNew,
  },
});

// ---------------------------------------------------------------------------------------------
// Writes to per-process state

type Harm = 'counterState' | 'growingState' | 'requestDataState' | 'divergingState' | 'unboundedCache' | 'perInstanceCache';

interface Write {
  /** The narrow, single-line range reported. */
  anchor: ts.Node;
  /** Where the write happens (what the request path is asked about). */
  site: ts.Node;
  state: StateRef;
  harm: Harm;
}

const seen = new WeakMap<object, Set<string>>();

const ASSIGNMENT_OPERATORS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
]);

// requestCount += 1; currentUser = req.user; stats.hits = 0; cache[key] = value; items.length = 0
function checkAssignment(node: ts.BinaryExpression, ctx: Ctx): void {
  if (!ASSIGNMENT_OPERATORS.has(node.operatorToken.kind)) return;
  const target = skipOuterExpressions(node.left);
  if (!mayBeStateRoot(target, ctx.sourceFile) || !isInsideFunction(node)) return;
  const state = stateOf(target, ctx);
  if (!state) return;
  const op = node.operatorToken.kind;
  // `cached ??= load()`: lazy once-per-process initialisation, the same on every instance
  const isLazy = op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
  if (isLazy && !ts.isElementAccessExpression(target)) return;
  let harm: Harm;
  if (ts.isIdentifier(target)) {
    if (state.kind === 'module-const') return;
    harm = op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken ? counterOrGrowth(target, ctx) : mentionsRequest(node.right, ctx) ? 'requestDataState' : 'divergingState';
    if (harm === 'divergingState' && isGuardedRefresh(target, node)) return;
  } else if (ts.isElementAccessExpression(target) && !isLiteralKey(target.argumentExpression)) {
    harm = op === ts.SyntaxKind.EqualsToken || isNumeric(target, ctx) === false ? 'growingState' : 'counterState';
  } else if (ts.isPropertyAccessExpression(target) && target.name.text === 'length') {
    harm = 'divergingState';
  } else {
    harm = op !== ts.SyntaxKind.EqualsToken && isNumeric(target, ctx) ? 'counterState' : mentionsRequest(node.right, ctx) ? 'requestDataState' : 'divergingState';
  }
  reportWrite({ anchor: target, site: node, state, harm }, ctx);
}

// requestCount++; stats[route]++; this.hits--
function checkUpdate(node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, ctx: Ctx): void {
  if (node.operator !== ts.SyntaxKind.PlusPlusToken && node.operator !== ts.SyntaxKind.MinusMinusToken) return;
  const target = skipOuterExpressions(node.operand);
  if (!mayBeStateRoot(target, ctx.sourceFile) || !isInsideFunction(node)) return;
  const state = stateOf(target, ctx);
  if (!state) return;
  const harm = ts.isElementAccessExpression(target) && !isLiteralKey(target.argumentExpression) ? 'growingState' : 'counterState';
  reportWrite({ anchor: target, site: node, state, harm }, ctx);
}

// delete sessions[token]
function checkDelete(node: ts.DeleteExpression, ctx: Ctx): void {
  const target = skipOuterExpressions(node.expression);
  if (!mayBeStateRoot(target, ctx.sourceFile) || !isInsideFunction(node)) return;
  const state = stateOf(target, ctx);
  if (state) reportWrite({ anchor: target, site: node, state, harm: 'divergingState' }, ctx);
}

function checkCall(node: ts.CallExpression, ctx: Ctx): void {
  const callee = skipOuterExpressions(node.expression);
  const name = getCalleeName(callee);
  if (name === undefined) return;
  if (ts.isPropertyAccessExpression(callee) && MUTATOR_NAMES.has(name)) checkContainerMutation(node, callee, ctx);
  if (CACHE_WRITER_NAMES.has(name)) checkCacheWrite(node, callee, name, ctx);
  else if (ts.isPropertyAccessExpression(callee) && name === 'assign') checkObjectAssign(node, callee, ctx);
  if (ts.isPropertyAccessExpression(callee) && LISTENER_METHODS.has(name)) checkListener(node, callee, ctx);
  if (REPEATING_TIMER_NAMES.has(name)) checkTimer(node, ctx);
  if (MEMORY_DEFAULT_FACTORY_NAMES.has(name) || node.arguments.length <= 1) checkMemoryDefaultFactory(node, ctx);
}

// sessionCache.set(token, user); seen.add(id); queue.push(job)
function checkContainerMutation(node: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: Ctx): void {
  const receiver = skipOuterExpressions(callee.expression);
  if (!mayBeStateRoot(receiver, ctx.sourceFile) || !isInsideFunction(node)) return;
  const container = getContainerKind(receiver, ctx);
  if (!container || !CONTAINER_MUTATORS[container].has(callee.name.text)) return;
  // A WeakMap keyed by the request holds per-request data that goes when the request does.
  if ((container === 'WeakMap' || container === 'WeakSet') && node.arguments[0] && isRequestTyped(node.arguments[0], ctx)) return;
  const state = stateOf(receiver, ctx);
  if (!state) return;
  const growing = GROWING_MUTATORS.has(callee.name.text) && container !== 'WeakMap' && container !== 'WeakSet' && !(container === 'Array' && isLengthCapped(receiver, node));
  reportWrite({ anchor: callee, site: node, state, harm: growing ? 'growingState' : 'divergingState' }, ctx);
}

// cache.set(key, value) on a node-cache, memory-cache, lru-cache or quick-lru instance; mcache.put(key, value)
function checkCacheWrite(node: ts.CallExpression, callee: ts.Expression, name: string, ctx: Ctx): void {
  const receiver = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : undefined;
  if (!mayBeStateRoot(receiver ?? callee, ctx.sourceFile) || !isInsideFunction(node)) return;
  const written = findWrittenCache(callee, receiver, name, ctx);
  if (!written) return;
  const harm = isBoundedCache(written.library, written.state, node) ? 'perInstanceCache' : written.library.adders.has(name) ? 'unboundedCache' : 'divergingState';
  reportWrite({ anchor: callee, site: node, state: written.state, harm }, ctx);
}

function findWrittenCache(callee: ts.Expression, receiver: ts.Expression | undefined, name: string, ctx: Ctx): { library: CacheLibrary; state: StateRef } | undefined {
  if (receiver) {
    const decl = ctx.checker.getTypeAtLocation(receiver).getSymbol()?.declarations?.[0];
    const typeName = decl && ts.getNameOfDeclaration(decl);
    const library = typeName && ts.isIdentifier(typeName) && CACHE_LIBRARIES.find((c) => c.typeName === typeName.text && c.writers.has(name) && getDeclaringModule(decl) === c.module);
    if (library) {
      const state = stateOf(receiver, ctx);
      return state && { library, state };
    }
  }
  if (!DEFAULT_CACHE_MODULES.some((c) => c.writers.has(name))) return undefined;
  const api = ctx.resolveApi(callee);
  const library = api && DEFAULT_CACHE_MODULES.find((c) => c.module === api.module && c.writers.has(api.name));
  return library && { library, state: { kind: 'library-default', name: library.module, key: `library-default:${library.module}` } };
}

/** Something limits the cache's size or its entries' age (or its construction is out of sight, so nothing says otherwise). */
function isBoundedCache(library: CacheLibrary, state: StateRef, write: ts.CallExpression): boolean {
  if (library.boundedBy === 'always') return true;
  if (library.entryTtlArgument !== undefined && write.arguments.length > library.entryTtlArgument) return true;
  const options = getConstructionOptions(state);
  if (options === undefined) return true;
  return options !== 'none' && library.boundedBy.some((option) => hasProperty(options, option));
}

/** The options literal a state was constructed with (`new NodeCache({ stdTTL: 60 })`); `none` for no options; undefined when not in sight. */
function getConstructionOptions(state: StateRef): ts.ObjectLiteralExpression | 'none' | undefined {
  if (state.kind === 'library-default') return 'none';
  const decl = state.declaration;
  const init = decl && (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer ? skipOuterExpressions(decl.initializer) : undefined;
  if (!init || !ts.isNewExpression(init)) return undefined;
  const options = init.arguments?.[0] ? skipOuterExpressions(init.arguments[0]) : undefined;
  if (!options) return 'none';
  return ts.isObjectLiteralExpression(options) ? options : undefined;
}

// Object.assign(settings, req.body)
function checkObjectAssign(node: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: Ctx): void {
  const owner = skipOuterExpressions(callee.expression);
  const target = node.arguments[0];
  if (!ts.isIdentifier(owner) || owner.text !== 'Object' || !target || !mayBeStateRoot(target, ctx.sourceFile) || !isInsideFunction(node)) return;
  const api = ctx.resolveApi(callee);
  if (!api || api.module !== 'global') return;
  const state = stateOf(target, ctx);
  if (!state) return;
  reportWrite({ anchor: callee, site: node, state, harm: node.arguments.slice(1).some((a) => mentionsRequest(a, ctx)) ? 'requestDataState' : 'divergingState' }, ctx);
}

function reportWrite(write: Write, ctx: Ctx): void {
  if (ctx.isToolingFile || isAllowed(write.state, ctx)) return;
  const fn = getEnclosingFunction(write.site);
  if (!fn || isInTimerCallback(write.site)) return;
  const key = typeof write.state.key === 'string' ? write.state.key : `${write.state.key.getSourceFile().fileName}:${write.state.key.pos}`;
  let perCtx = seen.get(ctx);
  if (!perCtx) seen.set(ctx, (perCtx = new Set()));
  const dedupe = `${fn.pos}:${key}`;
  if (perCtx.has(dedupe)) return;
  const requestPath = ctx.requestPathTo(write.site);
  if (!requestPath) return;
  perCtx.add(dedupe);
  const related: RelatedLocation[] = [];
  if (write.state.declaration) related.push(declarationLocation(write.state));
  related.push(...requestPath.chain);
  ctx.report({
    node: write.anchor,
    messageId: write.harm,
    data: { state: `\`${write.state.name}\``, declared: describeDeclaration(write.state, ctx), route: requestPath.route },
    related,
    // Planned when asked for: it resolves lru-cache and reads the cache's uses across the project.
    fixes: write.harm === 'growingState' ? () => listOf(planLruCacheFix(write.state, ctx)) : [],
    // Bounded: worth knowing when data must agree across instances, never a warning.
    maxSeverity: write.harm === 'perInstanceCache' ? 'info' : undefined,
  });
}

function listOf<T>(fix: T | undefined): T[] {
  return fix ? [fix] : [];
}

function isAllowed(state: StateRef, ctx: Ctx): boolean {
  const bare = state.name.replace(/^this\./, '');
  return ctx.options.allow.includes(state.name) || ctx.options.allow.includes(bare);
}

function stateOf(expr: ts.Expression, ctx: Ctx): StateRef | undefined {
  return findState(expr, ctx.checker, {
    isSingleton: (cls) => isSingletonClass(cls, ctx.checker, ctx.program),
    // Code no handler reaches runs at startup (or never): what it creates outlives every request.
    runsOncePerProcess: (fn) => ctx.requestPathTo(fn) === undefined,
  });
}

function describeDeclaration(state: StateRef, ctx: Ctx): string {
  const kind = {
    'module-let': 'a module-level variable',
    'module-const': `a module-level ${containerLabel(state, ctx)}`,
    'static-field': `a static ${containerLabel(state, ctx)}`,
    'singleton-field': `a field of a singleton ${singletonLabel(state)}`,
    global: 'a global',
    closure: `a variable of ${functionLabel(state)}, which runs once at startup`,
    'library-default': 'the process-wide default cache of the module',
  }[state.kind];
  const decl = state.declaration;
  if (!decl) return kind;
  const file = decl.getSourceFile().fileName;
  if (file === ctx.file) return state.kind === 'closure' ? kind : `${kind} of this file`;
  return `${kind} declared in ${shortPath(file)}`;
}

function containerLabel(state: StateRef, ctx: Ctx): string {
  const decl = state.declaration;
  if (!decl) return 'object';
  const name = ts.getNameOfDeclaration(decl);
  if (!name) return 'object';
  const type = ctx.checker.getTypeAtLocation(name);
  if (ctx.checker.isArrayType(type)) return 'array';
  const symbolName = type.getSymbol()?.getName();
  if (symbolName && (/^(Map|Set|WeakMap|WeakSet)$/.test(symbolName) || CACHE_LIBRARIES.some((c) => c.typeName === symbolName))) return `\`${symbolName}\``;
  return 'object';
}

function functionLabel(state: StateRef): string {
  const fn = state.declaration && getEnclosingFunction(state.declaration);
  const name = fn && ts.getNameOfDeclaration(fn);
  return name && ts.isIdentifier(name) ? `\`${name.text}()\`` : 'a startup function';
}

function singletonLabel(state: StateRef): string {
  const cls = state.declaration?.parent;
  return cls && ts.isClassLike(cls) && cls.name ? `\`${cls.name.text}\`` : 'service';
}

function shortPath(file: string): string {
  return file.split('/').slice(-2).join('/');
}

function declarationLocation(state: StateRef): RelatedLocation {
  const decl = state.declaration!;
  const name = ts.getNameOfDeclaration(decl) ?? decl;
  const sf = decl.getSourceFile();
  return { file: sf.fileName, start: name.getStart(sf), end: name.end, label: `${state.name} declared here` };
}

/** `Map`, `Set`, `WeakMap`, `WeakSet` or `Array` when the type is the built-in one (not lru-cache's or a project class). */
function getContainerKind(expr: ts.Expression, ctx: Ctx): keyof typeof CONTAINER_MUTATORS | undefined {
  const type = ctx.checker.getTypeAtLocation(expr);
  if (ctx.checker.isArrayType(type)) return 'Array';
  const symbol = type.getSymbol();
  const name = symbol?.getName();
  if (!name || !(name in CONTAINER_MUTATORS)) return undefined;
  const decl = symbol!.declarations?.[0];
  return decl && getDeclaringModule(decl) === 'global' ? (name as keyof typeof CONTAINER_MUTATORS) : undefined;
}

function isInsideFunction(node: ts.Node): boolean {
  return getEnclosingFunction(node) !== undefined;
}

function isLiteralKey(expr: ts.Expression): boolean {
  return ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr);
}

function isNumeric(expr: ts.Expression, ctx: Ctx): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  return (type.flags & ts.TypeFlags.NumberLike) !== 0 || (type.isUnion() && type.types.every((t) => (t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.Undefined)) !== 0));
}

/**
 * `if (cached && Date.now() < nextCheck) return cached; … cached = await load(); nextCheck = …` and
 * `if (running) return; running = true`: a value this process refreshes for itself (the same on
 * every instance), or a guard against doing that twice at once. Recognised by an earlier `if` in the
 * same function that tests the variable and returns.
 */
function isGuardedRefresh(target: ts.Identifier, write: ts.Node): boolean {
  const fn = getEnclosingFunction(write);
  let guarded = false;
  const visit = (n: ts.Node): void => {
    if (guarded || n.pos >= write.pos || (ts.isFunctionLike(n) && n !== fn)) return;
    if (ts.isIfStatement(n) && n.end <= write.pos && mentionsName(n.expression, target.text) && exits(n.thenStatement)) guarded = true;
    else ts.forEachChild(n, visit);
  };
  if (fn?.body) visit(fn.body);
  return guarded;
}

function mentionsName(expr: ts.Node, name: string): boolean {
  return ts.isIdentifier(expr) ? expr.text === name : ts.forEachChild(expr, (c) => mentionsName(c, name) || undefined) === true;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s));
}

/** Inside `setInterval(() => …)`: the writes are the timer's, made on its schedule, not per request (a timer started per request is reported itself). */
function isInTimerCallback(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const call = n.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(n as ts.Expression)) {
      const name = getCalleeName(call.expression);
      if (name !== undefined && REPEATING_TIMER_NAMES.has(name)) return true;
    }
  }
  return false;
}

/** `samples.push(x); if (samples.length > 1000) samples.shift()`: a buffer the same function keeps to a size. */
function isLengthCapped(array: ts.Expression, write: ts.Node): boolean {
  const fn = getEnclosingFunction(write);
  const text = array.getText();
  let capped = false;
  const visit = (n: ts.Node): void => {
    if (capped || (ts.isFunctionLike(n) && n !== fn)) return;
    if (ts.isIfStatement(n) && mentionsLengthOf(n.expression, text)) capped = true;
    else ts.forEachChild(n, visit);
  };
  if (fn?.body) visit(fn.body);
  return capped;
}

function mentionsLengthOf(expr: ts.Node, arrayText: string): boolean {
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'length' && expr.expression.getText() === arrayText) return true;
  return ts.forEachChild(expr, (c) => mentionsLengthOf(c, arrayText) || undefined) === true;
}

/** `total += n` counts; `log += line` appends text, which grows. */
function counterOrGrowth(target: ts.Expression, ctx: Ctx): Harm {
  return isNumeric(target, ctx) ? 'counterState' : 'growingState';
}

/** Whether an expression carries request data: it reads a parameter typed as a framework request, directly or through locals. */
function mentionsRequest(expr: ts.Expression, ctx: Ctx, depth = 0): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n)) {
      const decl = ctx.checker.getSymbolAtLocation(n)?.valueDeclaration;
      if (decl && ts.isParameter(decl) && isRequestTyped(n, ctx)) found = true;
      else if (decl && depth < 2 && ts.isVariableDeclaration(decl) && decl.initializer && !isModuleLevelVariable(decl) && getEnclosingFunction(decl) !== undefined) {
        if (mentionsRequest(decl.initializer, ctx, depth + 1)) found = true;
      }
      return;
    }
    if (ts.isFunctionLike(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/** Typed as a request object of a web framework or node:http (`Request`, `IncomingMessage`, `FastifyRequest`, Koa `Context`). */
function isRequestTyped(expr: ts.Expression, ctx: Ctx): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  const constituents = type.isUnionOrIntersection() ? [type, ...type.types] : [type];
  return constituents.some((t) => {
    const symbol = t.aliasSymbol ?? t.getSymbol();
    const decl = symbol?.declarations?.[0];
    const module = decl ? getDeclaringModule(decl) : undefined;
    return module !== undefined && REQUEST_TYPE_PACKAGES.includes(module) && /Request|IncomingMessage|Context/.test(symbol!.getName());
  });
}

// ---------------------------------------------------------------------------------------------
// Per-request timers and listeners

// setInterval(poll, 1000) or cron.schedule('* * * * *', job) inside a handler, never stopped there
function checkTimer(node: ts.CallExpression, ctx: Ctx): void {
  if (ctx.isToolingFile || !isInsideFunction(node)) return;
  const api = ctx.resolveApi(node.expression);
  const timer = api && REPEATING_TIMERS.find((t) => t.module === api.module && t.names.includes(api.name));
  if (!timer || isStoppedInSameFunction(node, timer)) return;
  const requestPath = ctx.requestPathTo(node);
  if (!requestPath) return;
  ctx.report({
    node: node.expression,
    messageId: 'timerPerRequest',
    data: { callee: `\`${node.expression.getText(ctx.sourceFile)}\``, route: requestPath.route },
    related: requestPath.chain,
  });
}

/** `const t = setInterval(…)` and `clearInterval(t)` (or `const task = cron.schedule(…)` and `task.stop()`) in the same function, e.g. on `req.on('close')`. */
function isStoppedInSameFunction(call: ts.CallExpression, timer: RepeatingTimer): boolean {
  const parent = call.parent;
  let handle: string | undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) handle = parent.name.text;
  else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) handle = parent.left.getText();
  if (!handle) return false;
  const fn = getEnclosingFunction(call);
  let stopped = false;
  const visit = (n: ts.Node): void => {
    if (stopped) return;
    if (ts.isCallExpression(n) && isStopOf(n, handle!, timer)) stopped = true;
    else ts.forEachChild(n, visit);
  };
  if (fn?.body) visit(fn.body);
  return stopped;
}

function isStopOf(call: ts.CallExpression, handle: string, timer: RepeatingTimer): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === timer.stopFunction && call.arguments[0]?.getText() === handle;
  return ts.isPropertyAccessExpression(callee) && (timer.stopMethods?.includes(callee.name.text) ?? false) && callee.expression.getText() === handle;
}

// bus.on('order', onOrder) or process.on('exit', …) inside a handler, never removed there
function checkListener(node: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: Ctx): void {
  if (ctx.isToolingFile || !isInsideFunction(node) || node.arguments.length < 2) return;
  const receiver = skipOuterExpressions(callee.expression);
  const root = getRoot(receiver);
  const isProcess = ts.isIdentifier(receiver) && receiver.text === 'process';
  if (!isProcess && !mayBeStateRoot(receiver, ctx.sourceFile)) return;
  if (root.kind === ts.SyntaxKind.ThisKeyword && !isProcess) return;
  if (isProcess) {
    const decl = ctx.checker.getSymbolAtLocation(receiver)?.valueDeclaration;
    if (!decl || getDeclaringModule(decl) === undefined) return;
  } else if (!stateOf(receiver, ctx) || !hasMethod(receiver, 'emit', ctx)) {
    return;
  }
  if (isRemovedInSameFunction(node, receiver)) return;
  const requestPath = ctx.requestPathTo(node);
  if (!requestPath) return;
  ctx.report({
    node: callee,
    messageId: 'listenerPerRequest',
    data: { callee: callee.getText(ctx.sourceFile), route: requestPath.route },
    related: requestPath.chain,
  });
}

function hasMethod(expr: ts.Expression, name: string, ctx: Ctx): boolean {
  return ctx.checker.getTypeAtLocation(expr).getProperty(name) !== undefined;
}

function isRemovedInSameFunction(call: ts.CallExpression, receiver: ts.Expression): boolean {
  const fn = getEnclosingFunction(call);
  const text = receiver.getText();
  let removed = false;
  const visit = (n: ts.Node): void => {
    if (removed) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && LISTENER_REMOVERS.has(n.expression.name.text) && n.expression.expression.getText() === text) removed = true;
    else ts.forEachChild(n, visit);
  };
  if (fn?.body) visit(fn.body);
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Libraries whose default store is this process's memory

// app.use(session({ secret })) — no `store`
function checkMemoryDefaultFactory(node: ts.CallExpression, ctx: Ctx): void {
  const name = getCalleeName(node.expression);
  if (name === undefined || ctx.isToolingFile) return;
  if (!MEMORY_DEFAULT_FACTORY_NAMES.has(name) && !isImportedFrom(node.expression, MEMORY_DEFAULT_FACTORIES.map((f) => f.module), ctx)) return;
  const api = ctx.resolveApi(node.expression);
  if (!api) return;
  const factory = MEMORY_DEFAULT_FACTORIES.find((f) => f.module === api.module && f.names.includes(api.name));
  if (!factory) return;
  const options = node.arguments[0] ? skipOuterExpressions(node.arguments[0]) : undefined;
  if (options && !ts.isObjectLiteralExpression(options)) return; // built elsewhere: cannot tell
  if (options && hasProperty(options, factory.option)) return;
  ctx.report({ node: node.expression, messageId: factory.messageId, fixes: () => listOf(planSharedStoreFix(node, factory.sharedStore, ctx)) });
}

/** Syntactic: an identifier callee bound by an import or require of one of `modules` (for renamed default imports). */
function isImportedFrom(callee: ts.Expression, modules: string[], ctx: Ctx): boolean {
  if (!ts.isIdentifier(callee)) return false;
  const local = callee.text;
  return ctx.sourceFile.statements.some((st) => {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !modules.includes(st.moduleSpecifier.text)) return false;
    return st.importClause?.name?.text === local;
  });
}

function hasProperty(obj: ts.ObjectLiteralExpression, name: string): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name));
}

// new RateLimiterMemory({ points: 10 }); new DataLoader(batch) at module level
function checkNew(node: ts.NewExpression, ctx: Ctx): void {
  const name = getCalleeName(node.expression);
  if (name === undefined || ctx.isToolingFile) return;
  if (name === 'DataLoader' || isImportedFrom(node.expression, ['dataloader'], ctx)) return checkDataLoader(node, ctx);
  // new Server(http), new SocketIO(http) after `import { Server as SocketIO }`
  if (getCandidateNames(ctx.sourceFile, SOCKET_SERVER_CLASS_NAMES).has(name) || isImportedFrom(node.expression, [SOCKET_SERVER.module], ctx)) return checkSocketServer(node, ctx);
  if (!MEMORY_STORE_CLASSES.some((c) => c.name === name) && !isImportedFrom(node.expression, MEMORY_STORE_CLASSES.map((c) => c.module), ctx)) return;
  const api = ctx.resolveApi(node.expression);
  if (!api || !MEMORY_STORE_CLASSES.some((c) => c.module === api.module && c.name === api.name)) return;
  // { insuranceLimiter: new RateLimiterMemory(…) }: a deliberate per-instance fallback for a shared store
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && FALLBACK_OPTION_NAMES.has(parent.name.text)) return;
  ctx.report({ node: node.expression, messageId: 'memoryStoreClass', data: { callee: `\`${name}\`` } });
}

// const io = new Server(httpServer); … io.to(room).emit(…) — and no io.adapter(…) anywhere
function checkSocketServer(node: ts.NewExpression, ctx: Ctx): void {
  const api = ctx.resolveApi(node.expression);
  if (!api || api.module !== SOCKET_SERVER.module || !SOCKET_SERVER.names.includes(api.name)) return;
  if (isUnsharedSocketServer(node, ctx.checker, ctx.program)) ctx.report({ node: node.expression, messageId: 'socketServerWithoutAdapter' });
}

function checkDataLoader(node: ts.NewExpression, ctx: Ctx): void {
  const api = ctx.resolveApi(node.expression);
  if (!api || api.module !== 'dataloader') return;
  // Created inside a function: a per-request factory (or at least not a shared module-level one).
  if (!isSharedCreation(node, ctx)) return;
  // { cache: false }: batching only, nothing kept between requests.
  const options = node.arguments?.[1] ? skipOuterExpressions(node.arguments[1]) : undefined;
  if (options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'cache' && p.initializer.kind === ts.SyntaxKind.FalseKeyword)) return;
  ctx.report({ node: node.expression, messageId: 'sharedDataLoader', fixes: () => listOf(planPerRequestLoaderFix(node, ctx)) });
}

/** At module level, a static field, or a field / constructor assignment of a singleton class. */
function isSharedCreation(node: ts.Node, ctx: Ctx): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isSourceFile(p)) return true;
    if (ts.isPropertyDeclaration(p) && ts.isClassLike(p.parent)) {
      const isStatic = (ts.getCombinedModifierFlags(p) & ts.ModifierFlags.Static) !== 0;
      return isStatic || isSingletonClass(p.parent, ctx.checker, ctx.program);
    }
    if (ts.isConstructorDeclaration(p)) return ts.isClassLike(p.parent) && isSingletonClass(p.parent, ctx.checker, ctx.program);
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

