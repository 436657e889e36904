import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GantryError } from '../errors/index.js';
import type { Migration } from './migration.js';
import { migrations } from './migrations.js';
import { openSqliteStore } from './store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempDb(): string {
  const folder = mkdtempSync(join(tmpdir(), 'gantry-store-'));
  folders.push(folder);
  return join(folder, 'nested', 'gantry.db');
}

describe('store', () => {
  it('opens a file database in WAL mode with sqlite-vec and FTS5, applying every migration once', async () => {
    const path = tempDb();
    const store = openSqliteStore({ path });
    const db = store.database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((db.prepare('SELECT vec_version() AS v').get() as { v: string }).v).toMatch(/^v\d/);
    db.exec('CREATE VIRTUAL TABLE fts_probe USING fts5(body); DROP TABLE fts_probe;');
    const applied = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[];
    expect(applied.map((row) => row.id)).toEqual(migrations.map((m) => m.id).sort((a, b) => a - b));
    await store.checkWritable();
    await store.close();
    // Reopening applies nothing twice.
    const again = openSqliteStore({ path });
    expect(
      (again.database.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n,
    ).toBe(applied.length);
    await again.close();
  });

  it('rolls a failing migration back, names it, and keeps the data that was there', async () => {
    const path = tempDb();
    const first: Migration = {
      id: 901,
      name: 'notes',
      up: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept');",
    };
    await openSqliteStore({ path, migrations: [...migrations, first] }).close();
    const broken: Migration = {
      id: 902,
      name: 'add column then fail',
      up: 'ALTER TABLE notes ADD COLUMN extra TEXT; INSERT INTO missing_table VALUES (1);',
    };
    const error = (() => {
      try {
        openSqliteStore({ path, migrations: [...migrations, first, broken] });
      } catch (e) {
        return e;
      }
    })();
    expect(GantryError.isInstance(error)).toBe(true);
    expect((error as GantryError).code).toBe('STORE_MIGRATION_FAILED');
    expect((error as GantryError).message).toMatch(
      /Migration 902 \(add column then fail\) failed and was rolled back: no such table: missing_table/,
    );

    const db = new Database(path);
    const columns = (db.prepare('PRAGMA table_info(notes)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['body']);
    expect(db.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'kept' }]);
    expect(db.prepare('SELECT max(id) AS id FROM schema_migrations').get()).toEqual({ id: 901 });
    db.close();
  });

  it('explains a database path that cannot be created', () => {
    const file = tempDb().replace(/nested.*/, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => openSqliteStore({ path: join(file, 'x.db') })).toThrow(
      /Cannot open the database at .*a-file/,
    );
  });
});
