// Records of the rag domain: collections, documents, chunks, vector search hits.

export interface RagCollectionRecord {
  id: number;
  name: string;
  embedder: string | null;
  dimension: number | null;
  embedderState: Buffer | null;
  settings: Record<string, unknown>;
}

export interface RagDocumentRecord {
  id: number;
  source: string;
  contentHash: string;
  metadata: Record<string, unknown>;
}

export interface RagChunkInput {
  chunkId: string;
  text: string;
  metadata: Record<string, unknown>;
  /** Analysed term → frequency, for BM25. */
  terms: ReadonlyMap<string, number>;
}

export interface RagChunkRecord extends RagChunkInput {
  /** Row id: also the key of the chunk's vector. */
  id: number;
  documentId: number;
  source: string;
  ordinal: number;
}

export interface RagDocumentChange {
  documentId: number;
  /** Chunks inserted (they need vectors). */
  added: RagChunkRecord[];
  /** Row ids deleted (their vectors must go). */
  removed: number[];
  kept: number;
}

/** Equality on chunk metadata fields; an array means "any of". */
export type RagMetadataFilter = Record<
  string,
  string | number | boolean | readonly (string | number | boolean)[]
>;

export interface RagVectorHit {
  id: number;
  /** Cosine distance, 0 (same direction) … 2 (opposite). */
  distance: number;
}

export interface RagVectorSearchOptions {
  limit: number;
  /** Restricts the search to these chunk row ids (metadata filters): scored exactly. */
  candidates?: ReadonlySet<number>;
  /** Use binary-quantized candidates, `oversample` × limit of them, rescored exactly. */
  approximate?: boolean;
  oversample?: number;
}

/** What a persisted index snapshot holds: BM25 postings, or the binary-quantized vector codes. */
export type RagIndexKind = 'bm25' | 'quantized';

/** A chunk ('bm25' indexes) or vector ('quantized') added or removed, in write order. */
export interface RagIndexLogEntry {
  seq: number;
  id: number;
  added: boolean;
}

export interface RagIndexSnapshot {
  /** The last log entry the snapshot includes. */
  logSeq: number;
  parts: Buffer[];
}
