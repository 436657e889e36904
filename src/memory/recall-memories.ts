// Recall over one user's index: checks the query, reads a time filter from it ("last week",
// "before I moved"), embeds it when an embedder is set, ranks, and keeps the anchor event.
import { GantryError } from '../errors/index.js';
import type { Embedder } from '../search/index.js';
import { toRecallItem } from './indexed-items.js';
import type { MemoryIndex } from './memory-index.js';
import { parseTimeRange } from './parse-time-range.js';
import { rankMemories } from './rank-memories.js';
import type { RecallItem, RecallOptions, RecallWeights } from './recall-types.js';
import { toTime } from './to-time.js';

export interface RecallContext {
  embedder?: Embedder;
  weights?: Partial<RecallWeights>;
  now: number;
}

export async function recallMemories(
  /** The user's index, built only once the query is known to be valid. */
  indexOf: () => Promise<MemoryIndex>,
  query: string,
  options: RecallOptions,
  context: RecallContext,
): Promise<RecallItem[]> {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new GantryError('MEMORY_INPUT_INVALID', 'A recall query must be a non-empty string.', {
      hint: 'Ask in words what to remember, e.g. "where does the user live".',
    });
  }
  const k = options.k ?? 10;
  if (!Number.isInteger(k) || k <= 0) {
    throw new GantryError('MEMORY_INPUT_INVALID', `k must be a positive integer (got ${k}).`, {
      hint: 'Ask for 5 to 20 memories.',
    });
  }
  const index = await indexOf();
  const reference = options.now ?? context.now;
  let anchorHit: RecallItem | undefined;
  let from = options.from !== undefined ? toTime(options.from, 0, 'from') : undefined;
  let to = options.to !== undefined ? toTime(options.to, 0, 'to') : undefined;
  if (options.temporal !== false && from === undefined && to === undefined) {
    const range = parseTimeRange(query, reference);
    from = range.from;
    to = range.to;
    const anchor = /\b(before|after) (?:(?:i|we) )?([a-z' ]{3,60})/i.exec(query);
    if (anchor && from === undefined && to === undefined) {
      // One BM25 search for the event the question is anchored on (not a full ranking).
      const episodes = index.slotFilter({ kinds: new Set(['episode']) })!;
      const [hit] = index.lexical.search(anchor[2], { limit: 1, filter: (_, slot) => episodes(slot!) });
      const item = hit && index.items.get(hit.id);
      if (item) {
        anchorHit = { ...toRecallItem(item), components: { anchor: 1 } };
        if (anchor[1].toLowerCase() === 'before') to = anchorHit.at - 1;
        else from = anchorHit.at + 1;
      }
    }
  }
  const queryVector = context.embedder ? (await context.embedder.embed([query]))[0] : undefined;
  const ranked = rankMemories(index, {
    query,
    queryVector,
    k,
    kinds: options.kinds,
    from,
    to,
    session: options.session,
    weights: { ...context.weights, ...options.weights },
  });
  // "before I moved": the event the question is anchored on belongs in the answer too.
  if (anchorHit && !ranked.some((item) => item.id === anchorHit.id)) {
    if (!options.kinds || options.kinds.includes('episode'))
      return [{ ...anchorHit, score: ranked[0]?.score ?? 1 }, ...ranked].slice(0, k);
  }
  return ranked;
}
