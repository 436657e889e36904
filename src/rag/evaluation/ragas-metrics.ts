// RAG answer metrics with the Ragas definitions, judged by a language model (configure a judge that is
// not the model under test). Each judge call asks for JSON and is parsed leniently (jsonrepair).
//   faithfulness       = claims of the answer supported by the contexts / claims of the answer
//   answer relevancy   = mean cosine(E(question generated from the answer), E(question)), N = 3,
//                        × 0 when the answer is noncommittal (a correct refusal scores 0, as in Ragas)
//   context precision  = Σ_k precision@k · v_k / (relevant contexts in the top K), v_k the verdict at rank k
//   context recall     = reference claims attributable to the contexts / reference claims
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { jsonrepair } from 'jsonrepair';
import { GantryError } from '../../errors/index.js';
import type { Embedder } from '../embedding/index.js';
import { cosineSimilarity } from '../fusion/index.js';

export interface RagasSample {
  question: string;
  answer: string;
  contexts: readonly string[];
  /** Ground-truth answer: needed by context precision and recall. */
  reference?: string;
}

/** Context precision from per-rank relevance verdicts (1 relevant, 0 not), Ragas' formula. */
export function contextPrecisionFromVerdicts(verdicts: readonly (0 | 1)[]): number {
  let relevant = 0;
  let sum = 0;
  verdicts.forEach((verdict, index) => {
    relevant += verdict;
    sum += verdict * (relevant / (index + 1));
  });
  return sum / (relevant + 1e-10);
}

async function judgeJson<T>(model: LanguageModelV3, system: string, prompt: string): Promise<T> {
  const { text } = await generateText({ model, system: `${system} Reply with JSON only.`, prompt });
  try {
    const start = text.search(/[[{]/);
    const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
    return JSON.parse(jsonrepair(text.slice(start, end + 1))) as T;
  } catch (error) {
    throw new GantryError(
      'RAG_JUDGE_FAILED',
      `The judge model's answer is not the JSON asked for: ${text.slice(0, 200)}`,
      {
        hint: 'Use a judge model that follows JSON instructions.',
        cause: error,
      },
    );
  }
}

async function claimsOf(model: LanguageModelV3, text: string): Promise<string[]> {
  const { claims } = await judgeJson<{ claims?: unknown[] }>(
    model,
    'Break the text into short, self-contained factual claims. Format: {"claims": ["...", ...]}.',
    text,
  );
  return (claims ?? []).map(String).filter((claim) => claim.trim() !== '');
}

async function supportedCount(
  model: LanguageModelV3,
  claims: readonly string[],
  contexts: readonly string[],
): Promise<number> {
  if (claims.length === 0) return 0;
  const { verdicts } = await judgeJson<{ verdicts?: unknown[] }>(
    model,
    'For each numbered claim, answer 1 if the context supports it and 0 otherwise. Format: {"verdicts": [1, 0, ...]} in claim order.',
    `Context:\n${contexts.join('\n\n')}\n\nClaims:\n${claims.map((claim, index) => `${index + 1}. ${claim}`).join('\n')}`,
  );
  return (verdicts ?? []).slice(0, claims.length).filter((verdict) => Number(verdict) === 1).length;
}

export async function faithfulness(sample: RagasSample, judge: LanguageModelV3): Promise<number> {
  const claims = await claimsOf(judge, sample.answer);
  return claims.length === 0 ? 0 : (await supportedCount(judge, claims, sample.contexts)) / claims.length;
}

export async function contextRecall(sample: RagasSample, judge: LanguageModelV3): Promise<number> {
  if (!sample.reference) throw missingReference('context recall');
  const claims = await claimsOf(judge, sample.reference);
  return claims.length === 0 ? 0 : (await supportedCount(judge, claims, sample.contexts)) / claims.length;
}

export async function contextPrecision(sample: RagasSample, judge: LanguageModelV3): Promise<number> {
  if (!sample.reference) throw missingReference('context precision');
  if (sample.contexts.length === 0) return 0;
  const { verdicts } = await judgeJson<{ verdicts?: unknown[] }>(
    judge,
    'For each numbered context, answer 1 if it was useful to reach the reference answer to the question, else 0. Format: {"verdicts": [1, 0, ...]}.',
    `Question: ${sample.question}\nReference answer: ${sample.reference}\n\nContexts:\n${sample.contexts.map((context, index) => `${index + 1}. ${context}`).join('\n')}`,
  );
  return contextPrecisionFromVerdicts(
    sample.contexts.map((_, index) => (Number(verdicts?.[index]) === 1 ? 1 : 0)),
  );
}

export async function answerRelevancy(
  sample: RagasSample,
  judge: LanguageModelV3,
  embedder: Embedder,
  questions = 3,
): Promise<number> {
  const generated = await Promise.all(
    Array.from({ length: questions }, () =>
      judgeJson<{ question?: unknown; noncommittal?: unknown }>(
        judge,
        'Write the question this answer responds to, and say whether the answer is noncommittal (evasive, "I don\'t know"). Format: {"question": "...", "noncommittal": 0 or 1}.',
        sample.answer,
      ),
    ),
  );
  if (generated.every((entry) => Number(entry.noncommittal) === 1)) return 0;
  const texts = generated.map((entry) => String(entry.question ?? ''));
  const [original, ...vectors] = await embedder.embed([sample.question, ...texts]);
  return vectors.reduce((sum, vector) => sum + cosineSimilarity(original, vector), 0) / vectors.length;
}

function missingReference(metric: string): GantryError {
  return new GantryError('RAG_QUERY_INVALID', `${metric} needs a reference answer.`, {
    hint: 'Give each sample a `reference` (the ground-truth answer).',
  });
}
