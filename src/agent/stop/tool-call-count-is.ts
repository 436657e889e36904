import type { StopCondition } from './stop-condition.js';

/** Stops after `maximum` executed tool calls. */
export function toolCallCountIs(maximum: number): StopCondition {
  return function toolCallCount({ usage }) {
    if (usage.toolCalls < maximum) return undefined;
    return {
      reason: 'tool-call-limit',
      message: `The run made ${usage.toolCalls} tool calls (limit ${maximum}).`,
    };
  };
}
