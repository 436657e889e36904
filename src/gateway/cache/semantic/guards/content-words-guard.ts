// The strictest guard (after hydra's "identical content tokens"): every content word of one prompt
// (not a stopword, stemmed) must occur in the other. It refuses paraphrases that swap words, and the
// most common false hit on QQP: a qualifier added or a topic swapped ("…for kids", steel → titanium).
import { isStopword, stem } from '../prompt-tokens.js';
import type { FalseHitGuard } from './false-hit-guard.js';

export const contentWordsGuard: FalseHitGuard<Set<string>> = {
  name: 'content-words',
  facts(tokens, _text, stems) {
    const words = new Set<string>();
    for (let i = 0; i < tokens.length; i++)
      if (!isStopword(tokens[i].text)) words.add(stems ? stems[i] : stem(tokens[i].text));
    return words;
  },
  conflicts(asked, cached) {
    if (asked.size !== cached.size) return true;
    for (const word of asked) if (!cached.has(word)) return true;
    return false;
  },
};
