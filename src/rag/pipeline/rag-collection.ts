// A named collection in the store: ingest (incremental, by content hash), and search in three modes.
// BM25 runs on an in-memory index opened from its stored snapshot plus the change log after it
// (persisted-indexes.ts; rebuilt by paging through the chunks when there is none) and kept in step by
// this object's own writes; vectors are searched exactly in the store (sqlite-vec, pgvector or bytes),
// or, once the collection passes `approximateAbove` chunks, approximately: through the database's own
// index where it keeps one (pgvector's HNSW on Postgres), otherwise through an in-memory
// binary-quantized index (persisted the same way) whose candidates the store rescores exactly.
// Another process writing the same collection is not seen until the collection is reopened.
import { GantryError } from '../../errors/index.js';
import type { RagChunkRecord, RagCollectionRecord, Store } from '../../store/index.js';
import { type Analyzer, analyzeText } from '../analysis/index.js';
import { type Chunker, markdownChunker, recursiveTokenChunker } from '../chunking/index.js';
import { createLsaEmbedder, type Embedder, fitLsaModel, serializeLsaModel } from '../embedding/index.js';
import type { Bm25Parameters } from '../lexical/index.js';
import type { LoadedDocument } from '../loading/index.js';
import { chunkDocument } from './chunk-document.js';
import { collectionIndexes } from './collection-indexes.js';
import { changedDocuments, missingSources } from './document-changes.js';
import { type IngestProgress, type IngestReport, writeDocumentGroups } from './ingest-groups.js';
import { restoreEmbedder } from './restore-embedder.js';
import { searchCollection } from './search-collection.js';
import type { SearchHit, SearchMode, SearchOptions } from './search-types.js';
import {
  closeWriteSession,
  ignoreFailure,
  sendBump,
  type WriteSession,
  writeSession,
} from './write-session.js';

export interface RagCollectionOptions {
  store: Pick<Store, 'ragDocuments' | 'ragVectors'>;
  name: string;
  /** An embedder, 'lsa' (fitted on the first ingest, stored with the collection), or none (BM25 only). */
  embedder?: Embedder | 'lsa';
  lsaDimension?: number;
  /** Picks a chunker per document; default: Markdown-aware for Markdown/HTML, recursive otherwise. */
  chunkerFor?: (document: LoadedDocument) => Chunker;
  bm25?: Bm25Parameters;
  analyzer?: Analyzer;
  /** Chunk count above which vector search uses binary-quantized candidates. */
  approximateAbove?: number;
  embedBatchSize?: number;
  /**
   * Changes (chunks or vectors added or removed) after which an ingest stores a new snapshot of the
   * in-memory indexes; default max(1,000, 5% of the collection). Between snapshots the change log
   * replayed on open keeps them exact.
   */
  snapshotAfter?: number;
  /**
   * Sections (about one chunk each) from which an ingest uses the store's bulk-write settings (SQLite:
   * a WAL checkpoint every 256 MB instead of 4 MB and a 64 MB page cache, restored at its end; a
   * process crash still loses nothing committed, see docs/rag.md); default 5,000, Infinity: never.
   */
  bulkWriteAbove?: number;
  /**
   * Whether a bulk ingest writes through the store's background writer where it has one (SQLite files:
   * a worker thread with its own connection, so SQLite runs on a second core while this thread
   * analyses, indexes and embeds); default true. Same transactions, same crash behaviour.
   */
  backgroundWrites?: boolean;
}

export interface RagCollection {
  readonly name: string;
  ingest(
    documents: readonly LoadedDocument[],
    options?: {
      /** Removes stored documents under these path prefixes that are not in this ingest (deleted files). */
      removeMissingUnder?: string | readonly string[];
      onProgress?: (progress: IngestProgress) => void;
    },
  ): Promise<IngestReport>;
  removeSource(source: string): Promise<number>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** The configured default mode when the collection can run it; BM25 when it has no embedder. */
  defaultMode(configured?: SearchMode): SearchMode;
  /** Embeds a text with the collection's embedder (undefined when it has none). */
  embedQuery(text: string): Promise<Float32Array | undefined>;
  stats(): Promise<{ documents: number; chunks: number; vectors: number; embedder: string | null }>;
}

export async function openRagCollection(options: RagCollectionOptions): Promise<RagCollection> {
  const {
    store,
    name,
    analyzer = analyzeText,
    bm25 = {},
    approximateAbove = 50_000,
    embedBatchSize = 256,
    lsaDimension = 256,
    bulkWriteAbove = 5_000,
    backgroundWrites = true,
  } = options;
  const chunkerFor =
    options.chunkerFor ??
    ((document: LoadedDocument) =>
      document.format === 'markdown' || document.format === 'html'
        ? markdownChunker()
        : recursiveTokenChunker());
  const documents = store.ragDocuments;
  const vectors = store.ragVectors;
  let collection: RagCollectionRecord = await documents.ensureCollection(name);
  let embedder: Embedder | undefined = await restoreEmbedder(collection, options.embedder);
  // Vectors stored, counted by an ingest as it writes: once past `approximateAbove` the quantized index
  // is opened and kept in step from then on instead of built from the store afterwards.
  let vectorsStored: number | undefined;
  let quantizedWanted = false;
  // Counting a vec0 table scans it: the count is cached and dropped whenever vectors change.
  let vectorCount: number | undefined;
  const countVectors = async () => {
    vectorCount ??= await vectors.countVectors(collection.id);
    return vectorCount;
  };
  // Whether the database keeps an approximate index of its own (pgvector's HNSW); remembered once
  // known (a collection without vectors yet has none, and is asked again).
  let databaseIndex: 'hnsw' | undefined;
  const hasDatabaseIndex = async () => {
    databaseIndex ??= (await vectors.approximateIndex?.(collection.id)) ?? undefined;
    return databaseIndex === 'hnsw';
  };
  // BM25 and the quantized index live in memory, opened from their snapshots on first use.
  const indexes = collectionIndexes({
    documents,
    vectors,
    collectionId: () => collection.id,
    dimension: () => collection.dimension,
    bm25,
    analyzer,
    snapshotAfter: options.snapshotAfter,
  });

  // Writes by other processes (another CLI, other server workers) bump the stored generation; a
  // mismatch before a search drops the in-memory indexes so they are rebuilt from the store.
  let knownGeneration = await documents.generation(collection.id);
  const invalidate = async () => {
    indexes.drop();
    databaseIndex = undefined;
    vectorCount = undefined;
    collection = (await documents.getCollection(name)) ?? collection;
    if (!embedder && collection.embedder) embedder = await restoreEmbedder(collection, options.embedder);
  };
  // During a bulk ingest the writes go through a write session (write-session.ts) when the store has
  // a background writer.
  const recordOwnWrite = async (session?: WriteSession) => {
    if (session) {
      sendBump(session, collection.id, (next) => {
        const foreign = next !== knownGeneration + 1;
        knownGeneration = next;
        return foreign;
      });
      return;
    }
    const next = await documents.bumpGeneration(collection.id);
    if (next !== knownGeneration + 1) await invalidate();
    knownGeneration = next;
  };
  const closeWriter = (session: WriteSession | undefined, failedAlready: boolean) =>
    closeWriteSession(session, failedAlready, { drop: () => indexes.drop(), invalidate });
  const checkGeneration = async () => {
    const current = await documents.generation(collection.id);
    if (current !== knownGeneration) {
      await invalidate();
      knownGeneration = current;
    }
  };

  let tablesReady: number | undefined;
  const storeVectors = async (chunks: readonly RagChunkRecord[], session?: WriteSession) => {
    if (!embedder || chunks.length === 0) return;
    for (let start = 0; start < chunks.length; start += embedBatchSize) {
      const batch = chunks.slice(start, start + embedBatchSize);
      const embedded = await embedder.embed(batch.map((chunk) => chunk.text));
      const dimension = embedded[0]?.length ?? 0;
      if (collection.dimension === null) {
        await documents.setCollectionEmbedder(
          collection.id,
          embedder.id,
          dimension,
          collection.embedderState,
        );
        collection = { ...collection, embedder: embedder.id, dimension };
      }
      if (dimension !== collection.dimension) {
        throw new GantryError(
          'RAG_DIMENSION_MISMATCH',
          `The embedder ${embedder.id} returns ${dimension}-d vectors; collection ${name} holds ${collection.dimension}-d ones.`,
          {
            hint: 'Ingest into a new collection when you change the embedding model.',
            details: { name, dimension },
          },
        );
      }
      if (tablesReady !== collection.id) {
        await vectors.ensureVectorTables(collection.id, dimension);
        tablesReady = collection.id;
      }
      if (
        vectorsStored !== undefined &&
        !indexes.openQuantized &&
        (quantizedWanted || (vectorsStored + batch.length > approximateAbove && !(await hasDatabaseIndex())))
      ) {
        await session?.writer.flush(); // the index is built from the stored vectors: all of them
        await indexes.quantized();
      }
      if (vectorsStored !== undefined) vectorsStored += batch.length;
      vectorCount = undefined;
      const entries = batch.map((chunk, index) => ({ id: chunk.id, vector: embedded[index] }));
      if (session) ignoreFailure(session.writer.putVectors(collection.id, entries));
      else await vectors.putVectors(collection.id, entries);
      const quantized = indexes.openQuantized;
      if (quantized) {
        for (const [index, chunk] of batch.entries()) quantized.add(chunk.id, embedded[index]);
        indexes.changed('quantized', batch.length);
      }
    }
  };

  const removeChunks = async (ids: readonly number[], session?: WriteSession) => {
    if (ids.length === 0) return;
    vectorCount = undefined;
    if (session) ignoreFailure(session.writer.deleteVectors(collection.id, ids));
    else await vectors.deleteVectors(collection.id, ids);
    const { openLexical: lexical, openQuantized: quantized } = indexes;
    if (quantized) for (const id of ids) quantized.remove(id);
    if (lexical) for (const id of ids) lexical.remove(String(id));
    indexes.changed('lexical', ids.length);
    indexes.changed('quantized', ids.length);
  };

  const self: RagCollection = {
    name,
    async ingest(loaded, { removeMissingUnder, onProgress } = {}) {
      const report: IngestReport = {
        documents: loaded.length,
        unchanged: 0,
        chunksAdded: 0,
        chunksRemoved: 0,
        chunksKept: 0,
        documentsRemoved: 0,
      };
      const existing = new Map(
        (await documents.listDocuments(collection.id)).map((row) => [row.source, row]),
      );
      const changed = changedDocuments(loaded, existing);
      report.unchanged = loaded.length - changed.length;
      // Chunked (and analysed) a group at a time as it is written, so a large ingest never holds every
      // chunk's text and terms at once; only the LSA fit of a collection's first ingest needs them all.
      const chunkAll = options.embedder === 'lsa' && !embedder;
      const chunked = changed.map(({ document, hash }) => ({
        document,
        hash,
        chunks: chunkAll ? chunkDocument(document, chunkerFor(document), analyzer) : undefined,
      }));
      const sectionCount = changed.reduce((sum, { document }) => sum + document.sections.length, 0);
      const bulk = sectionCount >= bulkWriteAbove;
      const endBulkWrite = bulk ? await documents.bulkWrite?.() : undefined;
      let failed = true;
      let session: WriteSession | undefined;
      try {
        // The indexes are opened (from their snapshots: cheap) and kept in step with this ingest, so the
        // snapshot stored at its end lets the next process answer its first query without a rebuild.
        if (chunked.length > 0) {
          await checkGeneration();
          await indexes.lexical();
          if (embedder || options.embedder === 'lsa') {
            vectorsStored = await countVectors();
            // Sections estimate the chunks to come (a chunker makes at least one of each non-empty one):
            // an ingest that will pass the threshold opens the index now, while it is cheap to build.
            quantizedWanted = vectorsStored + sectionCount > approximateAbove && !(await hasDatabaseIndex());
            if (quantizedWanted) await indexes.quantized();
          }
        }
        if (chunkAll) {
          // The first ingest fixes the LSA space; later documents are folded into it.
          const texts = chunked.flatMap(({ chunks }) => chunks!.map((chunk) => chunk.text));
          if (texts.length > 0) {
            const model = fitLsaModel(texts, { dimension: lsaDimension, analyzer });
            embedder = createLsaEmbedder(model);
            collection = { ...collection, embedderState: serializeLsaModel(model) };
            await documents.setCollectionEmbedder(
              collection.id,
              embedder.id,
              model.dimension,
              collection.embedderState,
            );
            collection = { ...collection, embedder: embedder.id, dimension: model.dimension };
          }
        }
        // Through the background writer the ingest's rows are stored on another thread
        // (ingest-groups.ts sends ahead; write-session.ts checks and closes).
        const writer =
          bulk && backgroundWrites && chunked.length > 0 ? documents.backgroundWriter?.() : undefined;
        if (writer) session = writeSession(writer);
        await writeDocumentGroups(chunked, {
          documents,
          collectionId: () => collection.id,
          session,
          chunkerFor,
          analyzer,
          indexes,
          embedBatchSize,
          removeChunks,
          storeVectors,
          recordOwnWrite,
          report,
          onProgress,
        });
        if (chunked.length > 0) {
          await recordOwnWrite(session);
          const closing = session;
          session = undefined;
          await closeWriter(closing, false);
          // A collection that just passed the threshold gets its approximate index now, not on a query.
          if (!indexes.openQuantized && collection.dimension !== null) {
            vectorCount = await vectors.countVectors(collection.id);
            if (vectorCount > approximateAbove && !(await hasDatabaseIndex())) await indexes.quantized();
          }
          await indexes.saveSnapshots();
        }
        failed = false;
      } finally {
        await closeWriter(session, failed);
        await endBulkWrite?.();
      }
      if (removeMissingUnder !== undefined) {
        for (const source of missingSources(existing.keys(), loaded, removeMissingUnder)) {
          report.chunksRemoved += await self.removeSource(source);
          report.documentsRemoved++;
        }
      }
      return report;
    },
    async removeSource(source) {
      const ids = await documents.deleteDocument(collection.id, source);
      await removeChunks(ids);
      await recordOwnWrite();
      await indexes.saveSnapshots();
      return ids.length;
    },
    defaultMode(configured = 'hybrid') {
      return embedder || (options.embedder === 'lsa' && collection.embedder === null) ? configured : 'bm25';
    },
    async embedQuery(text) {
      if (!embedder) return undefined;
      const [vector] = await embedder.embed([text]);
      return vector;
    },
    async search(query, searchOptions = {}) {
      await checkGeneration();
      return searchCollection(
        {
          name,
          collectionId: collection.id,
          documents,
          vectors,
          embedder,
          indexes,
          approximateAbove,
          vectorCount: countVectors,
          hasDatabaseIndex,
        },
        query,
        searchOptions,
      );
    },
    async stats() {
      const listed = (await documents.listCollections()).find((row) => row.id === collection.id);
      return {
        documents: listed?.documents ?? 0,
        chunks: listed?.chunks ?? 0,
        vectors: await vectors.countVectors(collection.id),
        embedder: collection.embedder,
      };
    },
  };
  return self;
}
