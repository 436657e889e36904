// One Postgres cluster for the whole test run: the first file that calls usePostgres() starts it (a
// lock folder in the session folder of postgres-global-setup.ts), the others wait for its address,
// and the global teardown stops it. Without the global setup (a file run by another config), the
// file starts its own cluster and stops it after its tests.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { PostgresQueryable } from '../src/store/index.js';
import { type ClusterInfo, type PostgresServer, startPostgresServer } from './postgres-server.js';

export interface PostgresHandle {
  /** The cluster's `postgres` database URL (valid once the file's beforeAll has run). */
  readonly url: string;
  /** A schema name no other test in this run uses (the store creates it). */
  schema(prefix?: string): string;
  /** Creates an empty database and returns its URL. */
  database(prefix?: string): Promise<string>;
}

let counter = 0;

export function usePostgres(): PostgresHandle {
  let url = '';
  let own: PostgresServer | undefined;
  beforeAll(async () => {
    const session = inject('postgresSession') as string | undefined;
    if (session) url = (await sharedCluster(session)).url;
    else {
      own = await startPostgresServer();
      url = own.url;
    }
  }, 180_000);
  afterAll(async () => {
    await own?.stop();
  }, 60_000);
  return {
    get url() {
      if (!url)
        throw new Error('usePostgres(): the cluster is not started yet (use it inside tests or hooks)');
      return url;
    },
    schema(prefix = 't') {
      return `${prefix}_${process.pid}_${++counter}`;
    },
    async database(prefix = 'd') {
      const name = `${prefix}_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.toString();
    },
  };
}

async function sharedCluster(session: string): Promise<ClusterInfo> {
  const infoPath = join(session, 'server.json');
  const errorPath = join(session, 'error.txt');
  try {
    mkdirSync(join(session, 'lock'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForCluster(infoPath, errorPath);
  }
  try {
    const server = await startPostgresServer();
    const { stop: _stop, ...info } = server;
    writeFileSync(`${infoPath}.tmp`, JSON.stringify(info));
    renameSync(`${infoPath}.tmp`, infoPath);
    return info;
  } catch (error) {
    writeFileSync(errorPath, String((error as Error).message));
    throw error;
  }
}

async function waitForCluster(infoPath: string, errorPath: string): Promise<ClusterInfo> {
  const deadline = Date.now() + 170_000;
  while (Date.now() < deadline) {
    try {
      return JSON.parse(readFileSync(infoPath, 'utf8')) as ClusterInfo;
    } catch {}
    let failure: string | undefined;
    try {
      failure = readFileSync(errorPath, 'utf8');
    } catch {}
    if (failure !== undefined) throw new Error(`The shared Postgres cluster did not start: ${failure}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The shared Postgres cluster did not start within 170 s.');
}

/**
 * Empties a migrated store's schema for the next test: drops the per-collection vector tables and
 * truncates every other table but schema_migrations (much cheaper than a new schema and migrations).
 */
export async function emptyPostgresSchema(db: PostgresQueryable): Promise<void> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
  );
  const vectorTables = tables.filter((t) => t.name.startsWith('rag_vectors_')).map((t) => t.name);
  const others = tables.filter((t) => !t.name.startsWith('rag_vectors_')).map((t) => t.name);
  if (vectorTables.length > 0) await db.query(`DROP TABLE ${vectorTables.join(', ')}`);
  if (others.length > 0) await db.query(`TRUNCATE ${others.join(', ')} RESTART IDENTITY CASCADE`);
}
