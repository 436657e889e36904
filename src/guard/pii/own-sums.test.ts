import { describe, expect, it } from 'vitest';
import { createOwnSums, forgetOwnSums, holdsToken, keepOwnSums, ownSlot, ownSumAt } from './own-sums.js';
import { prepareTokens } from './token-features.js';
import { tokenize } from './tokenize.js';

describe('own sums', () => {
  const prepared = prepareTokens(tokenize('Anna lives at 12 Main Street, Anna said.'));

  it('holds a kept token with its sums, and only that token', () => {
    const cache = createOwnSums();
    const slot = ownSlot(prepared, 0);
    expect(holdsToken(cache, slot, prepared, 0)).toBe(false);
    keepOwnSums(cache, slot, prepared, 0, 0.1, -0.2, 1e-300);
    expect(holdsToken(cache, slot, prepared, 0)).toBe(true);
    const at = ownSumAt(slot);
    expect([cache.sums[at], cache.sums[at + 1], cache.sums[at + 2]]).toEqual([0.1, -0.2, 1e-300]);
    // "Anna" again, but not at a sentence start: another key.
    const again = 7;
    expect(prepared.word[again]).toBe(prepared.word[0]);
    expect(holdsToken(cache, ownSlot(prepared, again), prepared, again)).toBe(false);
  });

  it('holds nothing after forgetOwnSums, and keeps again afterwards', () => {
    const cache = createOwnSums();
    const slots = [0, 1, 2, 3].map((i) => ownSlot(prepared, i));
    for (const [i, slot] of slots.entries()) keepOwnSums(cache, slot, prepared, i, i, i, i);
    forgetOwnSums(cache);
    for (const [i, slot] of slots.entries()) expect(holdsToken(cache, slot, prepared, i)).toBe(false);
    keepOwnSums(cache, slots[2], prepared, 2, 2, 2, 2);
    expect(holdsToken(cache, slots[2], prepared, 2)).toBe(true);
  });

  it('zeroes the table when the eras run out', () => {
    const cache = createOwnSums();
    cache.era = (1 << 23) - 1;
    const slot = ownSlot(prepared, 1);
    keepOwnSums(cache, slot, prepared, 1, 1, 1, 1);
    expect(holdsToken(cache, slot, prepared, 1)).toBe(true);
    forgetOwnSums(cache);
    expect(cache.era).toBe(1);
    expect(holdsToken(cache, slot, prepared, 1)).toBe(false);
  });
});
