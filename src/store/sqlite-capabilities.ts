// What the embedded database can do on this machine: the native driver loads, sqlite-vec loads, FTS5 exists.
import { openSqliteDatabase } from './sqlite-database.js';

export interface SqliteCapabilities {
  sqliteVersion: string;
  vecVersion: string;
  fts5: boolean;
}

/** Throws (with the driver's message) when the native modules cannot load. */
export function probeSqliteCapabilities(): SqliteCapabilities {
  const db = openSqliteDatabase(':memory:');
  try {
    const { v, s } = db.prepare('SELECT vec_version() AS v, sqlite_version() AS s').get() as {
      v: string;
      s: string;
    };
    let fts5 = true;
    try {
      db.exec('CREATE VIRTUAL TABLE fts_probe USING fts5(body)');
    } catch {
      fts5 = false;
    }
    return { sqliteVersion: s, vecVersion: v, fts5 };
  } finally {
    db.close();
  }
}
