// TableAccess on a SQLite store: rows in rowid order, writes in one transaction per table batch.
import type { SqliteDatabase } from '../sqlite-database.js';
import { type CellValue, isCopiedTable, type TableAccess, type TableInfo } from './table-access.js';

export function sqliteTables(db: SqliteDatabase): TableAccess {
  let depth = 0;
  return {
    kind: 'sqlite',
    async tables() {
      const names = (
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
          .all() as {
          name: string;
        }[]
      )
        .map((row) => row.name)
        .filter(isCopiedTable);
      return names.map(
        (name): TableInfo => ({
          name,
          columns: (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name),
          parents: (db.prepare(`PRAGMA foreign_key_list(${name})`).all() as { table: string }[]).map(
            (f) => f.table,
          ),
        }),
      );
    },
    async rows(table, columns) {
      const withoutRowid = /WITHOUT ROWID/i.test(
        (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql,
      );
      return db
        .prepare(`SELECT ${columns.join(', ')} FROM ${table}${withoutRowid ? '' : ' ORDER BY rowid'}`)
        .raw()
        .all() as CellValue[][];
    },
    async count(table) {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    async clear(tables) {
      for (const table of [...tables].reverse()) db.prepare(`DELETE FROM ${table}`).run();
    },
    async insert(table, columns, rows) {
      const insert = db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const row of rows)
        insert.run(row.map((value) => (value instanceof Uint8Array ? Buffer.from(value) : value)));
    },
    async atomically(work) {
      // better-sqlite3 transactions are synchronous; an explicit BEGIN spans the awaited work instead.
      if (depth++ > 0) {
        try {
          return await work();
        } finally {
          depth--;
        }
      }
      db.exec('BEGIN');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
  };
}
