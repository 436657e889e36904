// One entry point for every strategy by name (the CLI's --strategy, eval targets): a task, a model,
// tools and a budget in; a ReasoningResult out.
import { GantryError } from '../errors/index.js';
import type { AnyTool } from '../tool/index.js';
import { chainOfVerification } from './agentic/chain-of-verification.js';
import { planAndExecute } from './agentic/plan-and-execute.js';
import { react } from './agentic/react.js';
import { reflexion } from './agentic/reflexion.js';
import { rewoo } from './agentic/rewoo.js';
import { selfRefine } from './agentic/self-refine.js';
import type { AnswerKind } from './answer-normalisers.js';
import { bestOfN } from './best-of-n.js';
import { judgeVerifier } from './judge-verifier.js';
import type { ReasoningOptions } from './reasoning-context.js';
import type { ReasoningResult } from './reasoning-result.js';
import { textTreeTask } from './search/text-tree-task.js';
import { treeOfThought } from './search/tree-of-thought.js';
import { selfConsistency } from './self-consistency.js';

export const strategyNames = [
  'react',
  'rewoo',
  'plan-execute',
  'reflexion',
  'self-refine',
  'cove',
  'self-consistency',
  'best-of-n',
  'tot',
] as const;
export type StrategyName = (typeof strategyNames)[number];

export interface RunStrategyOptions extends ReasoningOptions {
  task: string;
  tools?: readonly AnyTool[];
  /** Samples (self-consistency, best-of-n), trials (reflexion), iterations (self-refine), breadth (tot). */
  samples?: number;
  /** How answers are compared in votes. Default 'number' for self-consistency, 'text' otherwise. */
  answerKind?: AnswerKind;
}

export function isStrategyName(name: string): name is StrategyName {
  return (strategyNames as readonly string[]).includes(name);
}

export async function runStrategy(
  name: string,
  options: RunStrategyOptions,
): Promise<ReasoningResult<string>> {
  if (!isStrategyName(name)) {
    throw new GantryError('REASON_OPTIONS_INVALID', `Unknown strategy '${name}'.`, {
      hint: `Use one of: ${strategyNames.join(', ')}.`,
    });
  }
  const { task, tools = [], samples } = options;
  if (samples !== undefined && (!Number.isInteger(samples) || samples < 1)) {
    throw new GantryError(
      'REASON_OPTIONS_INVALID',
      `The sample count must be a whole number ≥ 1, got ${samples}.`,
      {
        hint: 'For example --samples 5.',
      },
    );
  }
  switch (name) {
    case 'react':
      return react({ ...options, task, tools });
    case 'rewoo':
      return rewoo({ ...options, task, tools });
    case 'plan-execute':
      return planAndExecute({ ...options, task });
    case 'reflexion':
      return reflexion({ ...options, task, maximumTrials: samples });
    case 'self-refine':
      return selfRefine({ ...options, task, maximumIterations: samples });
    case 'cove':
      return chainOfVerification({ ...options, question: task });
    case 'self-consistency':
      return selfConsistency({
        ...options,
        question: task,
        samples,
        normalise: options.answerKind ?? 'number',
      });
    case 'best-of-n':
      return bestOfN({
        ...options,
        question: task,
        samples,
        verifier: judgeVerifier(),
        normalise: options.answerKind ?? 'number',
      });
    case 'tot': {
      const tree = textTreeTask(task);
      return treeOfThought({ ...options, ...tree, search: 'beam', breadth: samples ?? 3, maximumNodes: 12 });
    }
  }
}
