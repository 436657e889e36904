// Embedding scorers with a deterministic embedding model (fixed vectors per word), so cosine and
// BERTScore-style greedy matching can be checked by hand.
import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { bertScore, cosineSimilarity, embeddingSimilarity, greedyMatchScore } from '../src/eval/index.js';

const vectors: Record<string, number[]> = {
  cat: [1, 0, 0],
  kitten: [0.8, 0.6, 0],
  dog: [0, 1, 0],
  sat: [0, 0, 1],
};

function embed(text: string): number[] {
  const sum = [0, 0, 0];
  for (const word of text.toLowerCase().split(/\s+/)) {
    const vector = vectors[word] ?? [0, 0, 0];
    for (let i = 0; i < 3; i++) sum[i] += vector[i];
  }
  return sum;
}

const model: EmbeddingModelV3 = {
  specificationVersion: 'v3',
  provider: 'test',
  modelId: 'words',
  maxEmbeddingsPerCall: 100,
  supportsParallelCalls: true,
  async doEmbed({ values }) {
    return { embeddings: values.map(embed), warnings: [] };
  },
};

describe('embedding scorers', () => {
  it('cosine similarity', async () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1, 10);
    const result = await embeddingSimilarity({ model }).score(
      { id: 'x', input: '', expected: ['dog', 'cat'] },
      { output: 'kitten' },
      { latencyMs: 0 },
    );
    expect(result.score).toBeCloseTo(0.8, 10); // best of cos(kitten, dog) = 0.6 and cos(kitten, cat) = 0.8
  });

  it('greedy matching (BERTScore-style) by hand', async () => {
    // candidate "kitten sat" vs reference "cat sat": P = (0.8 + 1)/2 = 0.9, R = (0.8 + 1)/2 = 0.9.
    const result = await bertScore({ model }).score(
      { id: 'x', input: '', expected: 'cat sat' },
      { output: 'kitten sat' },
      { latencyMs: 0 },
    );
    expect(result.details).toMatchObject({
      precision: expect.closeTo(0.9, 10),
      recall: expect.closeTo(0.9, 10),
    });
    expect(result.score).toBeCloseTo(0.9, 10);
    // candidate "dog" vs reference "cat sat": P = max(0, 0) = 0 → F1 0.
    expect(greedyMatchScore([vectors.dog], [vectors.cat, vectors.sat]).f1).toBe(0);
    // candidate "cat" vs reference "cat sat": P = 1, R = (1 + 0)/2 = 0.5, F1 = 2/3.
    expect(greedyMatchScore([vectors.cat], [vectors.cat, vectors.sat]).f1).toBeCloseTo(2 / 3, 10);
  });
});
