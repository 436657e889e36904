// STaR (Zelikman et al. 2022), the data half: generate a rationale and answer for each problem, keep
// those that reach the reference answer, and for the rest "rationalise" (ask again with the answer
// as a hint, then keep the rationale without the hint). Duplicates and rationales that give the hint
// away are filtered out. The result is ready for fine-tuning exports (see export-chat-jsonl.ts).
import { createHash } from 'node:crypto';
import type { AnswerKind, AnswerNormaliser } from '../answer-normalisers.js';
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';
import { resolveNormaliser } from '../resolve-normaliser.js';
import { defaultSamplePrompt } from '../self-consistency.js';

export interface StarProblem {
  id?: string;
  question: string;
  /** The reference answer (compared after normalisation). */
  reference: string;
  /** Where the problem came from, for the data card. */
  source?: string;
}

export interface StarExample {
  id: string;
  question: string;
  rationale: string;
  answer: string;
  origin: 'generated' | 'rationalised';
  source?: string;
}

export interface StarCounts {
  problems: number;
  generated: number;
  rationalised: number;
  droppedWrong: number;
  droppedLeak: number;
  droppedDuplicate: number;
  /** Problems not reached because the budget ran out. */
  notAttempted: number;
}

export interface StarOptions extends ReasoningOptions {
  problems: readonly StarProblem[];
  normalise?: AnswerKind | AnswerNormaliser;
  /** Ask again with the answer as a hint when the first rationale is wrong. Default true. */
  rationalise?: boolean;
  prompt?: (question: string) => string;
  /** Phrases that show a rationale leaned on the hint; such rationales are dropped. */
  leakPatterns?: readonly RegExp[];
}

export const defaultLeakPatterns: readonly RegExp[] = [
  /\bhint\b/i,
  /\b(?:we|i|you) (?:are|were|was|have been|'ve been) (?:told|given)\b/i,
  /\bthe (?:correct|expected|reference) answer is\b/i,
];

export interface StarExtra {
  examples: StarExample[];
  counts: StarCounts;
}

export async function starGenerate(
  options: StarOptions,
): Promise<ReasoningResult<string> & Partial<StarExtra>> {
  const {
    problems,
    rationalise = true,
    prompt = defaultSamplePrompt,
    leakPatterns = defaultLeakPatterns,
  } = options;
  const normalise = resolveNormaliser(options.normalise ?? 'number');
  const context = createReasoningContext(options);
  const examples: StarExample[] = [];
  const counts: StarCounts = {
    problems: problems.length,
    generated: 0,
    rationalised: 0,
    droppedWrong: 0,
    droppedLeak: 0,
    droppedDuplicate: 0,
    notAttempted: problems.length,
  };
  const seen = new Set<string>();
  const keep = (problem: StarProblem, index: number, rationale: string, origin: StarExample['origin']) => {
    const fingerprint = hash(`${problem.question}\n${rationale.toLowerCase().replace(/\s+/g, ' ').trim()}`);
    if (seen.has(fingerprint) || seen.has(hash(problem.question))) {
      counts.droppedDuplicate++;
      return;
    }
    seen.add(fingerprint);
    seen.add(hash(problem.question));
    counts[origin]++;
    examples.push({
      id: problem.id ?? String(index),
      question: problem.question,
      rationale: rationale.trim(),
      answer: problem.reference,
      origin,
      source: problem.source,
    });
  };
  return runReasoning<string, StarExtra>(context, async (partial) => {
    partial.extra = { examples, counts };
    for (const [index, problem] of problems.entries()) {
      const reference = normalise(problem.reference);
      const first = await context.ask(
        'sampler',
        `rationale for problem ${index + 1}`,
        prompt(problem.question),
      );
      counts.notAttempted--;
      if (normalise(first) === reference) {
        keep(problem, index, first, 'generated');
        continue;
      }
      if (!rationalise) {
        counts.droppedWrong++;
        continue;
      }
      const hinted = await context.ask(
        'rationaliser',
        `rationalise problem ${index + 1}`,
        `${prompt(problem.question)}\n\n(The correct answer is ${problem.reference}. Explain the reasoning that leads to it as if solving it yourself; do not mention that you were given the answer.)`,
      );
      if (normalise(hinted) !== reference) counts.droppedWrong++;
      else if (leakPatterns.some((pattern) => pattern.test(hinted))) counts.droppedLeak++;
      else keep(problem, index, hinted, 'rationalised');
    }
    return {
      answer: `${examples.length} examples`,
      stopReason: 'final-answer',
      stopMessage: `Kept ${examples.length} of ${problems.length} problems (${counts.generated} generated, ${counts.rationalised} rationalised).`,
      extra: { examples, counts },
    };
  });
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
