import { describe, expect, it } from 'vitest';
import { createHashedEmbedder, hashedEmbedding } from './hashed-embedder.js';
import { isStopword, promptTokens, stem } from './prompt-tokens.js';

/** The embedder as first written: each feature's name built as a string, then hashed. */
function reference(text: string, dimension = 256): Float32Array {
  const vector = new Float32Array(dimension);
  const add = (feature: string, weight: number) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < feature.length; i++) hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
    hash >>>= 0;
    vector[(hash >>> 1) % dimension] += hash & 1 ? weight : -weight;
  };
  let previous = '';
  for (const word of promptTokens(text).map((token) => stem(token.text))) {
    const stop = isStopword(word);
    add(`w:${word}`, stop ? 0.25 : 1);
    if (previous && !(stop && isStopword(previous))) add(`b:${previous} ${word}`, 0.5);
    previous = word;
    if (!stop && word.length > 3) {
      const padded = `<${word}>`;
      for (let i = 0; i + 3 <= padded.length; i++)
        add(`c:${padded.slice(i, i + 3)}`, 0.6 / (padded.length - 2));
    }
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm > 0) for (let i = 0; i < dimension; i++) vector[i] *= 1 / Math.sqrt(norm);
  return vector;
}

describe('hashed embedder', () => {
  it('gives the same vector, to the bit, as building and hashing each feature name', () => {
    const embed = createHashedEmbedder();
    const texts = [
      'What is the best way to learn Python programming?',
      'How do I lose weight fast without going to the gym in 2024?',
      'Is C++ faster than C# for .NET work?',
      'Über café naïve résumé — 5,000 things',
      'studies studied studying questions',
      'a',
      '',
      'the the the of of',
    ];
    for (const text of texts) expect(Array.from(embed(text))).toEqual(Array.from(reference(text)));
    expect(Array.from(hashedEmbedding(promptTokens(texts[0]), 64))).toEqual(
      Array.from(reference(texts[0], 64)),
    );
  });
});
