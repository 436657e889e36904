// What a claim asserts, reduced to terms that can be looked up in a source: content-word stems,
// numbers (normalised: "1,200" = "1200", "5 %" = "5"), names (capitalised words not at a sentence
// start) and its polarity (negation words).
import { porterStem } from '../../search/index.js';
import { abbreviations } from './split-claims.js';

export interface ClaimTerms {
  /** Porter stems of the content words (stopwords and negations left out), in order, distinct. */
  words: string[];
  /** Numbers as normalised strings. */
  numbers: string[];
  /** Lower-cased capitalised words that do not start the sentence (names, places, acronyms). */
  names: string[];
  /** How many negation words (not, no, never, cannot, without, ...). */
  negations: number;
  /** Stems of the first two content words after each negation (what it negates). */
  negated: string[];
}

const stopwords = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her ' +
    'here hers him his how i if in into is it its itself just may me might more most much must my of on once ' +
    'only or other our ours out over own same shall she should so some such than that the their theirs them ' +
    'then there these they this those through to too under until up upon us very was we were what when where ' +
    'which while who whom why will with would you your yours also about above after again against all any ' +
    'because before below between both during each few further off per via whose thus therefore however ' +
    'although though yet either neither whether one ones ' +
    // How answers frame what a source says: not part of the claim itself.
    'according source sources document documents passage passages text article author authors state ' +
    'states stated report reports reported mention mentions mentioned describe describes described note ' +
    'notes noted say says said find finds found suggest suggests suggested indicate indicates indicated ' +
    'explain explains explained discuss discusses discussed present presents presented summary overall short'
  ).split(' '),
);
export const negationWords: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'none',
  'nor',
  'neither',
  'nothing',
  'nobody',
  'cannot',
  'without',
  'lack',
  'lacks',
  'absent',
  'fails',
  'failed',
  'unable',
]);

export const claimTokenPattern = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*%?/gu;
const stemCache = new Map<string, string>();

export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = porterStem(word);
    if (stemCache.size < 100_000) stemCache.set(word, stem);
  }
  return stem;
}

/** "1,200" → "1200", "3.50" → "3.5", "5%" → "5", "1960s" → "1960"; undefined when not a number. */
export function normaliseNumber(token: string): string | undefined {
  // Decades and ordinals count as their number: "1960s", "19th", "2nd".
  const bare = token.replace(/%$/, '').replace(/^(\d+)(?:s|st|nd|rd|th)$/i, '$1');
  if (!/^\d[\d,]*(?:\.\d+)?$/.test(bare)) return undefined;
  const value = Number(bare.replaceAll(',', ''));
  return Number.isFinite(value) ? String(value) : undefined;
}

const numberWords: Record<string, string> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  twenty: '20',
  hundred: '100',
  thousand: '1000',
  million: '1000000',
};

export function claimTerms(text: string): ClaimTerms {
  const words: string[] = [];
  const numbers: string[] = [];
  const names: string[] = [];
  let negations = 0;
  const negated: string[] = [];
  let scope = 0;
  let first = true;
  for (const match of text.matchAll(claimTokenPattern)) {
    const raw = match[0];
    const before = /([\p{L}.]*)([.!?:])\s*$/u.exec(text.slice(Math.max(0, match.index - 12), match.index));
    const atStart =
      first ||
      (before !== null &&
        !(before[2] === '.' && (abbreviations.has(before[1].toLowerCase()) || /^\p{L}$/u.test(before[1]))));
    first = false;
    const number = normaliseNumber(raw);
    if (number !== undefined) {
      if (!numbers.includes(number)) numbers.push(number);
      continue;
    }
    const lower = raw.toLowerCase().replace(/['’]s$/, '');
    if (lower.endsWith("n't") || negationWords.has(lower)) {
      negations++;
      scope = 2;
      continue;
    }
    if (numberWords[lower] !== undefined) {
      if (!numbers.includes(numberWords[lower])) numbers.push(numberWords[lower]);
      continue;
    }
    if (stopwords.has(lower) || lower.length < 2) continue;
    if (!atStart && /^\p{Lu}/u.test(raw) && !names.includes(lower)) names.push(lower);
    const stem = stemOf(lower);
    if (!words.includes(stem)) words.push(stem);
    if (scope > 0) {
      scope--;
      negated.push(stem);
    }
  }
  return { words, numbers, names, negations, negated };
}
