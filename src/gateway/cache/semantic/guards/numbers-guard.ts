// "Top 5 …" and "Top 10 …", "$500" and "$5,000": every number (digits or number words) must agree.
import { type FalseHitGuard, sameItems } from './false-hit-guard.js';

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
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  hundred: '100',
  thousand: '1000',
  million: '1000000',
  billion: '1000000000',
  single: '1',
  double: '2',
  twice: '2',
  half: '0.5',
  first: '1st',
  second: '2nd',
  third: '3rd',
};

export function numbersIn(tokens: readonly { text: string }[]): string[] {
  const found: string[] = [];
  for (const { text } of tokens) {
    const word = numberWords[text];
    if (word) {
      found.push(word);
      continue;
    }
    // The pattern starts with a digit: a word without one has no number.
    if (!hasDigit(text)) continue;
    for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?(?:k|m|st|nd|rd|th)?/g)) {
      const value = match[0].replace(/,/g, '');
      // A bare year belongs to the dates guard.
      if (/^(1[89]|20)\d\d$/.test(value) && value.length === text.length) continue;
      found.push(value.replace(/\.0+$/, ''));
    }
  }
  return found.sort();
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

export const numbersGuard: FalseHitGuard<string[]> = {
  name: 'numbers',
  facts: numbersIn,
  conflicts: (asked, cached) => !sameItems(asked, cached),
};
