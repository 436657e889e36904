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
): string[] {
  const found = new Set<string>();
  for (const { text, original, sentenceStart } of tokens) {
    if (notNames.has(text)) continue;
    const capitalised = /^\p{Lu}/u.test(original);
    const acronym = /^\p{Lu}{2,}\d*s?$/u.test(original);
    const marked = /[+#]|\d/.test(text) && /\p{L}/u.test(text) && !/^\d+(st|nd|rd|th|s|k|m)$/.test(text);
    if (acronym || marked || (capitalised && !sentenceStart)) found.add(stem(text));
  }
  return [...found];
}

export const entitiesGuard: FalseHitGuard<EntityFacts> = {
  name: 'entities',
  facts(tokens) {
    return { entities: entitiesIn(tokens), words: new Set(tokens.map((token) => stem(token.text))) };
  },
  conflicts(asked, cached) {
    for (const entity of asked.entities) if (!cached.words.has(entity)) return true;
    for (const entity of cached.entities) if (!asked.words.has(entity)) return true;
    return false;
  },
};
