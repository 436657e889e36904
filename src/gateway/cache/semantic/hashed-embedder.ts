// The offline embedder of the semantic cache: word unigrams and bigrams (lightly stemmed) and the
// character trigrams of each word, hashed with signs into a dense unit vector. No weights, no
// network; it matches paraphrases that share words, not ones that share only meaning. Any
// configured embedding model can replace it (the cache takes an `embed` function).
import { isStopword, promptTokens, stem } from './prompt-tokens.js';

export type EmbedText = (text: string) => Float32Array;

export function createHashedEmbedder({ dimension = 256 }: { dimension?: number } = {}): EmbedText {
  return function embedText(text) {
    const vector = new Float32Array(dimension);
    const words = promptTokens(text).map((token) => stem(token.text));
    let previous = '';
    for (const word of words) {
      const stop = isStopword(word);
      add(vector, `w:${word}`, stop ? 0.25 : 1);
      // Bigrams of two stopwords ("what is", "is the") would make every question alike.
      if (previous && !(stop && isStopword(previous))) add(vector, `b:${previous} ${word}`, 0.5);
      previous = word;
      if (!stop && word.length > 3) {
        const padded = `<${word}>`;
        const share = 0.6 / (padded.length - 2);
        for (let i = 0; i + 3 <= padded.length; i++) add(vector, `c:${padded.slice(i, i + 3)}`, share);
      }
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < dimension; i++) vector[i] *= scale;
    }
    return vector;
  };
}

/** FNV-1a; the low bit picks the sign so that collisions cancel out on average. */
function add(vector: Float32Array, feature: string, weight: number): void {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash >>>= 0;
  vector[(hash >>> 1) % vector.length] += hash & 1 ? weight : -weight;
}
