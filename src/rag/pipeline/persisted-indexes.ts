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

export async function openLexicalIndex(
  documents: RagDocumentRepository,
  collectionId: number,
  { bm25, analyzer }: { bm25: Bm25Parameters; analyzer: Analyzer },
): Promise<OpenedIndex<Bm25Index>> {
  const snapshot = await loadSnapshot(documents, collectionId, 'bm25', decodeBm25);
  let index: Bm25Index;
  let fromSeq: number;
  if (snapshot) {
    // Postings do not depend on k1 and b: a snapshot serves any parameters.
    index = Bm25Index.restore({ ...snapshot.state, k1: bm25.k1 ?? 0.9, b: bm25.b ?? 0.4 }, analyzer);
    fromSeq = snapshot.logSeq;
  } else {
    fromSeq = await documents.lastIndexSeq(collectionId);
    index = new Bm25Index({ ...bm25, analyzer });
    for (let after = 0; ; ) {
      const page = await documents.chunkTermsPage(collectionId, after, pageSize);
      if (page.length === 0) break;
      for (const { id, terms } of page) index.addTerms(String(id), terms);
      after = page[page.length - 1].id;
    }
  }
  const replayed = await replay(documents, collectionId, 'bm25', fromSeq, async (added, removed) => {
    const found = new Set<number>();
    for (const { id, terms } of await documents.chunkTermsOf(added)) {
      index.addTerms(String(id), terms);
      found.add(id);
    }
    for (const id of [...removed, ...added.filter((id) => !found.has(id))]) index.remove(String(id));
  });
  return {
    index,
    logSeq: replayed.logSeq,
    unsaved: snapshot ? replayed.entries : index.size + 1,
    source: snapshot ? 'snapshot' : 'rebuilt',
  };
}

export async function openQuantizedIndex(
  documents: RagDocumentRepository,
  vectors: RagVectorRepository,
  collectionId: number,
  dimension: number,
): Promise<OpenedIndex<QuantizedVectorIndex>> {
  const snapshot = await loadSnapshot(documents, collectionId, 'quantized', decodeQuantized);
  let index: QuantizedVectorIndex;
  let fromSeq: number;
  if (snapshot && snapshot.state.dimension === dimension) {
    index = QuantizedVectorIndex.restore(snapshot.state, { training: 'background' });
    fromSeq = snapshot.logSeq;
  } else {
    fromSeq = await documents.lastIndexSeq(collectionId);
    // IVF training past 100k vectors runs in slices on later turns: the process keeps answering.
    index = new QuantizedVectorIndex(dimension, { rescore: 'int8', training: 'background' });
    for (let after = 0; ; ) {
      const page = await vectors.vectorPage(collectionId, after, pageSize);
      if (page.length === 0) break;
      for (const { id, vector } of page) index.add(id, vector);
      after = page[page.length - 1].id;
    }
  }
  const replayed = await replay(documents, collectionId, 'quantized', fromSeq, async (added, removed) => {
    const found = await vectors.getVectors(collectionId, added);
    for (const [id, vector] of found) index.add(id, vector);
    for (const id of [...removed, ...added.filter((id) => !found.has(id))]) index.remove(id);
  });
  return {
    index,
    logSeq: replayed.logSeq,
    unsaved: snapshot ? replayed.entries : index.size + 1,
    source: snapshot ? 'snapshot' : 'rebuilt',
  };
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
