// A collection's in-memory indexes and their bookkeeping: BM25 and the binary-quantized vector index,
// each opened on first use from its stored snapshot plus the change log after it (persisted-indexes.ts),
// the log position each includes, the changes not yet in a snapshot, and when to store a new one.
import type { RagDocumentRepository, RagVectorRepository } from '../../store/index.js';
import type { Analyzer } from '../analysis/index.js';
import type { Bm25Index, Bm25Parameters } from '../lexical/index.js';
import type { QuantizedVectorIndex } from '../vector/index.js';
import {
  openLexicalIndex,
  openQuantizedIndex,
  saveLexicalSnapshot,
  saveQuantizedSnapshot,
} from './persisted-indexes.js';

export interface CollectionIndexes {
  /** BM25, opened (snapshot + log, or rebuilt) on first use. */
  lexical(): Promise<Bm25Index>;
  /** The quantized index, opened on first use; undefined while the collection has no vectors. */
  quantized(): Promise<QuantizedVectorIndex | undefined>;
  /** The indexes already in memory (kept in step by writes; not opened by asking). */
  readonly openLexical: Bm25Index | undefined;
  readonly openQuantized: QuantizedVectorIndex | undefined;
  /** Counts changes not yet in a stored snapshot. */
  changed(kind: 'lexical' | 'quantized', count: number): void;
  /**
   * Stores snapshots of the indexes that changed enough; call only right after this process's own write
   * was confirmed as the latest, so the in-memory indexes match the log's end.
   */
  saveSnapshots(): Promise<void>;
  /** Drops both (another process wrote the collection): reopened from the store on next use. */
  drop(): void;
}

export function collectionIndexes(options: {
  documents: RagDocumentRepository;
  vectors: RagVectorRepository;
  /** The collection's row id now (the row is read again when another process wrote it). */
  collectionId: () => number;
  /** The collection's vector dimension now (null before its first vector). */
  dimension: () => number | null;
  bm25: Bm25Parameters;
  analyzer: Analyzer;
  snapshotAfter?: number;
}): CollectionIndexes {
  const { documents, vectors, bm25, analyzer } = options;
  let lexical: Bm25Index | undefined;
  let quantized: QuantizedVectorIndex | undefined;
  // The log position each in-memory index includes, and its changes not yet in a stored snapshot.
  const positions = { lexical: 0, lexicalUnsaved: 0, quantized: 0, quantizedUnsaved: 0 };
  const snapshotDue = (unsaved: number, size: number) =>
    unsaved > (options.snapshotAfter ?? Math.max(1000, size * 0.05));
  return {
    async lexical() {
      if (!lexical) {
        const opened = await openLexicalIndex(documents, options.collectionId(), { bm25, analyzer });
        lexical = opened.index;
        positions.lexical = opened.logSeq;
        positions.lexicalUnsaved = opened.unsaved;
      }
      return lexical;
    },
    async quantized() {
      const dimension = options.dimension();
      if (!quantized && dimension !== null) {
        const opened = await openQuantizedIndex(documents, vectors, options.collectionId(), dimension);
        quantized = opened.index;
        positions.quantized = opened.logSeq;
        positions.quantizedUnsaved = opened.unsaved;
      }
      return quantized;
    },
    get openLexical() {
      return lexical;
    },
    get openQuantized() {
      return quantized;
    },
    changed(kind, count) {
      if (kind === 'lexical') positions.lexicalUnsaved += count;
      else positions.quantizedUnsaved += count;
    },
    async saveSnapshots() {
      if (!lexical && !quantized) return;
      const collectionId = options.collectionId();
      const logSeq = await documents.lastIndexSeq(collectionId);
      if (lexical && snapshotDue(positions.lexicalUnsaved, lexical.size)) {
        await saveLexicalSnapshot(documents, collectionId, lexical, logSeq);
        positions.lexical = logSeq;
        positions.lexicalUnsaved = 0;
      }
      if (quantized && snapshotDue(positions.quantizedUnsaved, quantized.size)) {
        await saveQuantizedSnapshot(documents, collectionId, quantized, logSeq);
        positions.quantized = logSeq;
        positions.quantizedUnsaved = 0;
      }
    },
    drop() {
      lexical = undefined;
      quantized = undefined;
    },
  };
}
