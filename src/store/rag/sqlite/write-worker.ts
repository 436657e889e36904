// The thread behind the SQLite background writer (background-writer.ts): its own connection to the
// database file, the same repositories (so the same transactions and change-log rows as a direct
// write), the bulk-write settings for its lifetime. Requests are applied one at a time in the order
// they arrive; after the first failure every later write is refused, so nothing sent after a failed
// write is stored.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openSqliteDatabase } from '../../sqlite-database.js';
import { createSqliteRagDocumentRepository } from './documents.js';
import { createSqliteRagVectorRepository } from './vectors.js';
import type { WriteReply, WriteRequest } from './write-protocol.js';

const port = parentPort!;
const { path } = workerData as { path: string };

const reply = (message: WriteReply) => port.postMessage(message);
const describe = (error: unknown) => ({
  message: error instanceof Error ? error.message : String(error),
  code:
    (error as { code?: unknown })?.code === undefined ? undefined : String((error as { code: unknown }).code),
});

let failure: { message: string; code?: string } | undefined;
let state:
  | {
      db: ReturnType<typeof openSqliteDatabase>;
      documents: ReturnType<typeof createSqliteRagDocumentRepository>;
      vectors: ReturnType<typeof createSqliteRagVectorRepository>;
      endBulk: () => Promise<void>;
    }
  | undefined;

const open = async () => {
  if (state) return state;
  const db = openSqliteDatabase(path);
  const documents = createSqliteRagDocumentRepository(db);
  const endBulk = (await documents.bulkWrite?.()) ?? (async () => {});
  state = { db, documents, vectors: createSqliteRagVectorRepository(db), endBulk };
  return state;
};

const apply = async (request: WriteRequest): Promise<unknown> => {
  const { documents, vectors } = await open();
  switch (request.op) {
    case 'replaceDocuments': {
      // The repository stores a chunk's terms as given when they arrive encoded (see documents.ts).
      const items = request.items as unknown as Parameters<typeof documents.replaceDocuments>[1];
      const changes = await documents.replaceDocuments(request.collectionId, items);
      // Only what the caller cannot know: row ids of the added chunks (by position in the input).
      return changes.map((change) => ({
        documentId: change.documentId,
        added: change.added.map((chunk) => [chunk.ordinal, chunk.id]),
        removed: change.removed,
        kept: change.kept,
      }));
    }
    case 'putVectors': {
      const { ids, dimension, vectors: packed } = request;
      const entries = ids.map((id, index) => ({
        id,
        vector: packed.subarray(index * dimension, (index + 1) * dimension),
      }));
      return vectors.putVectors(request.collectionId, entries);
    }
    case 'deleteVectors':
      return vectors.deleteVectors(request.collectionId, request.ids);
    case 'bumpGeneration':
      return documents.bumpGeneration(request.collectionId);
    case 'flush':
      return undefined;
  }
};

// Requests are applied strictly in order. Those waiting when the thread gets to them are applied in
// one transaction (each request inside it a savepoint, as its repository call nests): a large ingest
// commits a few big transactions instead of one per group, and its random index leaves are written
// once per commit. Replies go out after the commit, so a reply means committed.
const waiting: (WriteRequest | { id: number; op: 'close' })[] = [];
let running = false;

const close = async (id: number) => {
  try {
    if (state) {
      await state.endBulk();
      state.db.close();
      state = undefined;
    }
    reply({ id, ok: true, value: undefined });
  } catch (error) {
    reply({ id, ok: false, error: describe(error) });
  }
};

const applyBatch = async (batch: WriteRequest[]) => {
  const replies: WriteReply[] = [];
  let db: ReturnType<typeof openSqliteDatabase> | undefined;
  try {
    db = (await open()).db;
    db.exec('BEGIN IMMEDIATE');
    for (const request of batch) {
      if (failure) {
        replies.push({ id: request.id, ok: false, error: failure, refused: true });
        continue;
      }
      try {
        replies.push({ id: request.id, ok: true, value: await apply(request) });
      } catch (error) {
        failure = describe(error);
        replies.push({ id: request.id, ok: false, error: failure });
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    // The transaction could not begin or commit: none of the batch is stored.
    if (db?.inTransaction) db.exec('ROLLBACK');
    failure ??= describe(error);
    replies.length = 0;
    for (const request of batch) replies.push({ id: request.id, ok: false, error: failure });
  }
  for (const message of replies) reply(message);
};

/** Rows (chunks, vectors) per transaction at most: it holds SQLite's write lock while it runs. */
const batchRows = 2_048;
const rows = (request: WriteRequest) =>
  request.op === 'replaceDocuments'
    ? request.items.reduce((sum, item) => sum + item.chunks.length, 0)
    : request.op === 'putVectors'
      ? request.ids.length
      : request.op === 'deleteVectors'
        ? request.ids.length
        : 0;

/**
 * The next requests to commit together: those waiting, up to a close and up to `batchRows` rows
 * (always at least one), so another connection's write (the server's own, on its main thread) waits
 * for the lock at most about one such transaction (~0.1 s).
 */
const takeBatch = (): WriteRequest[] => {
  let count = 0;
  let total = 0;
  while (count < waiting.length) {
    const request = waiting[count];
    if (request.op === 'close') break;
    total += rows(request);
    if (count > 0 && total > batchRows) break;
    count++;
  }
  return waiting.splice(0, count) as WriteRequest[];
};

const run = async () => {
  if (running) return;
  running = true;
  try {
    while (waiting.length > 0) {
      // Take everything that has arrived, up to a close.
      for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port))
        waiting.push(next.message);
      const batch = takeBatch();
      if (batch.length > 0) {
        if (failure)
          for (const request of batch) reply({ id: request.id, ok: false, error: failure, refused: true });
        else await applyBatch(batch);
      }
      if (waiting[0]?.op === 'close') await close(waiting.shift()!.id);
    }
  } finally {
    running = false;
  }
};

port.on('message', (request: WriteRequest | { id: number; op: 'close' }) => {
  waiting.push(request);
  void run();
});
