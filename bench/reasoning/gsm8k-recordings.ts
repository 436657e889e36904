// Loads ../shared/datasets/routing/gsm8k: the 1,319 GSM8K test questions with six recorded answers
// each (GPT-3 6B/175B finetuned and verifier-ranked, Mixtral-8x7B-Instruct, gpt-4-1106-preview).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/eval/index.js';
import { numericAnswer, type RecordedAnswer } from '../../src/reason/index.js';

export const gsm8kSources = [
  'gpt3-6b-finetuning',
  'gpt3-6b-verification',
  'gpt3-175b-finetuning',
  'gpt3-175b-verification',
  'mixtral-8x7b-instruct',
  'gpt-4-1106-preview',
] as const;

export interface Gsm8kItem {
  index: number;
  question: string;
  gold: string;
  answers: (RecordedAnswer & { source: (typeof gsm8kSources)[number] })[];
}

export function gsm8kFolder(): string {
  return (
    process.env.GANTRY_GSM8K_DATASET ??
    fileURLToPath(new URL('../../../shared/datasets/routing/gsm8k', import.meta.url))
  );
}

export function hasGsm8k(): boolean {
  return existsSync(join(gsm8kFolder(), 'test.jsonl'));
}

export function loadGsm8k(): Gsm8kItem[] {
  const folder = gsm8kFolder();
  const lines = (file: string) =>
    readFileSync(join(folder, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line));
  const tests = lines('test.jsonl') as { question: string; answer: string }[];
  const solutions = lines('example_model_solutions.jsonl') as Record<string, { solution: string }>[];
  const responses = parseCsv(readFileSync(join(folder, 'gsm8k_responses.csv'), 'utf8'));
  return tests.map((test, index) => {
    const solution = solutions[index] as Record<string, { solution: string }>;
    const response = responses[index] as Record<string, string>;
    const texts = [
      solution['6b_finetuning']?.solution,
      solution['6b_verification']?.solution,
      solution['175b_finetuning']?.solution,
      solution['175b_verification']?.solution,
      response['mistralai/Mixtral-8x7B-Instruct-v0.1_response'],
      response['gpt-4-1106-preview_response'],
    ];
    return {
      index,
      question: test.question,
      gold: numericAnswer(test.answer) as string,
      answers: texts.map((text, position) => ({
        text: text ?? '',
        source: gsm8kSources[position] as (typeof gsm8kSources)[number],
        outputTokens: Math.ceil((text ?? '').length / 4),
      })),
    };
  });
}
