import { ts } from 'ts-morph';
import type { RuleFix } from '../api';
import type { Iteration } from './iteration';
import type { QueryHit } from './queries';
import type { Ctx, MessageId } from './index';

export function planBatchFix(_anchor: ts.CallExpression | ts.AwaitExpression, _it: Iteration, _query: QueryHit, _ctx: Ctx): RuleFix<MessageId> | undefined {
  return undefined;
}
