// The rag domain's rows and their records, the term-frequency encoding and the metadata filter key
// check: the same on SQLite and Postgres (both rank with the same in-process BM25 from these terms).
import { GantryError } from '../../errors/index.js';
import type { RagChunkInput, RagChunkRecord, RagCollectionRecord, RagDocumentRecord } from './types.js';

export interface ChunkRow {
  id: number;
  document_id: number;
  chunk_id: string;
  ordinal: number;
  text: string;
  metadata: string;
  terms: string;
  source: string;
}

export interface CollectionRow {
  id: number;
  name: string;
  embedder: string | null;
  dimension: number | null;
  /** A Buffer from better-sqlite3, a Uint8Array from some Postgres drivers (PGlite). */
  embedder_state: Buffer | Uint8Array | null;
  settings: string;
}

export interface DocumentRow {
  id: number;
  source: string;
  content_hash: string;
  metadata: string;
}

export const toCollection = (row: CollectionRow): RagCollectionRecord => ({
  id: row.id,
  name: row.name,
  embedder: row.embedder,
  dimension: row.dimension,
  embedderState:
    row.embedder_state === null || Buffer.isBuffer(row.embedder_state)
      ? row.embedder_state
      : Buffer.from(row.embedder_state),
  settings: JSON.parse(row.settings),
});

export const toChunk = (row: ChunkRow): RagChunkRecord => ({
  id: row.id,
  documentId: row.document_id,
  chunkId: row.chunk_id,
  ordinal: row.ordinal,
  text: row.text,
  metadata: JSON.parse(row.metadata),
  terms: decodeTerms(row.terms),
  source: row.source,
});

export const toDocument = (row: DocumentRow): RagDocumentRecord => ({
  id: row.id,
  source: row.source,
  contentHash: row.content_hash,
  metadata: JSON.parse(row.metadata),
});

// Terms never contain spaces (the analyzer splits on them), so "term tf term tf …" is unambiguous and
// several times faster to write and read than JSON for 100k chunks.
/**
 * A stored chunk's record: the input's fields and where it was stored. The same object as
 * `{ ...chunk, id, documentId, source, ordinal }`, built field by field when the input has exactly its
 * four fields (object spread costs ~5 µs a chunk here, the literal ~0.1).
 */
export function chunkRecord<C extends RagChunkInput>(
  chunk: C,
  id: number,
  documentId: number,
  source: string,
  ordinal: number,
): C & Omit<RagChunkRecord, keyof RagChunkInput> {
  if (Object.keys(chunk).length !== 4) return { ...chunk, id, documentId, source, ordinal };
  const { chunkId, text, metadata, terms } = chunk;
  return { chunkId, text, metadata, terms, id, documentId, source, ordinal } as C &
    Omit<RagChunkRecord, keyof RagChunkInput>;
}

export function encodeTerms(terms: ReadonlyMap<string, number>): string {
  // One join, not `+=`: appending builds a rope of ~150 pieces that every later use (a SQLite bind, a
  // message to the writer thread) flattens again: ~20 µs a chunk instead of ~5.
  const parts = new Array<string>(terms.size * 2);
  let position = 0;
  terms.forEach((frequency, term) => {
    parts[position++] = term;
    parts[position++] = String(frequency);
  });
  return parts.join(' ');
}

export function decodeTerms(encoded: string): Map<string, number> {
  const terms = new Map<string, number>();
  if (encoded === '') return terms;
  const parts = encoded.split(' ');
  for (let index = 0; index + 1 < parts.length; index += 2) terms.set(parts[index], Number(parts[index + 1]));
  return terms;
}

const metadataKey = /^[A-Za-z0-9_]+$/;

/** Filter keys go into a JSON path (SQLite) or a key lookup: only plain names are accepted. */
export function checkFilterKey(key: string): void {
  if (!metadataKey.test(key)) {
    throw new GantryError(
      'RAG_QUERY_INVALID',
      `The metadata filter key ${JSON.stringify(key)} is not a plain name.`,
      {
        hint: 'Filter keys are letters, digits and underscores (source, title, page).',
        details: { key },
      },
    );
  }
}
