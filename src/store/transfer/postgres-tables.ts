// TableAccess on a Postgres store: rows ordered by primary key, multi-row inserts, identity sequences
// moved past copied ids, everything inside one transaction when asked.
import type { PostgresDatabase, PostgresQueryable } from '../postgres-database.js';
import { type CellValue, isCopiedTable, type TableAccess, type TableInfo } from './table-access.js';

// Column names are quoted: some are reserved words in Postgres (memory's "user").
const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(', ');

export function postgresTables(db: PostgresDatabase): TableAccess {
  let current: PostgresQueryable = db;
  const orderOf = new Map<string, string>();
  const orderBy = async (table: string) => {
    let order = orderOf.get(table);
    if (order === undefined) {
      const rows = await current.query<{ column: string }>(
        `SELECT a.attname AS column FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
        [table],
      );
      const columns = await current.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'seq'`,
        [table],
      );
      order = columns.length > 0 ? 'seq' : quoted(rows.map((r) => r.column));
      orderOf.set(table, order);
    }
    return order ? ` ORDER BY ${order}` : '';
  };
  return {
    kind: 'postgres',
    async tables() {
      const names = (
        await current.query<{ name: string }>(
          'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
        )
      )
        .map((row) => row.name)
        .filter(isCopiedTable);
      const infos: TableInfo[] = [];
      for (const name of names) {
        const columns = await current.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [name],
        );
        const parents = await current.query<{ parent: string }>(
          `SELECT confrelid::regclass::text AS parent FROM pg_constraint
           WHERE conrelid = to_regclass($1) AND contype = 'f'`,
          [name],
        );
        infos.push({ name, columns: columns.map((c) => c.name), parents: parents.map((p) => p.parent) });
      }
      return infos;
    },
    async rows(table, columns) {
      const rows = await current.query<Record<string, CellValue | boolean>>(
        `SELECT ${quoted(columns)} FROM ${table}${await orderBy(table)}`,
      );
      // BOOLEAN columns read as SQLite stores them (1/0), so checksums agree across backends; Postgres
      // accepts 1/0 back into them.
      return rows.map((row) =>
        columns.map((column) => {
          const value = row[column];
          return typeof value === 'boolean' ? (value ? 1 : 0) : value;
        }),
      );
    },
    async count(table) {
      return (await current.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n;
    },
    async clear(tables) {
      if (tables.length > 0) await current.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
    },
    async insert(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const block = rows.slice(start, start + perStatement);
        const values: CellValue[] = [];
        const tuples = block.map((row) => {
          const marks = row.map((value) => {
            values.push(value instanceof Uint8Array ? Buffer.from(value) : value);
            return `$${values.length}`;
          });
          return `(${marks.join(', ')})`;
        });
        await current.query(`INSERT INTO ${table} (${quoted(columns)}) VALUES ${tuples.join(', ')}`, values);
      }
      const identities = await current.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'
           AND identity_generation = 'BY DEFAULT'`,
        [table],
      );
      for (const { name } of identities) {
        await current.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), greatest((SELECT max(${name}) FROM ${table}), 1))`,
          [table, name],
        );
      }
    },
    async atomically(work) {
      if (current !== db) return work();
      return db.transaction(async (tx) => {
        current = tx;
        try {
          return await work();
        } finally {
          current = db;
        }
      });
    },
  };
}
