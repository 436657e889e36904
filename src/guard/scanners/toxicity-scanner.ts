// Toxicity (hate or offensive language) from the classifier trained on Davidson et al.'s tweets.
import { type LinearModel, loadShippedModel, predictTextPositive, shareRows } from '../classifier/index.js';
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

function pieces(text: string): string[] {
  // Tweet-length texts are read whole, as the model learned them (per sentence, false positives rise).
  if (text.length <= pieceLength) return [text];
  const out: string[] = [];
  for (const sentence of text.split(/(?<=[.!?\n])\s+/)) {
    if (sentence.trim().length === 0) continue;
    // A sentence longer than a piece is cut into overlapping windows so no word is split away.
    for (let i = 0; i < sentence.length; i += pieceLength / 2) {
      out.push(sentence.slice(i, i + pieceLength));
      if (i + pieceLength >= sentence.length) break;
    }
  }
  return out;
}

/** Highest toxicity over tweet-sized pieces of the (normalised) text. */
export function toxicityScore(text: string, model: LinearModel = shippedToxicityModel()): number {
  // Normalised like the training text, so that zero-width splits and look-alike letters do not hide insults.
  let score = 0;
  for (const piece of pieces(normalizeText(text).text)) {
    score = Math.max(score, predictTextPositive(model, piece));
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
