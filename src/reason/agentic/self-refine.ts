// Self-Refine (Madaan et al. 2023): draft, ask the same model for feedback, refine from it; stop when
// the feedback finds nothing to fix or after `maximumIterations` refinements.
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';

export interface SelfRefineOptions extends ReasoningOptions {
  task: string;
  /** Default 3. */
  maximumIterations?: number;
  /** What the feedback should check. */
  criteria?: string;
}

export interface Refinement {
  draft: string;
  feedback: string;
}

export const noIssuesPattern = /\bNO ISSUES\b/i;

export async function selfRefine(
  options: SelfRefineOptions,
): Promise<ReasoningResult<string> & Partial<{ history: Refinement[] }>> {
  const { task, maximumIterations = 3, criteria = 'correctness, completeness and clarity' } = options;
  const context = createReasoningContext(options);
  return runReasoning<string, { history: Refinement[] }>(context, async (partial) => {
    const history: Refinement[] = [];
    partial.extra = { history };
    let draft = await context.ask('drafter', 'first draft', task);
    partial.answer = draft;
    for (let iteration = 1; ; iteration++) {
      const feedback = await context.ask(
        'critic',
        `feedback ${iteration}`,
        `Task: ${task}\nDraft:\n${draft}\n\nGive specific, actionable feedback on ${criteria}. If nothing needs to change, reply "NO ISSUES".`,
        { temperature: 0 },
      );
      history.push({ draft, feedback });
      if (noIssuesPattern.test(feedback)) {
        return {
          answer: draft,
          stopReason: 'accepted',
          stopMessage: `Feedback ${iteration} found no issues.`,
          extra: { history },
        };
      }
      if (iteration > maximumIterations) {
        return {
          answer: draft,
          stopReason: 'iteration-limit',
          stopMessage: `Refined ${maximumIterations} times; feedback still had issues.`,
          extra: { history },
        };
      }
      draft = await context.ask(
        'reviser',
        `refinement ${iteration}`,
        `Task: ${task}\nDraft:\n${draft}\nFeedback:\n${feedback}\n\nRewrite the draft, applying the feedback. Reply with the new version only.`,
      );
      partial.answer = draft;
    }
  });
}
