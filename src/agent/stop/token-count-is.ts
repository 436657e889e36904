import type { StopCondition } from './stop-condition.js';

/** Stops when the run's input, output or total tokens reach a limit. */
export function tokenCountIs(limits: { input?: number; output?: number; total?: number }): StopCondition {
  return function tokenCount({ usage }) {
    const checks: [string, number, number | undefined][] = [
      ['input', usage.inputTokens, limits.input],
      ['output', usage.outputTokens, limits.output],
      ['total', usage.inputTokens + usage.outputTokens, limits.total],
    ];
    for (const [kind, used, limit] of checks) {
      if (limit !== undefined && used >= limit) {
        return { reason: 'token-limit', message: `The run used ${used} ${kind} tokens (limit ${limit}).` };
      }
    }
    return undefined;
  };
}
