// BLEU computed exactly as sacrebleu 2.x does (metrics/bleu.py): 13a tokens, clipped n-gram counts
// against the union of references, closest reference length (ties: shorter), smoothing none | floor |
// add-k | exp, and effective order for sentence-level scores. Scores are on sacrebleu's 0–100 scale.
import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';
import { type BleuTokenizerName, bleuTokenize } from './bleu-tokenizers.js';
import { expectedStrings } from './expected-strings.js';
import { pythonRstrip, pythonSplit } from './python-text.js';

export type BleuSmoothing = 'none' | 'floor' | 'add-k' | 'exp';

export interface BleuOptions {
  tokenize?: BleuTokenizerName;
  smoothMethod?: BleuSmoothing;
  /** floor: 0.1, add-k: 1 when left out. */
  smoothValue?: number;
  lowercase?: boolean;
  maxNgramOrder?: number;
  effectiveOrder?: boolean;
}

export interface BleuResult {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  brevityPenalty: number;
  sysLen: number;
  refLen: number;
}

const smoothDefaults: Record<BleuSmoothing, number | undefined> = {
  none: undefined,
  floor: 0.1,
  'add-k': 1,
  exp: undefined,
};

// sacrebleu's my_log: log(0) is a very large negative number, so a zero precision zeroes the score.
const safeLog = (value: number) => (value === 0 ? -9999999999 : Math.log(value));

/** sacrebleu `BLEU.compute_bleu` from sufficient statistics. */
export function computeBleu(
  correctIn: readonly number[],
  totalIn: readonly number[],
  sysLen: number,
  refLen: number,
  options: Pick<BleuOptions, 'smoothMethod' | 'smoothValue' | 'effectiveOrder' | 'maxNgramOrder'> = {},
): BleuResult {
  const { smoothMethod = 'none', effectiveOrder = false, maxNgramOrder = 4 } = options;
  const smoothValue = options.smoothValue ?? smoothDefaults[smoothMethod] ?? 0;
  const correct = [...correctIn];
  const total = [...totalIn];
  const brevityPenalty = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxNgramOrder).fill(0);
  const result = { counts: correct, totals: total, precisions, brevityPenalty, sysLen, refLen };
  if (!correct.some((c) => c > 0)) return { score: 0, ...result };

  let smoothMteval = 1;
  let order = maxNgramOrder;
  for (let n = 1; n <= maxNgramOrder; n++) {
    if (smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] += smoothValue;
      total[n - 1] += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (effectiveOrder) order = n;
    if (correct[n - 1] === 0) {
      if (smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]);
      } else if (smoothMethod === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total[n - 1];
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]) / total[n - 1];
    }
  }
  const logSum = precisions.slice(0, order).reduce((sum, p) => sum + safeLog(p), 0);
  return { score: brevityPenalty * Math.exp(logSum / order), ...result };
}

function ngramCounts(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      // \u0001 cannot appear inside a token (tokens are split on whitespace), so keys never collide.
      const key = `${n}\u0001${tokens.slice(i, i + n).join('\u0001')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function closestRefLength(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

function segmentStatistics(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions,
): number[] {
  const { tokenize = '13a', lowercase = false, maxNgramOrder = 4 } = options;
  const prepare = (s: string) => {
    const text = lowercase ? s.toLowerCase() : s;
    return pythonSplit(bleuTokenize(pythonRstrip(text), tokenize));
  };
  const refNgrams = new Map<string, number>();
  const refLens: number[] = [];
  for (const reference of references) {
    const tokens = prepare(reference);
    refLens.push(tokens.length);
    for (const [key, count] of ngramCounts(tokens, maxNgramOrder)) {
      refNgrams.set(key, Math.max(refNgrams.get(key) ?? 0, count));
    }
  }
  const hypTokens = prepare(hypothesis);
  const correct = new Array<number>(maxNgramOrder).fill(0);
  const total = new Array<number>(maxNgramOrder).fill(0);
  for (const [key, count] of ngramCounts(hypTokens, maxNgramOrder)) {
    const n = Number(key.slice(0, key.indexOf('\u0001'))) - 1;
    total[n] += count;
    const refCount = refNgrams.get(key);
    if (refCount !== undefined) correct[n] += Math.min(count, refCount);
  }
  return [hypTokens.length, closestRefLength(hypTokens.length, refLens), ...correct, ...total];
}

/**
 * Corpus BLEU: `references[r][i]` is reference stream r for hypothesis i (sacrebleu's layout).
 * Defaults match `sacrebleu.corpus_bleu`: 13a, exp smoothing, no effective order.
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  options: BleuOptions = {},
): BleuResult {
  const { smoothMethod = 'exp', effectiveOrder = false, maxNgramOrder = 4 } = options;
  for (const stream of references) {
    if (stream.length !== hypotheses.length) {
      throw new GantryError(
        'EVAL_SCORER_INPUT_INVALID',
        `BLEU got ${hypotheses.length} hypotheses but a reference stream of ${stream.length}.`,
        {
          hint: 'Give every reference stream one line per hypothesis.',
        },
      );
    }
  }
  const sums = new Array<number>(2 + 2 * maxNgramOrder).fill(0);
  hypotheses.forEach((hypothesis, i) => {
    const stats = segmentStatistics(
      hypothesis,
      references.map((stream) => stream[i]),
      options,
    );
    stats.forEach((value, j) => {
      sums[j] += value;
    });
  });
  return computeBleu(sums.slice(2, 2 + maxNgramOrder), sums.slice(2 + maxNgramOrder), sums[0], sums[1], {
    smoothMethod,
    smoothValue: options.smoothValue,
    effectiveOrder,
    maxNgramOrder,
  });
}

/** Sentence BLEU: `sacrebleu.sentence_bleu` defaults (exp smoothing, effective order on). */
export function sentenceBleu(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions = {},
): BleuResult {
  return corpusBleu(
    [hypothesis],
    references.map((r) => [r]),
    { effectiveOrder: true, ...options },
  );
}

/** Scorer: sentence BLEU of the output against `expected` (a string or a list of references), scaled to 0..1. */
export function bleu(options: BleuOptions & { threshold?: number } = {}): Scorer {
  const { threshold, ...bleuOptions } = options;
  return {
    name: 'bleu',
    threshold,
    score(example, output) {
      const result = sentenceBleu(output.output, expectedStrings(example, 'bleu'), bleuOptions);
      return {
        score: result.score / 100,
        details: { bleu: result.score, precisions: result.precisions, brevityPenalty: result.brevityPenalty },
      };
    },
  };
}
