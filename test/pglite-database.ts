// PGlite (Postgres compiled to WASM, with the pgvector extension) behind the store's PostgresDatabase
// interface: Debian's postgresql has no pgvector, so the pgvector SQL of src/store/rag/postgres is run
// here. One connection: sessions and transactions share it.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { PostgresDatabase, PostgresQueryable } from '../src/store/index.js';

const numbers = { 20: (value: string) => Number(value), 1700: (value: string) => Number(value) };

function queryable(target: PGlite | Transaction): PostgresQueryable {
  return {
    async query(text, values) {
      // Statements without parameters may be several (migrations): the simple protocol runs them all.
      if (!values || values.length === 0) {
        const results = await target.exec(text);
        return (results.at(-1)?.rows ?? []) as never[];
      }
      return (await target.query(text, values as unknown[])).rows as never[];
    },
  };
}

export async function openPgliteDatabase(): Promise<PostgresDatabase> {
  const pg = await PGlite.create({ extensions: { vector }, parsers: numbers });
  const base = queryable(pg);
  return {
    schema: 'public',
    query: base.query,
    transaction: (work) => pg.transaction((tx) => work(queryable(tx))),
    session: (work) => work(base),
    close: () => pg.close(),
  };
}
