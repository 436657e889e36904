import { jsonrepair } from 'jsonrepair';
import { GantryError } from '../../errors/index.js';

/** The first JSON object in a judge's answer (fenced or not, repaired when slightly malformed). */
export function parseJudgeJson(text: string, judge: string): Record<string, unknown> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0 && end > start) {
    const candidate = text.slice(start, end + 1);
    for (const attempt of [() => JSON.parse(candidate), () => JSON.parse(jsonrepair(candidate))]) {
      try {
        const value = attempt();
        if (value && typeof value === 'object') return value as Record<string, unknown>;
      } catch {
        // try the next way
      }
    }
  }
  throw new GantryError(
    'EVAL_JUDGE_OUTPUT_INVALID',
    `The ${judge} judge did not answer with a JSON object: ${text.slice(0, 200)}`,
    {
      hint: 'Use a model that follows the output format, or lower its temperature.',
      details: { answer: text.slice(0, 1000) },
    },
  );
}
