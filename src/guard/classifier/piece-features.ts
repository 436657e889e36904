// Scores a piece of a text (toxicity reads a long text sentence by sentence) from the text's kept feature
// scan instead of scanning the piece again. A piece's words and character n-grams are the text's own,
// except at its two edges: its first word's bigram starts at '<s>', its '</s>' and length bucket are its
// own, and the n-grams that touch a pad where the text has no space. Those few are hashed here; every
// other feature is read from the scan by position, so a piece costs no hashing, no count-table probes and
// no weight-table reads. The features are counted in the order a scan of the piece meets them, so every
// sum adds in the same order and the probability is the scan's to the bit. Where a piece cannot be read
// this way (it cuts a word, lies past the scanned prefix, or the text holds an "İ", which lower-cases to
// two code units), the caller scans it as before.
import { charClass, spaceClass } from './char-classes.js';
import {
  bigramHash,
  type FeatureScan,
  keptPosition,
  keptScan,
  lastBigramHash,
  lengthHash,
  maximumFeatureCharacters,
  nextHash,
  noWordHash,
  reduceHash,
  spaceAt,
  tokenEnd,
  wordHash,
} from './feature-scan.js';
import { keptColumn } from './kept-column.js';
import type { LinearModel } from './linear-model.js';
import {
  decoderOf,
  gatherRows,
  positiveTable,
  rowWeight,
  sortByBlock,
  type WeightTable,
} from './margin-tables.js';

const space = 32;
const fnvOffset = 0x811c9dc5;
const prime = 0x01000193;

/**
 * A piece's units between its two pads (' ' + piece + ' ', collapsed, as a scan of the piece reads
 * them): the scan's units base .. last + 1, of which base and last + 1 stand for the pads; whether the
 * text has a space there too (then the n-grams touching that pad are the scan's own). Set by padUnits.
 */
export const pad = { base: 0, last: 0, length: 0, startAgrees: false, endAgrees: false };

export function padUnits(scan: FeatureScan, start: number, end: number): void {
  const units = scan.units;
  pad.base = scan.unitOf[start] - 1;
  pad.last = scan.unitOf[end - 1];
  pad.length = pad.last - pad.base + 2;
  pad.startAgrees = units[pad.base] === space;
  pad.endAgrees = units[pad.last + 1] === space;
}

/** The hash of the piece's s-gram at i (0: the first pad), its pads read as spaces. */
export function padGramHash(units: Uint16Array, base: number, length: number, i: number, s: number): number {
  let hash = fnvOffset;
  for (let k = i; k < i + s; k++)
    hash = Math.imul(hash ^ (k === 0 || k === length - 1 ? space : units[base + k]), prime);
  return hash;
}

/** Per kept scan and model: the weight of each of the scan's features, by first-seen position. */
let weightsGeneration = -1;
let weightsTable: WeightTable | undefined;
let weights = new Float64Array(0);
let order = new Int32Array(0);

/** Per piece: scan position → local position + 1 (0: not yet met), and the local features in order. */
let localOf = new Int32Array(0);
let localScan = new Int32Array(0);
let localCounts = new Float64Array(0);
let localWeights = new Float64Array(0);
let local = 0;
/** Features of the piece that the text does not have (its edge features): their indices. */
const extraIndices: number[] = [];

export function isSpace(text: string, i: number): boolean {
  return (charClass(text.charCodeAt(i)) & spaceClass) !== 0;
}

export function lowerCaseIsPerCharacter(scan: FeatureScan): boolean {
  // toLowerCase is per character except for "İ", which lower-cases to two code units (and shows as a
  // longer lower-cased text), and "Σ", whose final form depends on its neighbours up to the nearest
  // character that is neither cased nor case-ignorable: a whitespace character. A piece read from the
  // scan ends at a whitespace character or at the scan's own end on both sides, so its "Σ" reads the
  // same neighbours in the piece as in the text.
  return scan.lower.length === Math.min(scan.text.length, maximumFeatureCharacters);
}

export function weightsOf(scan: FeatureScan, table: WeightTable): Float64Array {
  if (weightsGeneration !== scan.generation || weightsTable !== table) {
    const count = scan.count;
    if (weights.length < count) weights = new Float64Array(count);
    const touched = scan.touched;
    if (table.stride !== undefined && table.quantized) {
      // A table shared with the prompt-task margins (margin-tables.ts shareRows): the prompt tasks have
      // just read these rows, so they are read straight, in first-seen order (decoded as gatherRows does).
      // decoderOf's lookup is the division's number (fround(k / 1000)), without a division per weight.
      const { quantized, stride, column = 0 } = table;
      const { decoded, shift } = decoderOf(quantized);
      const copied = keptColumn;
      if (
        copied.generation === scan.generation &&
        copied.quantized === quantized &&
        copied.stride === stride &&
        copied.column === column &&
        copied.count === count
      ) {
        // Copied out by the prompt tasks' read of these rows (kept-column.ts): the same k values.
        const values = copied.values;
        for (let t = 0; t < count; t++) weights[t] = decoded[values[t] + shift];
      } else
        for (let t = 0; t < count; t++) weights[t] = decoded[quantized[touched[t] * stride + column] + shift];
    } else {
      if (order.length < count) order = new Int32Array(count);
      sortByBlock(count, touched, scan.dimension, order);
      const gathered = gatherRows(table, count, touched, order);
      for (let t = 0; t < count; t++) weights[t] = gathered[t];
    }
    weightsGeneration = scan.generation;
    weightsTable = table;
  }
  return weights;
}

function meet(position: number, value: number, weight: number): void {
  const seen = localOf[position];
  if (seen !== 0) {
    localCounts[seen - 1] += value;
    return;
  }
  localOf[position] = local + 1;
  localScan[local] = position;
  localCounts[local] = value;
  localWeights[local++] = weight;
}

function meetIndex(scan: FeatureScan, table: WeightTable, index: number, value: number): void {
  const position = keptPosition(scan, index);
  if (position >= 0) {
    meet(position, value, weights[position]);
    return;
  }
  // A feature the text does not have: its own local entry (scan position -1 - k).
  for (let k = 0; k < extraIndices.length; k++) {
    if (extraIndices[k] !== index) continue;
    for (let t = 0; t < local; t++) if (localScan[t] === -1 - k) localCounts[t] += value;
    return;
  }
  extraIndices.push(index);
  localScan[local] = -extraIndices.length;
  localCounts[local] = value;
  localWeights[local++] = rowWeight(table, index);
}

/** First word whose start is at or after `at`. */
export function wordFrom(scan: FeatureScan, at: number): number {
  let low = 0;
  let high = scan.words;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (scan.wordStart[middle] < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The tokens of a piece that cuts a word at an edge (see piecePositive), met in order; returns how many.
 * The last token's running hash is left in `cutPrevious`.
 */
let cutPrevious = noWordHash;
function cutTokens(
  scan: FeatureScan,
  table: WeightTable,
  piece: string,
  start: number,
  end: number,
  cutEnd: boolean,
  weightOf: Float64Array,
): number {
  let w = wordFrom(scan, start);
  let previous = noWordHash;
  let tokens = 0;
  const lower = scan.lower;
  const dimension = scan.dimension;
  let i = start;
  // Whether the previous token was the scan's word w - 1 (then word w's bigram is the scan's own).
  let previousIsScan = false;
  while (i < end) {
    while (w < scan.words && scan.wordStart[w] < i) w++;
    if (
      w < scan.words &&
      scan.wordStart[w] === i &&
      (cutEnd ? scan.wordEnd[w] + 2 < end : scan.wordStart[w] < end)
    ) {
      meet(scan.wordAt[w], 1, weightOf[scan.wordAt[w]]);
      if (previousIsScan) meet(scan.bigramAt[w], 1, weightOf[scan.bigramAt[w]]);
      else
        meetIndex(
          scan,
          table,
          reduceHash(bigramHash(previous, lower, scan.wordStart[w], scan.wordEnd[w]), dimension),
          1,
        );
      previous = scan.wordNext[w];
      previousIsScan = true;
      tokens++;
      i = scan.wordEnd[w];
      w++;
      continue;
    }
    // The piece's own token (or whitespace) at i, read in the piece's text as a scan of it would.
    const own = piece;
    const at = i - start;
    if (spaceAt(own, at)) {
      i++; // whitespace is one code unit
      continue;
    }
    const stop = tokenEnd(own, at);
    meetIndex(scan, table, reduceHash(wordHash(own, at, stop), dimension), 1);
    meetIndex(scan, table, reduceHash(bigramHash(previous, own, at, stop), dimension), 1);
    previous = nextHash(own, at, stop);
    previousIsScan = false;
    tokens++;
    i = start + stop;
  }
  cutPrevious = previous;
  return tokens;
}

/**
 * predictTextPositive(model, text.slice(start, end)), read from the kept scan of `text` (the same number);
 * undefined where the piece has to be scanned (see above), or no scan of `text` is kept.
 */
export function piecePositive(
  model: LinearModel,
  text: string,
  start: number,
  end: number,
): number | undefined {
  const scan = keptScan(text, model.dimension);
  const table = scan && positiveTable(model);
  if (!scan || !table || start >= end || !lowerCaseIsPerCharacter(scan)) return undefined;
  const n = scan.lower.length;
  if (end > n) return undefined;
  const lower = scan.lower;
  // A piece that cuts a word: its edge tokens are its own (read below from its own lower-cased text),
  // which must be the scan's text there ("Σ" at a cut would take its final form in the piece).
  const cutStart = start > 0 && !isSpace(text, start - 1) && !isSpace(text, start);
  const cutEnd = end < n && !isSpace(text, end - 1) && !isSpace(text, end);
  const piece = cutStart || cutEnd ? lower.slice(start, end) : undefined;
  if (piece !== undefined && text.slice(start, end).toLowerCase() !== piece) return undefined;
  const weightOf = weightsOf(scan, table);
  if (localOf.length < scan.count) localOf = new Int32Array(scan.count);
  if (localScan.length < 5 * (end - start) + 16) {
    const size = 5 * (end - start) + 16;
    localScan = new Int32Array(size);
    localCounts = new Float64Array(size);
    localWeights = new Float64Array(size);
  }
  local = 0;
  extraIndices.length = 0;
  const dimension = scan.dimension;
  // Tokens (word feature, then bigram), in the scan's order; the first bigram starts at '<s>'. From a
  // position where the scan started a token, a scan of the piece finds the scan's tokens for as long as
  // what decides them lies inside the piece (a token reads at most one unit past its end, so: up to two
  // before a cut end; up to the end where the piece ends at a space or where the scan ended). Those are
  // read from the scan; the tokens before (a cut first word) and after (a cut last word) are the piece's
  // own, hashed here.
  let tokens: number;
  let previous = noWordHash;
  if (piece === undefined) {
    // Both edges at a space or the scan's end: every word starting in the piece is the scan's own.
    const first = wordFrom(scan, start);
    const stop = wordFrom(scan, end);
    for (let w = first; w < stop; w++) {
      meet(scan.wordAt[w], 1, weightOf[scan.wordAt[w]]);
      if (w === first)
        meetIndex(
          scan,
          table,
          reduceHash(bigramHash(noWordHash, lower, scan.wordStart[w], scan.wordEnd[w]), dimension),
          1,
        );
      else meet(scan.bigramAt[w], 1, weightOf[scan.bigramAt[w]]);
    }
    if (stop > first) previous = scan.wordNext[stop - 1];
    tokens = stop - first;
  } else {
    tokens = cutTokens(scan, table, piece, start, end, cutEnd, weightOf);
    previous = cutPrevious;
  }
  meetIndex(scan, table, reduceHash(lastBigramHash(previous), dimension), 1);
  // Character n-grams of ' ' + piece + ' ' (collapsed): the scan's units base+1 .. last between two pads.
  padUnits(scan, start, end);
  const { base, length, startAgrees, endAgrees } = pad;
  const ngramAt = scan.ngramAt;
  for (let i = 0; i + 3 <= length; i++) {
    const size = Math.min(5, length - i);
    for (let s = 3; s <= size; s++) {
      if ((i > 0 || startAgrees) && (i + s < length || endAgrees)) {
        const position = ngramAt[3 * (base + i) + s - 3];
        meet(position, 0.5, weightOf[position]);
        continue;
      }
      meetIndex(scan, table, reduceHash(padGramHash(scan.units, base, length, i, s), dimension), 0.5);
    }
  }
  meetIndex(scan, table, reduceHash(lengthHash(tokens), dimension), 1);
  // As featuresOf and predictTextPositive: the norm, then the sum, both in first-seen order.
  let sum = 0;
  for (let t = 0; t < local; t++) sum += localCounts[t] * localCounts[t];
  const norm = Math.sqrt(sum) || 1;
  let score1 = model.bias[1];
  for (let t = 0; t < local; t++) score1 += localWeights[t] * (localCounts[t] / norm);
  for (let t = 0; t < local; t++) if (localScan[t] >= 0) localOf[localScan[t]] = 0;
  return 1 / (1 + Math.exp(model.bias[0] - score1));
}
