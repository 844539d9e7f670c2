/**
 * Whether a call to a catalogue client has a deadline: which client it is, where its options are, and
 * what they (or the program around them) say. Shared by the rule's own check and the scan that finds
 * project wrappers passing a parameter on as options.
 */
import { ts } from '../../server/src/engine/typescript';
import { getCalleeName, getDeclaringModule, resolveSymbol, skipOuterExpressions, type ApiRef } from '../../server/src/engine/api-resolve';
import { getCandidateNames } from '../../server/src/engine/callable-names';
import { fileMentions } from '../../server/src/engine/program-files';
import {
  GRPC_CLIENT,
  findShortcutClient,
  findTimeoutClient,
  getAxiosConfigIndex,
  TIMEOUT_CLIENT_MODULES,
  TIMEOUT_CLIENT_NAMES,
  type TimeoutClient,
} from '../catalog/timeout-clients';
import { getOptionsDeadline, getUrlDeadline, type Deadline, type DeadlineQuery, type OptionsVerdict } from './deadline';
import { getDispatcherDeadline, hasGlobalDispatcherDeadline } from './dispatchers';
import type { CallLike } from './fixes';
import { getGrpcOptionsPlacement, mayCallGrpc } from './grpc';
import { getLaterCallDeadline } from './later-calls';

/** What judging needs from the engine: the rule context provides it, and so does a bare program. */
export interface Judge {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  resolveApi(callee: ts.Expression): ApiRef | undefined;
}

export interface Judgement {
  client: TimeoutClient;
  placement: OptionsPlacement;
  verdict: OptionsVerdict;
}

// fetch(url), axios.get(url), axios.create({...}), new Pool({...}), new Redis(...): any callee whose
// last name is in the catalogue, or a local name a catalogue module was imported under; gRPC methods
// in files that mention gRPC
export function judgeCall(node: CallLike, construct: 'call' | 'new', judge: Judge): Judgement | undefined {
  const name = getCalleeName(node.expression);
  if (name === undefined) return undefined;
  const sf = node.getSourceFile();
  const isCandidate = getPrefilterNames(sf).has(name);
  if (!isCandidate && (construct !== 'call' || !mayCallGrpc(sf))) return undefined;
  const match = isCandidate ? findClient(node.expression, construct, judge) : findGrpcCall(node as ts.CallExpression, judge);
  if (!match) return undefined;
  const { client, apiName } = match;
  // Calls through an axios instance are judged where it was created; calls on a receiver of unknown
  // origin (an injected client) are not ours to judge.
  const isAxiosMember = client.client === 'axios' && !client.instance && apiName.startsWith('Axios.');
  if ((isAxiosMember || client.onPackageOnly) && !isPackageReceiver(node.expression, client.module, judge)) return undefined;
  if (node.arguments?.some((a) => ts.isSpreadElement(a))) return undefined;

  const placement = match.placement ?? getOptionsPlacement(node, client, apiName, judge);
  if (placement === undefined) return undefined;
  // mongoose.createConnection() opens later (`openUri`), with options we do not see here
  if (typeof client.url?.at === 'number' && node.arguments?.[client.url.at] === undefined) return undefined;
  const verdict = getOptionsDeadline(placement.insert ? undefined : node.arguments?.[placement.index], getDeadlineQuery(client, judge.checker));
  const open = verdict.deadline === 'no' || verdict.parameter !== undefined;
  if (open && hasDeadlineElsewhere(node, client, isAxiosMember, judge)) return { client, placement, verdict: { deadline: 'yes' } };
  return { client, placement, verdict };
}

interface ClientMatch {
  client: TimeoutClient;
  apiName: string;
  /** Where the options are, when the match itself tells (gRPC). */
  placement?: OptionsPlacement;
}

/** The catalogue entry a callee resolves to, directly or as a shortcut method of a client export. */
function findClient(callee: ts.Expression, construct: 'call' | 'new', judge: Judge): ClientMatch | undefined {
  const api = judge.resolveApi(callee);
  const direct = api && findTimeoutClient(api.module, api.name, construct);
  if (direct) return { client: direct, apiName: api.name };
  // got.get(url), superagent.post(url): shortcuts typed as properties of the export, not declarations
  const e = skipOuterExpressions(callee);
  if (construct !== 'call' || !ts.isPropertyAccessExpression(e)) return undefined;
  const owner = judge.resolveApi(e.expression);
  const shortcut = owner && findShortcutClient(owner.module, owner.name, e.name.text);
  return shortcut && { client: shortcut, apiName: owner.name };
}

function findGrpcCall(node: ts.CallExpression, judge: Judge): ClientMatch | undefined {
  const placement = getGrpcOptionsPlacement(node, judge.checker);
  return placement && { client: GRPC_CLIENT, apiName: '', placement };
}

export function getDeadlineQuery(client: TimeoutClient, checker: ts.TypeChecker): DeadlineQuery {
  const delegates = new Map<string, (value: ts.Expression) => Deadline>((client.delegateKeys ?? []).map((k) => [k, (v) => getDispatcherDeadline(v, checker)]));
  const url = typeof client.url?.at === 'string' ? { key: client.url.at, params: client.url.params } : undefined;
  return { checker, keys: client.deadlineKeys, signal: client.signal, unsetIsDeadline: client.hasDefaultDeadline, delegates, url };
}

/** A deadline set outside the options: a connection-string argument, a later `.timeout(ms)`, the global dispatcher, axios defaults. */
function hasDeadlineElsewhere(node: CallLike, client: TimeoutClient, isAxiosMember: boolean, judge: Judge): boolean {
  const url = typeof client.url?.at === 'number' ? node.arguments?.[client.url.at] : undefined;
  if (url && getUrlDeadline(url, client.url!.params, judge.checker) === 'yes') return true;
  if (client.deadlineMethods && getLaterCallDeadline(node, client.deadlineMethods, judge.checker) !== 'no') return true;
  if (client.usesGlobalDispatcher && hasGlobalDispatcherDeadline(judge.program, judge.checker)) return true;
  return client.client === 'axios' && hasDefaultsTimeout(node, isAxiosMember || !client.instance, judge);
}

export interface OptionsPlacement {
  index: number;
  /** The options are missing and go in before the argument now at `index` (a callback). */
  insert?: boolean;
}

/** Where the options are, or undefined when the call shape is not one we judge. */
function getOptionsPlacement(node: CallLike, client: TimeoutClient, apiName: string, judge: Judge): OptionsPlacement | undefined {
  const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  switch (client.options) {
    case 'axios-method': {
      // axios(config) or axios(url, config)
      if (!apiName.startsWith('Axios.')) return { index: args[0] && isStringTyped(args[0], judge) ? 1 : 0 };
      const index = getAxiosConfigIndex(apiName.slice('Axios.'.length));
      return index === undefined ? undefined : { index };
    }
    case 'last-object': {
      for (let i = args.length - 1; i >= 0; i--) if (!isStringTyped(args[i], judge) && !isNumberTyped(args[i], judge)) return { index: i };
      return { index: args.length };
    }
    case 'url-or-options':
      // http.request(options, cb), http.request(url, options, cb), http.get(url, cb)
      if (!args[0] || !isStringTyped(args[0], judge)) return { index: 0 };
      return { index: 1, insert: args[1] !== undefined && isFunctionTyped(args[1], judge) };
    case 'none':
      return { index: args.length, insert: true };
    default:
      return { index: client.options };
  }
}

function isStringTyped(e: ts.Expression, judge: Judge): boolean {
  const s = skipOuterExpressions(e);
  if (ts.isStringLiteralLike(s) || ts.isTemplateExpression(s)) return true;
  return (judge.checker.getTypeAtLocation(e).getFlags() & ts.TypeFlags.StringLike) !== 0 || isUrlTyped(e, judge);
}

function isUrlTyped(e: ts.Expression, judge: Judge): boolean {
  return judge.checker.getTypeAtLocation(e).getSymbol()?.getName() === 'URL';
}

function isNumberTyped(e: ts.Expression, judge: Judge): boolean {
  return (judge.checker.getTypeAtLocation(e).getFlags() & ts.TypeFlags.NumberLike) !== 0;
}

function isFunctionTyped(e: ts.Expression, judge: Judge): boolean {
  return ts.isFunctionLike(skipOuterExpressions(e)) || judge.checker.getTypeAtLocation(e).getCallSignatures().length > 0;
}

/** `axios.get`, `got.extend` on the package's own export (however it was imported), not on an instance made from it. */
function isPackageReceiver(callee: ts.Expression, module: string, judge: Judge): boolean {
  const e = skipOuterExpressions(callee);
  if (!ts.isPropertyAccessExpression(e)) return false;
  const decl = resolveSymbol(judge.checker, e.expression)?.valueDeclaration;
  return decl !== undefined && getDeclaringModule(decl) === module;
}

/**
 * `axios.defaults.timeout = ms` anywhere in the program covers the default instance (and instances
 * created from it); `api.defaults.timeout = ms` covers the instance `api` created at `node`.
 */
function hasDefaultsTimeout(node: CallLike, onDefault: boolean, judge: Judge): boolean {
  const assignments = getDefaultsTimeoutAssignments(judge.program, judge.checker);
  if (assignments.some((a) => a.module === 'axios')) return true;
  if (onDefault) return false;
  const holder = node.parent && ts.isVariableDeclaration(node.parent) ? judge.checker.getSymbolAtLocation(node.parent.name) : undefined;
  return holder !== undefined && assignments.some((a) => a.symbol === holder);
}

interface DefaultsAssignment {
  symbol?: ts.Symbol;
  module?: string;
}

const defaultsCache = new WeakMap<ts.Program, DefaultsAssignment[]>();

// x.defaults.timeout = 5000
function getDefaultsTimeoutAssignments(program: ts.Program, checker: ts.TypeChecker): DefaultsAssignment[] {
  let found = defaultsCache.get(program);
  if (found) return found;
  found = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || !fileMentions(sf, 'defaults.timeout')) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === 'timeout') {
        const defaults = n.left.expression;
        if (ts.isPropertyAccessExpression(defaults) && defaults.name.text === 'defaults' && !isZero(n.right)) {
          const symbol = resolveSymbol(checker, defaults.expression);
          const decl = symbol?.valueDeclaration;
          found!.push({ symbol, module: decl ? getDeclaringModule(decl) : undefined });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  defaultsCache.set(program, found);
  return found;
}

function isZero(e: ts.Expression): boolean {
  return ts.isNumericLiteral(e) && Number(e.text) === 0;
}

const prefilterCache = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** Catalogue names and their aliases, plus the local names the catalogue's modules are imported under. */
function getPrefilterNames(sf: ts.SourceFile): ReadonlySet<string> {
  let names = prefilterCache.get(sf);
  if (names) return names;
  const set = new Set(getCandidateNames(sf, TIMEOUT_CLIENT_NAMES));
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && TIMEOUT_CLIENT_MODULES.has(statement.moduleSpecifier.text)) {
      const clause = statement.importClause;
      if (clause?.name) set.add(clause.name.text);
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) set.add(clause.namedBindings.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      set.add(statement.name.text);
    }
  }
  prefilterCache.set(sf, (names = set));
  return names;
}
