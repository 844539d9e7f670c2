import { ts } from '../../server/src/engine/typescript';
import { getCalleeName, getCandidateNames, getDeclaringModule, resolveSymbol, skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { defineRule, type RuleContext, type RuleFix } from '../api';
import {
  findTimeoutClient,
  getAxiosConfigIndex,
  TIMEOUT_CLIENT_MODULES,
  TIMEOUT_CLIENT_NAMES,
  type TimeoutClient,
} from '../catalog/timeout-clients';
import { getOptionsDeadline, type OptionsVerdict } from './deadline';
import { addOptions, combineSignal, type CallLike } from './fixes';

type MessageId = 'callWithoutDeadline' | 'signalWithoutDeadline' | 'clientWithoutDeadline' | 'addSignal' | 'combineSignal' | 'addOptions' | 'addClientOptions';

interface Options {
  /** Timeout in ms a fix inserts, per client (`fetch`, `undici`, `node-fetch`, `axios`, `got`, `pg`, `ioredis`); `timeouts.defaultMs` otherwise. */
  clientTimeouts: Record<string, number>;
}

type Ctx = RuleContext<MessageId, Options>;

export default defineRule<MessageId, Options>({
  id: 'missing-timeout',
  meta: {
    summary: 'Outbound I/O with no deadline',
    defaultSeverity: 'warning',
    requiresTypeChecking: true,
    messages: {
      callWithoutDeadline:
        '{{client}} has no deadline{{where}}: {{behaviour}}. While the dependency hangs, each call holds a socket, memory and the work waiting on it, and under load the backlog spreads to every caller upstream. {{advice}}.',
      signalWithoutDeadline:
        '{{client}} has a `signal` but no deadline{{where}}: nothing aborts it on a timer, and {{behaviour}}. While the dependency hangs, each call holds a socket, memory and the work waiting on it. Combine the signal with `AbortSignal.timeout(ms)` through `AbortSignal.any`.',
      clientWithoutDeadline:
        '{{client}} creates a client with no timeout, and every call through it inherits that: {{behaviour}}. One slow dependency then holds sockets, connections and the requests waiting on them until the callers upstream time out too. {{advice}}.',
      addSignal: 'Add `signal: AbortSignal.timeout({{ms}})`',
      combineSignal: 'Combine the signal with `AbortSignal.timeout({{ms}})`',
      addOptions: 'Add {{properties}}',
      addClientOptions: 'Add {{properties}} to the client (every call through it gets the deadline)',
    },
    options: { clientTimeouts: {} },
  },
  visit: {
    CallExpression: (node: ts.CallExpression, ctx: Ctx) => checkCall(node, 'call', ctx),
    NewExpression: (node: ts.NewExpression, ctx: Ctx) => checkCall(node, 'new', ctx),
  },
});

// fetch(url), axios.get(url), axios.create({...}), new Pool({...}), new Redis(...): any callee whose
// last name is in the catalogue, or a local name a catalogue module was imported under
function checkCall(node: CallLike, construct: 'call' | 'new', ctx: Ctx): void {
  const name = getCalleeName(node.expression);
  if (name === undefined || !getPrefilterNames(ctx.sourceFile).has(name)) return;
  if (ctx.isToolingFile) return;
  const api = ctx.resolveApi(node.expression) ?? getGotShortcut(node.expression, ctx);
  if (!api) return;
  const client = findTimeoutClient(api.module, api.name, construct);
  if (!client) return;
  // Calls through an axios instance are judged where it was created; calls on a receiver of unknown
  // origin (an injected client) are not ours to judge.
  const isAxiosMember = client.client === 'axios' && !client.instance && api.name.startsWith('Axios.');
  if (isAxiosMember && !isDefaultAxios(node.expression, ctx)) return;
  if (node.arguments?.some((a) => ts.isSpreadElement(a))) return;

  const index = getOptionsIndex(node, client, api.name, ctx);
  if (index === undefined) return;
  const verdict = getOptionsDeadline(node.arguments?.[index], { checker: ctx.checker, keys: client.deadlineKeys, signal: client.signal });
  if (verdict.deadline !== 'no') return;
  if (client.client === 'axios' && hasDefaultsTimeout(node, isAxiosMember || !client.instance, ctx)) return;

  const ms = ctx.options.clientTimeouts?.[client.client] ?? ctx.timeouts.defaultMs;
  const path = client.instance ? undefined : ctx.requestPathTo(node);
  const data = {
    client: describeClient(node, client, ctx),
    where: path ? ` on ${path.route}` : '',
    behaviour: client.behaviour,
    advice: client.advice,
    ms: String(ms),
  };
  const messageId: MessageId = client.instance ? 'clientWithoutDeadline' : verdict.signalProperty ? 'signalWithoutDeadline' : 'callWithoutDeadline';
  ctx.report({ node: node.expression, messageId, data, related: path?.chain, fixes: [planFix(node, index, client, verdict, ms)] });
}

function planFix(node: CallLike, index: number, client: TimeoutClient, verdict: OptionsVerdict, ms: number): RuleFix<MessageId> {
  if (verdict.signalProperty) {
    const prop = verdict.signalProperty;
    return { messageId: 'combineSignal', data: { ms: String(ms) }, safety: 'unsafe', preferred: true, apply: (fixer) => combineSignal(prop, ms, fixer) };
  }
  if (client.fix.kind === 'signal') {
    return {
      messageId: 'addSignal',
      data: { ms: String(ms) },
      safety: 'unsafe',
      preferred: true,
      apply: (fixer) => addOptions(node, index, [['signal', `AbortSignal.timeout(${ms})`]], fixer),
    };
  }
  const props = client.fix.properties.map((p): [string, string] => [p, client.client === 'got' ? `{ request: ${ms} }` : String(ms)]);
  return {
    messageId: client.instance ? 'addClientOptions' : 'addOptions',
    data: { properties: props.map(([p, v]) => `\`${p}: ${v}\``).join(' and '), ms: String(ms) },
    safety: 'unsafe',
    preferred: true,
    apply: (fixer) => addOptions(node, index, props, fixer),
  };
}

// got.get(url), got.post(url, options): got's shortcuts are properties of its type, not declarations
function getGotShortcut(callee: ts.Expression, ctx: Ctx): { module: string; name: string } | undefined {
  const e = skipOuterExpressions(callee);
  if (!ts.isPropertyAccessExpression(e) || !GOT_SHORTCUTS.has(e.name.text)) return undefined;
  const owner = ctx.resolveApi(e.expression);
  return owner?.module === 'got' && (owner.name === 'got' || owner.name === 'default') ? owner : undefined;
}

const GOT_SHORTCUTS = new Set(['get', 'post', 'put', 'patch', 'head', 'delete']);

/** Which argument holds the options, or undefined when the call shape is not one we judge. */
function getOptionsIndex(node: CallLike, client: TimeoutClient, apiName: string, ctx: Ctx): number | undefined {
  const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  switch (client.options) {
    case 'axios-method':
      if (apiName.startsWith('Axios.')) return getAxiosConfigIndex(apiName.slice('Axios.'.length));
      // axios(config) or axios(url, config)
      return args[0] && isStringTyped(args[0], ctx) ? 1 : 0;
    case 'last-object': {
      for (let i = args.length - 1; i >= 0; i--) if (!isStringTyped(args[i], ctx) && !isNumberTyped(args[i], ctx)) return i;
      return args.length;
    }
    default:
      return client.options;
  }
}

function isStringTyped(e: ts.Expression, ctx: Ctx): boolean {
  const s = skipOuterExpressions(e);
  if (ts.isStringLiteralLike(s) || ts.isTemplateExpression(s)) return true;
  return (ctx.checker.getTypeAtLocation(e).getFlags() & ts.TypeFlags.StringLike) !== 0 || isUrlTyped(e, ctx);
}

function isUrlTyped(e: ts.Expression, ctx: Ctx): boolean {
  return ctx.checker.getTypeAtLocation(e).getSymbol()?.getName() === 'URL';
}

function isNumberTyped(e: ts.Expression, ctx: Ctx): boolean {
  return (ctx.checker.getTypeAtLocation(e).getFlags() & ts.TypeFlags.NumberLike) !== 0;
}

/** `axios.get` on the package's default instance (however it was imported), not on an `axios.create` instance. */
function isDefaultAxios(callee: ts.Expression, ctx: Ctx): boolean {
  const e = skipOuterExpressions(callee);
  if (!ts.isPropertyAccessExpression(e)) return false;
  const decl = resolveSymbol(ctx.checker, e.expression)?.valueDeclaration;
  return decl !== undefined && getDeclaringModule(decl) === 'axios';
}

/**
 * `axios.defaults.timeout = ms` anywhere in the program covers the default instance (and instances
 * created from it); `api.defaults.timeout = ms` covers the instance `api` created at `node`.
 */
function hasDefaultsTimeout(node: CallLike, onDefault: boolean, ctx: Ctx): boolean {
  const assignments = getDefaultsTimeoutAssignments(ctx.program, ctx.checker);
  if (assignments.some((a) => a.module === 'axios')) return true;
  if (onDefault) return false;
  const holder = node.parent && ts.isVariableDeclaration(node.parent) ? ctx.checker.getSymbolAtLocation(node.parent.name) : undefined;
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
    if (sf.isDeclarationFile || !sf.text.includes('defaults.timeout')) continue;
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

/** As written, with the package when the name alone does not say it: `fetch`, `axios.get`, `new Pool` (pg). */
function describeClient(node: CallLike, client: TimeoutClient, ctx: Ctx): string {
  const written = node.expression.getText(ctx.sourceFile);
  const text = written.length <= 40 ? written : getCalleeName(node.expression) ?? client.client;
  const shown = ts.isNewExpression(node) ? `new ${text}` : text;
  return shown.toLowerCase().includes(client.client.toLowerCase()) ? `\`${shown}\`` : `\`${shown}\` (${client.client})`;
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
