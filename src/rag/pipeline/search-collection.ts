// One search of a collection: BM25 on its in-memory index, vectors exactly in the store or through an
// approximate index (the database's own, or the in-memory binary-quantized one whose candidates are
// rescored), fused (RRF or convex), optionally diversified (MMR) and reranked, then read back with text.
import { GantryError } from '../../errors/index.js';
import type { RagDocumentRepository, RagVectorRepository } from '../../store/index.js';
import type { Embedder } from '../embedding/index.js';
import { convexCombination, maximalMarginalRelevance, reciprocalRankFusion } from '../fusion/index.js';
import type { ScoredId } from '../lexical/index.js';
import { indexCandidateCount } from '../vector/index.js';
import type { CollectionIndexes } from './collection-indexes.js';
import { type SearchHit, type SearchOptions, searchModes } from './search-types.js';

export interface SearchContext {
  name: string;
  collectionId: number;
  documents: RagDocumentRepository;
  vectors: RagVectorRepository;
  embedder: Embedder | undefined;
  indexes: CollectionIndexes;
  approximateAbove: number;
  /** The stored vector count (cached by the collection). */
  vectorCount(): Promise<number>;
  /** Whether the database keeps an approximate index of its own (pgvector's HNSW). */
  hasDatabaseIndex(): Promise<boolean>;
}

export async function searchCollection(
  context: SearchContext,
  query: string,
  searchOptions: SearchOptions = {},
): Promise<SearchHit[]> {
  const { name, collectionId, documents, vectors, embedder, indexes } = context;
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
  const candidates = filter ? await documents.filterChunks(collectionId, filter) : undefined;
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
    const index = await indexes.lexical();
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
    const approximate =
      (searchOptions.approximate ?? (await context.vectorCount()) > context.approximateAbove) &&
      candidates === undefined;
    const inDatabase = approximate && (await context.hasDatabaseIndex());
    const index = approximate && !inDatabase ? await indexes.quantized() : undefined;
    // The quantized index rescores more Hamming candidates as the collection grows (recall@10 held
    // at 1M), with its int8 copy of the vectors: no read from the store.
    const nearest = index
      ? index.search(queryVector, {
          limit: listDepth,
          candidates: Math.max(listDepth, indexCandidateCount(Math.max(limit, 10), index)),
        })
      : await vectors.searchVectors(collectionId, queryVector, {
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
    const pooled = await vectors.getVectors(collectionId, pool);
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
