// "How does Java compare to C#?" and "… to C++?": every name in one prompt (a capitalised word
// inside a sentence, an acronym, a word with digits or symbols such as c++, .net, iphone7) must
// occur in the other. Compared case-insensitively, so "Delhi" matches "delhi".
import { stem } from '../prompt-tokens.js';
import type { FalseHitGuard } from './false-hit-guard.js';

interface EntityFacts {
  entities: string[];
  words: Set<string>;
}

const notNames = new Set(['i', "i'm", "i've", "i'd", "i'll", 'ok', 'okay']);

export function entitiesIn(
  tokens: readonly { text: string; original: string; sentenceStart: boolean }[],
  stems?: readonly string[],
): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const { text, original, sentenceStart } = tokens[i];
    if (notNames.has(text)) continue;
    // Fast paths with the same verdicts as the patterns: a word that opens with a lower-case ASCII
    // letter is neither capitalised nor an acronym, and one without +, # or a digit is not marked.
    const lower = isLowerAscii(original.charCodeAt(0));
    const capitalised = !lower && /^\p{Lu}/u.test(original);
    const acronym = capitalised && /^\p{Lu}{2,}\d*s?$/u.test(original);
    const marked = hasMark(text) && /\p{L}/u.test(text) && !/^\d+(st|nd|rd|th|s|k|m)$/.test(text);
    if (acronym || marked || (capitalised && !sentenceStart)) found.add(stems ? stems[i] : stem(text));
  }
  return [...found];
}

function isLowerAscii(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** A '+', '#' or ASCII digit in the word. */
function hasMark(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 43 || code === 35 || (code >= 48 && code <= 57)) return true;
  }
  return false;
}

export const entitiesGuard: FalseHitGuard<EntityFacts> = {
  name: 'entities',
  facts(tokens, _text, stems) {
    return {
      entities: entitiesIn(tokens, stems),
      words: new Set(stems ?? tokens.map((token) => stem(token.text))),
    };
  },
  conflicts(asked, cached) {
    for (const entity of asked.entities) if (!cached.words.has(entity)) return true;
    for (const entity of cached.entities) if (!asked.words.has(entity)) return true;
    return false;
  },
};
