// The stored terms string: `term frequency` pairs joined by single spaces, in the Map's order (the
// format every stored chunk row already holds), and its decoding.
import { describe, expect, it } from 'vitest';
import { decodeTerms, encodeTerms } from './rows.js';

describe('encodeTerms', () => {
  it('writes the stored format and reads it back', () => {
    const terms = new Map([
      ['cat', 2],
      ['dog', 1],
      ['x2', 13],
    ]);
    expect(encodeTerms(terms)).toBe('cat 2 dog 1 x2 13');
    expect(encodeTerms(new Map())).toBe('');
    expect(decodeTerms(encodeTerms(terms))).toEqual(terms);
    const many = new Map(Array.from({ length: 300 }, (_, index) => [`t${index}`, (index % 4) + 1] as const));
    let appended = '';
    for (const [term, frequency] of many)
      appended += appended === '' ? `${term} ${frequency}` : ` ${term} ${frequency}`;
    expect(encodeTerms(many)).toBe(appended);
  });
});
