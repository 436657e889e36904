// The rag domain's repositories: collections, documents and chunks (a document is replaced as a whole,
// its chunks diffed by content-hash id), and vectors with the embedding cache.
import type {
  RagChunkInput,
  RagChunkRecord,
  RagCollectionRecord,
  RagDocumentChange,
  RagDocumentRecord,
  RagIndexKind,
  RagIndexLogEntry,
  RagIndexSnapshot,
  RagMetadataFilter,
  RagVectorHit,
  RagVectorSearchOptions,
} from './types.js';

export interface RagDocumentRepository {
  ensureCollection(name: string): Promise<RagCollectionRecord>;
  getCollection(name: string): Promise<RagCollectionRecord | undefined>;
  listCollections(): Promise<(RagCollectionRecord & { documents: number; chunks: number })[]>;
  setCollectionEmbedder(id: number, embedder: string, dimension: number, state: Buffer | null): Promise<void>;
  deleteCollection(name: string): Promise<boolean>;
  listDocuments(collectionId: number): Promise<RagDocumentRecord[]>;
  /** Inserts or replaces a document and diffs its chunks by id. */
  replaceDocument(
    collectionId: number,
    document: { source: string; contentHash: string; metadata: Record<string, unknown> },
    chunks: readonly RagChunkInput[],
  ): Promise<RagDocumentChange>;
  /** replaceDocument for many documents in one transaction (bulk ingest). */
  replaceDocuments(
    collectionId: number,
    items: readonly {
      document: { source: string; contentHash: string; metadata: Record<string, unknown> };
      chunks: readonly RagChunkInput[];
    }[],
  ): Promise<RagDocumentChange[]>;
  /** Deletes a document and its chunks; returns the deleted chunk row ids. */
  deleteDocument(collectionId: number, source: string): Promise<number[]>;
  /** Every chunk's id and term frequencies, to rebuild the BM25 index. */
  chunkTerms(collectionId: number): Promise<{ id: number; terms: Map<string, number> }[]>;
  getChunks(ids: readonly number[]): Promise<RagChunkRecord[]>;
  /** Row ids of the collection's chunks whose metadata matches the filter. */
  filterChunks(collectionId: number, filter: RagMetadataFilter): Promise<Set<number>>;
  countChunks(collectionId: number): Promise<number>;
  /** Up to `limit` chunks' term frequencies in id order after `afterId`: a rebuild that streams. */
  chunkTermsPage(
    collectionId: number,
    afterId: number,
    limit: number,
  ): Promise<{ id: number; terms: Map<string, number> }[]>;
  /** The term frequencies of these chunks (those that exist). */
  chunkTermsOf(ids: readonly number[]): Promise<{ id: number; terms: Map<string, number> }[]>;
  /**
   * Chunks ('bm25') or vectors ('quantized') added and removed after log position `afterSeq`, oldest
   * first: written in the same transaction as the change, so replaying them over a snapshot gives the
   * current index.
   */
  indexLog(collectionId: number, kind: RagIndexKind, afterSeq: number): Promise<RagIndexLogEntry[]>;
  /** The newest log position (0 when the log is empty). */
  lastIndexSeq(collectionId: number): Promise<number>;
  /**
   * Replaces the collection's snapshot of this kind in one transaction (a crash keeps the old one) and
   * drops the log entries it includes.
   */
  saveIndexSnapshot(
    collectionId: number,
    kind: RagIndexKind,
    logSeq: number,
    parts: readonly Uint8Array[],
  ): Promise<void>;
  loadIndexSnapshot(collectionId: number, kind: RagIndexKind): Promise<RagIndexSnapshot | undefined>;
  /**
   * Optional: store settings for a large ingest (SQLite: fewer WAL checkpoints, a larger page cache;
   * see sqlite/bulk-write.ts for what that means for durability), on until the returned function is
   * called. Every write still commits in its own transaction. Stores without it need none.
   */
  bulkWrite?(): Promise<() => Promise<void>>;
  /**
   * Optional: a writer on its own connection and thread (SQLite files: a worker thread) that applies
   * document, vector and generation writes in the order they are sent, each in its own transaction as
   * the repositories would, while the caller keeps analysing and indexing. Undefined where the store
   * has none (in-memory SQLite, Postgres).
   */
  backgroundWriter?(): RagBackgroundWriter | undefined;
  /** Increments the collection's write generation and returns the new value. */
  bumpGeneration(collectionId: number): Promise<number>;
  /** The collection's write generation (changes whenever any process writes to it). */
  generation(collectionId: number): Promise<number>;
}

export interface RagVectorRepository {
  /** Creates the collection's vector tables for this dimension (no-op when they exist). */
  ensureVectorTables(collectionId: number, dimension: number): Promise<void>;
  /**
   * Stores the vectors of chunks that have none (new chunk rows). Putting a vector for an id that has one
   * is not supported: SQLite's vec0 tables reject it despite INSERT OR REPLACE; delete it first.
   */
  putVectors(collectionId: number, entries: readonly { id: number; vector: Float32Array }[]): Promise<void>;
  deleteVectors(collectionId: number, ids: readonly number[]): Promise<void>;
  getVectors(collectionId: number, ids: readonly number[]): Promise<Map<number, Float32Array>>;
  /** Every vector of the collection, to build an in-memory index. */
  allVectors(collectionId: number): Promise<{ id: number; vector: Float32Array }[]>;
  /** Up to `limit` vectors in id order after `afterId`: an index build that streams. */
  vectorPage(
    collectionId: number,
    afterId: number,
    limit: number,
  ): Promise<{ id: number; vector: Float32Array }[]>;
  searchVectors(
    collectionId: number,
    query: Float32Array,
    options: RagVectorSearchOptions,
  ): Promise<RagVectorHit[]>;
  countVectors(collectionId: number): Promise<number>;
  /**
   * The approximate-nearest-neighbour index the database keeps on the collection's vectors: 'hnsw'
   * (pgvector) when `searchVectors(..., { approximate: true })` is answered by it, null when the
   * database has none and the caller brings its own (the RAG pipeline's in-memory quantized index).
   * Optional: a repository without it has none.
   */
  approximateIndex?(collectionId: number): Promise<'hnsw' | null>;
  dropVectorTables(collectionId: number): Promise<void>;
  cachedEmbeddings(embedder: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  cacheEmbeddings(embedder: string, entries: ReadonlyMap<string, Float32Array>): Promise<void>;
}

/** What the rag domain adds to the Store. */
export interface RagRepositories {
  readonly ragDocuments: RagDocumentRepository;
  readonly ragVectors: RagVectorRepository;
}

/**
 * Writes applied in order on another thread (see RagDocumentRepository.backgroundWriter). After a
 * failed write every later one is refused (rejected) and nothing more is written; `close` settles once
 * everything sent has been applied or refused, and rejects with the first failure.
 */
export interface RagBackgroundWriter
  extends Pick<RagDocumentRepository, 'replaceDocuments' | 'bumpGeneration'>,
    Pick<RagVectorRepository, 'putVectors' | 'deleteVectors'> {
  /** Settles once every write sent before it is committed (rejects after a failure). */
  flush(): Promise<void>;
  /** Waits for every write sent, then ends the thread (and its connection). */
  close(): Promise<void>;
}
