import { describe, expect, it } from 'vitest';
import { GantryError } from '../../errors/index.js';
import { parseJsonObject } from './read-json-request.js';

const options = {
  bodyLimitBytes: 1_000,
  maximumDepth: 3,
  invalid: (message: string) => new GantryError('REQUEST_INVALID', message),
};
const parse = (text: string) => parseJsonObject(Buffer.from(text), options);

describe('parseJsonObject depth limit', () => {
  it('refuses the shortest valid body one level too deep, and passes one at the limit', () => {
    // Depth 4 (> 3) in 2 × 4 characters plus an object around it.
    expect(() => parse('{"a":[[[]]]}')).toThrow(/deeper than 3/);
    expect(() => parse('[[[[]]]]')).toThrow(/deeper than 3/);
    expect(parse('{"a":[[]]}').fields).toEqual({ a: [[]] });
  });

  it('leaves a short unbalanced body to the JSON check (no scan below 2 × (limit + 1) characters)', () => {
    expect(() => parse('[[[[')).toThrow(/not valid JSON/);
  });
});
