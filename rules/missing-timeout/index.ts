import { ts } from '../../server/src/engine/typescript';
import { getCalleeName } from '../../server/src/engine/api-resolve';
import { defineRule, type RuleContext, type RuleFix } from '../api';
import type { TimeoutClient } from '../catalog/timeout-clients';
import { getOptionsDeadline, type OptionsVerdict } from './deadline';
import { isBrowserCode } from './browser-code';
import { addDefaultBefore, addOptions, chainMethod, combineSignal, type CallLike } from './fixes';
import { getDeadlineQuery, judgeCall, type OptionsPlacement } from './judge';
import { findWrapper, getWrapperName, type Wrapper } from './wrappers';

type MessageId = 'callWithoutDeadline' | 'signalWithoutDeadline' | 'clientWithoutDeadline' | 'wrapperWithoutDeadline' | 'addSignal' | 'combineSignal' | 'addOptions' | 'addClientOptions' | 'addCall' | 'addWrapperDefault';

interface Options {
  /** Timeout in ms a fix inserts, per client (its `client` name in rules/catalog/timeout-clients.ts); `timeouts.defaultMs` otherwise. */
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
      wrapperWithoutDeadline:
        '`{{wrapper}}` passes these options on to {{client}}{{what}}{{where}}: {{behaviour}}. While the dependency hangs, each call holds a socket, memory and the work waiting on it, and under load the backlog spreads to every caller upstream. {{advice}}.',
      addSignal: 'Add `signal: AbortSignal.timeout({{ms}})`',
      combineSignal: 'Combine the signal with `AbortSignal.timeout({{ms}})`',
      addOptions: 'Add {{properties}}',
      addClientOptions: 'Add {{properties}} to the client (every call through it gets the deadline)',
      addCall: 'Chain `{{call}}`',
      addWrapperDefault: 'Give `{{wrapper}}` a default deadline (every caller gets it; one a caller passes still wins)',
    },
    options: { clientTimeouts: {} },
  },
  visit: {
    CallExpression: (node: ts.CallExpression, ctx: Ctx) => checkCall(node, 'call', ctx),
    NewExpression: (node: ts.NewExpression, ctx: Ctx) => checkCall(node, 'new', ctx),
  },
});

function checkCall(node: CallLike, construct: 'call' | 'new', ctx: Ctx): void {
  if (ctx.isToolingFile || isBrowserCode(ctx.sourceFile)) return;
  const judgement = judgeCall(node, construct, ctx);
  if (!judgement) {
    checkWrapperCall(node, ctx);
    return;
  }
  const { client, placement, verdict } = judgement;
  if (verdict.deadline !== 'no') return;
  const ms = getTimeoutMs(client, ctx);
  const path = client.instance ? undefined : ctx.requestPathTo(node);
  const data = {
    client: describeClient(node, client),
    where: path ? ` on ${path.route}` : '',
    behaviour: client.behaviour,
    advice: client.advice,
    ms: String(ms),
  };
  const messageId: MessageId = client.instance ? 'clientWithoutDeadline' : verdict.signalProperty ? 'signalWithoutDeadline' : 'callWithoutDeadline';
  ctx.report({ node: node.expression, messageId, data, related: path?.chain, fixes: [planFix(node, placement, client, verdict, ms)] });
}

/** `fetchJson(url)` where `fetchJson` passes its `init` parameter on to fetch: judged here, with what this call passes. */
function checkWrapperCall(node: CallLike, ctx: Ctx): void {
  const wrapper = findWrapper(node, ctx);
  const args = node.arguments ?? [];
  if (!wrapper || args.slice(0, wrapper.index + 1).some((a) => ts.isSpreadElement(a))) return;
  const arg = args[wrapper.index];
  const { client } = wrapper;
  const verdict = getOptionsDeadline(arg ?? wrapper.parameter.initializer, getDeadlineQuery(client, ctx.checker));
  if (verdict.deadline !== 'no') return;
  const ms = getTimeoutMs(client, ctx);
  const path = ctx.requestPathTo(node);
  const data = {
    wrapper: `${getCalleeName(node.expression)}()`,
    client: describeClient(wrapper.inner, client),
    what: client.instance ? ', which creates a client with no timeout' : ', which then has no deadline',
    where: path ? ` on ${path.route}` : '',
    behaviour: client.behaviour,
    advice: client.advice,
  };
  const inner = wrapper.inner.expression;
  const sf = inner.getSourceFile();
  const related = [...(path?.chain ?? []), { file: sf.fileName, start: inner.getStart(sf), end: inner.end, label: 'the options are passed on here' }];
  // The fix adds to what the caller passes, so the parameter's type must take the option.
  const fix = planFix(node, { index: wrapper.index }, client, arg ? verdict : { deadline: 'no' }, ms);
  const accepts = getFixedOptionNames(client, verdict).every((name) => ctx.checker.getNonNullableType(ctx.checker.getTypeAtLocation(wrapper.parameter)).getProperty(name));
  ctx.report({ node: node.expression, messageId: 'wrapperWithoutDeadline', data, related, fixes: [...(accepts ? [fix] : []), planWrapperFix(wrapper, ms)] });
}

/** The deadline as a default inside the wrapper: every caller gets it, and a caller's own still wins. */
function planWrapperFix(wrapper: Wrapper, ms: number): RuleFix<MessageId> {
  const props = getFixProperties(wrapper.client, ms);
  return {
    messageId: 'addWrapperDefault',
    data: { wrapper: `${getWrapperName(wrapper.fn)}()` },
    safety: 'unsafe',
    apply: (fixer) => addDefaultBefore(wrapper.parameter, wrapper.innerOptions, props, fixer),
  };
}

/** The top-level options a fix sets. */
function getFixedOptionNames(client: TimeoutClient, verdict: OptionsVerdict): string[] {
  return verdict.signalProperty ? ['signal'] : getFixProperties(client, 0).map(([p]) => p.split('.')[0]);
}

/** The options a client's fix sets, with their values (none for a fix that chains a method). */
function getFixProperties(client: TimeoutClient, ms: number): [string, string][] {
  if (client.fix.kind === 'signal') return [['signal', `AbortSignal.timeout(${ms})`]];
  if (client.fix.kind !== 'properties') return [];
  const value = (client.fix.value ?? 'MS').replace('MS', String(ms));
  return client.fix.properties.map((p) => [p, value]);
}

function getTimeoutMs(client: TimeoutClient, ctx: Ctx): number {
  return ctx.options.clientTimeouts?.[client.client] ?? ctx.timeouts.defaultMs;
}

function planFix(node: CallLike, placement: OptionsPlacement, client: TimeoutClient, verdict: OptionsVerdict, ms: number): RuleFix<MessageId> {
  const { index, insert } = placement;
  if (verdict.signalProperty) {
    const prop = verdict.signalProperty;
    return { messageId: 'combineSignal', data: { ms: String(ms) }, safety: 'unsafe', preferred: true, apply: (fixer) => combineSignal(prop, ms, fixer) };
  }
  const props = getFixProperties(client, ms);
  if (client.fix.kind === 'signal') {
    return { messageId: 'addSignal', data: { ms: String(ms) }, safety: 'unsafe', preferred: true, apply: (fixer) => addOptions(node, index, props, fixer, insert) };
  }
  if (client.fix.kind === 'method') {
    const call = `.${client.fix.method}(${ms})`;
    return { messageId: 'addCall', data: { call }, safety: 'unsafe', preferred: true, apply: (fixer) => [chainMethod(node, call, fixer)] };
  }
  return {
    messageId: client.instance ? 'addClientOptions' : 'addOptions',
    data: { properties: props.map(([p, v]) => `\`${p}: ${v}\``).join(' and '), ms: String(ms) },
    safety: 'unsafe',
    preferred: true,
    apply: (fixer) => addOptions(node, index, props, fixer, insert),
  };
}

/** As written, with the package when the name alone does not say it: `fetch`, `axios.get`, `new Pool` (pg). */
function describeClient(node: CallLike, client: TimeoutClient): string {
  const written = node.expression.getText(node.getSourceFile()).replace(/\s+/g, '');
  const text = written.length <= 40 ? written : getCalleeName(node.expression) ?? client.client;
  const shown = ts.isNewExpression(node) ? `new ${text}` : text;
  return shown.toLowerCase().includes(client.client.toLowerCase()) ? `\`${shown}\`` : `\`${shown}\` (${client.client})`;
}

