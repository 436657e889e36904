// Copies one store into another (SQLite → Postgres to scale out, Postgres → SQLite to come back):
// every ordinary table, parents first, inside one transaction on the target, then every collection's
// vectors; each table is verified by row count and checksum on both sides, and a mismatch rolls the
// table copy back. Both stores are opened (so migrated) by the caller and hold the same schema version.
import { GantryError } from '../../errors/index.js';
import type { PostgresStore } from '../postgres-store.js';
import type { SqliteStore } from '../store.js';
import { postgresTables } from './postgres-tables.js';
import { sqliteTables } from './sqlite-tables.js';
import { type CellValue, orderByParents, type TableAccess } from './table-access.js';
import { tableChecksum } from './table-checksum.js';

export type CopyableStore = SqliteStore | PostgresStore;

export interface TableReport {
  table: string;
  rows: number;
  checksum: string;
}

export interface CopyReport {
  tables: TableReport[];
  /** Collections whose vectors were copied, with their counts and checksums. */
  vectors: TableReport[];
}

export function tablesOf(store: CopyableStore): TableAccess {
  return store.kind === 'sqlite' ? sqliteTables(store.database) : postgresTables(store.database);
}

/** Row counts and checksums of every ordinary table and every collection's vectors. */
export async function describeStore(store: CopyableStore): Promise<CopyReport> {
  const access = tablesOf(store);
  const tables: TableReport[] = [];
  for (const table of orderByParents(await access.tables())) {
    const rows = await access.rows(
      table.name,
      table.columns.filter((c) => c !== 'seq'),
    );
    tables.push({ table: table.name, rows: rows.length, checksum: tableChecksum(rows) });
  }
  return { tables, vectors: await vectorReports(store) };
}

async function vectorReports(store: CopyableStore): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const collection of await store.ragDocuments.listCollections()) {
    const vectors = await store.ragVectors.allVectors(collection.id);
    if (vectors.length === 0 && collection.dimension === null) continue;
    const rows: CellValue[][] = vectors.map((v) => [
      v.id,
      new Uint8Array(v.vector.buffer, v.vector.byteOffset, v.vector.byteLength),
    ]);
    reports.push({
      table: `vectors of ${collection.name}`,
      rows: rows.length,
      checksum: tableChecksum(rows),
    });
  }
  return reports;
}

export async function copyStore(
  source: CopyableStore,
  target: CopyableStore,
  { replace = false }: { replace?: boolean } = {},
): Promise<CopyReport> {
  const from = tablesOf(source);
  const to = tablesOf(target);
  const targetTables = new Map((await to.tables()).map((table) => [table.name, table]));
  const tables = orderByParents(await from.tables()).filter((table) => targetTables.has(table.name));
  const occupied: string[] = [];
  for (const table of tables) if ((await to.count(table.name)) > 0) occupied.push(table.name);
  if (occupied.length > 0 && !replace) {
    throw new GantryError(
      'STORE_TARGET_NOT_EMPTY',
      `The target database already holds rows in ${occupied.join(', ')}.`,
      {
        hint: 'Copy into an empty database, or pass --force to replace what it holds.',
        details: { tables: occupied },
      },
    );
  }
  const reports: TableReport[] = [];
  await to.atomically(async () => {
    if (replace) await to.clear(tables.map((table) => table.name));
    for (const table of tables) {
      const wanted = new Set(targetTables.get(table.name)!.columns);
      const columns = table.columns.filter((column) => wanted.has(column));
      const rows = await from.rows(table.name, columns);
      await to.insert(table.name, columns, rows);
      const copied = await to.rows(table.name, columns);
      const expected = { rows: rows.length, checksum: tableChecksum(rows) };
      const found = { rows: copied.length, checksum: tableChecksum(copied) };
      if (expected.rows !== found.rows || expected.checksum !== found.checksum) {
        throw new GantryError(
          'STORE_TRANSFER_MISMATCH',
          `Table ${table.name}: ${expected.rows} rows (checksum ${expected.checksum}) were copied, but the target holds ${found.rows} (checksum ${found.checksum}).`,
          {
            hint: 'Nothing was kept: the copy was rolled back. Report the table name and both checksums.',
            details: { table: table.name, expected, found },
          },
        );
      }
      reports.push({ table: table.name, ...expected });
    }
  });
  // Vectors go through the repositories: per-collection tables (sqlite-vec, pgvector or bytes).
  const vectors: TableReport[] = [];
  for (const collection of await source.ragDocuments.listCollections()) {
    if (collection.dimension === null) continue;
    const entries = await source.ragVectors.allVectors(collection.id);
    await target.ragVectors.dropVectorTables(collection.id);
    await target.ragVectors.ensureVectorTables(collection.id, collection.dimension);
    for (let start = 0; start < entries.length; start += 1000) {
      await target.ragVectors.putVectors(collection.id, entries.slice(start, start + 1000));
    }
  }
  const sourceVectors = await vectorReports(source);
  const targetVectors = await vectorReports(target);
  for (const report of sourceVectors) {
    const other = targetVectors.find((r) => r.table === report.table);
    if (!other || other.rows !== report.rows || other.checksum !== report.checksum) {
      throw new GantryError('STORE_TRANSFER_MISMATCH', `The ${report.table} differ after the copy.`, {
        hint: 'The tables were copied; rerun with --force to copy again, and report the collection if it persists.',
        details: { expected: report, found: other ?? null },
      });
    }
    vectors.push(report);
  }
  return { tables: reports, vectors };
}

export interface AppliedMigration {
  id: number;
  name: string;
  appliedAt: string;
}

/** The schema migrations recorded in a store, in id order. */
export async function appliedMigrations(store: CopyableStore): Promise<AppliedMigration[]> {
  const sql = 'SELECT id, name, applied_at FROM schema_migrations ORDER BY id';
  const rows =
    store.kind === 'sqlite'
      ? (store.database.prepare(sql).all() as { id: number; name: string; applied_at: string }[])
      : await store.database.query<{ id: number; name: string; applied_at: string }>(sql);
  return rows.map((row) => ({ id: row.id, name: row.name, appliedAt: row.applied_at }));
}
