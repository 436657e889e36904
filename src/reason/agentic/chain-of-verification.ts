// Chain-of-Verification (Dhuliawala et al. 2023): draft an answer, plan verification questions,
// answer each one on its own (factored: the verifier never sees the draft, so it cannot copy its
// mistakes), then revise the draft against those answers.
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';
import { parsePlanSteps } from './plan-and-execute.js';

export interface ChainOfVerificationOptions extends ReasoningOptions {
  question: string;
  /** Most verification questions used. Default 5. */
  maximumQuestions?: number;
}

export interface Verification {
  question: string;
  answer: string;
}

export async function chainOfVerification(
  options: ChainOfVerificationOptions,
): Promise<ReasoningResult<string> & Partial<{ draft: string; verifications: Verification[] }>> {
  const { question, maximumQuestions = 5 } = options;
  const context = createReasoningContext(options);
  return runReasoning<string, { draft: string; verifications: Verification[] }>(context, async (partial) => {
    const draft = await context.ask('drafter', 'baseline answer', question);
    partial.answer = draft;
    const planned = await context.ask(
      'questioner',
      'plan verification questions',
      `Question: ${question}\nDraft answer:\n${draft}\n\nList short questions (numbered, one per line) whose answers would check each fact in the draft.`,
      { temperature: 0 },
    );
    const questions = parsePlanSteps(planned).slice(0, maximumQuestions);
    const verifications: Verification[] = [];
    partial.extra = { draft, verifications };
    for (const [index, check] of questions.entries()) {
      const answer = await context.ask(
        'answerer',
        `verification ${index + 1} of ${questions.length}`,
        check,
        {
          temperature: 0,
        },
      );
      verifications.push({ question: check, answer: answer.trim() });
    }
    if (verifications.length === 0) {
      return {
        answer: draft,
        stopReason: 'final-answer',
        stopMessage: 'No verification questions; the draft stands.',
        extra: { draft, verifications },
      };
    }
    const revised = await context.ask(
      'reviser',
      'final verified answer',
      `Question: ${question}\nDraft answer:\n${draft}\n\nVerification:\n${verifications.map((v) => `Q: ${v.question}\nA: ${v.answer}`).join('\n')}\n\nWrite the final answer, correcting anything the verification contradicts.`,
    );
    return {
      answer: revised.trim(),
      stopReason: 'final-answer',
      stopMessage: `Checked ${verifications.length} facts.`,
      extra: { draft, verifications },
    };
  });
}
