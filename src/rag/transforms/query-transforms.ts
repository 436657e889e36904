// Query transforms that need a language model: multi-query (the model rewrites the question a few
// ways; the result lists are fused by RRF) and HyDE (Gao et al. 2022: the model writes a hypothetical
// answer, whose embedding is searched instead of the question's).
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { reciprocalRankFusion } from '../fusion/index.js';
import type { RagCollection, SearchHit, SearchOptions } from '../pipeline/index.js';

export interface MultiQueryOptions extends SearchOptions {
  model: LanguageModelV3;
  /** Rewrites asked for (the original question is always searched too). */
  rewrites?: number;
}

export async function multiQuerySearch(
  collection: RagCollection,
  question: string,
  { model, rewrites = 3, ...search }: MultiQueryOptions,
): Promise<SearchHit[]> {
  const { text } = await generateText({
    model,
    system: `Rewrite the user's search question ${rewrites} different ways (other words, other angles). One per line, nothing else.`,
    prompt: question,
  });
  const queries = [
    question,
    ...text
      .split('\n')
      .map((line) => line.replace(/^\s*(?:\d+[.)]|[-*•])\s*/, '').trim())
      .filter((line) => line !== '')
      .slice(0, rewrites),
  ];
  const limit = search.limit ?? 10;
  const lists = await Promise.all(queries.map((query) => collection.search(query, { ...search, limit })));
  const byId = new Map(lists.flat().map((hit) => [String(hit.id), hit]));
  return reciprocalRankFusion(
    lists.map((list) => list.map((hit) => ({ id: String(hit.id) }))),
    { limit },
  ).map((fused) => ({ ...byId.get(fused.id)!, score: fused.score }));
}

export interface HydeOptions extends SearchOptions {
  model: LanguageModelV3;
}

export async function hydeSearch(
  collection: RagCollection,
  question: string,
  { model, ...search }: HydeOptions,
): Promise<SearchHit[]> {
  const { text } = await generateText({
    model,
    system: 'Write a short passage (3–5 sentences) that answers the question, as a reference text would.',
    prompt: question,
  });
  // The hypothetical passage drives the vector side; BM25 (in hybrid) still sees the real question.
  return collection.search(question, { ...search, vectorQuery: text.trim() || question });
}
