import { describe, expect, it } from 'vitest';
import { nameWordAfter, nameWordBefore, nameWordReach, opensSentence } from './name-words.js';

// The regexes that name-words.ts replaces, run as wholeSpan ran them.
const after = /^[ \t]+(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)/u;
const before = /(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)[ \t]+$/u;
const opener = /[.!?:\n]\s*$/;
const regexAfter = (text: string, end: number) =>
  after.exec(text.slice(end, end + nameWordReach))?.[0].length ?? -1;
const regexBefore = (text: string, start: number) =>
  before.exec(text.slice(Math.max(0, start - nameWordReach), start))?.[0].length ?? -1;
const regexOpener = (text: string, at: number) => opener.test(text.slice(Math.max(0, at - 3), at));

// Capitals and small letters in and out of ASCII and beyond the BMP (a pair, and lone halves), title case,
// the name word's punctuation, blanks and other \s, sentence ends.
const alphabet = [
  ..."AaZzBb   \t\t..'’-!?:\n\r\v0Ž",
  'ž',
  'ǅ',
  'ß',
  '\u00a0',
  '\u2003',
  '𝐀',
  '𝐚',
  '\ud835',
  '\udc00',
  'É',
  'é',
  'Ω',
  'ω',
  '中',
];

function randomText(seed: number, length: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += alphabet[(state >>> 8) % alphabet.length];
  }
  return text;
}

describe('name words', () => {
  it('match the regexes at every position of random texts', () => {
    let matched = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const text = randomText(seed, 10 + (seed % 90));
      for (let at = 0; at <= text.length; at++) {
        expect(nameWordAfter(text, at), `after ${JSON.stringify(text)} @${at}`).toBe(regexAfter(text, at));
        expect(nameWordBefore(text, at), `before ${JSON.stringify(text)} @${at}`).toBe(regexBefore(text, at));
        expect(opensSentence(text, at), `opener ${JSON.stringify(text)} @${at}`).toBe(regexOpener(text, at));
        if (regexAfter(text, at) > 0 || regexBefore(text, at) > 0) matched++;
      }
    }
    // The texts do hold name words: the comparison is not only of misses.
    expect(matched).toBeGreaterThan(300);
  });

  it('find names, initials and their limits', () => {
    const text = 'Ask John A. Smith-Jones  about Živković. Then 𝐀𝐚 went';
    expect(nameWordAfter(text, 3)).toBe(5); // " John"
    expect(nameWordAfter(text, 8)).toBe(3); // " A."
    expect(nameWordAfter(text, 11)).toBe(7); // " Smith-" (the capital J ends the word)
    expect(nameWordAfter(text, 23)).toBe(-1); // "  about"
    expect(nameWordBefore(text, 12)).toBe(3); // "A. "
    expect(nameWordBefore(text, 31)).toBe(-1); // "about " is lower case
    expect(nameWordBefore(text, text.indexOf(' went') + 1)).toBe(5); // "𝐀𝐚 " (two pairs)
    expect(opensSentence(text, text.indexOf('Then'))).toBe(true);
    expect(opensSentence(text, 4)).toBe(false);
    // Forty code units each side, as the regexes' slices.
    const far = `${'x'.repeat(39)} Bob`;
    expect(nameWordAfter(far, 38)).toBe(-1);
    expect(nameWordAfter(far, 39)).toBe(4);
  });
});
