// Reranks with a language model: it grades every passage 0–10 for the query in one call and answers
// JSON; passages it leaves out score 0. Slower and costlier than a cross-encoder, but needs no new server.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { jsonrepair } from 'jsonrepair';
import { GantryError } from '../../errors/index.js';
import type { Reranker } from './reranker.js';

export interface LlmRerankerOptions {
  model: LanguageModelV3;
  /** Characters of each passage shown to the model. */
  maximumPassageLength?: number;
}

export function llmReranker({ model, maximumPassageLength = 1000 }: LlmRerankerOptions): Reranker {
  return async (query, candidates) => {
    if (candidates.length === 0) return [];
    const passages = candidates
      .map(
        (candidate, index) =>
          `[${index}] ${candidate.text.slice(0, maximumPassageLength).replace(/\s+/g, ' ')}`,
      )
      .join('\n');
    const { text } = await generateText({
      model,
      system:
        'You grade how well each passage answers the query, from 0 (irrelevant) to 10 (answers it fully). ' +
        'Reply with JSON only: {"scores": {"<passage number>": <grade>, ...}}.',
      prompt: `Query: ${query}\n\nPassages:\n${passages}`,
    });
    let scores: Record<string, unknown>;
    try {
      const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
      scores = (JSON.parse(jsonrepair(json)) as { scores?: Record<string, unknown> }).scores ?? {};
    } catch (error) {
      throw new GantryError(
        'RAG_RERANK_FAILED',
        `The LLM reranker's answer is not the JSON asked for: ${text.slice(0, 200)}`,
        {
          hint: 'Use a model that follows JSON instructions, or the HTTP cross-encoder reranker.',
          cause: error,
        },
      );
    }
    return candidates
      .map((candidate, index) => ({
        id: candidate.id,
        score: Number(scores[String(index)] ?? 0) || 0,
        index,
      }))
      .sort((left, right) => right.score - left.score || left.index - right.index)
      .map(({ id, score }) => ({ id, score }));
  };
}
