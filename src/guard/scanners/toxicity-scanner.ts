// Toxicity (hate or offensive language) from the classifier trained on Davidson et al.'s tweets.
import {
  charClass,
  type LinearModel,
  loadShippedModel,
  pieceBelow,
  piecePositive,
  predictTextPositive,
  shareRows,
  spaceClass,
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

/** Whether a code unit is `\s` (char-classes' table: what trim() removes too). */
function isWhitespace(unit: number): boolean {
  return (charClass(unit) & spaceClass) !== 0;
}

function isSentenceEnd(unit: number): boolean {
  return unit === 0x2e || unit === 0x21 || unit === 0x3f || unit === 0x0a;
}

/**
 * The windows of the sentence [start, end) of `text` onto `out`, none where it is blank: pieceLength
 * units at most, each starting about half a window after the one before, both ends moved back to a word's
 * edge (a window cuts a word only where one word fills half a window). Whole words keep a fragment from
 * reading as another word ("class" cut to "ass"), and let the classifier read each window from the scan
 * and bound it without scoring it (classifier pieceBelow).
 */
function pushSentence(text: string, out: number[], start: number, end: number): void {
  let blank = true;
  for (let i = start; i < end && blank; i++) blank = isWhitespace(text.charCodeAt(i));
  if (blank) return;
  const half = pieceLength / 2;
  let from = start;
  while (end - from > pieceLength) {
    const to = wordEdgeBefore(text, from + pieceLength, from + half);
    out.push(from, to);
    from = wordEdgeBefore(text, from + half, from + 1);
  }
  out.push(from, end);
}

/**
 * The last position in (floor, at] between a word and a space (where text[at] is a space or text[at - 1]
 * is one); `at` itself where there is none, so a word longer than the range is cut.
 */
function wordEdgeBefore(text: string, at: number, floor: number): number {
  for (let i = at; i > floor; i--)
    if (isWhitespace(text.charCodeAt(i)) || isWhitespace(text.charCodeAt(i - 1))) return i;
  return at;
}

/**
 * The pieces as [start, end) pairs: the sentences of text.split(/(?<=[.!?\n])\s+/) that are not blank,
 * each cut into windows of at most pieceLength that overlap by about half and end at word edges. The breaks
 * are found by a scan of char codes that matches as that regular expression does (test/guard-piece-features).
 */
export function pieceRanges(text: string): number[] {
  // Tweet-length texts are read whole, as the model learned them (per sentence, false positives rise).
  if (text.length <= pieceLength) return [0, text.length];
  const out: number[] = [];
  let from = 0;
  const n = text.length;
  // A break: the whitespace run from a whitespace character after [.!?\n] (which may itself be a "\n"
  // inside a run), then the search goes on after the run, as matchAll does.
  for (let i = 1; i < n; ) {
    if (!isWhitespace(text.charCodeAt(i)) || !isSentenceEnd(text.charCodeAt(i - 1))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWhitespace(text.charCodeAt(j))) j++;
    pushSentence(text, out, from, i);
    from = j;
    i = j;
  }
  pushSentence(text, out, from, text.length);
  return out;
}

/** Highest toxicity over tweet-sized pieces of the (normalised) text. */
export function toxicityScore(text: string, model: LinearModel = shippedToxicityModel()): number {
  return highestPiece(text, model, 0);
}

/**
 * The highest piece score, skipping the pieces that provably score below `floor` (classifier pieceBelow),
 * or below the highest so far once that reaches `floor`: where the highest score is at least `floor` it
 * is exactly toxicityScore's; otherwise the result is some number below `floor`. floor 0 skips none
 * (toxicityScore, read raw by `guard eval` and the monitor).
 */
function highestPiece(text: string, model: LinearModel, floor: number): number {
  // Normalised like the training text, so that zero-width splits and look-alike letters do not hide insults.
  const normalized = normalizeText(text).text;
  if (normalized.length <= pieceLength) return predictTextPositive(model, normalized);
  const ranges = pieceRanges(normalized);
  let score = 0;
  for (let p = 0; p < ranges.length; p += 2) {
    const start = ranges[p];
    const end = ranges[p + 1];
    // Once a piece reaches the floor, the highest score is the result: a piece below it cannot change it.
    if (floor > 0 && pieceBelow(model, normalized, start, end, Math.max(floor, score))) continue;
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
    // Only a score at or above the threshold is reported, so pieces that cannot reach it are skipped.
    const score = highestPiece(text, model, threshold);
    return resultOf(score >= threshold ? [{ scanner: 'toxicity', type: 'toxic', score }] : []);
  };
}
