// Word tokens of a prompt for the semantic cache: lower-cased, with the original spelling kept (the
// entity guard looks at capitals), and symbols that name things kept inside words (c++, c#, .net).

export interface PromptToken {
  /** Lower-cased word. */
  text: string;
  /** As written. */
  original: string;
  /** Position of the word in the text (0-based). */
  index: number;
  /** First word of a sentence (capitalised there for grammar, not because it is a name). */
  sentenceStart: boolean;
}

const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}'’+#.\-_]*[\p{L}\p{N}+#]|[\p{L}\p{N}][+#]*|[.!?]+/gu;

export function promptTokens(text: string): PromptToken[] {
  const tokens: PromptToken[] = [];
  let sentenceStart = true;
  // "5,000" is one number, not two.
  const flat = text.indexOf(',') === -1 ? text : text.replace(/(\d),(?=\d{3}\b)/g, '$1');
  wordPattern.lastIndex = 0;
  for (let match = wordPattern.exec(flat); match !== null; match = wordPattern.exec(flat)) {
    const word = match[0];
    // A word starts with a letter or a digit: a match that starts with . ! or ? is the end of a sentence.
    const first = word.charCodeAt(0);
    if (first === 46 || first === 33 || first === 63) {
      sentenceStart = true;
      continue;
    }
    const original = word.indexOf('’') === -1 ? word : word.replace(/’/g, "'");
    tokens.push({ text: original.toLowerCase(), original, index: tokens.length, sentenceStart });
    sentenceStart = false;
  }
  return tokens;
}

const stopwords = new Set(
  (
    'a an the of to in on for and or but is are was were be been being do does did have has had i me my we our ' +
    'you your he she it its they them their this that these those there here what which who whom whose how ' +
    'why when where can could should would will shall may might must am at by from with as about into over ' +
    'than then so if any some get s'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return stopwords.has(word);
}

/** A light suffix stripper: enough to match "studying" with "study", "questions" with "question". */
export function stem(word: string): string {
  if (word.length <= 3 || /[^a-z]/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return trimDouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return trimDouble(word.slice(0, -2));
  if (word.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    return word.slice(0, -1);
  return word;
}

function trimDouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) && !/(ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}
