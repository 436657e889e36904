// Toxicity (hate or offensive language) from the classifier trained on Davidson et al.'s tweets.
import {
  type LinearModel,
  loadShippedModel,
  piecePositive,
  predictTextPositive,
  shareRows,
} from '../classifier/index.js';
import { normalizeText } from '../normalize/index.js';
import { resultOf, type Scanner } from '../types.js';
import { shippedTaskModels } from './prompt-task-scores.js';

export function shippedToxicityModel(): LinearModel {
  return loadShippedModel('toxicity.json');
}

let shared = false;

/**
 * The shipped policy scores a text's features with the prompt-task models and then with toxicity: their
 * weights side by side (margin-tables.ts shareRows) make the second read hit the cache. Same numbers.
 */
function shareShippedRows(): void {
  if (shared) return;
  shared = true;
  const tasks = shippedTaskModels();
  shareRows([tasks.injection, tasks.jailbreak, tasks.harmful], [shippedToxicityModel()]);
}

/** Sentences, cut to tweet size: the model was trained on tweets, and one insult in a long text would be diluted. */
const pieceLength = 280;

const sentenceBreak = /(?<=[.!?\n])\s+/g;

/**
 * The pieces as [start, end) pairs: the sentences of text.split(/(?<=[.!?\n])\s+/) that are not blank,
 * each cut into windows of pieceLength that overlap by half, so that no word is split away.
 */
export function pieceRanges(text: string): number[] {
  // Tweet-length texts are read whole, as the model learned them (per sentence, false positives rise).
  if (text.length <= pieceLength) return [0, text.length];
  const out: number[] = [];
  const sentence = (start: number, end: number) => {
    if (text.slice(start, end).trim().length === 0) return;
    for (let i = 0; i < end - start; i += pieceLength / 2) {
      out.push(start + i, Math.min(start + i + pieceLength, end));
      if (i + pieceLength >= end - start) break;
    }
  };
  let from = 0;
  for (const match of text.matchAll(sentenceBreak)) {
    sentence(from, match.index);
    from = match.index + match[0].length;
  }
  sentence(from, text.length);
  return out;
}

/** Highest toxicity over tweet-sized pieces of the (normalised) text. */
export function toxicityScore(text: string, model: LinearModel = shippedToxicityModel()): number {
  // Normalised like the training text, so that zero-width splits and look-alike letters do not hide insults.
  const normalized = normalizeText(text).text;
  if (normalized.length <= pieceLength) return predictTextPositive(model, normalized);
  const ranges = pieceRanges(normalized);
  let score = 0;
  for (let p = 0; p < ranges.length; p += 2) {
    const [start, end] = [ranges[p], ranges[p + 1]];
    // A piece of the text the prompt tasks just scanned is read from that scan (the same number).
    const piece =
      piecePositive(model, normalized, start, end) ??
      predictTextPositive(model, normalized.slice(start, end));
    score = Math.max(score, piece);
  }
  return score;
}

export function toxicityScanner(options: { threshold?: number; model?: LinearModel } = {}): Scanner {
  const { threshold = 0.5 } = options;
  const model = options.model ?? shippedToxicityModel();
  if (!options.model) shareShippedRows();
  return (text) => {
    const score = toxicityScore(text, model);
    return resultOf(score >= threshold ? [{ scanner: 'toxicity', type: 'toxic', score }] : []);
  };
}
