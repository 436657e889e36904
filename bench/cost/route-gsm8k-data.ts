// GSM8K with recorded answers (../shared/datasets/routing/gsm8k) as replayable models: the weak
// (Mixtral-8x7B), strong (gpt-4-1106-preview) and a small cheap sampler (GPT-3 6B and 175B, fine-tuned, one sample each), with
// token counts, list-style prices and RouteLLM's correctness labels. The split is by a hash of the
// question text: `dev` rows train the classifier and choose thresholds, `report` rows are reported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1a } from '../../src/cost/index.js';
import { parseCsv } from '../../src/eval/config/index.js';
import { countTokens } from '../../src/model/index.js';

export const datasetDir = fileURLToPath(new URL('../../../shared/datasets/routing/gsm8k/', import.meta.url));

/** Dollars per million tokens (assumed list-style prices; see docs/cost.md). */
export const prices = {
  strong: { model: 'gpt-4-1106-preview', input: 10, output: 30 },
  weak: { model: 'Mixtral-8x7B-Instruct', input: 0.6, output: 0.6 },
  small: { model: 'GPT-3 6B (fine-tuned)', input: 0.2, output: 0.2 },
  medium: { model: 'GPT-3 175B (fine-tuned)', input: 0.9, output: 0.9 },
} as const;

export interface GsmRow {
  index: number;
  question: string;
  split: 'dev' | 'report';
  weakText: string;
  strongText: string;
  smallText: string;
  mediumText: string;
  smallCorrect: boolean;
  mediumCorrect: boolean;
  weakCorrect: boolean;
  strongCorrect: boolean;
  /** Cost of one call of each model on this question, in dollars. */
  weakCost: number;
  strongCost: number;
  smallCost: number;
  mediumCost: number;
}

interface Recorded {
  is_correct: boolean;
  solution: string;
}

const weakColumn = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const strongColumn = 'gpt-4-1106-preview';

/** The 1,307 rows RouteLLM evaluates (its 12 contaminated questions dropped), with their split. */
export function loadGsm8k(): GsmRow[] {
  const csv = parseCsv(readFileSync(join(datasetDir, 'gsm8k_responses.csv'), 'utf8'));
  const solutions = readFileSync(join(datasetDir, 'example_model_solutions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<'6b_finetuning' | '175b_finetuning', Recorded>);
  const contaminated = new Set(
    readFileSync(join(datasetDir, 'contaminated_prompts.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { eval_idx: number }).eval_idx),
  );
  const rows: GsmRow[] = [];
  csv.forEach((record, index) => {
    if (contaminated.has(index)) return;
    const question = record.prompt as string;
    const weakText = record[`${weakColumn}_response`] as string;
    const strongText = record[`${strongColumn}_response`] as string;
    const small = solutions[index]?.['6b_finetuning'];
    const medium = solutions[index]?.['175b_finetuning'];
    const smallText = small?.solution ?? '';
    const mediumText = medium?.solution ?? '';
    const inputTokens = countTokens(question);
    const cost = (price: { input: number; output: number }, text: string) =>
      (inputTokens * price.input + countTokens(text) * price.output) / 1e6;
    rows.push({
      index,
      question,
      split: fnv1a(question) % 2 === 0 ? 'dev' : 'report',
      weakText,
      strongText,
      smallText,
      mediumText,
      smallCorrect: small?.is_correct === true,
      mediumCorrect: medium?.is_correct === true,
      weakCorrect: record[weakColumn] === 'True',
      strongCorrect: record[strongColumn] === 'True',
      weakCost: cost(prices.weak, weakText),
      strongCost: cost(prices.strong, strongText),
      smallCost: cost(prices.small, smallText),
      mediumCost: cost(prices.medium, mediumText),
    });
  });
  return rows;
}
