// The one place strategies call a model: it checks the budget before each call, charges tokens and
// cost after it, and records the call (role, purpose, prompt, output) in the trace.
import type { LanguageModelV3, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { Budget, type BudgetLimits } from '../agent/index.js';
import { estimateCost } from '../model/index.js';
import type { CallRole, ReasoningCall, ReasoningResult, ReasoningStopReason } from './reasoning-result.js';
import { ReasoningStop } from './reasoning-stop.js';

export interface ReasoningOptions {
  model: LanguageModelV3;
  /** 'provider:model' for prices; default: the model's provider and id. */
  modelName?: string;
  /** What this strategy run may spend (steps = model calls). */
  limits?: BudgetLimits;
  /** An enclosing run's budget (an agent, a team, an eval): this run draws from it. */
  parentBudget?: Budget;
  signal?: AbortSignal;
  /** System instructions added to every call. */
  instructions?: string;
  maxOutputTokens?: number;
}

export interface AskOptions {
  system?: string;
  temperature?: number;
  /** Another model for this call (a judge, a cheaper proposer); charged to the same budget. */
  model?: LanguageModelV3;
  modelName?: string;
}

export interface ReasoningContext {
  readonly budget: Budget;
  readonly trace: ReasoningCall[];
  ask(role: CallRole, purpose: string, prompt: string, options?: AskOptions): Promise<string>;
  /** Records a tool run (no model call) in the trace and charges one tool call. */
  recordTool(purpose: string, input: string, output: string): void;
  /** Records a call to something other than a model (a reward-model endpoint); charges nothing. */
  recordExternal(role: CallRole, purpose: string, input: string, output: string): void;
  /** Throws ReasoningStop when the budget (or the signal) does not allow another model call. */
  checkBudget(): void;
}

export function createReasoningContext(options: ReasoningOptions): ReasoningContext {
  const { model, limits = {}, parentBudget, signal, instructions, maxOutputTokens } = options;
  const modelName = options.modelName ?? `${model.provider.split('.')[0]}:${model.modelId}`;
  const budget = parentBudget ? parentBudget.child(limits) : new Budget(limits);
  const trace: ReasoningCall[] = [];

  function checkBudget(): void {
    if (signal?.aborted) throw new ReasoningStop('aborted', 'The run was aborted by its signal.');
    const exhaustion = budget.exhausted();
    if (exhaustion) throw ReasoningStop.fromExhaustion(exhaustion);
  }

  return {
    budget,
    trace,
    checkBudget,
    async ask(role, purpose, prompt, askOptions = {}) {
      checkBudget();
      const system = [instructions, askOptions.system].filter(Boolean).join('\n\n');
      const messages: LanguageModelV3Prompt = [];
      if (system) messages.push({ role: 'system', content: system });
      messages.push({ role: 'user', content: [{ type: 'text', text: prompt }] });
      const callModel = askOptions.model ?? model;
      const callModelName =
        askOptions.modelName ??
        (askOptions.model ? `${callModel.provider.split('.')[0]}:${callModel.modelId}` : modelName);
      const result = await callModel.doGenerate({
        prompt: messages,
        temperature: askOptions.temperature,
        maxOutputTokens,
        abortSignal: signal,
      });
      let output = '';
      for (const part of result.content) if (part.type === 'text') output += part.text;
      const inputTokens = result.usage.inputTokens.total ?? 0;
      const outputTokens = result.usage.outputTokens.total ?? 0;
      const costUsd = estimateCost({ model: callModelName, inputTokens, outputTokens });
      budget.charge({ steps: 1, inputTokens, outputTokens, costUsd });
      trace.push({ index: trace.length, role, purpose, prompt, output, inputTokens, outputTokens, costUsd });
      return output;
    },
    recordTool(purpose, input, output) {
      budget.charge({ toolCalls: 1 });
      trace.push(externalCall(trace.length, 'tool', purpose, input, output));
    },
    recordExternal(role, purpose, input, output) {
      trace.push(externalCall(trace.length, role, purpose, input, output));
    },
  };
}

export interface StrategyOutcome<Answer> {
  answer: Answer | undefined;
  stopReason: ReasoningStopReason;
  stopMessage: string;
}

/**
 * Runs a strategy's body; a budget stop or an abort becomes a result whose answer is the best one
 * the body recorded in `partial` so far.
 */
export async function runReasoning<Answer, Extra extends object = object>(
  context: ReasoningContext,
  body: (partial: { answer?: Answer; extra?: Extra }) => Promise<StrategyOutcome<Answer> & { extra?: Extra }>,
): Promise<ReasoningResult<Answer> & Partial<Extra>> {
  const partial: { answer?: Answer; extra?: Extra } = {};
  let outcome: StrategyOutcome<Answer> & { extra?: Extra };
  try {
    outcome = await body(partial);
  } catch (error) {
    if (!ReasoningStop.isInstance(error)) throw error;
    outcome = {
      answer: partial.answer,
      stopReason: error.reason,
      stopMessage: error.message,
      extra: partial.extra,
    };
  }
  return {
    ...(outcome.extra ?? {}),
    answer: outcome.answer,
    stopReason: outcome.stopReason,
    stopMessage: outcome.stopMessage,
    trace: context.trace,
    usage: { ...context.budget.used },
  } as ReasoningResult<Answer> & Partial<Extra>;
}

function externalCall(
  index: number,
  role: CallRole,
  purpose: string,
  prompt: string,
  output: string,
): ReasoningCall {
  return { index, role, purpose, prompt, output, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}
