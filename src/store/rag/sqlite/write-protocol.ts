// Messages between the SQLite background writer and its thread (write-worker.ts).

/** A chunk as sent to the thread: its terms already encoded (rows.ts encodeTerms), not a Map. */
export interface WireChunk {
  chunkId: string;
  text: string;
  metadata: Record<string, unknown>;
  terms: string;
}

export type WriteRequest = { id: number } & (
  | {
      op: 'replaceDocuments';
      collectionId: number;
      items: readonly {
        document: { source: string; contentHash: string; metadata: Record<string, unknown> };
        chunks: readonly WireChunk[];
      }[];
    }
  /** The vectors of `ids`, one after another in `vectors` (one buffer, transferred). */
  | { op: 'putVectors'; collectionId: number; ids: number[]; dimension: number; vectors: Float32Array }
  | { op: 'deleteVectors'; collectionId: number; ids: readonly number[] }
  | { op: 'bumpGeneration'; collectionId: number }
  | { op: 'flush' }
);

/** A replaced document as the thread reports it: added chunks as [position in the input, row id]. */
export interface CompactChange {
  documentId: number;
  added: [number, number][];
  removed: number[];
  kept: number;
}

export type WriteReply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: { message: string; code?: string };
      /** Not attempted: an earlier write failed. */
      refused?: boolean;
    };
