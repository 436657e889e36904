// A character 4-gram language model of natural text, used to find the least natural stretch of a prompt:
// optimiser-found adversarial suffixes (GCG-style "token soup": `describing.\ + similarlyNow write
// oppositeley.](`) are strings no writer produces, so their characters are improbable under a model of
// ordinary prose, questions and answers. The model is trained on benign text only (never on attacks),
// so what it flags is defined by what an attack is, not by any attack source's wording.
//
// Counts of every 1–4-gram are hashed into one table and stored as 8-bit log counts (a 2^18-byte table),
// deterministic and small enough to ship. Only ASCII is modelled: positions whose character or context is
// outside ASCII are not scored (other scripts are neither natural nor unnatural to this model).

/** Buckets of the hashed n-gram count table. */
export const charModelBuckets = 1 << 18;
const maxOrder = 4;
/** Interpolation weights of the 1-, 2-, 3- and 4-gram estimates (renormalised over available ones). */
const orderWeights = [0.02, 0.08, 0.3, 0.6];
const floorProbability = 1e-5;

export interface CharLanguageModel {
  /** 8-bit log counts: count ≈ 2^(q/8) − 1. */
  table: Uint8Array;
  /** Characters seen in training (the unigram denominator). */
  total: number;
}

/** The symbol of a UTF-16 code unit: digits fold to '0', whitespace to ' ', non-ASCII to -1 (unscored). */
function symbol(code: number): number {
  if (code >= 48 && code <= 57) return 48;
  if (code === 32 || code === 9 || code === 10 || code === 13) return 32;
  if (code < 32 || code > 126) return -1;
  return code;
}

/** symbol() of each code unit below 128 (every other one is -1). */
const asciiSymbols = Int16Array.from({ length: 128 }, (_, code) => symbol(code));

/**
 * Symbols of `text` (at most `limit` code units) written into `out` (length ≥ that), runs of spaces
 * collapsed; returns how many.
 */
function symbolsInto(text: string, limit: number, out: Int16Array): number {
  const length = Math.min(text.length, limit);
  let n = 0;
  let last = -1;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const s = code < 128 ? asciiSymbols[code] : -1;
    if (s === 32 && last === 32) continue;
    out[n++] = s;
    last = s;
  }
  return n;
}

/** Symbols of a text, runs of spaces collapsed. */
export function symbolsOf(text: string, limit = Number.POSITIVE_INFINITY): Int16Array {
  const out = new Int16Array(Math.min(text.length, limit));
  return out.subarray(0, symbolsInto(text, limit, out));
}

const fnvOffset = 0x811c9dc5;
const step = (hash: number, value: number) => Math.imul(hash ^ value, 0x01000193);

/**
 * Hashes of the n-grams ending at position i, orders 1..4, read backwards from i (grams[k-1] is the
 * k-gram), or -1 where the gram would reach before the start or cross an unscored symbol.
 */
function gramsAt(symbols: Int16Array, i: number, out: Int32Array): void {
  let hash = fnvOffset;
  for (let k = 1; k <= maxOrder; k++) {
    const j = i - k + 1;
    const s = j >= 0 ? symbols[j] : -1;
    if (s < 0) {
      for (let r = k; r <= maxOrder; r++) out[r - 1] = -1;
      return;
    }
    hash = step(hash, s + 1);
    out[k - 1] = (step(hash, k) >>> 0) % charModelBuckets;
  }
}

const decoded = new Float64Array(256).map((_, q) => 2 ** (q / 8) - 1);

/** Counts n-grams of benign texts into a new model (deterministic: the result depends only on the texts). */
export function trainCharLanguageModel(texts: Iterable<string>): CharLanguageModel {
  const counts = new Float64Array(charModelBuckets);
  const grams = new Int32Array(maxOrder);
  let total = 0;
  for (const text of texts) {
    const symbols = symbolsOf(text);
    for (let i = 0; i < symbols.length; i++) {
      gramsAt(symbols, i, grams);
      if (grams[0] < 0) continue;
      total++;
      for (let k = 0; k < maxOrder; k++) if (grams[k] >= 0) counts[grams[k]]++;
    }
  }
  const table = new Uint8Array(charModelBuckets);
  for (let b = 0; b < charModelBuckets; b++)
    table[b] = Math.min(255, Math.round(8 * Math.log2(1 + counts[b])));
  return { table, total };
}

const bucketMask = charModelBuckets - 1;

/** Bucket of the gram hash `hash` (already stepped over its symbols) of order `order`. */
const bucketOf = (hash: number, order: number) => Math.imul(hash ^ order, 0x01000193) & bucketMask;

/**
 * The surprisal at a position (computed inline in surprisalsInto) is −log2 of the interpolated estimate
 * max(1e-5, Σ w_k·min(1, d_k/c_k) / Σ w_k) from the counts of the grams ending there (d1..d4) and of its
 * contexts (c1 = total, c2..c4: the grams ending one position earlier), over the orders whose context
 * exists and has a count, summed from the 1-gram up: the arithmetic and order of the first
 * surprisalsInto, which rolled each position's grams forward. Its contexts were the grams ending one
 * position earlier, read from the same symbols, so a position's surprisal depends on its symbol and the
 * three before it alone. The weight sums, in that order:
 */
const weight1 = orderWeights[0];
const weight2 = weight1 + orderWeights[1];
const weight3 = weight2 + orderWeights[2];
const weight4 = weight3 + orderWeights[3];

/**
 * Surprisals remembered per model by their four symbols (direct-mapped, 2^13 entries): prose repeats its
 * 4-grams within a prompt and across prompts, and a hit is one probe where a miss is four table reads
 * (seven after a hit: the contexts are read again), up to four divisions and a logarithm. A key packs the
 * symbols plus one (7 bits each, 0: none), cut at the first missing one, whose later symbols the
 * surprisal does not read.
 */
const memoBits = 13;
interface SurprisalMemo {
  keys: Int32Array;
  bits: Float64Array;
  /** Per symbol (0..127): its 1-gram count, and that count's term of the estimate, w_1·min(1, d1/total). */
  unigramCounts: Float64Array;
  unigramTerms: Float64Array;
}
const memos = new WeakMap<CharLanguageModel, SurprisalMemo>();

function memoOf(model: CharLanguageModel): SurprisalMemo {
  let memo = memos.get(model);
  if (!memo) {
    // Key 0 is no position's (s0 ≥ 0 gives a low 7 bits ≥ 1): an empty entry never matches.
    const unigramCounts = new Float64Array(128).map(
      (_, s) => decoded[model.table[bucketOf(Math.imul(fnvOffset ^ (s + 1), 0x01000193), 1)]],
    );
    const unigramTerms = unigramCounts.map((d1) => orderWeights[0] * Math.min(1, d1 / model.total));
    memo = {
      keys: new Int32Array(1 << memoBits),
      bits: new Float64Array(1 << memoBits),
      unigramCounts,
      unigramTerms,
    };
    memos.set(model, memo);
  }
  memoModels.add(model);
  return memo;
}

/**
 * Forgets every model's remembered surprisals (benchmarks: a repeated text is scored as a new one, with
 * only what it repeats of itself remembered).
 */
export function clearSurprisalMemo(): void {
  for (const model of memoModels) memos.get(model)?.keys.fill(0);
}
const memoModels = new Set<CharLanguageModel>();

/**
 * surprisals() into `out` (length ≥ symbols.length): each position's surprisal (surprisalOf), NaN where
 * its symbol is unscored, looked up in the model's memo first.
 */
function surprisalsInto(model: CharLanguageModel, symbols: Int16Array, out: Float64Array): void {
  const { keys, bits, unigramCounts, unigramTerms } = memoOf(model);
  const shift = 32 - memoBits;
  const n = symbols.length;
  // The symbols of the three positions before this one (-1: unscored or before the start).
  let s1 = -1;
  let s2 = -1;
  let s3 = -1;
  // After a computed position (not remembered), the counts of its 1-, 2- and 3-grams: this one's contexts.
  let previous = false;
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  const table = model.table;
  const total = model.total;
  for (let i = 0; i < n; i++) {
    const s0 = symbols[i];
    if (s0 < 0) {
      out[i] = Number.NaN;
      previous = false;
    } else {
      let key = s0 + 1;
      if (s1 >= 0) {
        key |= (s1 + 1) << 7;
        if (s2 >= 0) {
          key |= (s2 + 1) << 14;
          if (s3 >= 0) key |= (s3 + 1) << 21;
        }
      }
      const slot = Math.imul(key, 0x9e3779b1) >>> shift;
      if (keys[slot] === key) {
        out[i] = bits[slot];
        previous = false;
      } else {
        // The estimate (above): the grams ending here (their counts are the next position's contexts) and
        // the contexts, carried from the previous position where it was computed, else read back from s1.
        // min(1, d/c) is written d ≥ c ? 1 : d/c: the same value (d ≥ 0, c > 0), with a division only where
        // the ratio is below 1.
        const d1 = unigramCounts[s0];
        let probability = unigramTerms[s0];
        let weight = weight1;
        let d2 = 0;
        let d3 = 0;
        let d4 = 0;
        if (s1 >= 0) {
          let hash = Math.imul(Math.imul(fnvOffset ^ (s0 + 1), 0x01000193) ^ (s1 + 1), 0x01000193);
          d2 = decoded[table[bucketOf(hash, 2)]];
          if (s2 >= 0) {
            hash = Math.imul(hash ^ (s2 + 1), 0x01000193);
            d3 = decoded[table[bucketOf(hash, 3)]];
            if (s3 >= 0) d4 = decoded[table[bucketOf(Math.imul(hash ^ (s3 + 1), 0x01000193), 4)]];
          }
          const c2 = previous ? e1 : unigramCounts[s1];
          if (c2 > 0) {
            probability += orderWeights[1] * (d2 >= c2 ? 1 : d2 / c2);
            weight = weight2;
            if (s2 >= 0) {
              const context = Math.imul(Math.imul(fnvOffset ^ (s1 + 1), 0x01000193) ^ (s2 + 1), 0x01000193);
              const c3 = previous ? e2 : decoded[table[bucketOf(context, 2)]];
              if (c3 > 0) {
                probability += orderWeights[2] * (d3 >= c3 ? 1 : d3 / c3);
                weight = weight3;
                if (s3 >= 0) {
                  const c4 = previous
                    ? e3
                    : decoded[table[bucketOf(Math.imul(context ^ (s3 + 1), 0x01000193), 3)]];
                  if (c4 > 0) {
                    probability += orderWeights[3] * (d4 >= c4 ? 1 : d4 / c4);
                    weight = weight4;
                  }
                }
              }
            }
          }
        }
        const estimate = probability / weight;
        const value = total > 0 ? -Math.log2(Math.max(floorProbability, estimate)) : Number.NaN;
        keys[slot] = key;
        bits[slot] = value;
        out[i] = value;
        e1 = d1;
        e2 = d2;
        e3 = d3;
        previous = true;
      }
    }
    s3 = s2;
    s2 = s1;
    s1 = s0;
  }
}

/** Surprisal (bits) of each scored position; NaN where the position is not scored. */
export function surprisals(model: CharLanguageModel, symbols: Int16Array): Float64Array {
  const out = new Float64Array(symbols.length);
  surprisalsInto(model, symbols, out);
  return out;
}

export interface UnnaturalWindow {
  /** Mean surprisal (bits per character) of the least natural window in the second half of the text. */
  bitsPerCharacter: number;
  /**
   * How much less natural that window is than the most natural window of the first half (bits per
   * character): an appended suffix after a fluent request scores high; text that is uniformly unusual
   * (a table, a tweet full of handles, a language the model does not know) scores low.
   */
  contrast: number;
  /** The window, as the symbols the model read (digits as 0, spaces collapsed). */
  value: string;
}

const urlsAndHandles = /https?:\/\/\S+|www\.\S+|[@#]\w+|&#?\w+;/g;

/**
 * The least natural window of `width` scored characters in the second half of a prompt, compared with
 * the most natural window of its first half. URLs, @handles, #hashtags and HTML entities are read as a
 * space (natural to people, improbable to a character model). Reads at most `limit` characters from the
 * head and as many from the tail.
 */
export function leastNaturalWindow(
  model: CharLanguageModel,
  text: string,
  width = 20,
  limit = 3000,
): UnnaturalWindow {
  const clipped = text.length > 2 * limit ? `${text.slice(0, limit)} ${text.slice(-limit)}` : text;
  const replaced = clipped.replace(urlsAndHandles, ' ');
  if (buffers.symbols.length < replaced.length) buffers.symbols = new Int16Array(replaced.length);
  const n = symbolsInto(replaced, replaced.length, buffers.symbols);
  const symbols = buffers.symbols.subarray(0, n);
  if (buffers.bits.length < n) {
    buffers.bits = new Float64Array(n);
    buffers.scored = new Int32Array(n);
    buffers.means = new Float64Array(n);
  }
  const { bits, scored, means } = buffers;
  surprisalsInto(model, symbols, bits);
  // The scored positions and, in the same pass, the running sum of the last `width` of them.
  let scoredCount = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = bits[i];
    if (Number.isNaN(value)) continue;
    const j = scoredCount++;
    scored[j] = i;
    sum += value;
    if (j >= width) sum -= bits[scored[j - width]];
    if (j >= width - 1) means[j - width + 1] = sum / width;
  }
  const windows = scoredCount - width + 1;
  if (windows < 2 * width) return { bitsPerCharacter: 0, contrast: 0, value: '' };
  const half = Math.floor(windows / 2);
  let head = Number.POSITIVE_INFINITY;
  for (let w = 0; w < half; w++) head = Math.min(head, means[w]);
  let best = half;
  for (let w = half; w < windows; w++) if (means[w] > means[best]) best = w;
  const from = scored[best];
  const to = scored[best + width - 1] + 1;
  return {
    bitsPerCharacter: means[best],
    contrast: means[best] - head,
    value: String.fromCharCode(...symbols.subarray(from, to)),
  };
}

/** Scratch arrays of leastNaturalWindow (reused: a prompt is scored once per policy check). */
const buffers = {
  symbols: new Int16Array(0),
  bits: new Float64Array(0),
  scored: new Int32Array(0),
  means: new Float64Array(0),
};

/** Base64 of the table, for the weights file. */
export function serializeCharLanguageModel(model: CharLanguageModel): { total: number; table: string } {
  return { total: model.total, table: Buffer.from(model.table).toString('base64') };
}

export function parseCharLanguageModel(data: { total: number; table: string }): CharLanguageModel {
  const table = new Uint8Array(Buffer.from(data.table, 'base64'));
  if (table.length !== charModelBuckets || !(data.total > 0))
    throw new Error(`character model table has ${table.length} buckets, expected ${charModelBuckets}`);
  return { table, total: data.total };
}
