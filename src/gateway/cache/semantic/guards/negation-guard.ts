// "How do I turn on dark mode" and "How do I turn off dark mode" embed alike and mean the opposite:
// the count of negations must agree in parity, and no word may meet its antonym.
import type { FalseHitGuard } from './false-hit-guard.js';

const negations = new Set([
  'not',
  'no',
  'never',
  'cannot',
  "can't",
  'without',
  'none',
  'nothing',
  'nobody',
  'neither',
  'nor',
  'unable',
  'nowhere',
  'lack',
  'lacks',
]);

const antonymPairs: [string, string][] = [
  ['on', 'off'],
  ['enable', 'disable'],
  ['enabled', 'disabled'],
  ['increase', 'decrease'],
  ['best', 'worst'],
  ['before', 'after'],
  ['advantages', 'disadvantages'],
  ['pros', 'cons'],
  ['up', 'down'],
  ['start', 'stop'],
  ['open', 'close'],
  ['lose', 'gain'],
  ['add', 'remove'],
  ['buy', 'sell'],
  ['true', 'false'],
  ['positive', 'negative'],
  ['legal', 'illegal'],
  ['more', 'less'],
  ['most', 'least'],
  ['cheap', 'expensive'],
  ['good', 'bad'],
  ['better', 'worse'],
  ['import', 'export'],
  ['encrypt', 'decrypt'],
  ['upload', 'download'],
  ['install', 'uninstall'],
  ['max', 'min'],
  ['maximum', 'minimum'],
  ['love', 'hate'],
  ['rich', 'poor'],
  ['first', 'last'],
  ['male', 'female'],
  ['men', 'women'],
  ['man', 'woman'],
  ['boy', 'girl'],
  ['boys', 'girls'],
  ['win', 'lose'],
  ['high', 'low'],
  ['fast', 'slow'],
  ['easy', 'hard'],
  ['safe', 'dangerous'],
  ['healthy', 'unhealthy'],
  ['true', 'fake'],
];
const antonymOf = new Map<string, string[]>();
for (const [left, right] of antonymPairs) {
  antonymOf.set(left, [...(antonymOf.get(left) ?? []), right]);
  antonymOf.set(right, [...(antonymOf.get(right) ?? []), left]);
}

interface NegationFacts {
  negated: boolean;
  words: Set<string>;
}

export const negationGuard: FalseHitGuard<NegationFacts> = {
  name: 'negation',
  facts(tokens) {
    let count = 0;
    const words = new Set<string>();
    for (const { text } of tokens) {
      if (negations.has(text) || text.endsWith("n't")) count++;
      if (antonymOf.has(text)) words.add(text);
    }
    return { negated: count % 2 === 1, words };
  },
  conflicts(asked, cached) {
    if (asked.negated !== cached.negated) return true;
    for (const word of asked.words) {
      if (cached.words.has(word)) continue;
      for (const opposite of antonymOf.get(word) ?? [])
        if (cached.words.has(opposite) && !asked.words.has(opposite)) return true;
    }
    return false;
  },
};
