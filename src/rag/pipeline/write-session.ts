// One bulk ingest's writes through the store's background writer (SQLite: a worker thread): sent in
// order, awaited only where the ingest needs their result (row ids), checked all at the end. A session
// belongs to one ingest (two ingests at once each have their own, or none).
import type { RagBackgroundWriter } from '../../store/index.js';

export interface WriteSession {
  writer: RagBackgroundWriter;
  // Generation bumps sent through the writer, checked in order as they settle.
  bumps: Promise<void>;
  /** Another process wrote in between two of this session's bumps. */
  foreignWrite: boolean;
}

export function writeSession(writer: RagBackgroundWriter): WriteSession {
  return { writer, bumps: Promise.resolve(), foreignWrite: false };
}

/** A write whose failure is reported by `closeWriteSession` (writer.close), not here. */
export function ignoreFailure(write: Promise<unknown>): void {
  write.catch(() => {});
}

/**
 * Sends a generation bump; `settled(next)` runs in send order once it is committed and says whether
 * another process wrote since the previous one.
 */
export function sendBump(
  session: WriteSession,
  collectionId: number,
  settled: (next: number) => boolean,
): void {
  const bump = session.writer.bumpGeneration(collectionId);
  session.bumps = session.bumps.then(() =>
    bump.then(
      (next) => {
        if (settled(next)) session.foreignWrite = true;
      },
      () => {}, // reported by writer.close()
    ),
  );
}

/**
 * Ends the writer: every write sent is applied, or the first failure is thrown (unless the ingest
 * failed already, whose error wins). The in-memory indexes ran ahead of the writes: after any failure
 * they are dropped (reopened from the store on next use), so they never hold what was not stored;
 * after another process's write they are invalidated, as a direct write would have done.
 */
export async function closeWriteSession(
  session: WriteSession | undefined,
  failedAlready: boolean,
  indexes: { drop(): void; invalidate(): Promise<void> },
): Promise<void> {
  if (!session) return;
  try {
    await session.writer.close();
    await session.bumps;
  } catch (error) {
    indexes.drop();
    if (!failedAlready) throw error;
    return;
  }
  if (failedAlready) indexes.drop();
  else if (session.foreignWrite) await indexes.invalidate();
}
