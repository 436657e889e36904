// The simulator's model of an engine prefix cache (vLLM's automatic prefix caching, SGLang's radix
// cache): the prompt is cut into blocks, each identified by the hash of everything up to it; the
// leading blocks already cached skip prefill, so time to first token falls on a hit. LRU-bounded.

export interface PrefixCacheOptions {
  /** Blocks kept (the engine's KV memory), least recently used evicted first. */
  capacityBlocks: number;
  /** Prompt characters per block (vLLM's default block is 16 tokens; here characters, ~4 per token). */
  blockCharacters?: number;
  /** Prefill time per uncached block, added to the time to first token. */
  prefillMsPerBlock: number;
}

export interface PrefixCacheAdmission {
  blocks: number;
  cachedBlocks: number;
  /** Extra time to first token for the uncached blocks. */
  prefillMs: number;
  cachedCharacters: number;
}

export function createPrefixCacheModel({
  capacityBlocks,
  blockCharacters = 64,
  prefillMsPerBlock,
}: PrefixCacheOptions) {
  const blocks = new Map<number, true>();
  const stats = { blocks: 0, cachedBlocks: 0 };
  return {
    stats,
    admit(prompt: string): PrefixCacheAdmission {
      let hash = 0x811c9dc5;
      let cached = 0;
      let missed = false;
      const count = Math.floor(prompt.length / blockCharacters);
      for (let block = 0; block < count; block++) {
        for (let i = block * blockCharacters; i < (block + 1) * blockCharacters; i++)
          hash = Math.imul(hash ^ prompt.charCodeAt(i), 0x01000193);
        const id = hash >>> 0;
        // Only a run of cached blocks from the start counts: a prefix cache cannot skip a gap.
        if (!missed && blocks.has(id)) cached++;
        else missed = true;
        blocks.delete(id);
        blocks.set(id, true);
        if (blocks.size > capacityBlocks) blocks.delete(blocks.keys().next().value as number);
      }
      stats.blocks += count;
      stats.cachedBlocks += cached;
      return {
        blocks: count,
        cachedBlocks: cached,
        prefillMs: (count - cached) * prefillMsPerBlock,
        cachedCharacters: cached * blockCharacters,
      };
    },
  };
}

export type PrefixCacheModel = ReturnType<typeof createPrefixCacheModel>;

/** The prompt text a request carries, in order. */
export function promptText(body: Record<string, unknown>): string {
  if (Array.isArray(body.messages))
    return (body.messages as { role?: unknown; content?: unknown }[])
      .map(
        (m) => `${String(m.role)}:${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}\n`,
      )
      .join('');
  return typeof body.prompt === 'string' ? body.prompt : '';
}
