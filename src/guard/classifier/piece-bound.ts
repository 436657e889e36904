// Whether a piece of a text provably scores below a threshold (toxicity skips such pieces), in O(1) per
// piece from running sums over the text's kept scan, without meeting the piece's features
// (piece-features.ts scores a piece exactly). The score is sigmoid(bias + w·c / |c|): w·c is linear in
// the features met, so it is the sum of each occurrence's weight times its value (running sums over the
// scan's words and n-grams, plus the few edge features hashed here exactly as piecePositive hashes
// them); |c|² is at least the sum of the occurrences' squared values (counts only add up).
import {
  bigramHash,
  type FeatureScan,
  keptScan,
  lastBigramHash,
  lengthHash,
  noWordHash,
  reduceHash,
} from './feature-scan.js';
import type { LinearModel } from './linear-model.js';
import { positiveTable, rowWeight, type WeightTable } from './margin-tables.js';
import {
  isSpace,
  lowerCaseIsPerCharacter,
  pad,
  padGramHash,
  padUnits,
  weightsOf,
  wordFrom,
} from './piece-features.js';

/**
 * Per kept scan and model: running sums of the scan's weights in text order. wordSums[w]: the word and
 * bigram weights of words before w; gramSums[3 g + s - 3]: the weights of the s-grams that start before
 * unit g.
 */
let sumsGeneration = -1;
let sumsTable: WeightTable | undefined;
let wordSums = new Float64Array(0);
let gramSums = new Float64Array(0);

function sumsOf(scan: FeatureScan, table: WeightTable, weightOf: Float64Array): void {
  if (sumsGeneration === scan.generation && sumsTable === table) return;
  const words = scan.words;
  if (wordSums.length < words + 1) wordSums = new Float64Array(words + 1);
  let sum = 0;
  wordSums[0] = 0;
  for (let w = 0; w < words; w++) {
    sum += weightOf[scan.wordAt[w]] + weightOf[scan.bigramAt[w]];
    wordSums[w + 1] = sum;
  }
  const length = scan.unitLength;
  if (gramSums.length < 3 * (length + 1)) gramSums = new Float64Array(3 * (length + 1));
  const ngramAt = scan.ngramAt;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  for (let g = 0; g < length; g++) {
    gramSums[3 * g] = s3;
    gramSums[3 * g + 1] = s4;
    gramSums[3 * g + 2] = s5;
    // ngramAt holds the s-grams that fit (g + s <= length); past those its entries are stale.
    if (g + 3 <= length) s3 += weightOf[ngramAt[3 * g]];
    if (g + 4 <= length) s4 += weightOf[ngramAt[3 * g + 1]];
    if (g + 5 <= length) s5 += weightOf[ngramAt[3 * g + 2]];
  }
  gramSums[3 * length] = s3;
  gramSums[3 * length + 1] = s4;
  gramSums[3 * length + 2] = s5;
  sumsGeneration = scan.generation;
  sumsTable = table;
}

/**
 * Slack on the bound's logit: far above the rounding of its sums (at most ~1e-5 for 20,000 weights of
 * |w| <= 32.767) and of the exact score's own sum, so that a piece said to be below is below.
 */
const boundSlack = 1e-3;

/** The weight of the piece's s-gram at i that touches a pad the text does not have (as piecePositive hashes it). */
function edgeWeight(scan: FeatureScan, table: WeightTable, i: number, s: number): number {
  return rowWeight(table, reduceHash(padGramHash(scan.units, pad.base, pad.length, i, s), scan.dimension));
}

/**
 * Whether piecePositive(model, text, start, end) is provably below `threshold` (0 < threshold < 1),
 * found in O(1) from running sums. False where it cannot tell (a piece that cuts a word, one not read
 * from the scan, or one that may reach the threshold): then the caller scores the piece.
 */
export function pieceBelow(
  model: LinearModel,
  text: string,
  start: number,
  end: number,
  threshold: number,
): boolean {
  if (!(threshold > 0 && threshold < 1)) return false;
  const scan = keptScan(text, model.dimension);
  const table = scan && positiveTable(model);
  if (!scan || !table || start >= end || !lowerCaseIsPerCharacter(scan)) return false;
  const n = scan.lower.length;
  if (end > n) return false;
  const cutStart = start > 0 && !isSpace(text, start - 1) && !isSpace(text, start);
  const cutEnd = end < n && !isSpace(text, end - 1) && !isSpace(text, end);
  if (cutStart || cutEnd) return false;
  const weightOf = weightsOf(scan, table);
  sumsOf(scan, table, weightOf);
  const dimension = scan.dimension;
  const lower = scan.lower;
  // Words as piecePositive meets them: each word and bigram from the scan but the first bigram ('<s>').
  const first = wordFrom(scan, start);
  const stop = wordFrom(scan, end);
  const tokens = stop - first;
  let dot = 0;
  let previous = noWordHash;
  if (tokens > 0) {
    dot += wordSums[stop] - wordSums[first] - weightOf[scan.bigramAt[first]];
    dot += rowWeight(
      table,
      reduceHash(bigramHash(noWordHash, lower, scan.wordStart[first], scan.wordEnd[first]), dimension),
    );
    previous = scan.wordNext[stop - 1];
  }
  dot += rowWeight(table, reduceHash(lastBigramHash(previous), dimension));
  dot += rowWeight(table, reduceHash(lengthHash(tokens), dimension));
  // N-grams of the units base .. last + 1 (both pads): those between the pads from the running sums.
  padUnits(scan, start, end);
  const { base, last, length, startAgrees, endAgrees } = pad;
  const low = startAgrees ? base : base + 1;
  const high = endAgrees ? last + 1 : last;
  let grams = 0;
  for (let s = 3; s <= 5; s++) {
    // The s-grams that start at low .. high - s + 1.
    if (high - s + 1 >= low) grams += gramSums[3 * (high - s + 2) + s - 3] - gramSums[3 * low + s - 3];
  }
  // The n-grams that touch a pad the text does not have, hashed as piecePositive hashes them.
  for (let s = 3; s <= Math.min(5, length); s++)
    if (!startAgrees || (s === length && !endAgrees)) grams += edgeWeight(scan, table, 0, s);
  if (!endAgrees)
    for (let i = Math.max(1, length - 5); i + 3 <= length; i++)
      grams += edgeWeight(scan, table, i, length - i);
  dot += 0.5 * grams;
  const ngrams = length < 3 ? 0 : length === 3 ? 1 : length === 4 ? 3 : 3 * length - 9;
  const squares = 2 * tokens + 2 + 0.25 * ngrams;
  const bound = model.bias[1] + (dot > 0 ? dot / Math.sqrt(squares) : 0);
  return bound + boundSlack < model.bias[0] + Math.log(threshold / (1 - threshold)) - boundSlack;
}
