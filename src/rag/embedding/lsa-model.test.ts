import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../fusion/index.js';
import {
  deserializeLsaModel,
  embedWithLsa,
  fitLsaModel,
  serializeLsaModel,
  symmetricEigen,
} from './index.js';

describe('symmetricEigen', () => {
  it('finds the eigenpairs of [[2,1],[1,2]]: 3 along (1,1), 1 along (1,−1)', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 10);
    expect(values[1]).toBeCloseTo(1, 10);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 10);
    expect(vectors[0] * vectors[2]).toBeGreaterThan(0);
  });
});

describe('LSA', () => {
  const corpus = [
    'heart attack cardiac arrest',
    'cardiac arrest heart failure',
    'heart failure cardiac disease',
    'stock market trading shares',
    'market shares stock prices',
    'trading prices stock exchange',
  ];

  it('places documents on the same topic close together, and synonyms through co-occurrence', () => {
    const model = fitLsaModel(corpus, { dimension: 2, minimumDocumentFrequency: 1 });
    const vectors = corpus.map((text) => embedWithLsa(model, text));
    expect(cosineSimilarity(vectors[0], vectors[1])).toBeGreaterThan(0.9);
    expect(Math.abs(cosineSimilarity(vectors[0], vectors[3]))).toBeLessThan(0.2);
    // "disease" never appears with "attack", yet the query lands on the cardiac topic.
    const query = embedWithLsa(model, 'disease');
    expect(cosineSimilarity(query, vectors[0])).toBeGreaterThan(cosineSimilarity(query, vectors[4]));
  });

  it('is deterministic for a seed and survives serialisation', () => {
    const model = fitLsaModel(corpus, { dimension: 2, minimumDocumentFrequency: 1 });
    const again = deserializeLsaModel(serializeLsaModel(model));
    expect(Array.from(embedWithLsa(again, 'stock prices'))).toEqual(
      Array.from(embedWithLsa(model, 'stock prices')),
    );
    expect(embedWithLsa(model, 'unknown words only').every((value) => value === 0)).toBe(true);
  });
});
