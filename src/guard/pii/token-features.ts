// Features of one token for the name/address tagger: the word, its shape, affixes and the words around
// it (Presidio's context words, learned instead of listed).
import { addFeature, type SparseVector } from '../classifier/index.js';
import type { Token } from './tokenize.js';

export function wordShape(word: string): string {
  return word
    .replace(/\p{Lu}/gu, 'X')
    .replace(/\p{Ll}/gu, 'x')
    .replace(/\p{N}/gu, 'd')
    .replace(/(.)\1{2,}/g, '$1$1');
}

function isSentenceStart(tokens: readonly Token[], i: number): boolean {
  return i === 0 || /^[.!?:\n"“]$/.test(tokens[i - 1].text);
}

export function tokenFeatures(tokens: readonly Token[], i: number, dimension: number): SparseVector {
  const vector: SparseVector = new Map();
  const add = (feature: string) => addFeature(vector, feature, dimension);
  const word = tokens[i].text;
  const lower = word.toLowerCase();
  const shape = wordShape(word);
  add('bias');
  add('w=' + lower);
  add('shape=' + shape);
  add('pre3=' + lower.slice(0, 3));
  add('suf3=' + lower.slice(-3));
  add('suf2=' + lower.slice(-2));
  add('len=' + Math.min(word.length, 12));
  const start = isSentenceStart(tokens, i);
  add('start=' + start);
  if (/^\p{Lu}/u.test(word)) add(start ? 'cap-at-start' : 'cap-inside');
  for (const offset of [-3, -2, -1, 1, 2, 3]) {
    const neighbour = tokens[i + offset];
    const name = offset < 0 ? `p${-offset}` : `n${offset}`;
    if (!neighbour) {
      add(name + '=<edge>');
      continue;
    }
    const neighbourLower = neighbour.text.toLowerCase();
    if (Math.abs(offset) <= 2) add(name + '=' + neighbourLower);
    add(name + 'shape=' + wordShape(neighbour.text));
    if (Math.abs(offset) === 1) add(name + 'w|shape=' + neighbourLower + '|' + shape);
  }
  for (let j = Math.max(0, i - 6); j < i; j++) add('ctx=' + tokens[j].text.toLowerCase());
  return vector;
}
