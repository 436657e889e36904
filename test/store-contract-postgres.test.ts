// The store contract on a real Postgres server (the cluster of test/use-postgres.ts), one schema per test.
import { openPostgresStore } from '../src/store/index.js';
import { describeStoreContract } from './store-contract.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();

describeStoreContract('postgres', async () =>
  openPostgresStore({ url: postgres.url, schema: postgres.schema() }),
);
