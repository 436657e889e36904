// Opens the embedded SQLite database: WAL journal, sqlite-vec loaded, FTS5 checked.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { GantryError } from '../errors/index.js';

export type SqliteDatabase = Database.Database;

export function openSqliteDatabase(path: string): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new GantryError(
      'STORE_OPEN_FAILED',
      `Cannot open the database at ${path}: ${(error as Error).message}`,
      {
        hint: 'Check that the folder exists and is writable, or set database.path (GANTRY_DATABASE).',
        details: { path },
        cause: error,
      },
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    sqliteVec.load(db);
  } catch (error) {
    db.close();
    throw new GantryError(
      'STORE_OPEN_FAILED',
      `Cannot prepare the database at ${path}: ${(error as Error).message}`,
      {
        hint: 'The sqlite-vec extension must load; reinstall dependencies with `npm ci`.',
        details: { path },
        cause: error,
      },
    );
  }
  return db;
}
