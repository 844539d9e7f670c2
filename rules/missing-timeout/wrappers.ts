/**
 * Project functions that pass a parameter on as a client's options (`fetchJson(url, init)` calling
 * `fetch(url, init)`, `makeClient(config)` calling `axios.create(config)`). Inside them the deadline is
 * unknown, so they are not reported there; their callers are, when what they pass has none.
 */
import { ts } from '../../server/src/engine/typescript';
import { getCalleeName, projectSourceFiles } from '../../server/src/engine/api-resolve';
import { PerFileCache } from '../../server/src/engine/program-files';
import { isFunctionLike, resolveProjectFunction } from '../../server/src/engine/request-paths';
import { TIMEOUT_CLIENT_MODULES, type TimeoutClient } from '../catalog/timeout-clients';
import type { CallLike } from './fixes';
import { judgeCall, type Judge } from './judge';

export interface Wrapper {
  fn: ts.FunctionLikeDeclaration;
  parameter: ts.ParameterDeclaration;
  /** The parameter's position: where callers pass the options. */
  index: number;
  client: TimeoutClient;
  /** The client call inside the wrapper, and its options argument. */
  inner: CallLike;
  innerOptions: ts.Expression;
}

/** The wrapper `call` calls, or undefined. */
export function findWrapper(call: CallLike, judge: Judge): Wrapper | undefined {
  const name = getCalleeName(call.expression);
  const candidates = name === undefined ? undefined : getWrappers(judge).get(name);
  if (!candidates || !ts.isCallExpression(call)) return undefined;
  const fn = resolveProjectFunction(judge.checker, call.expression);
  return candidates.find((w) => w.fn === fn);
}

const wrapperCache = new WeakMap<ts.Program, Map<string, Wrapper[]>>();
const wrappersByFile = new PerFileCache<readonly (readonly [string, Wrapper])[]>();

// Files that may call a client: they import a catalogue module, call fetch, or mention gRPC.
const MAY_CALL_CLIENT = new RegExp(`\\bfetch\\(|grpc|ServiceClient|['"](node:)?(${[...TIMEOUT_CLIENT_MODULES].map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})['"]`, 'i');
const mayCallClientByFile = new WeakMap<ts.SourceFile, boolean>();

/** Whether a file's text may call a client: read once per file version, since every edit asks about every file. */
function mayCallClient(sf: ts.SourceFile): boolean {
  let may = mayCallClientByFile.get(sf);
  if (may === undefined) mayCallClientByFile.set(sf, (may = MAY_CALL_CLIENT.test(sf.text)));
  return may;
}

/** The program's wrappers by name; a file is searched again only when it or a file it imports changed. */
function getWrappers(judge: Judge): Map<string, Wrapper[]> {
  let wrappers = wrapperCache.get(judge.program);
  if (wrappers) return wrappers;
  wrappers = new Map();
  for (const sf of projectSourceFiles(judge.program)) {
    // A file that cannot call a client has no wrapper, whatever its imports declare.
    if (!mayCallClient(sf)) continue;
    for (const [name, wrapper] of wrappersByFile.get(sf, judge.program, () => wrappersIn(sf, judge))) {
      wrappers.set(name, [...(wrappers.get(name) ?? []), wrapper]);
    }
  }
  wrapperCache.set(judge.program, wrappers);
  return wrappers;
}

/** A file's named wrappers, with their names. */
function wrappersIn(sf: ts.SourceFile, judge: Judge): [string, Wrapper][] {
  const found: [string, Wrapper][] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const wrapper = getWrapperAround(n, judge);
      const name = wrapper && getWrapperName(wrapper.fn);
      if (name) found.push([name, wrapper]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function getWrapperAround(call: CallLike, judge: Judge): Wrapper | undefined {
  const judgement = judgeCall(call, ts.isNewExpression(call) ? 'new' : 'call', judge);
  const parameter = judgement?.verdict.deadline === 'unknown' ? judgement.verdict.parameter : undefined;
  if (!judgement || !parameter || parameter.dotDotDotToken || !isFunctionLike(parameter.parent)) return undefined;
  const fn = parameter.parent;
  const innerOptions = call.arguments?.[judgement.placement.index];
  if (!innerOptions) return undefined;
  return { fn, parameter, index: fn.parameters.indexOf(parameter), client: judgement.client, inner: call, innerOptions };
}

export function getWrapperName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  return (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}
