// The per-prompt work the semantic cache does once (tokens, stems, guard facts shared with the
// verifier, trigram codes) must give exactly what computing each piece on its own gave: these tests
// pin the shortcuts against straightforward reference versions (Sets of strings, one regex per test).
import { describe, expect, it } from 'vitest';
import { falseHitGuards } from './guards/index.js';
import { hashedEmbedding } from './hashed-embedder.js';
import { promptTokens, stem } from './prompt-tokens.js';
import { guardOrder, type PromptEmbed, PromptWork, RecentPrompts } from './prompt-work.js';
import { HitVerifier, pairFeatureNames, pairFeatures, verifierFacts } from './verifier/index.js';

const texts = [
  'What is the best way to learn Python programming?',
  'what is the best way to learn python programming',
  'Is $5,000 enough for a laptop in 2016? Is $500?',
  'How does Java compare to C#, C++ and .NET for iPhone7 apps…',
  'I can’t sleep at night! Why can’t I sleep?',
  'Which city is better, Mumbai or Delhi? May I ask in March?',
  'ÉCOLE Étudiant naïve café — 東京 の 天気 は?',
  'Top 10 FAQs of the 1990s: 3rd, 21st, 5k, 2m, 1.50 and 2,500,000.',
  '?!...',
  '',
  'GPT-4 vs. GPT-3.5: what are the pros and cons of each?',
  'How do I turn off dark mode on Windows 10 without a mouse?',
];

/** The tokeniser as first written (matchAll, a replace per word, a pattern per punctuation test). */
function referenceTokens(text: string) {
  const pattern = /[\p{L}\p{N}][\p{L}\p{N}'’+#.\-_]*[\p{L}\p{N}+#]|[\p{L}\p{N}][+#]*|[.!?]+/gu;
  const tokens: { text: string; original: string; index: number; sentenceStart: boolean }[] = [];
  let sentenceStart = true;
  for (const match of text.replace(/(\d),(?=\d{3}\b)/g, '$1').matchAll(pattern)) {
    const original = match[0].replace(/’/g, "'");
    if (/^[.!?]+$/.test(original)) {
      sentenceStart = true;
      continue;
    }
    tokens.push({ text: original.toLowerCase(), original, index: tokens.length, sentenceStart });
    sentenceStart = false;
  }
  return tokens;
}

function referenceJaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

function flatTrigrams(text: string): Set<string> {
  const flat = ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= flat.length; i++) trigrams.add(flat.slice(i, i + 3));
  return trigrams;
}

function wordBigrams(text: string): Set<string> {
  const words = promptTokens(text).map((token) => stem(token.text));
  const bigrams = new Set<string>();
  for (let i = 1; i < words.length; i++) bigrams.add(`${words[i - 1]} ${words[i]}`);
  return bigrams;
}

/** The entity and number patterns as first written (every pattern tried on every word). */
function referenceEntities(text: string): string[] {
  const notNames = new Set(['i', "i'm", "i've", "i'd", "i'll", 'ok', 'okay']);
  const found = new Set<string>();
  for (const { text: word, original, sentenceStart } of promptTokens(text)) {
    if (notNames.has(word)) continue;
    const capitalised = /^\p{Lu}/u.test(original);
    const acronym = /^\p{Lu}{2,}\d*s?$/u.test(original);
    const marked = /[+#]|\d/.test(word) && /\p{L}/u.test(word) && !/^\d+(st|nd|rd|th|s|k|m)$/.test(word);
    if (acronym || marked || (capitalised && !sentenceStart)) found.add(stem(word));
  }
  return [...found];
}

describe('prompt work', () => {
  it('finds the entities, numbers and dates the patterns alone found', () => {
    for (const text of texts) {
      const tokens = promptTokens(text);
      expect((falseHitGuards.entities.facts(tokens, text) as { entities: string[] }).entities).toEqual(
        referenceEntities(text),
      );
    }
    const numbers = falseHitGuards.numbers.facts(promptTokens(texts[7]), texts[7]);
    expect(numbers).toEqual(['1.50', '10', '1990', '21st', '2500000', '2m', '3rd', '5k']);
    const dates = falseHitGuards.dates.facts(promptTokens(texts[2]), texts[2]);
    expect(dates).toEqual(['2016']);
  });

  it('tokenises as the reference tokeniser does', () => {
    for (const text of texts) expect(promptTokens(text)).toEqual(referenceTokens(text));
  });

  it('gives every guard the same facts with precomputed stems as without', () => {
    const embed: PromptEmbed = (_text, tokens, stems) => hashedEmbedding(tokens, 256, stems);
    for (const text of texts) {
      const work = new PromptWork(text, undefined, embed);
      const tokens = promptTokens(text);
      expect(work.vector).toEqual(hashedEmbedding(tokens, 256));
      const all = work.allGuards();
      guardOrder.forEach((name, slot) => {
        expect(all[slot]).toEqual(falseHitGuards[name].facts(tokens, text));
        expect(work.guard(name)).toBe(all[slot]);
      });
    }
  });

  it('gives the verifier the same facts and features as computing them from the text alone', () => {
    const verifier = new HitVerifier();
    const works = texts.map(
      (text) => new PromptWork(text, undefined, (_t, tokens) => hashedEmbedding(tokens)),
    );
    const trigram = pairFeatureNames.indexOf('trigram_jaccard');
    const bigram = pairFeatureNames.indexOf('bigram_jaccard');
    const identical = pairFeatureNames.indexOf('identical');
    for (const a of works)
      for (const b of works) {
        const shared = pairFeatures(a.verifier(verifier), b.verifier(verifier), 0.8);
        const alone = pairFeatures(verifier.facts(a.text), verifier.facts(b.text), 0.8);
        expect(shared).toEqual(alone);
        // Against Sets of strings, as the features were first computed.
        expect(shared[trigram]).toBe(referenceJaccard(flatTrigrams(a.text), flatTrigrams(b.text)));
        expect(shared[bigram]).toBe(referenceJaccard(wordBigrams(a.text), wordBigrams(b.text)));
        expect(shared[identical]).toBe(a.stems.join(' ') === b.stems.join(' ') ? 1 : 0);
      }
    // The verifier's guard facts are the prompt's own (computed once, not twice).
    const work = works[2];
    expect(work.verifier(verifier).guards[1]).toBe(work.guard('numbers'));
  });

  it('keeps trigrams as distinct ascending codes of three characters', () => {
    const facts = verifierFacts('Aaa aaa!', { idf: () => 1 });
    // " aaa aaa " → " aa", "aaa", "aa ", "a a" (distinct).
    expect(facts.trigrams).toHaveLength(4);
    expect([...facts.trigrams]).toEqual([...facts.trigrams].sort((x, y) => x - y));
    expect(facts.trigrams).toContain(97 * 4_294_967_296 + 97 * 65_536 + 97);
  });

  it('remembers the most recent prompts, and a given vector only for itself', () => {
    let embedded = 0;
    const recent = new RecentPrompts((_text, tokens) => {
      embedded++;
      return hashedEmbedding(tokens);
    }, 2);
    const first = recent.of('one question');
    expect(recent.of('one question')).toBe(first);
    const given = new Float32Array(256);
    const withVector = recent.of('one question', given);
    expect(withVector).not.toBe(first);
    expect(withVector.vector).toBe(given);
    expect(recent.of('one question', given)).toBe(withVector);
    expect(recent.of('one question')).not.toBe(withVector);
    recent.of('two');
    recent.of('three');
    expect(embedded).toBe(4);
    recent.of('three');
    expect(embedded).toBe(4);
    // Two slots: "one question" was overwritten.
    recent.of('one question');
    expect(embedded).toBe(5);
  });
});
