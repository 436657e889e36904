// The backends the store contract runs against. A backend that cannot run here (no server) is listed
// with `skip` saying why, so the run reports it instead of passing silently.
import { openSqliteStore, type Store } from '../src/store/index.js';

export interface StoreBackend {
  name: string;
  /** Opens a fresh, empty, migrated store. */
  open(): Promise<Store>;
  /** Why the backend cannot run here, when it cannot. */
  skip?: string;
}

export const storeBackends: StoreBackend[] = [
  { name: 'sqlite (:memory:)', open: async () => openSqliteStore({ path: ':memory:' }) },
];
