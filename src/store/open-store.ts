// Opens the configured store: Postgres when database.url is set, else the SQLite file at database.path.
import { openPostgresStore } from './postgres-store.js';
import type { Store } from './store.js';
import { openSqliteStore } from './store.js';

export interface StoreSettings {
  path: string;
  url?: string;
  schema?: string;
  poolSize?: number;
}

export async function openStore(settings: StoreSettings): Promise<Store> {
  if (settings.url) {
    return openPostgresStore({ url: settings.url, schema: settings.schema, poolSize: settings.poolSize });
  }
  return openSqliteStore({ path: settings.path });
}
