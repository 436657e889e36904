import { describe, expect, it } from 'vitest';
import { createPrefixCacheModel } from './prefix-cache-model.js';

describe('simulator prefix-cache model', () => {
  it('skips prefill for the cached start of a prompt, and forgets least recently used blocks', () => {
    const cache = createPrefixCacheModel({ capacityBlocks: 8, blockCharacters: 10, prefillMsPerBlock: 2 });
    const shared = 'a'.repeat(40);
    expect(cache.admit(`${shared}first-tail`)).toMatchObject({ blocks: 5, cachedBlocks: 0, prefillMs: 10 });
    expect(cache.admit(`${shared}other-tail`)).toMatchObject({ blocks: 5, cachedBlocks: 4, prefillMs: 2 });
    // A different start shares nothing, even if the rest is equal.
    expect(cache.admit(`b${shared.slice(1)}first-tail`).cachedBlocks).toBe(0);
    expect(cache.admit('c'.repeat(80)).cachedBlocks).toBe(0);
    expect(cache.admit(`${shared}first-tail`).cachedBlocks).toBe(0);
  });
});
