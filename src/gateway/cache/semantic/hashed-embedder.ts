// The offline embedder of the semantic cache: word unigrams and bigrams (lightly stemmed) and the
// character trigrams of each word, hashed with signs into a dense unit vector. No weights, no
// network; it matches paraphrases that share words, not ones that share only meaning. Any
// configured embedding model can replace it (the cache takes an `embed` function).
import { isStopword, type PromptToken, promptTokens, stem } from './prompt-tokens.js';

export type EmbedText = (text: string) => Float32Array;

export function createHashedEmbedder({ dimension = 256 }: { dimension?: number } = {}): EmbedText {
  return (text) => hashedEmbedding(promptTokens(text), dimension);
}

// FNV-1a of each feature's name ("w:word", "b:previous word", "c:tri"), hashed as it is read instead of
// built as a string: the prefixes' states are computed once.
const offsetBasis = 0x811c9dc5;
const wordBasis = fnv(offsetBasis, 'w:');
const bigramBasis = fnv(offsetBasis, 'b:');
const trigramBasis = fnv(offsetBasis, 'c:');
const space = 32;
const open = 60; // '<'
const close = 62; // '>'

/**
 * The hashed embedding of a prompt's tokens (what createHashedEmbedder computes from its text);
 * `stems`: stem() of each token's text, when the caller has them.
 */
export function hashedEmbedding(
  tokens: readonly PromptToken[],
  dimension = 256,
  stems?: readonly string[],
): Float32Array {
  const vector = new Float32Array(dimension);
  let previous = '';
  let previousStop = false;
  for (let t = 0; t < tokens.length; t++) {
    const word = stems ? stems[t] : stem(tokens[t].text);
    const stop = isStopword(word);
    add(vector, fnv(wordBasis, word), stop ? 0.25 : 1);
    // Bigrams of two stopwords ("what is", "is the") would make every question alike.
    if (previous && !(stop && previousStop))
      add(vector, fnv(mix(fnv(bigramBasis, previous), space), word), 0.5);
    previous = word;
    previousStop = stop;
    if (!stop && word.length > 3) {
      // The trigrams of `<word>`.
      const share = 0.6 / word.length;
      const last = word.length + 1;
      for (let i = 0; i + 3 <= last + 1; i++) {
        let hash = trigramBasis;
        for (let at = i; at < i + 3; at++)
          hash = mix(hash, at === 0 ? open : at === last ? close : word.charCodeAt(at - 1));
        add(vector, hash, share);
      }
    }
  }
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += vector[i] * vector[i];
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimension; i++) vector[i] *= scale;
  }
  return vector;
}

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function fnv(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = mix(hash, text.charCodeAt(i));
  return hash;
}

/** The low bit picks the sign so that collisions cancel out on average. */
function add(vector: Float32Array, hash: number, weight: number): void {
  const unsigned = hash >>> 0;
  vector[(unsigned >>> 1) % vector.length] += unsigned & 1 ? weight : -weight;
}
