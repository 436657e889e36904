// Embedding scorers: cosine similarity of whole texts, and a BERTScore-style greedy matching over
// token embeddings (Zhang et al. 2020, no idf, no baseline rescaling). With a sentence embedding model
// the tokens are embedded one by one (no context), so the numbers are BERTScore-like, not BERTScore.
import { type EmbeddingModel, embedMany } from 'ai';
import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Greedy matching: each candidate token takes its most similar reference token (precision) and back (recall). */
export function greedyMatchScore(
  candidate: readonly number[][],
  reference: readonly number[][],
): { precision: number; recall: number; f1: number } {
  if (candidate.length === 0 || reference.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const similarity = candidate.map((c) => reference.map((r) => cosineSimilarity(c, r)));
  const precision = similarity.reduce((sum, row) => sum + Math.max(...row), 0) / candidate.length;
  const recall =
    reference.reduce((sum, _r, j) => sum + Math.max(...similarity.map((row) => row[j])), 0) /
    reference.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function embeddingSimilarity({
  model,
  threshold,
}: {
  model: EmbeddingModel;
  threshold?: number;
}): Scorer {
  return {
    name: 'embedding-similarity',
    threshold,
    async score(example, output, context) {
      const references = expectedStrings(example, 'embedding-similarity');
      const { embeddings } = await embedMany({
        model,
        values: [output.output, ...references],
        abortSignal: context.signal,
      });
      const best = Math.max(...embeddings.slice(1).map((e) => cosineSimilarity(embeddings[0], e)));
      return { score: best };
    },
  };
}

const tokens = (text: string) => text.split(/\s+/).filter(Boolean);

export function bertScore({ model, threshold }: { model: EmbeddingModel; threshold?: number }): Scorer {
  return {
    name: 'bertscore',
    threshold,
    async score(example, output, context) {
      const reference = tokens(expectedStrings(example, 'bertscore')[0]);
      const candidate = tokens(output.output);
      if (candidate.length === 0) return { score: 0, details: { precision: 0, recall: 0, f1: 0 } };
      const { embeddings } = await embedMany({
        model,
        values: [...candidate, ...reference],
        abortSignal: context.signal,
      });
      const result = greedyMatchScore(
        embeddings.slice(0, candidate.length),
        embeddings.slice(candidate.length),
      );
      return { score: result.f1, details: result };
    },
  };
}
