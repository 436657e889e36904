// Stored records (episodes, facts, summaries) as items of the retrieval index, and index items as
// recall results.
import type { MemoryEpisodeRecord, MemoryFactRecord, MemorySummaryRecord } from '../store/index.js';
import type { IndexedItem } from './memory-index.js';
import type { RecallItem } from './recall-types.js';

export type ItemInput = Omit<IndexedItem, 'slot'>;

export const toRecallItem = (item: ItemInput): RecallItem => ({
  id: item.id,
  kind: item.kind,
  text: item.text,
  session: item.session,
  speaker: item.speaker,
  role: item.role,
  at: item.at,
  score: 0,
  sourceIds: item.sourceIds,
  components: {},
});

export function fromEpisode(episode: MemoryEpisodeRecord): ItemInput {
  return {
    id: episode.id,
    kind: 'episode',
    text: episode.text,
    session: episode.session,
    speaker: episode.speaker,
    role: episode.role,
    at: episode.at,
    importance: episode.importance,
    sourceIds: [] as string[],
  };
}

export function fromFact(fact: MemoryFactRecord): ItemInput {
  return {
    id: fact.id,
    kind: 'fact',
    text: fact.text,
    session: '',
    speaker: fact.user,
    role: 'system',
    at: fact.validFrom,
    importance: fact.importance,
    sourceIds: fact.sourceIds,
  };
}

export function fromSummary(summary: MemorySummaryRecord): ItemInput {
  return {
    id: summary.id,
    kind: 'summary',
    text: summary.text,
    session: summary.session,
    speaker: 'summary',
    role: 'system',
    at: summary.to,
    importance: 0.5,
    sourceIds: summary.episodeIds,
  };
}
