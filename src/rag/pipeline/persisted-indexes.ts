// Opening a collection's in-memory indexes from the store: the last snapshot, then the change log after
// it replayed (both written by the store in the transactions of the writes themselves). Without a
// usable snapshot the index is rebuilt by paging through the stored chunks or vectors (never the whole
// collection in one result) and the log is replayed from the position read before the rebuild began.
import type { RagDocumentRepository, RagVectorRepository } from '../../store/index.js';

type RagIndexKind = 'bm25' | 'quantized';

import type { Analyzer } from '../analysis/index.js';
import { Bm25Index, type Bm25Parameters } from '../lexical/index.js';
import { QuantizedVectorIndex } from '../vector/index.js';
import { decodeBm25, decodeQuantized, encodeBm25, encodeQuantized } from './index-snapshot-codec.js';

const pageSize = 20_000;

export interface OpenedIndex<I> {
  index: I;
  /** The log position the in-memory index includes. */
  logSeq: number;
  /** Log entries the index has beyond its stored snapshot (all of it when there is none). */
  unsaved: number;
  /** How it was opened. */
  source: 'snapshot' | 'rebuilt';
}

async function loadSnapshot<S>(
  documents: RagDocumentRepository,
  collectionId: number,
  kind: RagIndexKind,
  decode: (parts: Buffer[]) => S,
): Promise<{ state: S; logSeq: number } | undefined> {
  const snapshot = await documents.loadIndexSnapshot(collectionId, kind);
  if (!snapshot) return undefined;
  try {
    return { state: decode(snapshot.parts), logSeq: snapshot.logSeq };
  } catch {
    return undefined; // an unknown or damaged format: rebuilt from the rows
  }
}

/** Applies the log after `afterSeq`; each item's last entry decides whether it is in the index. */
async function replay(
  documents: RagDocumentRepository,
  collectionId: number,
  kind: RagIndexKind,
  afterSeq: number,
  apply: (added: number[], removed: number[]) => Promise<void>,
): Promise<{ logSeq: number; entries: number }> {
  const entries = await documents.indexLog(collectionId, kind, afterSeq);
  const last = new Map<number, boolean>();
  for (const entry of entries) last.set(entry.id, entry.added);
  const added: number[] = [];
  const removed: number[] = [];
  for (const [id, isAdded] of last) (isAdded ? added : removed).push(id);
  for (let start = 0; start < Math.max(added.length, removed.length, 1); start += pageSize)
    await apply(added.slice(start, start + pageSize), removed.slice(start, start + pageSize));
  return { logSeq: entries.at(-1)?.seq ?? afterSeq, entries: entries.length };
}

/**
 * The snapshot restored (or, without a usable one, the index rebuilt by paging through the stored rows),
 * then the log after it replayed.
 */
async function openIndex<S, I extends { readonly size: number }, R extends { id: number }>(
  documents: RagDocumentRepository,
  collectionId: number,
  kind: RagIndexKind,
  how: {
    decode: (parts: Buffer[]) => S;
    /** The index from a snapshot's state; undefined when the snapshot cannot serve (then rebuilt). */
    restore: (state: S) => I | undefined;
    create: () => I;
    page: (after: number) => Promise<readonly R[]>;
    add: (index: I, row: R) => void;
    replay: (index: I, added: number[], removed: number[]) => Promise<void>;
  },
): Promise<OpenedIndex<I>> {
  const snapshot = await loadSnapshot(documents, collectionId, kind, how.decode);
  let index = snapshot ? how.restore(snapshot.state) : undefined;
  // A snapshot that could not serve (e.g. another dimension) counts as none: the index is rebuilt,
  // reported as such, and its next save replaces the stale snapshot.
  const restored = snapshot !== undefined && index !== undefined;
  let fromSeq: number;
  if (snapshot && index) {
    fromSeq = snapshot.logSeq;
  } else {
    fromSeq = await documents.lastIndexSeq(collectionId);
    const rebuilt = how.create();
    for (let after = 0; ; ) {
      const page = await how.page(after);
      if (page.length === 0) break;
      for (const row of page) how.add(rebuilt, row);
      after = page[page.length - 1].id;
    }
    index = rebuilt;
  }
  const opened = index;
  const replayed = await replay(documents, collectionId, kind, fromSeq, (added, removed) =>
    how.replay(opened, added, removed),
  );
  return {
    index: opened,
    logSeq: replayed.logSeq,
    unsaved: restored ? replayed.entries : opened.size + 1,
    source: restored ? 'snapshot' : 'rebuilt',
  };
}

export function openLexicalIndex(
  documents: RagDocumentRepository,
  collectionId: number,
  { bm25, analyzer }: { bm25: Bm25Parameters; analyzer: Analyzer },
): Promise<OpenedIndex<Bm25Index>> {
  return openIndex(documents, collectionId, 'bm25', {
    decode: decodeBm25,
    // Postings do not depend on k1 and b: a snapshot serves any parameters.
    restore: (state) => Bm25Index.restore({ ...state, k1: bm25.k1 ?? 0.9, b: bm25.b ?? 0.4 }, analyzer),
    create: () => new Bm25Index({ ...bm25, analyzer }),
    page: (after) => documents.chunkTermsPage(collectionId, after, pageSize),
    add: (index, { id, terms }) => index.addTerms(String(id), terms),
    replay: async (index, added, removed) => {
      const found = new Set<number>();
      for (const { id, terms } of await documents.chunkTermsOf(added)) {
        index.addTerms(String(id), terms);
        found.add(id);
      }
      for (const id of [...removed, ...added.filter((id) => !found.has(id))]) index.remove(String(id));
    },
  });
}

export function openQuantizedIndex(
  documents: RagDocumentRepository,
  vectors: RagVectorRepository,
  collectionId: number,
  dimension: number,
): Promise<OpenedIndex<QuantizedVectorIndex>> {
  return openIndex(documents, collectionId, 'quantized', {
    decode: decodeQuantized,
    restore: (state) =>
      state.dimension === dimension
        ? QuantizedVectorIndex.restore(state, { training: 'background' })
        : undefined,
    // IVF training past 100k vectors runs in slices on later turns: the process keeps answering.
    create: () => new QuantizedVectorIndex(dimension, { rescore: 'int8', training: 'background' }),
    page: (after) => vectors.vectorPage(collectionId, after, pageSize),
    add: (index, { id, vector }) => index.add(id, vector),
    replay: async (index, added, removed) => {
      const found = await vectors.getVectors(collectionId, added);
      for (const [id, vector] of found) index.add(id, vector);
      for (const id of [...removed, ...added.filter((id) => !found.has(id))]) index.remove(id);
    },
  });
}

export async function saveLexicalSnapshot(
  documents: RagDocumentRepository,
  collectionId: number,
  index: Bm25Index,
  logSeq: number,
): Promise<void> {
  await documents.saveIndexSnapshot(collectionId, 'bm25', logSeq, encodeBm25(index.exportState()));
}

export async function saveQuantizedSnapshot(
  documents: RagDocumentRepository,
  collectionId: number,
  index: QuantizedVectorIndex,
  logSeq: number,
): Promise<void> {
  await documents.saveIndexSnapshot(collectionId, 'quantized', logSeq, encodeQuantized(index.exportState()));
}
