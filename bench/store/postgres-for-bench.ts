// The Postgres server a store benchmark runs against: GANTRY_BENCH_POSTGRES_URL when set, otherwise a
// throw-away cluster started here (the tests' helper: Debian's initdb/pg_ctl, fsync off).
import { startPostgresServer } from '../../test/postgres-server.js';

export interface BenchPostgres {
  url: string;
  /** What the numbers were measured on, for the report. */
  description: string;
  stop(): Promise<void>;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.GANTRY_BENCH_POSTGRES_URL;
  if (given)
    return { url: given, description: 'the server in GANTRY_BENCH_POSTGRES_URL', stop: async () => {} };
  const server = await startPostgresServer();
  return {
    url: server.url,
    description: 'a throw-away local cluster (loopback TCP, fsync and synchronous_commit off)',
    stop: () => server.stop(),
  };
}
