// ask(): retrieve, prompt with numbered sources, answer with [n] citations, and check every citation
// against the sources given. When no retrieved chunk clears the relevance thresholds the answer is
// "I don't know" and the model is not called: a confident answer from unrelated context is worse.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import {
  type AsyncGroundednessOptions,
  assertNotBlocked,
  checkGroundedness,
  type GroundednessReport,
  type GuardPolicy,
  type PolicyDecision,
} from '../../guard/index.js';
import { asModelCallError } from '../../model/index.js';
import type { RagCollection, SearchHit, SearchOptions } from '../pipeline/index.js';

export interface AskOptions {
  collection: RagCollection;
  model: LanguageModelV3;
  /** How many sources go into the prompt. */
  sources?: number;
  search?: Omit<SearchOptions, 'limit'>;
  /** A source counts as relevant when its cosine similarity reaches this… */
  minimumSimilarity?: number;
  /** …or its BM25 score reaches this. */
  minimumBm25?: number;
  signal?: AbortSignal;
  /**
   * Check the answer's claims against the sources given: `true` for the lexical check, or options with a
   * `judge` model (falls back to the lexical check when the judge fails or runs over `judgeTimeoutMs`).
   */
  groundedness?: boolean | AsyncGroundednessOptions;
  /**
   * An output guard policy run on the answer with the sources (its groundedness rule, when enabled, reads
   * them); a block throws GUARD_BLOCKED, a redaction replaces the answer text.
   */
  policy?: GuardPolicy;
}

export interface Citation {
  /** The [n] used in the answer. */
  number: number;
  chunkId: string;
  source: string;
  text: string;
}

export interface Answer {
  answer: string;
  /** False when nothing relevant was found or the model said it does not know. */
  known: boolean;
  citations: Citation[];
  /** Numbers cited in the answer that match no source given (a hallucinated citation). */
  invalidCitations: number[];
  /** The sources given to the model, numbered from 1. */
  sources: SearchHit[];
  /** With `groundedness`: each claim and whether the sources it cites support it. */
  groundedness?: GroundednessReport;
  /** With `policy`: the output policy's decision on the answer. */
  guard?: PolicyDecision;
}

export const dontKnowAnswer = "I don't know: nothing in the collection is relevant enough to answer that.";

const systemPrompt = [
  'Answer the question using only the numbered sources.',
  'Cite the sources that support each sentence as [1], [2]...',
  "If the sources do not contain the answer, reply exactly: I don't know.",
].join(' ');

export async function answerQuestion(question: string, options: AskOptions): Promise<Answer> {
  const { collection, model, sources: sourceCount = 5, minimumSimilarity = 0.25, minimumBm25 = 2 } = options;
  const hits = await collection.search(question, { ...options.search, limit: sourceCount });
  const sources = hits.filter(
    (hit) =>
      (hit.similarity !== undefined && hit.similarity >= minimumSimilarity) ||
      (hit.bm25Score !== undefined && hit.bm25Score >= minimumBm25),
  );
  if (sources.length === 0) {
    return { answer: dontKnowAnswer, known: false, citations: [], invalidCitations: [], sources: [] };
  }
  const context = sources
    .map((hit, index) => `[${index + 1}] (${hit.source})\n${String(hit.metadata.window ?? hit.text)}`)
    .join('\n\n');
  const { text } = await generateText({
    model,
    system: systemPrompt,
    prompt: `Sources:\n\n${context}\n\nQuestion: ${question}`,
    abortSignal: options.signal,
  }).catch((error: unknown) => {
    throw asModelCallError(error, `${model.provider}:${model.modelId}`, options.signal);
  });
  const cited = parseCitations(text);
  const citations: Citation[] = [];
  const invalidCitations: number[] = [];
  for (const number of cited) {
    const hit = sources[number - 1];
    if (!hit) invalidCitations.push(number);
    else citations.push({ number, chunkId: hit.chunkId, source: hit.source, text: hit.text });
  }
  const known = !/\bI don't know\b/i.test(text);
  const answer: Answer = { answer: text.trim(), known, citations, invalidCitations, sources };
  if (!known || (!options.groundedness && !options.policy)) return answer;
  const passages = sources.map((hit) => String(hit.metadata.window ?? hit.text));
  if (options.groundedness) {
    const settings = options.groundedness === true ? {} : options.groundedness;
    answer.groundedness = await checkGroundedness(answer.answer, passages, {
      signal: options.signal,
      ...settings,
    });
  }
  if (options.policy) {
    const decision = options.policy.checkText(answer.answer, { direction: 'output', sources: passages });
    assertNotBlocked(decision, 'answer');
    answer.guard = decision;
    answer.answer = decision.text;
  }
  return answer;
}

/** The distinct numbers cited as [1], [2, 3] or [1][4], in order of first use. */
export function parseCitations(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of match[1].split(',')) {
      const number = Number(part.trim());
      if (!numbers.includes(number)) numbers.push(number);
    }
  }
  return numbers;
}
