// The backends the store contract runs against. A backend that cannot run here (no server) is listed
// with `skip` saying why, so the run reports it instead of passing silently.
import { openPostgresStore, openSqliteStore, type Store } from '../src/store/index.js';
import { emptyPostgresSchema, usePostgres } from './use-postgres.js';

export interface StoreBackend {
  name: string;
  /** Opens a fresh, empty, migrated store. */
  open(): Promise<Store>;
  /** Why the backend cannot run here, when it cannot. */
  skip?: string;
}

// The shared test cluster (started in the importing file's beforeAll): one schema per test file,
// migrated once and emptied before each test.
const postgres = usePostgres();
let schema: string | undefined;
async function openPostgres(): Promise<Store> {
  schema ??= postgres.schema();
  const store = await openPostgresStore({ url: postgres.url, schema, poolSize: 4 });
  await emptyPostgresSchema(store.database);
  return store;
}

export const storeBackends: StoreBackend[] = [
  { name: 'sqlite (:memory:)', open: async () => openSqliteStore({ path: ':memory:' }) },
  { name: 'postgres', open: openPostgres },
];
