// A member's model behind the team's admission check: before each call it asks the team budget
// whether one more call fits (and caps maxOutputTokens to what is left); a call that does not fit
// is never made: the team stops with `budget` instead. After the call, the spend is attributed.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Budget } from '../agent/index.js';
import { estimateCost } from '../model/index.js';
import type { TeamBudget } from './team-budget.js';
import type { TeamStop } from './team-stop.js';

export interface GateContext {
  budget: TeamBudget;
  /** The budget the member's run draws from (a sub-budget or the team's root). */
  node: Budget;
  agent: string;
  modelName: string;
  /** Stops the whole team (first stop wins) and aborts every run in it. */
  halt(stop: TeamStop): void;
  signal: AbortSignal;
}

export class TeamHalted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamHalted';
  }
}

export function gateModel(model: LanguageModelV3, gate: GateContext): LanguageModelV3 {
  const admit = (
    options: LanguageModelV3CallOptions,
  ): { options: LanguageModelV3CallOptions; capped: boolean } => {
    if (gate.signal.aborted) throw new TeamHalted('The team has stopped.');
    const admission = gate.budget.admit(gate.node, options.prompt, gate.modelName, options.maxOutputTokens);
    if (!admission.ok) {
      const whose = admission.owner === 'team' ? "the team's" : `a sub-budget's`;
      const message = `${gate.agent}'s next model call would exceed ${whose} ${admission.kind} budget (${round(admission.used)} used of ${admission.limit}, the call needs ${round(admission.needed)}); it was not made.`;
      gate.halt({ reason: 'budget', message, agent: gate.agent });
      throw new TeamHalted(message);
    }
    if (admission.maxOutputTokens === undefined) return { options, capped: false };
    return {
      options: { ...options, maxOutputTokens: admission.maxOutputTokens },
      capped: admission.maxOutputTokens < (options.maxOutputTokens ?? Number.POSITIVE_INFINITY),
    };
  };
  // A reply cut short because the budget capped its length is where the team's money ran out.
  const checkCut = (capped: boolean, finishReason: string) => {
    if (!capped || finishReason !== 'length') return;
    gate.halt({
      reason: 'budget',
      message: `${gate.agent}'s reply was cut at the output tokens left in the budget.`,
      agent: gate.agent,
    });
  };
  const attribute = (usage: LanguageModelV3Usage | undefined) => {
    const account = gate.budget.account(gate.agent);
    const inputTokens = usage?.inputTokens.total ?? 0;
    const outputTokens = usage?.outputTokens.total ?? 0;
    account.steps++;
    account.inputTokens += inputTokens;
    account.outputTokens += outputTokens;
    account.costUsd += estimateCost({ model: gate.modelName, inputTokens, outputTokens });
  };
  return {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    async doGenerate(options) {
      const admitted = admit(options);
      const result = await model.doGenerate(admitted.options);
      attribute(result.usage);
      checkCut(admitted.capped, result.finishReason.unified);
      return result;
    },
    async doStream(options) {
      const admitted = admit(options);
      const result = await model.doStream(admitted.options);
      const stream = result.stream.pipeThrough(
        new TransformStream({
          transform(part, controller) {
            if (part.type === 'finish') {
              attribute(part.usage);
              checkCut(admitted.capped, part.finishReason.unified);
            }
            controller.enqueue(part);
          },
        }),
      );
      return { ...result, stream };
    },
  };
}

function round(value: number | undefined): number {
  return Math.round((value ?? 0) * 10_000) / 10_000;
}
