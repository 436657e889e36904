// Constitutional critique-and-revise (Bai et al. 2022, the self-critique half): check a text against
// written principles, and revise it while the critique finds a violation (up to `maximumRevisions`).
// `constitutionalPolicy` packages it as an output policy: text in, compliant text out.
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';

export interface ConstitutionalOptions extends ReasoningOptions {
  /** The text to check (a model's answer). */
  text: string;
  principles: readonly string[];
  /** What the text answers, shown to the critic for context. */
  request?: string;
  /** Default 2. */
  maximumRevisions?: number;
}

export interface Critique {
  text: string;
  critique: string;
}

export const noViolationPattern = /\bNO VIOLATIONS?\b/i;

export async function constitutionalRevision(
  options: ConstitutionalOptions,
): Promise<ReasoningResult<string> & Partial<{ critiques: Critique[]; revised: boolean }>> {
  const { principles, request, maximumRevisions = 2 } = options;
  const context = createReasoningContext(options);
  const rules = principles.map((principle, index) => `${index + 1}. ${principle}`).join('\n');
  return runReasoning<string, { critiques: Critique[]; revised: boolean }>(context, async (partial) => {
    let text = options.text;
    const critiques: Critique[] = [];
    partial.answer = text;
    partial.extra = { critiques, revised: false };
    for (let round = 0; ; round++) {
      const critique = await context.ask(
        'critic',
        `critique ${round + 1}`,
        `Principles:\n${rules}\n\n${request ? `Request: ${request}\n` : ''}Response:\n${text}\n\nName each principle the response violates and how. If it violates none, reply "NO VIOLATIONS".`,
        { temperature: 0 },
      );
      critiques.push({ text, critique });
      const revised = round > 0;
      if (noViolationPattern.test(critique)) {
        return {
          answer: text,
          stopReason: 'accepted',
          stopMessage: revised ? `Compliant after ${round} revision(s).` : 'Compliant as written.',
          extra: { critiques, revised },
        };
      }
      if (round >= maximumRevisions) {
        return {
          answer: text,
          stopReason: 'iteration-limit',
          stopMessage: `Still violates a principle after ${maximumRevisions} revisions.`,
          extra: { critiques, revised },
        };
      }
      text = (
        await context.ask(
          'reviser',
          `revision ${round + 1}`,
          `Principles:\n${rules}\n\n${request ? `Request: ${request}\n` : ''}Response:\n${text}\nCritique:\n${critique}\n\nRewrite the response so that it follows every principle, keeping what is useful. Reply with the new response only.`,
        )
      ).trim();
      partial.answer = text;
      partial.extra = { critiques, revised: true };
    }
  });
}

export interface ConstitutionalPolicyResult {
  text: string;
  /** True when the text was rewritten. */
  revised: boolean;
  /** False when revisions ran out with a violation left: block or flag the text. */
  compliant: boolean;
  result: ReasoningResult<string>;
}

/** An output policy: every text passes through critique-and-revise before it leaves. */
export function constitutionalPolicy(
  options: Omit<ConstitutionalOptions, 'text' | 'request'>,
): (text: string, request?: string) => Promise<ConstitutionalPolicyResult> {
  return async (text, request) => {
    const result = await constitutionalRevision({ ...options, text, request });
    return {
      text: result.answer ?? text,
      revised: result.revised ?? false,
      compliant: result.stopReason === 'accepted',
      result,
    };
  };
}
