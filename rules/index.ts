/**
 * The rule registry: one import line per rule. A test checks that every folder under rules/ with an
 * index.ts is registered here, has a README.md docs page and fixtures.
 */
import type { Rule } from './api';
import handlerMemoryState from './handler-memory-state';
import missingTimeout from './missing-timeout';
import nPlusOneQuery from './n-plus-one-query';
import syncBlockingCall from './sync-blocking-call';

export const RULES: readonly Rule[] = [syncBlockingCall, handlerMemoryState, missingTimeout, nPlusOneQuery];
