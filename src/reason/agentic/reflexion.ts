// Reflexion (Shinn et al. 2023): attempt, evaluate, and on failure write a short reflection into a
// memory that the next attempt reads; up to `maximumTrials`. The evaluator is your function (tests,
// an exact checker) or, when none is given, the model judging its own attempt.
import {
  createReasoningContext,
  type ReasoningContext,
  type ReasoningOptions,
  runReasoning,
} from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';

export interface Evaluation {
  pass: boolean;
  feedback: string;
}

export interface ReflexionOptions extends ReasoningOptions {
  task: string;
  evaluate?: (attempt: string, context: ReasoningContext) => Evaluation | Promise<Evaluation>;
  /** Default 3. */
  maximumTrials?: number;
  /** Reflections carried in from earlier tasks (episodic memory); new ones are appended to it. */
  memory?: string[];
}

export async function reflexion(
  options: ReflexionOptions,
): Promise<ReasoningResult<string> & Partial<{ memory: string[]; trials: number }>> {
  const { task, maximumTrials = 3, memory = [] } = options;
  const context = createReasoningContext(options);
  const evaluate =
    options.evaluate ??
    (async (attempt: string): Promise<Evaluation> => {
      const verdict = await context.ask(
        'evaluator',
        'evaluate the attempt',
        `Task: ${task}\nAttempt:\n${attempt}\n\nIs the attempt correct and complete? Reply "PASS" or "FAIL: <what is wrong>".`,
        { temperature: 0 },
      );
      return { pass: /^\s*PASS\b/i.test(verdict), feedback: verdict.replace(/^\s*FAIL:?\s*/i, '').trim() };
    });
  return runReasoning<string, { memory: string[]; trials: number }>(context, async (partial) => {
    for (let trial = 1; trial <= maximumTrials; trial++) {
      partial.extra = { memory, trials: trial };
      const lessons = memory.length
        ? `\n\nLessons from earlier attempts:\n${memory.map((m) => `- ${m}`).join('\n')}`
        : '';
      const attempt = await context.ask('actor', `attempt ${trial}`, `${task}${lessons}`);
      partial.answer = attempt;
      const evaluation = await evaluate(attempt, context);
      if (evaluation.pass) {
        return {
          answer: attempt,
          stopReason: 'accepted',
          stopMessage: `Passed on attempt ${trial}.`,
          extra: { memory, trials: trial },
        };
      }
      if (trial === maximumTrials) break;
      const reflection = await context.ask(
        'reflector',
        `reflect on attempt ${trial}`,
        `Task: ${task}\nAttempt:\n${attempt}\nFeedback: ${evaluation.feedback}\n\nIn one or two sentences, say what went wrong and what to do differently next time.`,
      );
      memory.push(reflection.trim());
    }
    return {
      answer: partial.answer,
      stopReason: 'iteration-limit',
      stopMessage: `No attempt passed in ${maximumTrials} trials; the last attempt is returned.`,
      extra: { memory, trials: maximumTrials },
    };
  });
}
