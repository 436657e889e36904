// Scorers over an agent's trajectory: task success, tool-call correctness, steps, cost and latency.
import { isDeepStrictEqual } from 'node:util';
import type { Scorer, ToolCallRecord, TrajectoryStep } from '../types.js';

export function toolCallsOf(trajectory: readonly TrajectoryStep[] | undefined): ToolCallRecord[] {
  return (trajectory ?? []).flatMap((step) =>
    step.kind === 'tool-call' && step.toolCall ? [step.toolCall] : [],
  );
}

/** True when every key of `expected` is present in `actual` with a matching value (recursively). */
export function argumentsMatch(expected: unknown, actual: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([key, value]) =>
      argumentsMatch(value, (actual as Record<string, unknown>)[key]),
    );
  }
  return isDeepStrictEqual(expected, actual);
}

/**
 * Of the expected calls (`vars.expectedToolCalls`: `{ toolName, input? }[]`), the share the agent made
 * (each actual call matches at most one expected call; `ordered` requires the same order).
 */
export function toolCallCorrectness({ ordered = false }: { ordered?: boolean } = {}): Scorer {
  return {
    name: 'tool-calls',
    score(example, output) {
      const expected = (example.vars?.expectedToolCalls ?? []) as { toolName: string; input?: unknown }[];
      const actual = toolCallsOf(output.trajectory);
      if (expected.length === 0)
        return { score: actual.length === 0 ? 1 : 0, reason: 'no tool calls expected' };
      const used = new Set<number>();
      let matched = 0;
      let from = 0;
      for (const call of expected) {
        const index = actual.findIndex(
          (a, i) =>
            i >= from &&
            !used.has(i) &&
            a.toolName === call.toolName &&
            (call.input === undefined || argumentsMatch(call.input, a.input)),
        );
        if (index >= 0) {
          used.add(index);
          matched++;
          if (ordered) from = index + 1;
        }
      }
      const score = matched / expected.length;
      return {
        score,
        pass: matched === expected.length,
        details: { matched, expected: expected.length, made: actual.length },
      };
    },
  };
}

/** Task success as the environment reported it (`metadata.reward`, else `metadata.success`). */
export function taskSuccess({ threshold = 1 }: { threshold?: number } = {}): Scorer {
  return {
    name: 'task-success',
    threshold,
    score(_example, output) {
      const reward = output.metadata?.reward;
      const value = typeof reward === 'number' ? reward : output.metadata?.success === true ? 1 : 0;
      return { score: value, pass: value >= threshold };
    },
  };
}

/** Passes when the agent used at most `maximum` tool calls; the score falls linearly past it. */
export function stepCount({ maximum }: { maximum: number }): Scorer {
  return {
    name: 'steps',
    score(_example, output) {
      const steps = toolCallsOf(output.trajectory).length;
      return { score: steps <= maximum ? 1 : maximum / steps, pass: steps <= maximum, details: { steps } };
    },
  };
}

export function costBelow({ maximumDollars }: { maximumDollars: number }): Scorer {
  return {
    name: 'cost',
    score(_example, output) {
      const cost = output.cost ?? 0;
      return { score: cost <= maximumDollars ? 1 : 0, pass: cost <= maximumDollars, details: { cost } };
    },
  };
}

export function latencyBelow({ maximumMs }: { maximumMs: number }): Scorer {
  return {
    name: 'latency',
    score(_example, _output, context) {
      const ok = context.latencyMs <= maximumMs;
      return { score: ok ? 1 : 0, pass: ok, details: { latencyMs: context.latencyMs } };
    },
  };
}
