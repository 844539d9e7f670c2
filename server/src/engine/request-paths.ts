/**
 * The request-path model: which functions run once per request, reached from which entry point,
 * through which calls. Entry points are found with a syntactic prefilter and confirmed by the types
 * of their receivers; reachability follows calls the checker resolves into the project's own code,
 * across files, up to a depth bound. Everything is computed lazily and cached per project version.
 */
import * as path from 'node:path';
import { ts } from './typescript';
import picomatch from 'picomatch';
import {
  HTTP_METHODS,
  LAMBDA_EXPORTS,
  LAMBDA_TYPE_PACKAGES,
  NEST_PACKAGES,
  NEST_PER_REQUEST_CLASSES,
  NEST_ROUTE_DECORATORS,
  NEXT_ROUTE_EXPORTS,
  NODE_SERVER_FACTORIES,
  QUEUE_PROCESS_PACKAGES,
  ROUTER_FRAMEWORKS,
  TOOLING_PATH,
  type RouterFramework,
} from '../../../rules/catalog/frameworks';
import { getDeclaringModule, getSimpleName, isProjectSourceFile, mentionsAnyName, projectSourceFiles, resolveApi, resolveSymbol, skipOuterExpressions } from './api-resolve';
import { isImportableUnderAnyName, mayNameProjectFunction, namesCalling } from './callable-names';
import { getImplementations, implementationsHold, type ImplementationsSeen } from './implementations';
import { nodesOf } from './file-nodes';
import { fileMentions, functionIn, importsDeclareSameIn, isLiveIn, mentionsOf, positionsOf, programFile, projectImportsOf, wordPositions } from './program-files';
import type { EntryPointSetting } from './config';
import type { RelatedLocation } from './finding';

export interface EntryPoint {
  framework: string;
  /** What users recognise: `GET /users/:id`, `Lambda handler`, `http request`. */
  route: string;
  handler: ts.FunctionLikeDeclaration;
  /** Where the handler is registered (the call, decorator or export). */
  registration: ts.Node;
  /** For router methods: the router it was registered on, so a mount prefix (`app.use('/api', router)`) can be added. */
  router?: RouterIdentity;
}

/** A router by its declaration, and the factory function that creates it when it is a local there. */
interface RouterIdentity {
  decl: ts.Node;
  factory?: ts.FunctionLikeDeclaration;
}

/** Stands for "every Nest controller" as the target of `setGlobalPrefix`. */
const NEST_GLOBAL = ts.factory.createIdentifier('nest-global-prefix');

/** `app.use('/api', apiRouter)` or `app.use('/api', createApiRouter(deps))`. */
interface Mount {
  prefix: string;
  target: ts.Node;
  /** The router `.use` was called on, for nested mounts. */
  parent?: RouterIdentity;
  /** For a Nest global prefix: the folder whose controllers it applies to. */
  scopeDir?: string;
}

export interface RequestPath {
  entry: EntryPoint;
  route: string;
  /** The entry point and every call on the way, as related locations. */
  chain: RelatedLocation[];
  /** `GET /users → listUsers() → renderTemplate()` */
  chainText: string;
}

interface Reach {
  entry: EntryPoint;
  /** The call that reached this function, and the function that made it; absent for the handler itself. */
  via?: { call: ts.CallExpression | ts.Decorator | ts.Node; from: ts.FunctionLikeDeclaration };
  depth: number;
}

export interface RequestPathSettings {
  maxDepth: number;
  /** Entry points declared in the configuration that applies to a file, and the folder its globs are relative to. */
  entryPointsFor(file: string): { entryPoints: EntryPointSetting[]; configDir: string };
}

export function isToolingFile(file: string, projectDir: string): boolean {
  const rel = path.relative(projectDir, file).split(path.sep).join('/');
  return TOOLING_PATH.test(rel.startsWith('..') ? file : rel);
}

interface Edge {
  call: ts.Node;
  target: ts.FunctionLikeDeclaration;
}

/**
 * Summaries that survive edits. An unchanged file keeps its SourceFile object across program
 * versions, so a file's entry points and a function's outgoing calls are cached by node identity and
 * reused as long as every node they point to still belongs to the current program. An edit therefore
 * re-reads the edited file (and functions that pointed into it), not the project.
 */
/** How much work the summaries saved: read by tests and the benchmark. */
export const requestPathStats = { filesScanned: 0, functionsSummarised: 0, backwardSearches: 0, callsResolved: 0 };

/**
 * A file's entry points and mounts, found under `settings` (the file's configuration, one object until
 * the configuration changes) in `projectDir`; tooling files are remembered with none. Valid as a
 * resolution is (see Resolved), its targets being the files its entries and mounts point into and
 * those whose function bodies were read to find them (a middleware factory's, a registration wrapper's).
 */
const fileEntryCache = new WeakMap<ts.SourceFile, Resolved & { settings: object; projectDir: string; entries: EntryPoint[]; mounts: Mount[] }>();
/** While one file's entry points are found: the files whose function bodies the recognisers read. */
let bodiesRead: Set<ts.SourceFile> | undefined;
/** An entry point with its mount prefix applied, kept while the prefix is the same. */
const prefixedEntries = new WeakMap<EntryPoint, { prefix: string; entry: EntryPoint }>();
/**
 * What a call resolves to stays so while the files its own file imports declare the same (an edit
 * inside a function body keeps a file's declarations) and the files its targets are in are unchanged,
 * or declare the same too: then its `edges` move on to the functions at their targets' places. A call
 * made through an interface also needs the interface's implementations to be the same.
 */
interface Resolved {
  imports: ts.SourceFile[];
  targetFiles: ts.SourceFile[];
  edges?: Edge[];
  implementations?: ImplementationsSeen[];
}
/** A function's outgoing calls. */
const callCache = new WeakMap<ts.FunctionLikeDeclaration, Resolved & { edges: Edge[] }>();
/** The same for one call's callee or callback argument, resolved alone by a backward search. */
const calleeCache = new WeakMap<ts.Expression, Resolved & { edges: Edge[] }>();

/** A breadth-first search: how each function found was reached, the queue, and how far it has got. */
type Search = { reach: Map<ts.Node, Reach>; queue: ts.FunctionLikeDeclaration[]; next: number };

export class RequestPathIndex {
  private entries: EntryPoint[] | undefined;
  private readonly checker: ts.TypeChecker;

  constructor(
    private readonly program: ts.Program,
    private readonly ownFiles: readonly string[],
    private readonly projectDir: string,
    private readonly settings: RequestPathSettings,
  ) {
    this.checker = program.getTypeChecker();
  }

  /** Whether a cached node still belongs to this program (its file was not edited since). */
  private isLive(node: ts.Node | undefined): boolean {
    return isLiveIn(this.program, node);
  }

  private readonly depsCache = new Map<ts.SourceFile, ts.SourceFile[]>();

  /** Whether a resolution made on an earlier program still holds in this one (see Resolved). */
  private holds<T extends Resolved>(resolved: T | undefined): resolved is T {
    if (resolved === undefined || !importsDeclareSameIn(this.program, resolved.imports)) return false;
    if (resolved.implementations?.some((seen) => !implementationsHold(seen, this.program))) return false;
    if (resolved.targetFiles.every((f) => this.isLive(f))) return true;
    const edges = resolved.edges;
    const moved = edges?.map((e) => functionIn(this.program, e.target));
    if (!edges || !moved || moved.includes(undefined)) return false;
    edges.forEach((e, i) => (e.target = moved[i]!));
    resolved.targetFiles = filesOf(edges);
    return true;
  }

  /** How `edges`, resolved from calls in `sf` (some through the interfaces `seen`), are remembered. */
  private resolvedIn(sf: ts.SourceFile, edges: Edge[], seen: ReadonlySet<ImplementationsSeen>): Resolved & { edges: Edge[] } {
    return { imports: this.dependenciesOf(sf), targetFiles: filesOf(edges), edges, ...(seen.size > 0 ? { implementations: [...seen] } : {}) };
  }

  private dependenciesOf(sf: ts.SourceFile): ts.SourceFile[] {
    let deps = this.depsCache.get(sf);
    if (!deps) this.depsCache.set(sf, (deps = projectImportsOf(sf, this.checker)));
    return deps;
  }

  getEntryPoints(): EntryPoint[] {
    if (!this.entries) {
      const entries: EntryPoint[] = [];
      const mounts: Mount[] = [];
      for (const file of this.ownFiles) {
        const sf = programFile(this.program, file) ?? this.program.getSourceFile(file);
        if (!sf) continue;
        let cached = fileEntryCache.get(sf);
        const settings = this.settings.entryPointsFor(file);
        if (!(cached?.settings === settings && cached.projectDir === this.projectDir && this.holds(cached))) {
          const fileMounts: Mount[] = [];
          const tooling = isToolingFile(file, this.projectDir);
          if (!tooling) requestPathStats.filesScanned++;
          const read = (bodiesRead = new Set());
          let found: EntryPoint[];
          try {
            found = tooling ? [] : findEntryPoints(sf, this.checker, this.projectDir, this.settings, fileMounts);
          } finally {
            bodiesRead = undefined;
          }
          const pointedAt = [...found.flatMap((e) => [e.handler, e.router?.decl, e.router?.factory]), ...fileMounts.flatMap((m) => [m.target, m.parent?.decl, m.parent?.factory])];
          for (const node of pointedAt) if (node && node !== NEST_GLOBAL) read.add(node.getSourceFile());
          // Entry points keep more than their handlers (registrations, routers, mounts): no edge moves on.
          cached = { settings, projectDir: this.projectDir, imports: tooling ? [] : this.dependenciesOf(sf), targetFiles: [...read], entries: found, mounts: fileMounts };
          fileEntryCache.set(sf, cached);
        }
        entries.push(...cached.entries);
        mounts.push(...cached.mounts);
      }
      // Prefixes depend on other files' mounts: applied to copies, so cached entries stay as registered.
      // setGlobalPrefix applies to the controllers of its application: those in the folder of the file
      // that calls it (main.ts at the root of an app's sources), which keeps monorepo apps apart.
      const mountsByTarget = indexMounts(mounts);
      const nestPrefixes = mounts.filter((m) => m.target === NEST_GLOBAL && m.scopeDir !== undefined);
      const nestPrefixFor = (file: string) => nestPrefixes.find((m) => file.startsWith(m.scopeDir! + path.sep))?.prefix ?? '';
      this.entries = entries.map((entry) => {
        const isNestRoute = entry.framework === 'NestJS' && ts.isDecorator(entry.registration) && /^[A-Z]+ \//.test(entry.route);
        const prefix = entry.router ? mountPrefix(entry.router, mountsByTarget, 0) : isNestRoute ? nestPrefixFor(entry.registration.getSourceFile().fileName) : '';
        if (!prefix) return entry;
        const kept = prefixedEntries.get(entry);
        if (kept?.prefix === prefix) return kept.entry;
        const prefixed = { ...entry, route: entry.route.replace(/^(\S+) (\/\S*)$/, (_, verb: string, p: string) => `${verb} ${joinPaths(prefix, p)}`) };
        prefixedEntries.set(entry, { prefix, entry: prefixed });
        return prefixed;
      });
    }
    return this.entries;
  }

  /** The request path reaching the code at `node`, or undefined when only startup or nothing reaches it. */
  requestPathTo(node: ts.Node): RequestPath | undefined {
    if (isOncePerProcess(node)) return undefined;
    // The innermost enclosing function the search reaches. Inline callbacks (`items.map(x => …)`) are
    // never reached on their own (they run as part of the function around them), so they cost no search.
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if (!isFunctionLike(n)) continue;
      const r = this.reachOf(n);
      if (r) return this.describe(n, r);
    }
    return undefined;
  }

  private describe(fn: ts.FunctionLikeDeclaration, reach: Reach): RequestPath {
    const steps: { call: ts.Node; fn: ts.FunctionLikeDeclaration }[] = [];
    let cur: Reach | undefined = reach;
    let curFn = fn;
    while (cur?.via) {
      steps.unshift({ call: cur.via.call, fn: curFn });
      curFn = cur.via.from;
      cur = this.search?.reach.get(curFn) ?? this.reachedBackwards.get(curFn) ?? undefined;
    }
    const entry = reach.entry;
    const chain: RelatedLocation[] = [locationOf(entry.registration, `${entry.route} registered here`)];
    const names = [entry.route, `${functionName(entry.handler)}()`];
    for (const step of steps) {
      chain.push(locationOf(step.call, `calls ${functionName(step.fn)}()`));
      names.push(`${functionName(step.fn)}()`);
    }
    return { entry, route: entry.route, chain, chainText: names.join(' → ') };
  }

  /** How many functions run on some request path (the entry handlers and everything they reach). */
  countReachableFunctions(): number {
    const search = this.startSearch();
    this.advance(search, () => false);
    return search.reach.size;
  }

  /**
   * How `fn` is reached, searching breadth-first from every entry handler only as far as this question
   * needs: a function's first discovery is final, so the answer is the one the whole search would give.
   * A question about a function no request reaches still walks the whole graph (once per program).
   */
  private reachOf(fn: ts.FunctionLikeDeclaration): Reach | undefined {
    const known = this.search?.reach.get(fn) ?? this.getSeeds().get(fn)?.reach;
    if (known || !isReachableByName(fn) || !isMentionedAsCallable(fn, this.program)) return known;
    if (this.reachedBackwards.has(fn)) return this.reachedBackwards.get(fn) ?? undefined;
    // Until the whole search has run, a few questions (an edit's) are cheaper to answer backwards.
    const question = `${fn.getSourceFile().fileName}:${nameOfFunction(fn) ?? fn.pos}`;
    const searchedAll = this.search !== undefined && this.search.next >= this.search.queue.length;
    if (!searchedAll && this.backwardSearches < MAX_BACKWARD_SEARCHES && !gaveUpBackwards.has(question)) {
      this.backwardSearches++;
      requestPathStats.backwardSearches++;
      const found = this.searchBackwards(fn);
      if (found !== UNKNOWN) return found;
      if (gaveUpBackwards.size >= MAX_GIVE_UPS_REMEMBERED) gaveUpBackwards.clear();
      gaveUpBackwards.add(question);
    }
    const search = this.startSearch();
    this.advance(search, () => search.reach.has(fn));
    return search.reach.get(fn);
  }

  /**
   * A scan asks about every file: one whole search serves its thousands of questions, and backward
   * searches before it would only add their cost (a scan of every file's text per name).
   */
  expectManyQuestions(): void {
    this.backwardSearches = MAX_BACKWARD_SEARCHES;
  }

  /** Answers found by searchBackwards: the reach of each ancestor searched over, or null when none. */
  private readonly reachedBackwards = new Map<ts.Node, Reach | null>();
  private backwardSearches = 0;

  /**
   * The reach of `fn` as the whole search would find it, from its ancestors alone: the functions that
   * call it, found by name in the files that mention it (or an alias of it), then those that call them,
   * and so on. A breadth-first search over the ancestors discovers each of them, and `fn`, from the same
   * function through the same call as the whole search does: a function outside them calls none of them,
   * and their order in the queue is the same. UNKNOWN when a name cannot find the callers (a default
   * export, a computed name) or the ancestors grow past a bound; the whole search answers then.
   */
  private searchBackwards(fn: ts.FunctionLikeDeclaration): Reach | undefined | typeof UNKNOWN {
    const handlers = this.getSeeds();
    const ancestors = new Set<ts.FunctionLikeDeclaration>([fn]);
    const pending = [fn];
    const budget = { resolutions: MAX_BACKWARD_RESOLUTIONS };
    /** The names the ancestors are called by: every call between two of them mentions one. */
    const ancestorNames = new Set<string>();
    while (pending.length > 0) {
      const target = pending.pop()!;
      // An entry handler is reached at depth 0 whoever calls it: its callers' other callees that lead
      // to `fn` bring them in on their own.
      if (handlers.has(target)) continue;
      if (!isReachableByName(target) || ts.isConstructorDeclaration(target)) continue; // nothing calls it
      const name = nameOfFunction(target);
      const names = name === undefined ? [] : [...namesCalling(name, this.program)];
      if (name === undefined || isImportableUnderAnyName(target, names)) return UNKNOWN;
      for (const n of names) ancestorNames.add(n);
      for (const [sf, mentions] of mentionsOf(names, this.program)) {
        for (const caller of functionsIn(sf)) {
          if (ancestors.has(caller) || !(handlers.has(caller) || isReachableByName(caller))) continue;
          // A call's callee or callback argument carries one of the names within the caller's text.
          if (!hasPositionWithin(mentions, caller.pos, caller.end)) continue;
          const calls = this.callsAtMentions(caller, mentions, budget);
          if (calls === UNKNOWN) return UNKNOWN;
          if (calls.some((e) => e.target === target)) {
            ancestors.add(caller);
            pending.push(caller);
          }
        }
      }
    }
    // The whole search, admitting only the ancestors. Their calls to one another are the calls at
    // mentions of the ancestors' names (most resolved above), in callsFrom's order: summarising every
    // call of each ancestor would cost a checker question per call that leads elsewhere.
    const names = [...ancestorNames];
    const mentionsByFile = new Map<ts.SourceFile, readonly number[]>();
    const edges = new Map<ts.FunctionLikeDeclaration, readonly Edge[]>();
    for (const a of ancestors) {
      const sf = a.getSourceFile();
      let mentions = mentionsByFile.get(sf);
      if (!mentions) mentionsByFile.set(sf, (mentions = positionsOf(sf.text, names)));
      const calls = this.callsAtMentions(a, mentions, budget);
      if (calls === UNKNOWN) return UNKNOWN;
      edges.set(a, calls);
    }
    const { reach } = this.advance(this.newSearch(ancestors), () => false, ancestors, (f) => edges.get(f) ?? []);
    for (const a of ancestors) this.reachedBackwards.set(a, reach.get(a) ?? null);
    return reach.get(fn);
  }

  /**
   * The edges callsFrom(caller) gives whose callee or callback argument mentions a name at one of
   * `mentions`, in the same order: all its edges while its summary is still valid, or else those found
   * by resolving only the calls at the mentions (an edit that changes what a file declares invalidates
   * the summaries of every function in its importers, and re-summarising them costs a checker question
   * a call).
   * UNKNOWN once the search has resolved more calls than its budget allows.
   */
  private callsAtMentions(caller: ts.FunctionLikeDeclaration, mentions: readonly number[], budget: { resolutions: number }): readonly Edge[] | typeof UNKNOWN {
    const cached = callCache.get(caller);
    if (this.holds(cached)) return cached.edges;
    const mentioned = (n: ts.Node) => hasPositionWithin(mentions, n.pos, n.end);
    const out: Edge[] = [];
    const visit = (node: ts.Node): boolean | undefined => {
      if (!mentioned(node)) return;
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const callee of calleesOf(node)) {
          if (!mentioned(callee)) continue;
          let resolved = calleeCache.get(callee);
          if (!this.holds(resolved)) {
            if (--budget.resolutions < 0) return true;
            const seen = new Set<ImplementationsSeen>();
            const edges = this.targetsOf(node, callee, seen).map((target) => edgeOf(node, callee, target));
            calleeCache.set(callee, (resolved = this.resolvedIn(caller.getSourceFile(), edges, seen)));
          }
          out.push(...resolved.edges);
        }
      }
      return ts.forEachChild(node, visit);
    };
    if (caller.body && visit(caller.body)) return UNKNOWN;
    return out;
  }

  private search: Search | undefined;

  private startSearch(): Search {
    return (this.search ??= this.newSearch());
  }

  private seeds: ReadonlyMap<ts.FunctionLikeDeclaration, { reach: Reach; order: number }> | undefined;

  /** Each entry handler's reach at depth 0, from the first entry point registering it, and that entry's order. */
  private getSeeds(): ReadonlyMap<ts.FunctionLikeDeclaration, { reach: Reach; order: number }> {
    if (!this.seeds) {
      const seeds = new Map<ts.FunctionLikeDeclaration, { reach: Reach; order: number }>();
      for (const entry of this.getEntryPoints()) {
        if (!seeds.has(entry.handler)) seeds.set(entry.handler, { reach: { entry, depth: 0 }, order: seeds.size });
      }
      this.seeds = seeds;
    }
    return this.seeds;
  }

  /** A breadth-first search from the entry handlers (those among `admitted`, when given), not yet advanced. */
  private newSearch(admitted?: ReadonlySet<ts.FunctionLikeDeclaration>): Search {
    const seeds = this.getSeeds();
    const handlers = admitted ? [...admitted].filter((f) => seeds.has(f)).sort((a, b) => seeds.get(a)!.order - seeds.get(b)!.order) : [...seeds.keys()];
    return { reach: new Map(handlers.map((h) => [h, seeds.get(h)!.reach])), queue: handlers, next: 0 };
  }

  /**
   * Visits queued functions until `found()` or the queue runs out, following their calls (`callsOf`,
   * callsFrom unless given) to functions among `admitted` (any, when not given).
   */
  private advance(
    search: Search,
    found: () => boolean,
    admitted?: ReadonlySet<ts.FunctionLikeDeclaration>,
    callsOf: (fn: ts.FunctionLikeDeclaration) => readonly Edge[] = (fn) => this.callsFrom(fn),
  ): Search {
    const { reach, queue } = search;
    while (search.next < queue.length && !found()) {
      const fn = queue[search.next++];
      const r = reach.get(fn)!;
      if (r.depth >= this.settings.maxDepth) continue;
      for (const { call, target } of callsOf(fn)) {
        if (reach.has(target) || (admitted && !admitted.has(target))) continue;
        reach.set(target, { entry: r.entry, via: { call, from: fn }, depth: r.depth + 1 });
        queue.push(target);
      }
    }
    return search;
  }

  /** Project functions called (or passed as callbacks) from `fn`'s body, including its nested closures. */
  private callsFrom(fn: ts.FunctionLikeDeclaration): Edge[] {
    const cached = callCache.get(fn);
    if (this.holds(cached)) return cached.edges;
    const out: Edge[] = [];
    const seen = new Set<ImplementationsSeen>();
    requestPathStats.functionsSummarised++;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const callee of calleesOf(node)) {
          for (const target of this.targetsOf(node, callee, seen)) out.push(edgeOf(node, callee, target));
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    callCache.set(fn, this.resolvedIn(fn.getSourceFile(), out, seen));
    return out;
  }

  /** The project functions one of `calleesOf(call)` may run; `seen` collects the interfaces it dispatches through. */
  private targetsOf(call: ts.CallExpression | ts.NewExpression, callee: ts.Expression, seen: Set<ImplementationsSeen>): ts.FunctionLikeDeclaration[] {
    requestPathStats.callsResolved++;
    if (callee === call.expression) return resolveCallTargets(callee, this.program, this.checker, (s) => seen.add(s));
    const callback = mayNameProjectFunction(callee, this.program) ? resolveProjectFunction(this.checker, callee) : undefined;
    return callback ? [callback] : [];
  }
}

/** The files calls lead into. */
function filesOf(edges: readonly Edge[]): ts.SourceFile[] {
  return [...new Set(edges.map((e) => e.target.getSourceFile()))];
}

/** The edge a call makes through one of its callees: at the call itself, or at a callback it passes. */
function edgeOf(call: ts.CallExpression | ts.NewExpression, callee: ts.Expression, target: ts.FunctionLikeDeclaration): Edge {
  return { call: callee === call.expression ? call : callee, target };
}

/** What a call may run: its callee, and the callbacks it passes by name, which run on the same path (`items.forEach(processItem)`). */
function calleesOf(call: ts.CallExpression | ts.NewExpression): ts.Expression[] {
  return [call.expression, ...(call.arguments ?? []).filter((arg) => ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg))];
}

/** The project function (declaration with a body, in a project file) an expression refers to. */
export function resolveProjectFunction(checker: ts.TypeChecker, expr: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const symbol = resolveSymbol(checker, expr);
  for (const decl of symbol?.declarations ?? []) {
    const fn = asFunction(decl);
    if (fn && isProjectSourceFile(fn.getSourceFile())) return fn;
  }
  return undefined;
}

/**
 * The project functions a call may run: the function it resolves to, or, for a method declared on a
 * project interface (dependency injection), the same method of every project class that implements it.
 * `onDispatch` learns what such an answer was read from, for results kept across edits.
 */
export function resolveCallTargets(
  expr: ts.Expression,
  program: ts.Program,
  checker: ts.TypeChecker = program.getTypeChecker(),
  onDispatch?: (seen: ImplementationsSeen) => void,
): ts.FunctionLikeDeclaration[] {
  if (!mayNameProjectFunction(expr, program)) return [];
  const direct = resolveProjectFunction(checker, expr);
  if (direct) return [direct];
  const callee = skipOuterExpressions(expr);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  const decl = resolveSymbol(checker, callee)?.declarations?.[0];
  if (!decl || !(ts.isMethodSignature(decl) || ts.isPropertySignature(decl)) || !ts.isInterfaceDeclaration(decl.parent)) return [];
  if (decl.getSourceFile().isDeclarationFile) return [];
  const { classes, seen } = getImplementations(decl.parent, program);
  onDispatch?.(seen);
  const out: ts.FunctionLikeDeclaration[] = [];
  for (const cls of classes) {
    for (const member of cls.members) {
      if (ts.isMethodDeclaration(member) && member.body && member.name.getText() === callee.name.text) out.push(member);
    }
  }
  return out;
}

function asFunction(decl: ts.Node): ts.FunctionLikeDeclaration | undefined {
  if (isFunctionLike(decl) && decl.body) return decl;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
    const init = skipOuterExpressions(decl.initializer);
    if (isFunctionLike(init)) return init;
  }
  // CommonJS and prototype assignments declare through the assigned property: `exports.find = function () {}`.
  if ((ts.isPropertyAccessExpression(decl) || ts.isElementAccessExpression(decl)) && ts.isBinaryExpression(decl.parent) && decl.parent.left === decl) {
    const value = skipOuterExpressions(decl.parent.right);
    if (decl.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && isFunctionLike(value)) return value;
  }
  return undefined;
}

/** What a function expression initialises or is assigned to, past parentheses and type assertions. */
function holderOf(fn: ts.FunctionExpression | ts.ArrowFunction): ts.Node {
  let holder: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isNonNullExpression(holder) || ts.isSatisfiesExpression(holder)) holder = holder.parent;
  return holder;
}

/**
 * Whether a call can reach `fn`: calls resolve to functions declared under a name (declarations,
 * methods, initialisers and assignments, as `asFunction` reads them); an inline callback cannot.
 */
function isReachableByName(fn: ts.FunctionLikeDeclaration): boolean {
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return true;
  const holder = holderOf(fn);
  return (
    ts.isVariableDeclaration(holder) ||
    ts.isPropertyDeclaration(holder) ||
    ts.isPropertyAssignment(holder) ||
    (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken)
  );
}

const UNKNOWN = Symbol('unknown');
/** Backward searches per program: an edit asks a few questions; a scan asks thousands, and one whole search serves them all. */
const MAX_BACKWARD_SEARCHES = 16;
/** Calls a backward search may resolve before the whole search is cheaper. */
const MAX_BACKWARD_RESOLUTIONS = 1000;
/**
 * Questions (the function's file and name) whose backward search gave up. An edit asks the same
 * questions again on the next program, where climbing to give up again would only add to the whole
 * search's cost; which search answers changes the cost, never the answer.
 */
const gaveUpBackwards = new Set<string>();
const MAX_GIVE_UPS_REMEMBERED = 10_000;

const functionsByFile = new WeakMap<ts.SourceFile, ts.FunctionLikeDeclaration[]>();

/** Every function with a body in a file, in source order. */
function functionsIn(sf: ts.SourceFile): ts.FunctionLikeDeclaration[] {
  let found = functionsByFile.get(sf);
  if (!found) {
    found = nodesOf(sf).filter((n): n is ts.FunctionLikeDeclaration => isFunctionLike(n) && n.body !== undefined);
    functionsByFile.set(sf, found);
  }
  return found;
}

/** Whether a sorted list of positions has one in [start, end). */
function hasPositionWithin(positions: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && positions[lo] < end;
}

/**
 * Whether anything could call `fn` by name: its name appears again in its own file or in another
 * project file (a call, an import, an alias all mention it). When not, only an entry point reaches it,
 * and the request-path search, which would walk the whole call graph to say so, is not needed: a
 * question about an unreachable function cost a walk of every function on every edit. A default export
 * may be imported under any name; a constructor is never a call's target (`new` resolves to the class).
 */
function isMentionedAsCallable(fn: ts.FunctionLikeDeclaration, program: ts.Program): boolean {
  if (ts.isConstructorDeclaration(fn)) return false;
  const name = nameOfFunction(fn);
  if (name === undefined || isImportableUnderAnyName(fn, [name])) return true;
  const own = fn.getSourceFile();
  if (wordPositions(own.text, name, 2).length > 1) return true;
  return projectSourceFiles(program).some((sf) => sf !== own && fileMentions(sf, name));
}

/** The name a call would use for `fn`: its own, or that of the variable, property or assignment holding it. */
function nameOfFunction(fn: ts.FunctionLikeDeclaration): string | undefined {
  const nameText = (name: ts.Node | undefined) => (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined);
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return nameText(fn.name);
  const holder = holderOf(fn);
  if (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) return nameText(holder.name);
  if (ts.isBinaryExpression(holder)) {
    const left = holder.left;
    return ts.isPropertyAccessExpression(left) ? left.name.text : ts.isElementAccessExpression(left) ? nameText(left.argumentExpression) : nameText(left);
  }
  return undefined;
}

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

export function functionName(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    const cls = ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) && fn.parent.name ? `${fn.parent.name.text}.` : '';
    return cls + fn.name.text;
  }
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return 'handler';
}

function locationOf(node: ts.Node, label: string): RelatedLocation {
  const sf = node.getSourceFile();
  const start = node.getStart(sf);
  // Keep related ranges on one line: the first line of a multi-line call.
  const lineEnd = sf.text.indexOf('\n', start);
  return { file: sf.fileName, start, end: lineEnd < 0 ? node.end : Math.min(node.end, lineEnd), label };
}

/**
 * Once-per-process lazy initialisation: `if (!cached) cached = load()` or `cached ??= load()` where
 * `cached` lives outside the function. It runs on the first request only, like startup code.
 */
export function isOncePerProcess(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent && !isFunctionLike(n); n = n.parent) {
    const parent = n.parent;
    if (ts.isBinaryExpression(parent) && parent.right === n && isLazyAssignOperator(parent.operatorToken.kind)) {
      const target = getSimpleName(parent.left);
      if (target !== undefined && !isLocalOf(target, parent)) return true;
    }
    if (ts.isIfStatement(parent) && parent.thenStatement === n) {
      const tested = getNullishTestedName(parent.expression);
      if (tested !== undefined && assignsName(n, tested) && !isLocalOf(tested, parent)) return true;
    }
  }
  return false;
}

/** Whether `name` is declared inside the function around `node` (a local, so the `if` runs on every call). */
function isLocalOf(name: string, node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (isFunctionLike(n)) {
      let found = false;
      const visit = (x: ts.Node): void => {
        if (found) return;
        if ((ts.isVariableDeclaration(x) || ts.isParameter(x)) && ts.isIdentifier(x.name) && x.name.text === name) found = true;
        else if (!isFunctionLike(x) || x === n) ts.forEachChild(x, visit);
      };
      visit(n);
      return found;
    }
  }
  return false;
}

function isLazyAssignOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

/** `!x`, `x === undefined`, `x == null`, `!this.x` → `x`. */
function getNullishTestedName(cond: ts.Expression): string | undefined {
  const e = skipOuterExpressions(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return getSimpleName(e.operand);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(e.operatorToken.kind)) {
    const isNullish = (x: ts.Expression) => x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
    if (isNullish(e.right)) return getSimpleName(e.left);
    if (isNullish(e.left)) return getSimpleName(e.right);
  }
  return undefined;
}

function assignsName(block: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && getSimpleName(n.left) === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(block);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Entry point recognisers

const ROUTER_METHOD_NAMES = new Set(ROUTER_FRAMEWORKS.flatMap((f) => f.methods));

export function findEntryPoints(sf: ts.SourceFile, checker: ts.TypeChecker, projectDir: string, settings: RequestPathSettings, mounts: Mount[] = []): EntryPoint[] {
  const found: EntryPoint[] = [];
  for (const node of nodesOf(sf)) {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // app.get('/x', handler), router.route('/x').post(handler), fastify.route({ handler })
      if (ts.isPropertyAccessExpression(callee) && ROUTER_METHOD_NAMES.has(callee.name.text) && mayRegisterRoute(node, callee)) {
        found.push(...recogniseRouterCall(node, callee, checker));
        if (callee.name.text === 'use') collectMount(node, callee, checker, mounts);
      }
      if (ts.isPropertyAccessExpression(callee) && PROCEDURE_METHODS.has(callee.name.text)) {
        found.push(...recogniseTrpcProcedure(node, callee, checker));
      }
      // this.route({ method: 'get', path: '/x', handler: this.list }): a project method that registers on a router
      if (ts.isPropertyAccessExpression(callee) && node.arguments.length === 1 && ts.isObjectLiteralExpression(node.arguments[0])) {
        found.push(...recogniseRegistrationWrapper(node, node.arguments[0], checker));
      }
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'on') {
        found.push(...recogniseSocketHandler(node, callee, checker));
      }
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'process') {
        found.push(...recogniseQueueProcess(node, callee, checker));
      }
      const nestPrefix = getNestGlobalPrefix(node, checker);
      if (nestPrefix !== undefined) mounts.push({ prefix: nestPrefix, target: NEST_GLOBAL, scopeDir: path.dirname(sf.fileName) });
      if (ts.isPropertyAccessExpression(callee) || ts.isIdentifier(callee)) {
        found.push(...recogniseServerFactory(node, checker));
      }
    } else if (ts.isNewExpression(node)) {
      found.push(...recogniseQueueWorker(node, checker));
    } else if (ts.isObjectLiteralExpression(node)) {
      found.push(...recogniseResolverMap(node));
    } else if (ts.isClassDeclaration(node) && node.heritageClauses) {
      found.push(...recogniseNestPerRequestClass(node, checker));
    } else if (ts.isMethodDeclaration(node) && node.body) {
      const nest = recogniseNestMethod(node, checker);
      if (nest) found.push(nest);
    }
  }
  found.push(...recogniseFileConventions(sf, checker, projectDir, settings));
  return found;
}

/**
 * A syntactic gate before asking for the receiver's type: a verb registers a route with a path and
 * a handler (`app.get('/x', h)`), or a handler alone on `route('/x')`; `map.get(key)` and
 * `repo.delete(id)` never do.
 */
function mayRegisterRoute(call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  if (call.arguments.length === 0) return false;
  if (call.arguments.length >= 2 || !(HTTP_METHODS as readonly string[]).includes(callee.name.text)) return true;
  const receiver = skipOuterExpressions(callee.expression);
  return ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'route';
}

function recogniseRouterCall(call: ts.CallExpression, callee: ts.PropertyAccessExpression, checker: ts.TypeChecker): EntryPoint[] {
  const method = callee.name.text;
  let receiver = skipOuterExpressions(callee.expression);
  let routePath: string | undefined;
  // router.route('/users').get(handler)
  if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'route') {
    routePath = stringValue(receiver.arguments[0]);
    receiver = skipOuterExpressions(receiver.expression.expression);
  }
  const framework = identifyFramework(receiver, checker);
  if (!framework || !framework.methods.includes(method)) return [];
  const args = [...call.arguments];
  if (method === 'route' && args.length === 1 && ts.isObjectLiteralExpression(args[0])) {
    return recogniseRouteOptions(call, args[0], framework, checker);
  }
  if (method === 'addHook') {
    const hook = stringValue(args[0]);
    if (!hook || !/^(onRequest|preParsing|preValidation|preHandler|preSerialization|onSend|onResponse)$/.test(hook)) return [];
    return handlersIn(args.slice(1), checker).map((handler) => ({ framework: framework.name, route: `${hook} hook`, handler, registration: call }));
  }
  const first = args.length > 0 ? stringValue(args[0]) : undefined;
  if (first !== undefined) {
    routePath = first;
    args.shift();
  }
  // Fastify: app.get('/x', { preHandler, handler }) or app.get('/x', opts, handler)
  const optionHandlers = args.filter(ts.isObjectLiteralExpression).flatMap((o) => handlersInOptions(o, checker));
  const handlers = [...handlersIn(args, checker), ...optionHandlers];
  if (handlers.length === 0) return [];
  const verb = method === 'use' ? 'USE' : method === 'del' ? 'DELETE' : method === 'on' ? 'ON' : method.toUpperCase();
  const route = method === 'use' && routePath === undefined ? 'middleware (every route)' : `${verb} ${joinPaths('', routePath ?? '/')}`;
  const router = routerIdentity(receiver, checker);
  return handlers.map((handler) => ({ framework: framework.name, route, handler, registration: call, router }));
}

function recogniseRouteOptions(call: ts.CallExpression, options: ts.ObjectLiteralExpression, framework: RouterFramework, checker: ts.TypeChecker): EntryPoint[] {
  const prop = (name: string) =>
    options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name)?.initializer;
  const methodProp = prop('method');
  const verb = methodProp ? (stringValue(methodProp) ?? (ts.isArrayLiteralExpression(methodProp) ? methodProp.elements.map(stringValue).join(',') : 'ANY')) : 'ANY';
  const route = `${verb.toUpperCase()} ${joinPaths('', stringValue(prop('url') ?? prop('path')) ?? '/')}`;
  return handlersInOptions(options, checker).map((handler) => ({ framework: framework.name, route, handler, registration: call }));
}

const wrapperCache = new WeakMap<ts.FunctionLikeDeclaration, RouterFramework | null>();

/**
 * A call of a project function that takes route options (`handler` and `path` or `url`) and passes them
 * on to a framework router (`this.app[options.method](options.path, …, options.handler)`): the base
 * controller classes of Unleash-style codebases. The options are read the way Fastify's `route` is.
 */
function recogniseRegistrationWrapper(call: ts.CallExpression, options: ts.ObjectLiteralExpression, checker: ts.TypeChecker): EntryPoint[] {
  const names = new Set(options.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : '')));
  if (!names.has('handler') || !(names.has('path') || names.has('url'))) return [];
  const wrapper = resolveProjectFunction(checker, call.expression);
  const framework = wrapper && getWrappedRouter(wrapper, checker);
  return framework ? recogniseRouteOptions(call, options, framework, checker) : [];
}

/** The framework whose router `fn` registers its first parameter's contents on, if it does. */
function getWrappedRouter(fn: ts.FunctionLikeDeclaration, checker: ts.TypeChecker): RouterFramework | undefined {
  bodiesRead?.add(fn.getSourceFile());
  let cached = wrapperCache.get(fn);
  if (cached === undefined) {
    const param = fn.parameters[0]?.name;
    let found: RouterFramework | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n) && param && ts.isIdentifier(param) && n.arguments.some((a) => mentionsAnyName(a, new Set([param.text])))) {
        const callee = skipOuterExpressions(n.expression);
        // router.get(options.path, …) or router[options.method](options.path, …)
        const receiver = ts.isPropertyAccessExpression(callee) && ROUTER_METHOD_NAMES.has(callee.name.text) ? callee.expression : ts.isElementAccessExpression(callee) ? callee.expression : undefined;
        found = receiver && identifyFramework(skipOuterExpressions(receiver), checker);
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    wrapperCache.set(fn, (cached = found ?? null));
  }
  return cached ?? undefined;
}

function handlersInOptions(options: ts.ObjectLiteralExpression, checker: ts.TypeChecker): ts.FunctionLikeDeclaration[] {
  const out: ts.FunctionLikeDeclaration[] = [];
  for (const p of options.properties) {
    const name = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
    if (!name || !/^(handler|preHandler|onRequest|preValidation)$/.test(name)) continue;
    if (ts.isMethodDeclaration(p)) out.push(p);
    else if (ts.isPropertyAssignment(p)) out.push(...handlersIn([p.initializer], checker));
  }
  return out;
}

/**
 * Functions among registration arguments, in the shapes real code uses: inline; by name; bound
 * (`users.list.bind(users)`); in arrays, inline or as a named constant; wrapped where registered
 * (`asyncHandler(fn)`) or where defined (`const h = asyncHandler(fn)`); and middleware factories
 * (`requireRole('admin')`), whose returned function is what runs per request.
 */
function handlersIn(args: readonly ts.Expression[], checker: ts.TypeChecker, depth = 0): ts.FunctionLikeDeclaration[] {
  const out: ts.FunctionLikeDeclaration[] = [];
  if (depth > 3) return out;
  for (const raw of args) {
    const arg = skipOuterExpressions(raw);
    if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) out.push(arg);
    else if (ts.isArrayLiteralExpression(arg)) out.push(...handlersIn(arg.elements, checker, depth));
    else if (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) {
      for (const decl of resolveSymbol(checker, arg)?.declarations ?? []) {
        if (decl.getSourceFile().isDeclarationFile) continue;
        const fn = asFunction(decl);
        if (fn) out.push(fn);
        else if (ts.isVariableDeclaration(decl) && decl.initializer) out.push(...handlersIn([decl.initializer], checker, depth + 1));
      }
    } else if (ts.isCallExpression(arg)) {
      const callee = skipOuterExpressions(arg.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
        out.push(...handlersIn([callee.expression], checker, depth + 1));
        continue;
      }
      // A wrapper: asyncHandler(fn), catchErrors(controller.list)
      out.push(...handlersIn(arg.arguments, checker, depth + 1));
      // A factory: requireRole('admin') returns the middleware
      for (const decl of resolveSymbol(checker, callee)?.declarations ?? []) {
        const factory = asFunction(decl);
        if (factory && !decl.getSourceFile().isDeclarationFile) out.push(...returnedFunctions(factory));
      }
    }
  }
  return out;
}

/** Functions a factory returns: `(role) => (req, res, next) => …` or `return function (req, res) {…}`. */
function returnedFunctions(factory: ts.FunctionLikeDeclaration): ts.FunctionLikeDeclaration[] {
  bodiesRead?.add(factory.getSourceFile());
  const body = factory.body;
  if (!body) return [];
  if (!ts.isBlock(body)) {
    const e = skipOuterExpressions(body);
    return isFunctionLike(e) ? [e] : [];
  }
  const out: ts.FunctionLikeDeclaration[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) {
      const e = skipOuterExpressions(n.expression);
      if (isFunctionLike(e)) out.push(e);
    }
    if (!isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return out;
}

function identifyFramework(receiver: ts.Expression, checker: ts.TypeChecker): RouterFramework | undefined {
  const type = checker.getTypeAtLocation(receiver);
  // `Fastify()` returns an intersection (instance & PromiseLike), so look at every constituent.
  const constituents = type.isUnionOrIntersection() ? [type, ...type.types] : [type];
  let knownOtherLibrary = false;
  for (const t of constituents) {
    const decl = (t.aliasSymbol ?? t.getSymbol())?.declarations?.[0];
    const module = decl ? getDeclaringModule(decl) : undefined;
    if (module === undefined) continue;
    const byType = ROUTER_FRAMEWORKS.find((f) => f.packages.includes(module));
    if (byType) return byType;
    knownOtherLibrary = true;
  }
  if (knownOtherLibrary || !(type.flags & ts.TypeFlags.Any)) return undefined;
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  return name ? ROUTER_FRAMEWORKS.find((f) => f.shapeNames.test(name)) : undefined;
}

function recogniseServerFactory(call: ts.CallExpression, checker: ts.TypeChecker): EntryPoint[] {
  const name = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : (call.expression as ts.Identifier).text;
  if (name !== 'createServer' && name !== 'createSecureServer' && name !== 'on') return [];
  if (name === 'on') {
    // server.on('request', cb) on a node:http server
    if (stringValue(call.arguments[0]) !== 'request' || !ts.isPropertyAccessExpression(call.expression)) return [];
    const type = checker.getTypeAtLocation(call.expression.expression);
    const decl = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    const module = decl ? getDeclaringModule(decl) : undefined;
    if (!module || !['http', 'https', 'http2'].includes(module)) return [];
    return handlersIn(call.arguments.slice(1), checker).map((handler) => ({ framework: 'node:http', route: `${module} request`, handler, registration: call }));
  }
  const api = resolveApi(checker, call.expression);
  if (!api || !NODE_SERVER_FACTORIES.some((f) => f.module === api.module && f.name === api.name)) return [];
  return handlersIn(call.arguments, checker).map((handler) => ({ framework: 'node:http', route: `${api.module} request`, handler, registration: call }));
}

function recogniseNestMethod(method: ts.MethodDeclaration, checker: ts.TypeChecker): EntryPoint | undefined {
  const decorators = ts.getDecorators(method);
  if (!decorators) return undefined;
  for (const d of decorators) {
    const expr = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    if (!ts.isIdentifier(expr) || !(expr.text in NEST_ROUTE_DECORATORS)) continue;
    const api = resolveApi(checker, expr);
    if (!api || !NEST_PACKAGES.includes(api.module)) continue;
    const kind = NEST_ROUTE_DECORATORS[expr.text];
    const arg = ts.isCallExpression(d.expression) ? stringValue(d.expression.arguments[0]) : undefined;
    const cls = method.parent;
    let route: string;
    if (/^[A-Z]+$/.test(kind)) {
      const prefix = ts.isClassLike(cls) ? getControllerPrefix(cls) : '';
      route = `${kind} ${joinPaths(prefix, arg ?? '')}`;
    } else if (kind === 'queue job') {
      const queue = ts.isClassLike(cls) ? getDecoratorArgument(cls, 'Processor') : undefined;
      route = `queue ${[queue, arg ?? (method.name && ts.isIdentifier(method.name) ? method.name.text : undefined)].filter(Boolean).join(' ')}`;
    } else {
      route = `${kind} ${arg ?? (method.name && ts.isIdentifier(method.name) ? method.name.text : '')}`.trim();
    }
    return { framework: 'NestJS', route, handler: method, registration: d };
  }
  return undefined;
}

function getControllerPrefix(cls: ts.ClassLikeDeclaration): string {
  return getDecoratorArgument(cls, 'Controller') ?? '';
}

function getDecoratorArgument(cls: ts.ClassLikeDeclaration, name: string): string | undefined {
  for (const d of ts.getDecorators(cls) ?? []) {
    if (ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && d.expression.expression.text === name) {
      return stringValue(d.expression.arguments[0]);
    }
  }
  return undefined;
}

// @Injectable() class AuthGuard implements CanActivate { canActivate(ctx) {…} }
function recogniseNestPerRequestClass(cls: ts.ClassDeclaration, checker: ts.TypeChecker): EntryPoint[] {
  const found: EntryPoint[] = [];
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const type of clause.types) {
      const name = ts.isIdentifier(type.expression) ? type.expression.text : undefined;
      const role = name ? NEST_PER_REQUEST_CLASSES[name] : undefined;
      if (!role) continue;
      const api = resolveApi(checker, type.expression);
      if (!api || api.module !== '@nestjs/common') continue;
      const method = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && ts.isIdentifier(m.name) && m.name.text === role.method);
      if (method) found.push({ framework: 'NestJS', route: `${role.kind} ${cls.name?.text ?? ''}`.trim(), handler: method, registration: cls.name ?? cls });
    }
  }
  return found;
}

/** `app.setGlobalPrefix('api/v1')` on a Nest application: a prefix for every controller route. */
function getNestGlobalPrefix(call: ts.CallExpression, checker: ts.TypeChecker): string | undefined {
  if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'setGlobalPrefix') return undefined;
  const api = resolveApi(checker, call.expression);
  return api && api.module.startsWith('@nestjs/') ? stringValue(call.arguments[0]) : undefined;
}

// queue.process(async (job) => …) on a Bull queue
function recogniseQueueProcess(call: ts.CallExpression, callee: ts.PropertyAccessExpression, checker: ts.TypeChecker): EntryPoint[] {
  const api = resolveApi(checker, callee);
  if (!api || !QUEUE_PROCESS_PACKAGES.includes(api.module)) return [];
  const name = stringValue(call.arguments[0]);
  return handlersIn(call.arguments, checker).map((handler) => ({ framework: api.module, route: `queue ${name ?? 'jobs'}`, handler, registration: call }));
}

function joinPaths(a: string, b: string): string {
  const joined = `/${[a, b].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  return joined;
}

/** Next.js route files, Lambda handlers and entry points declared in the configuration. */
function recogniseFileConventions(sf: ts.SourceFile, checker: ts.TypeChecker, projectDir: string, settings: RequestPathSettings): EntryPoint[] {
  const rel = path.relative(projectDir, sf.fileName).split(path.sep).join('/');
  const found: EntryPoint[] = [];
  const exported = exportedFunctions(sf, checker);
  const add = (framework: string, route: string, name: string) => {
    const fn = exported.get(name);
    if (fn) found.push({ framework, route, handler: fn.fn, registration: fn.at });
  };
  const nextApi = /(^|\/)pages\/api\/(.+)\.[jt]sx?$/.exec(rel);
  if (nextApi) add('Next.js', `/api/${nextApi[2].replace(/\/?index$/, '')}`, 'default');
  const appRoute = /(^|\/)app\/(.*?)\/?route\.[jt]sx?$/.exec(rel);
  if (appRoute) for (const m of NEXT_ROUTE_EXPORTS) add('Next.js', `${m} /${appRoute[2]}`, m);
  if (/(^|\/)(src\/)?middleware\.[jt]s$/.test(rel)) add('Next.js', 'Next.js middleware', 'middleware');
  if (sf.statements.some((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === 'use server')) {
    for (const [name] of exported) add('Next.js', `server action ${name}`, name);
  }
  for (const name of LAMBDA_EXPORTS) {
    const fn = exported.get(name);
    if (fn && hasParamFromPackages(fn.fn, checker, LAMBDA_TYPE_PACKAGES)) add('AWS Lambda', 'Lambda handler', name);
  }
  const { entryPoints, configDir } = settings.entryPointsFor(sf.fileName);
  for (const ep of entryPoints) {
    const relToConfig = path.relative(configDir, sf.fileName).split(path.sep).join('/');
    if (!picomatch.isMatch(relToConfig, ep.files, { dot: true })) continue;
    for (const name of ep.exports ?? ['handler', 'default']) add('configured', `${name} (${relToConfig})`, name);
  }
  // JSDoc `@scalelint-entry` on any function marks it as an entry point.
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && node.body && ts.getJSDocTags(node).some((t) => t.tagName.text === 'scalelint-entry')) {
      found.push({ framework: 'configured', route: `${functionName(node)} (@scalelint-entry)`, handler: node, registration: node.name ?? node });
    }
    ts.forEachChild(node, visit);
  };
  if (sf.text.includes('@scalelint-entry')) visit(sf);
  return found;
}

function exportedFunctions(sf: ts.SourceFile, checker: ts.TypeChecker): Map<string, { fn: ts.FunctionLikeDeclaration; at: ts.Node }> {
  const out = new Map<string, { fn: ts.FunctionLikeDeclaration; at: ts.Node }>();
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) return out;
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    for (const decl of target.declarations ?? []) {
      const fn = asFunction(decl);
      if (fn) {
        out.set(exp.name, { fn, at: ts.getNameOfDeclaration(decl) ?? decl });
        break;
      }
    }
  }
  return out;
}

function hasParamFromPackages(fn: ts.FunctionLikeDeclaration, checker: ts.TypeChecker, packages: string[]): boolean {
  return fn.parameters.some((p) => {
    const decl = p.type ? checker.getTypeAtLocation(p.type).aliasSymbol?.declarations?.[0] ?? checker.getTypeAtLocation(p.type).getSymbol()?.declarations?.[0] : undefined;
    const module = decl ? getDeclaringModule(decl) : undefined;
    return module !== undefined && packages.includes(module);
  }) || isTypedAsHandler(fn, checker, packages);
}

/** `export const handler: Handler<…> = async (event) => …` */
function isTypedAsHandler(fn: ts.FunctionLikeDeclaration, checker: ts.TypeChecker, packages: string[]): boolean {
  const parent = fn.parent;
  if (!ts.isVariableDeclaration(parent) || !parent.type) return false;
  const type = checker.getTypeAtLocation(parent.type);
  const decl = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  const module = decl ? getDeclaringModule(decl) : undefined;
  return module !== undefined && packages.includes(module);
}

// ---------------------------------------------------------------------------------------------
// Mount prefixes: app.use('/api', router) makes router.get('/users') serve GET /api/users.

function routerIdentity(receiver: ts.Expression, checker: ts.TypeChecker): RouterIdentity | undefined {
  if (!ts.isIdentifier(receiver) && !ts.isPropertyAccessExpression(receiver)) return undefined;
  const decl = resolveSymbol(checker, receiver)?.declarations?.[0];
  if (!decl) return undefined;
  let factory: ts.FunctionLikeDeclaration | undefined;
  for (let n = decl.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (isFunctionLike(n)) {
      factory = n;
      break;
    }
  }
  return { decl, factory };
}

function collectMount(call: ts.CallExpression, callee: ts.PropertyAccessExpression, checker: ts.TypeChecker, mounts: Mount[]): void {
  const prefix = stringValue(call.arguments[0]);
  if (prefix === undefined) return;
  const parent = routerIdentity(skipOuterExpressions(callee.expression), checker);
  for (const raw of call.arguments.slice(1)) {
    const arg = skipOuterExpressions(raw);
    if (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) {
      const decl = resolveSymbol(checker, arg)?.declarations?.[0];
      if (decl) mounts.push({ prefix, target: decl, parent });
    } else if (ts.isCallExpression(arg)) {
      // a router factory: app.use('/users', usersRouter(db))
      for (const decl of resolveSymbol(checker, arg.expression)?.declarations ?? []) {
        const fn = asFunction(decl);
        if (fn) mounts.push({ prefix, target: fn, parent });
      }
    }
  }
}

/** The first mount of each router, looked up by the router's declaration or factory. */
type MountsByTarget = ReadonlyMap<ts.Node, { mount: Mount; order: number }>;

function indexMounts(mounts: readonly Mount[]): MountsByTarget {
  const index = new Map<ts.Node, { mount: Mount; order: number }>();
  mounts.forEach((mount, order) => {
    if (!index.has(mount.target)) index.set(mount.target, { mount, order });
  });
  return index;
}

function mountPrefix(router: RouterIdentity, mounts: MountsByTarget, depth: number): string {
  if (depth > 4) return '';
  // The earlier of the mounts of its declaration and of its factory, as registered.
  const byDecl = mounts.get(router.decl);
  const byFactory = router.factory !== undefined ? mounts.get(router.factory) : undefined;
  const mount = byDecl && byFactory ? (byDecl.order < byFactory.order ? byDecl : byFactory).mount : (byDecl ?? byFactory)?.mount;
  if (!mount) return '';
  const outer = mount.parent ? mountPrefix(mount.parent, mounts, depth + 1) : '';
  return joinPaths(outer, mount.prefix);
}

// ---------------------------------------------------------------------------------------------
// tRPC procedures, GraphQL resolver maps, WebSocket handlers and queue workers: each runs once per
// call, message or job, so each is a request path.

const PROCEDURE_METHODS = new Set(['query', 'mutation', 'subscription']);

// t.procedure.input(schema).query(async ({ input }) => …), inside t.router({ user: { byId: … } })
function recogniseTrpcProcedure(call: ts.CallExpression, callee: ts.PropertyAccessExpression, checker: ts.TypeChecker): EntryPoint[] {
  const type = checker.getTypeAtLocation(callee.expression);
  const decl = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  if (!decl || getDeclaringModule(decl) !== '@trpc/server') return [];
  const names: string[] = [];
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    if (ts.isPropertyAssignment(n.parent) && n.parent.initializer === n && (ts.isIdentifier(n.parent.name) || ts.isStringLiteral(n.parent.name))) {
      names.unshift(n.parent.name.text);
    }
    if (ts.isSourceFile(n.parent) || isFunctionLike(n.parent)) break;
  }
  const route = `tRPC ${names.join('.') || callee.name.text}`;
  return handlersIn(call.arguments, checker).map((handler) => ({ framework: 'tRPC', route, handler, registration: call }));
}

// { Query: { users: (parent, args, ctx) => … }, Mutation: { … } } passed to a GraphQL server
function recogniseResolverMap(obj: ts.ObjectLiteralExpression): EntryPoint[] {
  const found: EntryPoint[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || !/^(Query|Mutation|Subscription)$/.test(p.name.text)) continue;
    const inner = skipOuterExpressions(p.initializer);
    if (!ts.isObjectLiteralExpression(inner)) continue;
    for (const field of inner.properties) {
      const fieldName = field.name && (ts.isIdentifier(field.name) || ts.isStringLiteral(field.name)) ? field.name.text : undefined;
      if (!fieldName) continue;
      let fn: ts.FunctionLikeDeclaration | undefined;
      if (ts.isMethodDeclaration(field)) fn = field;
      else if (ts.isPropertyAssignment(field)) {
        const init = skipOuterExpressions(field.initializer);
        if (isFunctionLike(init)) fn = init;
        // a subscription: { subscribe: fn }
        else if (ts.isObjectLiteralExpression(init)) {
          for (const x of init.properties) {
            const candidate: ts.Node | undefined = ts.isMethodDeclaration(x) ? x : ts.isPropertyAssignment(x) ? skipOuterExpressions(x.initializer) : undefined;
            if (candidate && isFunctionLike(candidate)) fn ??= candidate;
          }
        }
      }
      if (fn?.body) found.push({ framework: 'GraphQL', route: `GraphQL ${p.name.text}.${fieldName}`, handler: fn, registration: field });
    }
  }
  return found;
}

const SOCKET_PACKAGES = ['ws', 'socket.io'];

// wss.on('connection', ws => ws.on('message', handler)); io.on('connection', socket => socket.on('chat', handler))
function recogniseSocketHandler(call: ts.CallExpression, callee: ts.PropertyAccessExpression, checker: ts.TypeChecker): EntryPoint[] {
  const event = stringValue(call.arguments[0]);
  if (event === undefined) return [];
  const type = checker.getTypeAtLocation(callee.expression);
  const constituents = type.isUnionOrIntersection() ? [type, ...type.types] : [type];
  const module = constituents
    .map((t) => (t.aliasSymbol ?? t.getSymbol())?.declarations?.[0])
    .map((d) => (d ? getDeclaringModule(d) : undefined))
    .find((m) => m !== undefined && SOCKET_PACKAGES.includes(m));
  if (!module) return [];
  const route = `${module === 'ws' ? 'WebSocket' : 'socket.io'} ${event}`;
  return handlersIn(call.arguments.slice(1), checker).map((handler) => ({ framework: module, route, handler, registration: call }));
}

// new Worker('emails', async (job) => …) from bullmq
function recogniseQueueWorker(expr: ts.NewExpression, checker: ts.TypeChecker): EntryPoint[] {
  if (!ts.isIdentifier(expr.expression) && !ts.isPropertyAccessExpression(expr.expression)) return [];
  const name = ts.isIdentifier(expr.expression) ? expr.expression.text : expr.expression.name.text;
  if (name !== 'Worker') return [];
  const api = resolveApi(checker, expr.expression);
  if (!api || api.module !== 'bullmq') return [];
  const queue = stringValue(expr.arguments?.[0]) ?? 'jobs';
  return handlersIn(expr.arguments?.slice(1, 2) ?? [], checker).map((handler) => ({ framework: 'BullMQ', route: `queue ${queue}`, handler, registration: expr }));
}

function stringValue(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  const x = skipOuterExpressions(e);
  return ts.isStringLiteralLike(x) ? x.text : undefined;
}

