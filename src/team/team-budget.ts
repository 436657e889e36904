// The team's one budget: a root `Budget` (the agent runtime's) that every member run draws from,
// sub-budgets carved from it, a ledger of who spent what, and the admission check that refuses a
// model call before it is made when it could take any budget on its chain past its limit.
import { Budget, type BudgetKind, type BudgetLimits, type BudgetUsage } from '../agent/index.js';
import { priceFor } from '../model/index.js';

export interface AgentUsage extends BudgetUsage {
  /** Member runs of this agent (a worker delegated to three times has three). */
  runs: number;
}

export type TeamUsage = BudgetUsage & { elapsedMs: number };

export type Overrun = Record<BudgetKind, number>;

export interface Admission {
  ok: boolean;
  /** The output tokens the call may produce (only set when a token or cost limit binds). */
  maxOutputTokens?: number;
  /** When refused: which limit, on which budget, and what the call needed. */
  kind?: BudgetKind;
  limit?: number;
  used?: number;
  needed?: number;
  owner?: 'team' | 'sub-budget';
}

export function emptyAgentUsage(): AgentUsage {
  return { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, toolCalls: 0, runs: 0 };
}

/** Characters per token assumed for the input estimate: English prose runs ~4, JSON framing adds more. */
const charactersPerToken = 3;

/** A conservative count of a prompt's input tokens (its JSON form, three characters a token). */
export function estimateInputTokens(prompt: unknown): number {
  return Math.ceil(JSON.stringify(prompt).length / charactersPerToken);
}

export class TeamBudget {
  readonly root: Budget;
  readonly ledger = new Map<string, AgentUsage>();

  constructor(
    readonly limits: BudgetLimits,
    options: { used?: BudgetUsage; elapsedBeforeMs?: number; ledger?: Record<string, AgentUsage> } = {},
  ) {
    this.root = new Budget(limits, undefined, options.elapsedBeforeMs ?? 0);
    if (options.used) Object.assign(this.root.used, options.used);
    for (const [name, usage] of Object.entries(options.ledger ?? {})) this.ledger.set(name, { ...usage });
  }

  /** A sub-budget under `parent` (the team's root by default); nothing it spends escapes the parent's limits. */
  carve(limits: BudgetLimits = {}, parent: Budget = this.root): Budget {
    return parent.child(limits);
  }

  account(agent: string): AgentUsage {
    let usage = this.ledger.get(agent);
    if (!usage) {
      usage = emptyAgentUsage();
      this.ledger.set(agent, usage);
    }
    return usage;
  }

  /**
   * Whether one more model call may be made from `node`: one step, the prompt's input tokens and
   * at least one output token must fit in every budget from `node` up to the team's. The output
   * tokens it may produce are capped to what is left (passed to the backend as maxOutputTokens).
   */
  admit(node: Budget, prompt: unknown, modelName: string, requestedOutput?: number): Admission {
    let input: number | undefined;
    const price = priceFor(modelName);
    const inPrice = (price?.inputPerMillion ?? 0) / 1e6;
    const outPrice = (price?.outputPerMillion ?? 0) / 1e6;
    let room = Number.POSITIVE_INFINITY;
    for (let budget: Budget | undefined = node; budget; budget = budget.parent) {
      const { limits, used } = budget;
      const owner = budget === this.root ? 'team' : 'sub-budget';
      const refuse = (kind: BudgetKind, limit: number, spent: number, needed: number): Admission => ({
        ok: false,
        kind,
        limit,
        used: spent,
        needed,
        owner,
      });
      if (limits.steps !== undefined && used.steps + 1 > limits.steps)
        return refuse('steps', limits.steps, used.steps, 1);
      if (limits.durationMs !== undefined && budget.elapsedMs() >= limits.durationMs)
        return refuse('durationMs', limits.durationMs, budget.elapsedMs(), 0);
      const tokenLimited =
        limits.inputTokens !== undefined ||
        limits.outputTokens !== undefined ||
        limits.totalTokens !== undefined ||
        (limits.costUsd !== undefined && (inPrice > 0 || outPrice > 0));
      if (!tokenLimited) continue;
      input ??= estimateInputTokens(prompt);
      if (limits.inputTokens !== undefined && used.inputTokens + input > limits.inputTokens)
        return refuse('inputTokens', limits.inputTokens, used.inputTokens, input);
      if (limits.outputTokens !== undefined) room = Math.min(room, limits.outputTokens - used.outputTokens);
      if (limits.totalTokens !== undefined)
        room = Math.min(room, limits.totalTokens - used.inputTokens - used.outputTokens - input);
      if (limits.totalTokens !== undefined && room < 1)
        return refuse('totalTokens', limits.totalTokens, used.inputTokens + used.outputTokens, input + 1);
      if (limits.outputTokens !== undefined && room < 1)
        return refuse('outputTokens', limits.outputTokens, used.outputTokens, 1);
      if (limits.costUsd !== undefined && (inPrice > 0 || outPrice > 0)) {
        const left = limits.costUsd - used.costUsd - input * inPrice;
        const affordable = outPrice > 0 ? Math.floor(left / outPrice) : left >= 0 ? room : -1;
        if (affordable < 1)
          return refuse('costUsd', limits.costUsd, used.costUsd, input * inPrice + outPrice);
        room = Math.min(room, affordable);
      }
    }
    if (room === Number.POSITIVE_INFINITY) return { ok: true, maxOutputTokens: requestedOutput };
    return { ok: true, maxOutputTokens: Math.min(requestedOutput ?? room, room) };
  }

  usage(): TeamUsage {
    return { ...this.root.used, elapsedMs: this.root.elapsedMs() };
  }

  /** How far past each team limit the run went: all zeros unless a backend ignored maxOutputTokens. */
  overrun(): Overrun {
    const { used } = this.root;
    const over = (limit: number | undefined, value: number) =>
      limit === undefined ? 0 : Math.max(0, value - limit);
    const l = this.limits;
    return {
      steps: over(l.steps, used.steps),
      inputTokens: over(l.inputTokens, used.inputTokens),
      outputTokens: over(l.outputTokens, used.outputTokens),
      totalTokens: over(l.totalTokens, used.inputTokens + used.outputTokens),
      costUsd: over(l.costUsd, used.costUsd),
      toolCalls: over(l.toolCalls, used.toolCalls),
      durationMs: over(l.durationMs, this.root.elapsedMs()),
    };
  }

  ledgerObject(): Record<string, AgentUsage> {
    return Object.fromEntries([...this.ledger].map(([name, usage]) => [name, { ...usage }]));
  }
}
