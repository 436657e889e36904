// Hashed bag of word uni/bigrams and character 3–5-grams: robust to typos, inflection and mixed
// languages (a third of the injection data is German), and cheap enough to stay under 1 ms per KB.
import { addFeature, normalizeVector, type SparseVector } from './feature-hash.js';

/** Long inputs are read up to this many characters: the head of a prompt carries the attack. */
export const maximumFeatureCharacters = 4000;

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

export function textFeatures(text: string, dimension: number): SparseVector {
  const lower = text.slice(0, maximumFeatureCharacters).toLowerCase();
  const vector: SparseVector = new Map();
  const words = lower.match(wordPattern) ?? [];
  let previous = '<s>';
  for (const word of words) {
    addFeature(vector, 'w:' + word, dimension);
    addFeature(vector, 'b:' + previous + ' ' + word, dimension);
    previous = word;
  }
  addFeature(vector, 'b:' + previous + ' </s>', dimension);
  const padded = ' ' + lower.replace(/\s+/g, ' ') + ' ';
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) addFeature(vector, padded.substr(i, n), dimension, 0.5);
  }
  // Length is a confounder in the data, so it gets only coarse buckets.
  addFeature(vector, 'len:' + Math.min(6, Math.floor(Math.log2(1 + words.length))), dimension);
  return normalizeVector(vector);
}
