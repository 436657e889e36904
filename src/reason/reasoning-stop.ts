// Thrown inside a strategy when its budget runs out (or its signal aborts) before a model call; the
// strategy's runner turns it into a result with a typed stopReason and the best answer so far.
import type { BudgetExhaustion } from '../agent/index.js';
import type { ReasoningStopReason } from './reasoning-result.js';

const stopMarker = Symbol.for('gantry.reasoning-stop');

export class ReasoningStop extends Error {
  readonly [stopMarker] = true;

  constructor(
    readonly reason: ReasoningStopReason,
    message: string,
  ) {
    super(message);
    this.name = 'ReasoningStop';
  }

  static isInstance(value: unknown): value is ReasoningStop {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[stopMarker] === true
    );
  }

  static fromExhaustion(exhaustion: BudgetExhaustion): ReasoningStop {
    const reason = reasonOf(exhaustion.kind);
    const whose = exhaustion.owner === 'parent' ? "the enclosing run's" : 'the';
    return new ReasoningStop(
      reason,
      `Stopped before the next model call: ${whose} ${exhaustion.kind} limit of ${exhaustion.limit} was reached (used ${round(exhaustion.used)}).`,
    );
  }
}

function reasonOf(kind: BudgetExhaustion['kind']): ReasoningStopReason {
  if (kind === 'steps' || kind === 'toolCalls') return 'step-limit';
  if (kind === 'costUsd') return 'cost-limit';
  if (kind === 'durationMs') return 'time-limit';
  return 'token-limit';
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
