// Retrieval on SQLite and on Postgres through the same pipeline (BM25 from stored term frequencies,
// LSA vectors, RRF hybrid) over the shared IR collections: nDCG@10 must agree to 4 decimals.
// `npm run bench store` runs it with the latency benchmark; `node bin/run-ts.js bench/store/run.ts rag [collection...]` alone.
import {
  benchmarkTestCollection,
  hasTestCollection,
  loadTestCollection,
  testCollectionNames,
} from '../../src/rag/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { benchPostgres } from './postgres-for-bench.js';

export async function runRagParity(names: readonly string[] = testCollectionNames): Promise<boolean> {
  const postgres = await benchPostgres();
  const rows: string[] = [];
  let identical = true;
  try {
    for (const name of names) {
      if (!hasTestCollection(name)) {
        console.log(`skip ${name}: ../shared/datasets/ir/${name} is absent`);
        continue;
      }
      const collection = loadTestCollection(name);
      const measure = async (store: Store) => {
        try {
          return await benchmarkTestCollection(collection, { store });
        } finally {
          await store.close();
        }
      };
      const sqlite = await measure(openSqliteStore({ path: ':memory:' }));
      const pg = await measure(
        await openPostgresStore({ url: postgres.url, schema: `parity_${name}_${Date.now()}` }),
      );
      for (const system of sqlite.systems) {
        const other = pg.systems.find((s) => s.system === system.system)!;
        const a = system.mean.ndcgAt10.toFixed(4);
        const b = other.mean.ndcgAt10.toFixed(4);
        if (a !== b) identical = false;
        rows.push(
          `| ${name} | ${system.system} | ${a} | ${b} | ${a === b ? 'yes' : 'NO'} | ${system.latencyMs.toFixed(1)} | ${other.latencyMs.toFixed(1)} |`,
        );
      }
      console.log(
        `${name}: ingest ${(sqlite.ingestMs / 1000).toFixed(1)} s (SQLite), ${(pg.ingestMs / 1000).toFixed(1)} s (Postgres)`,
      );
    }
  } finally {
    await postgres.stop();
  }
  console.log(`\nPostgres: ${postgres.description}\n`);
  console.log(
    '| collection | mode | nDCG@10 SQLite | nDCG@10 Postgres | same | ms/query SQLite | ms/query Postgres |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  return identical;
}
