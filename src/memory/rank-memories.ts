// Recall's ranking over one user's index: BM25 and vector candidates, fused with recency,
// importance, the relevance of the item's session and of its neighbouring turns.
import { GantryError } from '../errors/index.js';
import { defaultRecallWeights, recencyHalfLifeMs } from './default-recall-weights.js';
import type { IndexedItem, MemoryIndex } from './memory-index.js';
import type { MemoryKind, RecallItem, RecallWeights } from './recall-types.js';

export interface RankInput {
  query: string;
  queryVector?: Float32Array;
  k: number;
  kinds?: readonly MemoryKind[];
  from?: number;
  to?: number;
  session?: string;
  weights?: Partial<RecallWeights>;
}

export function rankMemories(index: MemoryIndex, input: RankInput): RecallItem[] {
  const weights = { ...defaultRecallWeights, ...input.weights };
  for (const [name, value] of Object.entries(weights)) {
    if (!(value >= 0)) {
      throw new GantryError(
        'MEMORY_INPUT_INVALID',
        `Recall weight '${name}' must be a number ≥ 0 (got ${value}).`,
        {
          hint: 'Weights scale the signals; set one to 0 to switch it off.',
        },
      );
    }
  }
  const kinds = input.kinds ? new Set(input.kinds) : undefined;
  const accept = (item: IndexedItem | undefined): item is IndexedItem =>
    item !== undefined &&
    (!kinds || kinds.has(item.kind)) &&
    (input.session === undefined || item.session === input.session) &&
    (input.from === undefined || item.at >= input.from) &&
    (input.to === undefined || item.at <= input.to);
  const pool = Math.max(100, input.k * 10);
  const slotFilter = index.slotFilter({ kinds, session: input.session, from: input.from, to: input.to });
  const lexicalHits = index.lexical.search(input.query, {
    limit: pool * 4,
    filter: slotFilter && ((_, slot) => slotFilter(slot!)),
  });
  const best = lexicalHits[0]?.score ?? 0;
  const lexical = new Map<string, number>();
  const sessionScore = new Map<string, number>();
  for (const hit of lexicalHits) {
    const normalised = best > 0 ? hit.score / best : 0;
    lexical.set(hit.id, normalised);
    const item = index.items.get(hit.id);
    if (item && (sessionScore.get(item.session) ?? 0) < normalised)
      sessionScore.set(item.session, normalised);
  }
  // Multi-hop: names in the best hits that the query does not mention ("my neighbour Sofia" for a
  // question about the neighbour) are searched too, so the turn about Sofia's trip comes up.
  const bridge = new Map<string, number>();
  if (weights.bridge > 0 && lexicalHits.length > 0) {
    const queryTerms = new Set(index.lexical.analyzer(input.query));
    const names = new Set<string>();
    const seen = new Set<string>();
    for (const hit of lexicalHits) {
      const item = index.items.get(hit.id);
      if (!item || seen.has(item.text)) continue;
      seen.add(item.text);
      if (seen.size > 3) break;
      for (const match of item.text.matchAll(/(?<=\S\s+)[A-Z][a-z]{2,}/g)) {
        const [term] = index.lexical.analyzer(match[0]);
        if (term && !queryTerms.has(term) && term !== index.lexical.analyzer(item.speaker)[0])
          names.add(match[0]);
      }
    }
    if (names.size > 0) {
      const bridged = index.lexical.search([...names].join(' '), { limit: pool });
      const top = bridged[0]?.score ?? 0;
      for (const hit of bridged)
        if (!lexical.has(hit.id) || top > 0) bridge.set(hit.id, top > 0 ? hit.score / top : 0);
    }
  }
  const vector = new Map<string, number>();
  if (input.queryVector && weights.vector > 0) {
    for (const hit of index.searchVectors(input.queryVector, pool))
      vector.set(hit.id, Math.max(0, hit.similarity));
  }
  // Candidates: lexical and vector hits, their neighbouring turns, and (with a time filter) the turns
  // of that period, so that "what did I do last week" finds something without a word in common.
  const candidates = new Set<string>();
  for (const hit of lexicalHits.slice(0, pool)) candidates.add(hit.id);
  for (const id of vector.keys()) candidates.add(id);
  for (const id of bridge.keys()) candidates.add(id);
  const neighbour = new Map<string, number>();
  if (weights.neighbour > 0) {
    for (const id of [...candidates]) {
      const item = index.items.get(id);
      if (item?.kind !== 'episode') continue;
      const turns = index.sessions.get(item.session);
      const position = turns?.indexOf(id) ?? -1;
      const own = lexical.get(id) ?? 0;
      for (const offset of [-1, 1]) {
        const other = turns?.[position + offset];
        if (other === undefined || own <= (neighbour.get(other) ?? 0)) continue;
        neighbour.set(other, own);
        candidates.add(other);
      }
    }
  }
  if ((input.from !== undefined || input.to !== undefined) && candidates.size < input.k) {
    for (const item of index.inRange(input.from ?? -Infinity, input.to ?? Infinity, pool, accept))
      candidates.add(item.id);
  }
  const scored: RecallItem[] = [];
  for (const id of candidates) {
    const item = index.items.get(id);
    if (!accept(item)) continue;
    const age = Math.max(0, index.newest - item.at);
    const components = {
      lexical: weights.lexical * (lexical.get(id) ?? 0),
      vector: weights.vector * (vector.get(id) ?? 0),
      recency: weights.recency * 2 ** (-age / recencyHalfLifeMs),
      importance: weights.importance * item.importance,
      session: weights.session * (sessionScore.get(item.session) ?? 0),
      neighbour: weights.neighbour * (neighbour.get(id) ?? 0),
      bridge: weights.bridge * (bridge.get(id) ?? 0),
    };
    const score = Object.values(components).reduce((sum, value) => sum + value, 0);
    scored.push({
      id: item.id,
      kind: item.kind,
      text: item.text,
      session: item.session,
      speaker: item.speaker,
      role: item.role,
      at: item.at,
      score,
      sourceIds: item.sourceIds,
      components,
    });
  }
  scored.sort(
    (left, right) => right.score - left.score || right.at - left.at || (left.id < right.id ? -1 : 1),
  );
  // The same words said again ("my roommate called yesterday") take one place: the best-scored.
  const results: RecallItem[] = [];
  const texts = new Set<string>();
  for (const item of scored) {
    const text = item.text.trim().toLowerCase();
    if (texts.has(text)) continue;
    texts.add(text);
    results.push(item);
    if (results.length === input.k) break;
  }
  return results;
}
