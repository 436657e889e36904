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
import {
  createLsaEmbedder,
  deserializeLsaModel,
  type Embedder,
  fitLsaModel,
  serializeLsaModel,
} from '../embedding/index.js';
import { convexCombination, maximalMarginalRelevance, reciprocalRankFusion } from '../fusion/index.js';
import type { Bm25Index, Bm25Parameters, ScoredId } from '../lexical/index.js';
import type { LoadedDocument } from '../loading/index.js';
import { candidateCount, type QuantizedVectorIndex } from '../vector/index.js';
import { chunkDocument, documentHash } from './chunk-document.js';
import {
  openLexicalIndex,
  openQuantizedIndex,
  saveLexicalSnapshot,
  saveQuantizedSnapshot,
} from './persisted-indexes.js';
import { type SearchHit, type SearchMode, type SearchOptions, searchModes } from './search-types.js';

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
}

export interface IngestProgress {
  documentsDone: number;
  documentsTotal: number;
  chunksAdded: number;
}

export interface IngestReport {
  documents: number;
  unchanged: number;
  chunksAdded: number;
  chunksRemoved: number;
  chunksKept: number;
  documentsRemoved: number;
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
  let lexical: Bm25Index | undefined;
  // Set by an ingest that takes the collection past `approximateAbove`: the quantized index is then
  // kept in step from its first vector instead of built from the store afterwards.
  let quantizedWanted = false;
  // The log position each in-memory index includes, and its changes not yet in a stored snapshot.
  const positions = { lexical: 0, lexicalUnsaved: 0, quantized: 0, quantizedUnsaved: 0 };
  // Counting a vec0 table scans it: the count is cached and dropped whenever vectors change.
  let vectorCount: number | undefined;
  // The approximate index lives in memory, built from the stored vectors on first approximate search.
  let quantized: QuantizedVectorIndex | undefined;
  // Whether the database keeps an approximate index of its own (pgvector's HNSW); remembered once
  // known (a collection without vectors yet has none, and is asked again).
  let databaseIndex: 'hnsw' | undefined;
  const hasDatabaseIndex = async () => {
    databaseIndex ??= (await vectors.approximateIndex?.(collection.id)) ?? undefined;
    return databaseIndex === 'hnsw';
  };
  const quantizedIndex = async () => {
    if (!quantized && collection.dimension !== null) {
      const opened = await openQuantizedIndex(documents, vectors, collection.id, collection.dimension);
      quantized = opened.index;
      positions.quantized = opened.logSeq;
      positions.quantizedUnsaved = opened.unsaved;
    }
    return quantized;
  };
  const snapshotDue = (unsaved: number, size: number) =>
    unsaved > (options.snapshotAfter ?? Math.max(1000, size * 0.05));
  // Stores snapshots of the indexes that changed enough; only called right after this object's own
  // write was confirmed as the latest (recordOwnWrite), so the in-memory indexes match the log's end.
  const saveSnapshots = async () => {
    if (!lexical && !quantized) return;
    const logSeq = await documents.lastIndexSeq(collection.id);
    if (lexical && snapshotDue(positions.lexicalUnsaved, lexical.size)) {
      await saveLexicalSnapshot(documents, collection.id, lexical, logSeq);
      positions.lexical = logSeq;
      positions.lexicalUnsaved = 0;
    }
    if (quantized && snapshotDue(positions.quantizedUnsaved, quantized.size)) {
      await saveQuantizedSnapshot(documents, collection.id, quantized, logSeq);
      positions.quantized = logSeq;
      positions.quantizedUnsaved = 0;
    }
  };

  // Writes by other processes (another CLI, other server workers) bump the stored generation; a
  // mismatch before a search drops the in-memory indexes so they are rebuilt from the store.
  let knownGeneration = await documents.generation(collection.id);
  const invalidate = async () => {
    lexical = undefined;
    quantized = undefined;
    databaseIndex = undefined;
    vectorCount = undefined;
    collection = (await documents.getCollection(name)) ?? collection;
    if (!embedder && collection.embedder) embedder = await restoreEmbedder(collection, options.embedder);
  };
  const recordOwnWrite = async () => {
    const next = await documents.bumpGeneration(collection.id);
    if (next !== knownGeneration + 1) await invalidate();
    knownGeneration = next;
  };
  const checkGeneration = async () => {
    const current = await documents.generation(collection.id);
    if (current !== knownGeneration) {
      await invalidate();
      knownGeneration = current;
    }
  };

  const lexicalIndex = async () => {
    if (!lexical) {
      const opened = await openLexicalIndex(documents, collection.id, { bm25, analyzer });
      lexical = opened.index;
      positions.lexical = opened.logSeq;
      positions.lexicalUnsaved = opened.unsaved;
    }
    return lexical;
  };

  const storeVectors = async (chunks: readonly RagChunkRecord[]) => {
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
      await vectors.ensureVectorTables(collection.id, dimension);
      if (quantizedWanted && !quantized) await quantizedIndex();
      vectorCount = undefined;
      await vectors.putVectors(
        collection.id,
        batch.map((chunk, index) => ({ id: chunk.id, vector: embedded[index] })),
      );
      if (quantized) {
        for (const [index, chunk] of batch.entries()) quantized.add(chunk.id, embedded[index]);
        positions.quantizedUnsaved += batch.length;
      }
    }
  };

  const removeChunks = async (ids: readonly number[]) => {
    if (ids.length === 0) return;
    vectorCount = undefined;
    await vectors.deleteVectors(collection.id, ids);
    if (quantized) for (const id of ids) quantized.remove(id);
    if (lexical) for (const id of ids) lexical.remove(String(id));
    positions.lexicalUnsaved += ids.length;
    positions.quantizedUnsaved += ids.length;
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
      const prepared = loaded.map((document) => ({ document, hash: documentHash(document) }));
      const changed = prepared.filter(
        ({ document, hash }) => existing.get(document.source)?.contentHash !== hash,
      );
      report.unchanged = prepared.length - changed.length;
      const chunked = changed.map(({ document, hash }) => ({
        document,
        hash,
        chunks: chunkDocument(document, chunkerFor(document), analyzer),
      }));
      // The indexes are opened (from their snapshots: cheap) and kept in step with this ingest, so the
      // snapshot stored at its end lets the next process answer its first query without a rebuild.
      if (chunked.length > 0) {
        await checkGeneration();
        await lexicalIndex();
        const incoming = chunked.reduce((sum, { chunks }) => sum + chunks.length, 0);
        if (embedder || options.embedder === 'lsa') {
          vectorCount ??= await vectors.countVectors(collection.id);
          quantizedWanted = vectorCount + incoming > approximateAbove && !(await hasDatabaseIndex());
          if (quantizedWanted) await quantizedIndex();
        }
      }
      if (options.embedder === 'lsa' && !embedder) {
        // The first ingest fixes the LSA space; later documents are folded into it.
        const texts = chunked.flatMap(({ chunks }) => chunks.map((chunk) => chunk.text));
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
      // Documents are written in groups (one transaction each) and their new chunks embedded in
      // batches across documents, so small documents do not mean small transactions or embed calls.
      let done = 0;
      let pending: RagChunkRecord[] = [];
      const groupSize = 64;
      for (let start = 0; start < chunked.length; start += groupSize) {
        const group = chunked.slice(start, start + groupSize);
        const changes = await documents.replaceDocuments(
          collection.id,
          group.map(({ document, hash, chunks }) => ({
            document: { source: document.source, contentHash: hash, metadata: document.metadata },
            chunks,
          })),
        );
        for (const change of changes) {
          await removeChunks(change.removed);
          pending.push(...change.added);
          if (lexical)
            for (const chunk of change.added) lexical.addTerms(String(chunk.id), new Map(chunk.terms));
          positions.lexicalUnsaved += change.added.length;
          report.chunksAdded += change.added.length;
          report.chunksRemoved += change.removed.length;
          report.chunksKept += change.kept;
        }
        if (pending.length >= embedBatchSize) {
          await storeVectors(pending);
          if (chunked.length > 0) await recordOwnWrite();
          pending = [];
        }
        done += group.length;
        onProgress?.({
          documentsDone: done,
          documentsTotal: chunked.length,
          chunksAdded: report.chunksAdded,
        });
      }
      await storeVectors(pending);
      if (chunked.length > 0) {
        await recordOwnWrite();
        // A collection that just passed the threshold gets its approximate index now, not on a query.
        if (!quantized && collection.dimension !== null) {
          vectorCount = await vectors.countVectors(collection.id);
          if (vectorCount > approximateAbove && !(await hasDatabaseIndex())) await quantizedIndex();
        }
        await saveSnapshots();
      }
      if (removeMissingUnder !== undefined) {
        const prefixes = typeof removeMissingUnder === 'string' ? [removeMissingUnder] : removeMissingUnder;
        const present = new Set(loaded.map((document) => document.source));
        for (const source of existing.keys()) {
          const file = source.split('#')[0];
          if (!present.has(source) && prefixes.some((prefix) => file.startsWith(prefix))) {
            report.chunksRemoved += await self.removeSource(source);
            report.documentsRemoved++;
          }
        }
      }
      return report;
    },
    async removeSource(source) {
      const ids = await documents.deleteDocument(collection.id, source);
      await removeChunks(ids);
      await recordOwnWrite();
      await saveSnapshots();
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
      const {
        mode = embedder ? 'hybrid' : 'bm25',
        limit = 10,
        filter,
        fusion = 'rrf',
        weight = 0.5,
        mmr,
      } = searchOptions;
      validateSearch(query, mode, limit);
      const depth = searchOptions.depth ?? Math.max(50, limit * 3);
      const candidates = filter ? await documents.filterChunks(collection.id, filter) : undefined;
      const wantLexical = mode !== 'vector';
      const wantVector = mode !== 'bm25';
      if (wantVector && !embedder) {
        throw new GantryError(
          'RAG_INDEX_EMPTY',
          `Collection ${name} has no embedder, so ${mode} search is not possible.`,
          {
            hint: 'Ingest with an embedder (--embedder lsa or a model), or search with --mode bm25.',
            details: { name, mode },
          },
        );
      }
      const listDepth =
        mode === 'hybrid' || mmr
          ? depth
          : searchOptions.rerank
            ? Math.max(limit, searchOptions.rerankCandidates ?? 30)
            : limit;
      let lexicalHits: ScoredId[] = [];
      if (wantLexical) {
        const index = await lexicalIndex();
        if (index.size === 0) {
          throw new GantryError('RAG_INDEX_EMPTY', `Collection ${name} has no chunks.`, {
            hint: `Ingest documents first: gantry ingest <path> --collection ${name}.`,
            details: { name },
          });
        }
        lexicalHits = index.search(query, {
          limit: listDepth,
          filter: candidates ? (id) => candidates.has(Number(id)) : undefined,
        });
      }
      let vectorHits: ScoredId[] = [];
      let queryVector: Float32Array | undefined;
      if (wantVector) {
        queryVector = (await embedder!.embed([searchOptions.vectorQuery ?? query]))[0];
      }
      // A query with no direction (the offline embedder knows none of its words) is similar to nothing;
      // cosine against a zero vector is undefined, and the vector index reported it as a perfect match.
      if (queryVector && isZeroVector(queryVector)) queryVector = undefined;
      if (queryVector) {
        vectorCount ??= await vectors.countVectors(collection.id);
        const approximate =
          (searchOptions.approximate ?? vectorCount > approximateAbove) && candidates === undefined;
        const inDatabase = approximate && (await hasDatabaseIndex());
        const index = approximate && !inDatabase ? await quantizedIndex() : undefined;
        // The quantized index rescores more Hamming candidates as the collection grows (recall@10 held
        // at 1M), with its int8 copy of the vectors: no read from the store.
        const nearest = index
          ? index.search(queryVector, {
              limit: listDepth,
              candidates: Math.max(listDepth, candidateCount(Math.max(limit, 10), index.size)),
            })
          : await vectors.searchVectors(collection.id, queryVector, {
              limit: listDepth,
              candidates,
              approximate: inDatabase,
            });
        vectorHits = nearest.map((hit) => ({ id: String(hit.id), score: 1 - hit.distance }));
      }
      let ranked: ScoredId[];
      if (mode === 'bm25') ranked = lexicalHits;
      else if (mode === 'vector') ranked = vectorHits;
      else if (fusion === 'convex') ranked = convexCombination(lexicalHits, vectorHits, { weight });
      else ranked = reciprocalRankFusion([lexicalHits, vectorHits]);

      if (mmr && queryVector) {
        const pool = ranked.slice(0, depth).map((hit) => Number(hit.id));
        const pooled = await vectors.getVectors(collection.id, pool);
        const order = maximalMarginalRelevance(
          queryVector,
          pool.filter((id) => pooled.has(id)).map((id) => ({ id: String(id), vector: pooled.get(id)! })),
          { lambda: mmr.lambda ?? 0.5, limit },
        );
        const scoreOf = new Map(ranked.map((hit) => [hit.id, hit.score]));
        ranked = order.map((entry) => ({ id: entry.id, score: scoreOf.get(entry.id) ?? 0 }));
      }
      let rerankOf: Map<string, number> | undefined;
      if (searchOptions.rerank) {
        const pool = ranked.slice(0, Math.max(limit, searchOptions.rerankCandidates ?? 30));
        const poolChunks = await documents.getChunks(pool.map((hit) => Number(hit.id)));
        const reranked = await searchOptions.rerank(
          query,
          poolChunks.map((chunk) => ({ id: String(chunk.id), text: chunk.text })),
        );
        rerankOf = new Map(reranked.map((hit) => [hit.id, hit.score]));
        ranked = reranked;
      }
      ranked = ranked.slice(0, limit);
      const bm25Of = new Map(lexicalHits.map((hit) => [hit.id, hit.score]));
      const similarityOf = new Map(vectorHits.map((hit) => [hit.id, hit.score]));
      const chunks = await documents.getChunks(ranked.map((hit) => Number(hit.id)));
      const byId = new Map(chunks.map((chunk) => [String(chunk.id), chunk]));
      return ranked.flatMap((hit) => {
        const chunk = byId.get(hit.id);
        if (!chunk) return [];
        return [
          {
            id: chunk.id,
            chunkId: chunk.chunkId,
            source: chunk.source,
            text: chunk.text,
            metadata: chunk.metadata,
            score: hit.score,
            ...(bm25Of.has(hit.id) ? { bm25Score: bm25Of.get(hit.id) } : {}),
            ...(similarityOf.has(hit.id) ? { similarity: similarityOf.get(hit.id) } : {}),
            ...(rerankOf?.has(hit.id) ? { rerankScore: rerankOf.get(hit.id) } : {}),
          },
        ];
      });
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

async function restoreEmbedder(
  collection: RagCollectionRecord,
  requested: Embedder | 'lsa' | undefined,
): Promise<Embedder | undefined> {
  if (collection.embedder?.startsWith('lsa:') && collection.embedderState) {
    if (requested !== undefined && requested !== 'lsa' && requested.id !== collection.embedder) {
      throw mismatch(collection, requested.id);
    }
    return createLsaEmbedder(deserializeLsaModel(collection.embedderState));
  }
  if (requested === 'lsa') {
    if (collection.embedder) throw mismatch(collection, 'lsa');
    return undefined; // fitted on the first ingest
  }
  if (requested && collection.embedder && requested.id !== collection.embedder)
    throw mismatch(collection, requested.id);
  return requested;
}

function mismatch(collection: RagCollectionRecord, requested: string): GantryError {
  return new GantryError(
    'RAG_DIMENSION_MISMATCH',
    `Collection ${collection.name} was embedded with ${collection.embedder}, not ${requested}.`,
    {
      hint: 'Use the same embedder, or ingest into a new collection.',
      details: { collection: collection.name, requested },
    },
  );
}

function validateSearch(query: string, mode: string, limit: number): void {
  if (query.trim() === '') {
    throw new GantryError('RAG_QUERY_INVALID', 'The search query is empty.', {
      hint: 'Pass some words to search for.',
    });
  }
  if (!(searchModes as readonly string[]).includes(mode)) {
    throw new GantryError('RAG_QUERY_INVALID', `Unknown search mode "${mode}".`, {
      hint: `Use one of ${searchModes.join(', ')}.`,
      details: { mode },
    });
  }
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new GantryError('RAG_QUERY_INVALID', `The result limit must be a positive integer, not ${limit}.`, {
      hint: 'Use --limit 10, for example.',
      details: { limit },
    });
  }
}

function isZeroVector(vector: Float32Array): boolean {
  for (const value of vector) if (value !== 0) return false;
  return true;
}
