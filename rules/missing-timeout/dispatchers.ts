/**
 * undici dispatchers: an `Agent`, `Pool` or `Client` made with `headersTimeout`/`bodyTimeout` gives a
 * deadline to the requests it carries, whether passed as `dispatcher` or installed with `setGlobalDispatcher`.
 * undici's defaults are 300 s each (undici/types/client.d.ts; lib/dispatcher/client.js: `300e3`).
 */
import { ts } from '../../server/src/engine/typescript';
import { resolveApi, skipOuterExpressions } from '../../server/src/engine/api-resolve';
import { fileMentions } from '../../server/src/engine/program-files';
import { getConstInitializer, getOptionsDeadline, type Deadline } from './deadline';

const DISPATCHER_CLASSES = ['Agent', 'Pool', 'Client', 'BalancedPool', 'RetryAgent', 'ProxyAgent', 'EnvHttpProxyAgent'];
const DISPATCHER_DEADLINE_KEYS = ['headersTimeout', 'bodyTimeout'];

/** `dispatcher: agent` where `agent` is `new Agent({ headersTimeout })`: yes; made without one: no; anything else: unknown. */
export function getDispatcherDeadline(value: ts.Expression, checker: ts.TypeChecker): Deadline {
  let e = skipOuterExpressions(value);
  e = getConstInitializer(e, checker) ?? e;
  e = skipOuterExpressions(e);
  if (!ts.isNewExpression(e)) return 'unknown';
  const api = resolveApi(checker, e.expression);
  if (api?.module !== 'undici' || !DISPATCHER_CLASSES.includes(api.name)) return 'unknown';
  const args = e.arguments ?? [];
  // new Agent(options), new Pool(origin, options)
  const options = args.length > 0 ? args[args.length - 1] : undefined;
  return getOptionsDeadline(options, { checker, keys: DISPATCHER_DEADLINE_KEYS, signal: false }).deadline;
}

const globalCache = new WeakMap<ts.Program, boolean>();

/** `setGlobalDispatcher(<dispatcher with a deadline>)` anywhere in the program: it carries every fetch. */
export function hasGlobalDispatcherDeadline(program: ts.Program, checker: ts.TypeChecker): boolean {
  let found = globalCache.get(program);
  if (found !== undefined) return found;
  found = false;
  for (const sf of program.getSourceFiles()) {
    if (found) break;
    if (sf.isDeclarationFile || !fileMentions(sf, 'setGlobalDispatcher')) continue;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n) && n.arguments[0] && resolveApi(checker, n.expression)?.name === 'setGlobalDispatcher') {
        found = getDispatcherDeadline(n.arguments[0], checker) === 'yes';
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  globalCache.set(program, found);
  return found;
}
