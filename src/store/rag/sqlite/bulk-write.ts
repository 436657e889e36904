// SQLite settings for a large ingest, on from `bulkWrite()` until the function it returns is called.
// Every transaction still commits as before (WAL, synchronous=NORMAL): a process crash loses nothing
// committed. What changes is how often the WAL is copied into the database file and fsynced: every
// 256 MB of WAL instead of every 4 MB, so a power loss (not a process crash) can roll back up to that
// much of the most recent committed ingest, the same kind of loss synchronous=NORMAL already allows
// for the last 4 MB; the database stays consistent and the ingest, run again, rewrites what is missing
// (it is incremental by content hash). The page cache is raised to 64 MB for the duration. At the end
// the settings are restored and the WAL checkpointed without waiting for readers.
import type { SqliteDatabase } from '../../sqlite-database.js';

/** WAL pages between checkpoints during a bulk write (4 KB pages: 256 MB). */
export const bulkCheckpointPages = 65_536;
/** The page cache during a bulk write, in KiB. */
export const bulkCacheKib = 65_536;

export function sqliteBulkWrite(db: SqliteDatabase): () => Promise<() => Promise<void>> {
  // Overlapping bulk writes on one connection (two collections ingested at once) share the settings:
  // the first one applies them, the last one to end restores them.
  let active = 0;
  let saved: { checkpoint: number; cache: number } | undefined;
  return async () => {
    if (active++ === 0) {
      saved = {
        checkpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
        cache: db.pragma('cache_size', { simple: true }) as number,
      };
      db.pragma(`wal_autocheckpoint = ${bulkCheckpointPages}`);
      db.pragma(`cache_size = ${-bulkCacheKib}`);
    }
    let ended = false;
    return async () => {
      if (ended) return;
      ended = true;
      if (--active > 0 || !saved || !db.open) return;
      db.pragma(`wal_autocheckpoint = ${Math.trunc(saved.checkpoint)}`);
      db.pragma(`cache_size = ${Math.trunc(saved.cache)}`);
      if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(PASSIVE)');
    };
  };
}
