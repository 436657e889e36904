import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations.js';

// Migrations that have shipped are in users' databases under their id: their id, name and SQL must never
// change (fix forward with a new migration). Fingerprints taken before the store moved to domains.
const shipped: Record<number, string> = {
  1: '45a0334a0a7be74d',
  2: '69da3b12f4aee050',
  100: '4f4e59171e676e46',
  110: '88a9e9f2c1a5ddd8',
  200: '1aff7305f4310ff5',
  201: '44fb4bf594d591ff',
  300: '6de451e881c15fcb',
  301: '6762599c7c13ad2b',
  400: '8d48e5bc936918f2',
  500: '0b95b556782815e9',
  600: '135e20aa1467fcf6',
};

describe('shipped migrations', () => {
  it('keep their id, name and SQL exactly', () => {
    const fingerprints = Object.fromEntries(
      migrations
        .filter((m) => m.id in shipped)
        .map((m) => {
          const up = typeof m.up === 'string' ? m.up : m.up.toString();
          const hash = createHash('sha256').update(`${m.id}\n${m.name}\n${up}`).digest('hex');
          return [m.id, hash.slice(0, 16)];
        }),
    );
    expect(fingerprints).toEqual(shipped);
  });
});
