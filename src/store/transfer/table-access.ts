// One database's tables, seen the same way on SQLite and Postgres for copying and verifying: names,
// columns, foreign-key parents, rows in a stable order, and a bulk write.

/** A value as both drivers return it: text, numbers, bytes or null. */
export type CellValue = string | number | bigint | Uint8Array | null;

export interface TableInfo {
  name: string;
  columns: string[];
  /** Tables this one references (copied first). */
  parents: string[];
}

export interface TableAccess {
  readonly kind: 'sqlite' | 'postgres';
  /** The store's ordinary tables: not schema_migrations, the probe, or per-collection vector tables. */
  tables(): Promise<TableInfo[]>;
  /** Every row of a table, columns in the order given. */
  rows(table: string, columns: readonly string[]): Promise<CellValue[][]>;
  count(table: string): Promise<number>;
  /** Deletes every row of these tables (children first). */
  clear(tables: readonly string[]): Promise<void>;
  /** Inserts rows (explicit ids included) and moves id sequences past them. */
  insert(table: string, columns: readonly string[], rows: readonly CellValue[][]): Promise<void>;
  /** Runs work so that it all applies or none of it does. */
  atomically<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Tables the generic copy leaves alone: bookkeeping, vector tables (copied through ragVectors), and the
 * persisted RAG index snapshots and their change log: derived from the chunks and vectors, written by
 * the vector copy itself, and rebuilt by the target on first open.
 */
export function isCopiedTable(name: string): boolean {
  return !(
    name === 'schema_migrations' ||
    name === 'store_probe' ||
    name === 'rag_index_log' ||
    name === 'rag_index_snapshots' ||
    name.startsWith('sqlite_') ||
    name.startsWith('rag_vectors_') ||
    name.startsWith('rag_vector_bits_')
  );
}

/** Parents before children. */
export function orderByParents(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (table: TableInfo) => {
    if (seen.has(table.name)) return;
    seen.add(table.name);
    for (const parent of table.parents) {
      const info = byName.get(parent);
      if (info && parent !== table.name) visit(info);
    }
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(table);
  return ordered;
}
