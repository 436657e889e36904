// Budgets: what a run may spend (steps, tokens, dollars, time, tool calls). A nested agent's budget
// is a child: everything it spends is charged to its parent too, and it stops when either runs out.
import type { ToolBudget } from '../tool/index.js';

export interface BudgetLimits {
  steps?: number;
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  costUsd?: number;
  durationMs?: number;
  toolCalls?: number;
}

export interface BudgetUsage {
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  toolCalls: number;
}

export type BudgetKind = keyof BudgetLimits;

export interface BudgetExhaustion {
  kind: BudgetKind;
  limit: number;
  used: number;
  /** 'own' when this budget ran out, 'parent' when an enclosing agent's did. */
  owner: 'own' | 'parent';
}

const budgetMarker = Symbol.for('gantry.budget');

export class Budget implements ToolBudget {
  readonly [budgetMarker] = true;
  readonly used: BudgetUsage = { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, toolCalls: 0 };

  constructor(
    readonly limits: BudgetLimits = {},
    readonly parent?: Budget,
    /** Milliseconds already spent before this process (a resumed run). */
    private readonly elapsedBeforeMs = 0,
    private readonly startedAt = Date.now(),
  ) {}

  static isBudget(value: unknown): value is Budget {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[budgetMarker] === true
    );
  }

  child(limits: BudgetLimits = {}, elapsedBeforeMs = 0): Budget {
    return new Budget(limits, this, elapsedBeforeMs);
  }

  charge(delta: Partial<BudgetUsage>): void {
    this.used.steps += delta.steps ?? 0;
    this.used.inputTokens += delta.inputTokens ?? 0;
    this.used.outputTokens += delta.outputTokens ?? 0;
    this.used.costUsd += delta.costUsd ?? 0;
    this.used.toolCalls += delta.toolCalls ?? 0;
    this.parent?.charge(delta);
  }

  elapsedMs(now = Date.now()): number {
    return this.elapsedBeforeMs + now - this.startedAt;
  }

  /** The first limit reached, here or in an enclosing budget. */
  exhausted(now = Date.now()): BudgetExhaustion | undefined {
    const own = this.ownExhaustion(now);
    if (own) return own;
    const inherited = this.parent?.exhausted(now);
    return inherited ? { ...inherited, owner: 'parent' } : undefined;
  }

  /** Whether `kind` would stay within every limit after adding `amount` (used before a tool call). */
  allows(kind: 'toolCalls' | 'steps', amount = 1): boolean {
    const limit = this.limits[kind];
    if (limit !== undefined && this.used[kind] + amount > limit) return false;
    return this.parent ? this.parent.allows(kind, amount) : true;
  }

  snapshot() {
    return { used: { ...this.used, elapsedMs: this.elapsedMs() }, limits: { ...this.limits } };
  }

  private ownExhaustion(now: number): BudgetExhaustion | undefined {
    const { limits, used } = this;
    const checks: [BudgetKind, number][] = [
      ['steps', used.steps],
      ['inputTokens', used.inputTokens],
      ['outputTokens', used.outputTokens],
      ['totalTokens', used.inputTokens + used.outputTokens],
      ['costUsd', used.costUsd],
      ['toolCalls', used.toolCalls],
      ['durationMs', this.elapsedMs(now)],
    ];
    for (const [kind, value] of checks) {
      const limit = limits[kind];
      if (limit !== undefined && value >= limit) return { kind, limit, used: value, owner: 'own' };
    }
    return undefined;
  }
}
