// The SQLite background writer: RAG document, vector and generation writes applied on a worker thread
// with its own connection to the database file (write-worker.ts), so a large ingest uses a second core
// for SQLite while the caller analyses, indexes and embeds. Writes are applied in the order sent, each
// in the transaction a direct call would use (same rows, same change-log entries), so a crash at any
// point leaves exactly the committed writes, as before. The first failure refuses every later write;
// each refused or failed call rejects with RAG_WRITE_FAILED, and so does `close`.
import { Worker } from 'node:worker_threads';
import { GantryError } from '../../../errors/index.js';
import type { RagBackgroundWriter } from '../repository.js';
import { chunkRecord, encodeTerms } from '../rows.js';
import type { RagChunkRecord, RagDocumentChange } from '../types.js';
import type { CompactChange, WireChunk, WriteReply, WriteRequest } from './write-protocol.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type RequestBody = WriteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The worker: the compiled file in a build, the TypeScript source through tsx in a checkout. */
function startWorker(path: string): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // tsx resolved here (the checkout's copy), not from the eval script's directory (the cwd).
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./write-worker.ts', here).href;
    return new Worker(
      "const { workerData } = require('node:worker_threads'); import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); })",
      { eval: true, workerData: { path, entry, tsx } },
    );
  }
  return new Worker(new URL('./write-worker.js', here), { workerData: { path } });
}

export function startSqliteBackgroundWriter(path: string): RagBackgroundWriter {
  const worker = startWorker(path);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failed: GantryError | undefined;
  let exited = false;

  const failure = (message: string, cause?: unknown) =>
    new GantryError('RAG_WRITE_FAILED', `A background write to ${path} failed: ${message}`, {
      hint: 'Nothing after the failed write was stored; fix the cause (disk space, permissions, a locked database) and run the ingest again: it is incremental.',
      details: { path },
      cause,
    });
  const failAll = (error: GantryError) => {
    failed ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  worker.on('message', (message: WriteReply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else {
      const error = message.refused
        ? (failed ?? failure(message.error.message))
        : failure(message.error.message, message.error);
      failed ??= error;
      waiter.reject(error);
    }
  });
  worker.on('error', (error) => failAll(failure(error.message, error)));
  worker.on('exit', (code) => {
    exited = true;
    if (pending.size > 0) failAll(failure(`the writer thread exited (code ${code}) with writes pending`));
  });

  const send = <T>(body: RequestBody | { op: 'close' }, transfer?: ArrayBuffer[]): Promise<T> => {
    if (exited) return Promise.reject(failed ?? failure('the writer thread has ended'));
    const id = nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
    worker.postMessage({ id, ...body }, transfer);
    return promise;
  };

  return {
    async replaceDocuments(collectionId, items) {
      // Terms go encoded: a Map costs several times more to copy to the thread than its text form.
      const wire = items.map(({ document, chunks }) => ({
        document,
        chunks: chunks.map(
          (chunk): WireChunk => ({
            chunkId: chunk.chunkId,
            text: chunk.text,
            metadata: chunk.metadata,
            terms: encodeTerms(chunk.terms),
          }),
        ),
      }));
      const changes = await send<CompactChange[]>({ op: 'replaceDocuments', collectionId, items: wire });
      return changes.map((change, index): RagDocumentChange => {
        const { document, chunks } = items[index];
        const added = change.added.map(
          ([ordinal, id]): RagChunkRecord =>
            chunkRecord(chunks[ordinal], id, change.documentId, document.source, ordinal),
        );
        return { documentId: change.documentId, added, removed: change.removed, kept: change.kept };
      });
    },
    putVectors(collectionId, entries) {
      // One buffer for the batch, moved (not copied) to the thread; a vector that is a view into a
      // larger buffer (a batch's output) would otherwise copy that whole buffer.
      const dimension = entries[0]?.vector.length ?? 0;
      const packed = new Float32Array(entries.length * dimension);
      for (let index = 0; index < entries.length; index++) {
        const { vector } = entries[index];
        if (vector.length !== dimension)
          return Promise.reject(
            new GantryError('RAG_DIMENSION_MISMATCH', 'The vectors of one write differ in length.', {
              hint: 'Check the embedding model.',
              details: { expected: dimension, got: vector.length },
            }),
          );
        packed.set(vector, index * dimension);
      }
      const ids = entries.map((entry) => entry.id);
      return send({ op: 'putVectors', collectionId, ids, dimension, vectors: packed }, [packed.buffer]);
    },
    deleteVectors: (collectionId, ids) => send({ op: 'deleteVectors', collectionId, ids }),
    bumpGeneration: (collectionId) => send({ op: 'bumpGeneration', collectionId }),
    flush: () => send({ op: 'flush' }),
    async close() {
      if (!exited) {
        try {
          await send({ op: 'close' });
        } finally {
          await worker.terminate();
        }
      }
      if (failed) throw failed;
    },
  };
}
