// Person names and postal addresses have no checksum: a token tagger (logistic regression over
// hashed token features, trained on the training templates of Presidio's synthetic set) finds them.
// Two smoothing passes (tag-smoothing.ts) then repair fragmented addresses: hysteresis (a weak token
// next to a strong one joins it) and gap filling (a short run between two address pieces belongs to
// the address).
import { compactTable, decoderOf, type LinearModel, loadShippedModel } from '../classifier/index.js';
import type { Finding } from '../types.js';
import { nameWordAfter, nameWordBefore, opensSentence } from './name-words.js';
import {
  createOwnSums,
  forgetOwnSums,
  holdsToken,
  keepOwnSums,
  type OwnSums,
  ownSlot,
  ownSumAt,
} from './own-sums.js';
import { isSeparator, smooth } from './tag-smoothing.js';
import { type FeatureRows, featureRows, tokenContextRows, tokenOwnRows } from './token-feature-rows.js';
import { emptyPrepared, type PreparedTokens, prepareSpans } from './token-features.js';
import { type TokenSpans, tokenSpans } from './tokenize.js';

export const taggerDimension = 1 << 18;
export const taggerClasses = ['O', 'PERSON', 'STREET_ADDRESS'] as const;

export function shippedEntityTagger(): LinearModel {
  return loadShippedModel('pii-tagger.json');
}

const commonWordSets = new WeakMap<LinearModel, ReadonlySet<number>>();

/** The tagger's lexicon of common lower-case words, shipped as hashed buckets (no words) in its metadata. */
export function commonWordsOf(model: LinearModel): ReadonlySet<number> {
  let set = commonWordSets.get(model);
  if (!set) {
    const buckets = model.metadata.commonWordBuckets;
    set = new Set(Array.isArray(buckets) ? (buckets as number[]) : []);
    commonWordSets.set(model, set);
  }
  return set;
}

const loneOpenerProbability = 0.75;

/**
 * Tokens scored by the tagger: those within `window` tokens of an anchor, a token with a digit or a
 * capitalised one that is not a common word opening a sentence ("The", "This"). Names and addresses are
 * built around anchors (a span without a capitalised word is dropped), so the rest of an ordinary
 * sentence need not be scored: most of a kilobyte of prose, which keeps the policy under 1 ms/KB.
 */
export const anchorWindow = 4;

/** /\d/.test(text.slice(from, to)) (a loop costs less than a regex call). */
function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 48 && unit <= 57) return true;
  }
  return false;
}

/** /^\p{Lu}/u.test(text.slice(from, to)) (ASCII answered without the regex). */
function startsUpper(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if (first < 128) return first >= 65 && first <= 90;
  return /^\p{Lu}/u.test(text.slice(from, to));
}

function tokensNearAnchors(
  text: string,
  spans: TokenSpans,
  prepared: PreparedTokens,
  window: number,
): Uint8Array {
  const n = spans.count;
  const near = new Uint8Array(n);
  let lastAnchor = -Infinity;
  for (let i = 0; i < n; i++) {
    const anchor =
      (prepared.capitalised[i] === 1 && !(prepared.sentenceStart[i] === 1 && prepared.common[i] === 1)) ||
      hasDigit(text, spans.starts[i], spans.ends[i]);
    if (anchor) {
      if (i - lastAnchor > 1) {
        const last = Math.min(n - 1, i + window);
        for (let j = Math.max(0, i - window); j <= last; j++) near[j] = 1;
      } else near[Math.min(n - 1, i + window)] = 1;
      lastAnchor = i;
    }
  }
  return near;
}

/** Row offsets of the scored tokens' features, and where each token's end (reused between calls). */
let offsets = new Int32Array(0);
let tokenEnds = new Int32Array(0);
/** Per token: the row of its word as a preceding word (tokenFeatureRows), -1 until read. */
let windowRows = new Int32Array(0);
/**
 * Per token: where its own features' rows end (tokenOwnRows), its own-sums slot (ownSlot; -1 - slot
 * where the slot did not hold it) and, where it did, the sums read from it.
 */
let ownEnds = new Int32Array(0);
let slots = new Int32Array(0);
let ownSums = new Float64Array(0);
const ownSumsByModel = new WeakMap<LinearModel, OwnSums>();
/** Models whose own sums were kept since the last clearTaggerMemo. */
let ownSumsKept: OwnSums[] = [];

/** Forgets the tokens' own sums kept across texts (benchmarks: a text timed as the first one seen). */
export function clearTaggerMemo(): void {
  for (const cache of ownSumsKept) forgetOwnSums(cache);
  ownSumsKept = [];
}
const rowsByModel = new WeakMap<LinearModel, FeatureRows>();
/**
 * The model's table as 16-bit k (each weight is exactly Math.fround(k / 1000), as the shipped 3-decimal
 * weights are): half the bytes of its 32-bit table, so fewer of the rows a text reads miss the cache.
 * Decoded by lookup to the same numbers. Undefined where some weight is not of that form.
 */
const quantizedByModel = new WeakMap<LinearModel, Int16Array | undefined>();

/** The 16-bit table the tagger reads (undefined where a weight is not k / 1000 for a 16-bit k). */
export function quantizedOf(model: LinearModel): Int16Array | undefined {
  if (!quantizedByModel.has(model))
    quantizedByModel.set(model, compactTable(model.weights, model.classes.length).quantized);
  return quantizedByModel.get(model);
}

function rowsOf(model: LinearModel): FeatureRows {
  let rows = rowsByModel.get(model);
  if (!rows) {
    rows = featureRows(model.dimension, model.classes.length);
    rowsByModel.set(model, rows);
  }
  return rows;
}
/** The tokens' features (prepareSpans), reused from text to text. */
let preparedBuffer = emptyPrepared(256);
/** Keeps the touch pass from being optimised away. */
export let touched = 0;

/** Spans of consecutive tokens tagged with the same entity; the score is their mean probability. */
export function tagEntities(
  text: string,
  model: LinearModel = shippedEntityTagger(),
  threshold = 0.5,
): Finding[] {
  const spans = tokenSpans(text);
  const n = spans.count;
  const { starts, ends } = spans;
  if (preparedBuffer.word.length < n) preparedBuffer = emptyPrepared(2 * n);
  const prepared = prepareSpans(text, spans, commonWordsOf(model), preparedBuffer);
  const k = model.classes.length;
  // One buffer for every token's class probabilities (token i's class c at i * k + c): no allocation per token.
  const buffer = new Float64Array(n * k);
  const near = tokensNearAnchors(text, spans, prepared, anchorWindow);
  const features = rowsOf(model);
  // The model's own table, row-major: a row of zeros adds nothing (x + 0 is x), so every row is read
  // where it lies, one load per weight and no lookup of where a row is kept.
  const weights = model.weights;
  const bias = model.bias;
  const quantized = k === 3 ? quantizedOf(model) : undefined;
  const decoder = quantized ? decoderOf(quantized) : undefined;
  // First every scored token's rows (offsets into the table), then one pass that only touches them
  // (independent loads: many cache misses in flight at once), then the sums, each token's in its
  // features' order as before.
  if (offsets.length < n * 64) offsets = new Int32Array(n * 64);
  if (tokenEnds.length < n) {
    tokenEnds = new Int32Array(2 * n);
    windowRows = new Int32Array(2 * n);
    ownEnds = new Int32Array(2 * n);
    slots = new Int32Array(2 * n);
    ownSums = new Float64Array(6 * n);
  }
  windowRows.fill(-1, 0, n);
  // Three classes (the shipped tagger): a token seen before starts from its own sums.
  let cache: OwnSums | undefined;
  if (k === 3) {
    cache = ownSumsByModel.get(model);
    if (!cache) {
      cache = createOwnSums();
      ownSumsByModel.set(model, cache);
    }
    if (!ownSumsKept.includes(cache)) ownSumsKept.push(cache);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (near[i]) {
      if (cache) {
        const slot = ownSlot(prepared, i);
        if (holdsToken(cache, slot, prepared, i)) {
          // Read now: a later token may take the slot before the sums below.
          slots[i] = slot;
          const at = ownSumAt(slot);
          ownSums[3 * i] = cache.sums[at];
          ownSums[3 * i + 1] = cache.sums[at + 1];
          ownSums[3 * i + 2] = cache.sums[at + 2];
        } else {
          slots[i] = -1 - slot;
          total = tokenOwnRows(prepared, i, features, offsets, total);
        }
      } else total = tokenOwnRows(prepared, i, features, offsets, total);
      ownEnds[i] = total;
      total = tokenContextRows(prepared, i, features, windowRows, offsets, total);
    }
    tokenEnds[i] = total;
  }
  let touch = 0;
  // A row's first and last weight: a row may straddle two cache lines.
  if (quantized)
    for (let j = 0; j < total; j++) touch |= quantized[offsets[j]] + quantized[offsets[j] + k - 1];
  else for (let j = 0; j < total; j++) touch |= weights[offsets[j]] + weights[offsets[j] + k - 1] > 0 ? 1 : 0;
  touched = touch;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    if (!near[i]) {
      // Far from any capitalised word or digit: no name or address can reach it (a span without one is
      // dropped below), so it is not scored.
      buffer[base] = 1;
      continue;
    }
    const from = i === 0 ? 0 : tokenEnds[i - 1];
    if (cache) {
      // Three sums in locals, each weight added in the features' order.
      let s0: number;
      let s1: number;
      let s2: number;
      const slot = slots[i];
      if (slot >= 0) {
        s0 = ownSums[3 * i];
        s1 = ownSums[3 * i + 1];
        s2 = ownSums[3 * i + 2];
      } else {
        s0 = bias[0];
        s1 = bias[1];
        s2 = bias[2];
        if (quantized && decoder) {
          const { decoded, shift } = decoder;
          for (let j = from; j < ownEnds[i]; j++) {
            const offset = offsets[j];
            s0 += decoded[quantized[offset] + shift];
            s1 += decoded[quantized[offset + 1] + shift];
            s2 += decoded[quantized[offset + 2] + shift];
          }
        } else
          for (let j = from; j < ownEnds[i]; j++) {
            const offset = offsets[j];
            s0 += weights[offset];
            s1 += weights[offset + 1];
            s2 += weights[offset + 2];
          }
        keepOwnSums(cache, -1 - slot, prepared, i, s0, s1, s2);
      }
      if (quantized && decoder) {
        const { decoded, shift } = decoder;
        for (let j = ownEnds[i]; j < tokenEnds[i]; j++) {
          const offset = offsets[j];
          s0 += decoded[quantized[offset] + shift];
          s1 += decoded[quantized[offset + 1] + shift];
          s2 += decoded[quantized[offset + 2] + shift];
        }
      } else
        for (let j = ownEnds[i]; j < tokenEnds[i]; j++) {
          const offset = offsets[j];
          s0 += weights[offset];
          s1 += weights[offset + 1];
          s2 += weights[offset + 2];
        }
      buffer[base] = s0;
      buffer[base + 1] = s1;
      buffer[base + 2] = s2;
    } else {
      for (let c = 0; c < k; c++) buffer[base + c] = bias[c];
      for (let j = from; j < tokenEnds[i]; j++) {
        const offset = offsets[j];
        for (let c = 0; c < k; c++) buffer[base + c] += weights[offset + c];
      }
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (buffer[base + c] > max) max = buffer[base + c];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      buffer[base + c] = Math.exp(buffer[base + c] - max);
      sum += buffer[base + c];
    }
    for (let c = 0; c < k; c++) buffer[base + c] /= sum;
  }
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (buffer[base + c] > buffer[base + best]) best = c;
    labels[i] = best > 0 && buffer[base + best] >= threshold ? best : 0;
  }
  smooth(text, spans, labels, buffer, k);
  const findings: Finding[] = [];
  let open: { label: number; first: number; last: number; total: number; count: number } | undefined;
  const close = () => {
    if (!open) return;
    const start = starts[open.first];
    const end = ends[open.last];
    const type = model.classes[open.label];
    // A street address names a street and numbers a house or a postcode: a run of digits and
    // lower-case words is not one, and neither is a capitalised word without any number.
    let named = false;
    for (let t = open.first; t <= open.last; t++) if (startsUpper(text, starts[t], ends[t])) named = true;
    // Between tokens there is only whitespace, which holds no digit.
    const numbered = hasDigit(text, start, end);
    // A lone capitalised word opening a sentence ("Knead for ten minutes") is weak evidence of a name:
    // it needs a confident tagger.
    const loneOpener = open.first === open.last && prepared.sentenceStart[open.first] === 1;
    if (type === 'PERSON' && loneOpener && open.total < loneOpenerProbability) {
      open = undefined;
      return;
    }
    // Names are written with capitals; a lower-case run tagged PERSON is noise (code, JSON, slang).
    if ((type === 'STREET_ADDRESS' && !(named && numbered)) || (type === 'PERSON' && !named)) {
      open = undefined;
      return;
    }
    const [wholeStart, wholeEnd] = wholeSpan(text, type, start, end);
    findings.push({
      scanner: 'pii',
      type,
      start: wholeStart,
      end: wholeEnd,
      score: open.total / open.count,
      value: text.slice(wholeStart, wholeEnd),
    });
    open = undefined;
  };
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label === 0 || isSeparator(text, spans, i)) {
      // Separators inside an address do not end it; anything else does.
      if (!(open && model.classes[open.label] === 'STREET_ADDRESS' && isSeparator(text, spans, i))) close();
      continue;
    }
    if (open && open.label !== label) close();
    if (open) {
      open.last = i;
      open.total += buffer[i * k + label];
      open.count++;
    } else open = { label, first: i, last: i, total: buffer[i * k + label], count: 1 };
  }
  close();
  return findings;
}

const streetPartAfter =
  /^[ \t]*(?:(?:\d+[A-Za-z]?|\p{Lu}[\p{Ll}]+)[ \t]+){0,2}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Court|Ct\.?|Way|Place|Pl\.?|Square|Sq\.?|Terrace|Highway|Hwy\.?|Parkway|Pkwy\.?|Circle|Cir\.?)\b\.?/u;
const houseNumberBefore = /\d+[A-Za-z]?[ \t]+$/;

/**
 * Widens a tagged span to the whole entity, so that masking never leaves half a name ("[PERSON] Smith")
 * or the street type of an address ("[STREET_ADDRESS] Street"): up to two capitalised words on each side
 * of a name, and a following street type or a preceding house number for an address.
 */
export function wholeSpan(text: string, type: string, start: number, end: number): [number, number] {
  if (type === 'PERSON') {
    for (let n = 0; n < 2; n++) {
      const after = nameWordAfter(text, end);
      if (after < 0) break;
      end += after;
    }
    for (let n = 0; n < 2; n++) {
      const before = nameWordBefore(text, start);
      // A capitalised word that opens a sentence is not part of the name ("Ask John").
      if (before < 0) break;
      const at = start - before;
      if (at === 0 || opensSentence(text, at)) break;
      start = at;
    }
  } else if (type === 'STREET_ADDRESS') {
    const after = streetPartAfter.exec(text.slice(end, end + 60));
    if (after) end += after[0].length;
    const before = houseNumberBefore.exec(text.slice(Math.max(0, start - 12), start));
    if (before) start -= before[0].length;
  }
  return [start, end];
}
