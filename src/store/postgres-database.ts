// A Postgres connection pool (node-postgres) with what the repositories need: queries that return
// rows, transactions that retry on serialization failures and deadlocks, 64-bit integers and
// numerics read as JS numbers, and an optional schema (search_path) so one server can hold several
// stores (tests, tenants).
import pg from 'pg';
import { GantryError } from '../errors/index.js';

/** Something that runs a statement: the pool, or one client inside a transaction. */
export interface PostgresQueryable {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

export interface PostgresTransactionOptions {
  /** 'serializable' for read-modify-write sequences; the default is Postgres's read committed. */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  /** Retries after a serialization failure or deadlock (SQLSTATE 40001, 40P01). */
  retries?: number;
}

/**
 * What the Postgres repositories run on: a node-postgres pool here, or (in tests) PGlite, the WASM
 * build of Postgres that carries pgvector.
 */
export interface PostgresDatabase extends PostgresQueryable {
  /** The schema every table lives in ('public' unless one was given). */
  readonly schema: string;
  /** Runs `work` on one client inside BEGIN/COMMIT; rolls back and rethrows on error. */
  transaction<T>(
    work: (client: PostgresQueryable) => Promise<T>,
    options?: PostgresTransactionOptions,
  ): Promise<T>;
  /** Runs `work` on one dedicated connection outside a transaction (session-level locks). */
  session<T>(work: (client: PostgresQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresDatabaseOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Tables live in this schema (created when missing); default: the server's search_path (public). */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
}

const int8 = 20;
const numeric = 1700;
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === int8 || oid === numeric) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL without its password, for messages and `location`. */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

export async function openPostgresDatabase({
  url,
  schema,
  poolSize = 10,
}: PostgresDatabaseOptions): Promise<PostgresDatabase> {
  if (!isPostgresUrl(url)) {
    throw new GantryError(
      'STORE_URL_INVALID',
      `database.url must start with postgres:// (got ${redactPostgresUrl(url)}).`,
      {
        hint: 'Use postgres://user:password@host:5432/database, or leave database.url unset for SQLite (database.path).',
      },
    );
  }
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new GantryError(
      'STORE_URL_INVALID',
      `The schema name "${schema}" is not a plain lower-case identifier.`,
      {
        hint: 'Use letters, digits and underscores, starting with a letter.',
      },
    );
  }
  const config: pg.PoolConfig = {
    connectionString: url,
    max: poolSize,
    types: numberTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool(config);
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  let resolvedSchema = 'public';
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      resolvedSchema = (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new GantryError(
      'STORE_CONNECT_FAILED',
      `Cannot connect to Postgres at ${redactPostgresUrl(url)}: ${(error as Error).message}`,
      {
        hint: 'Check that the server is running and reachable, and the user, password and database in database.url.',
        details: { url: redactPostgresUrl(url) },
        cause: error,
      },
    );
  }
  return {
    schema: resolvedSchema,
    async query(text, values) {
      return (await pool.query(text, values as unknown[])).rows;
    },
    async transaction(work, { isolation, retries = 5 } = {}) {
      for (let attempt = 0; ; attempt++) {
        const client = await pool.connect();
        const queryable: PostgresQueryable = {
          async query(text, values) {
            return (await client.query(text, values as unknown[])).rows;
          },
        };
        try {
          await client.query(isolation ? `BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}` : 'BEGIN');
          const result = await work(queryable);
          await client.query('COMMIT');
          client.release();
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          client.release();
          const code = (error as { code?: string }).code;
          if ((code === '40001' || code === '40P01') && attempt < retries) continue;
          throw error;
        }
      }
    },
    async session(work) {
      const client = await pool.connect();
      try {
        return await work({
          async query(text, values) {
            return (await client.query(text, values as unknown[])).rows;
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
