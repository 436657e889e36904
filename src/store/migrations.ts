// Every SQLite migration, gathered from the domains (each domain owns its migrations/ folder and id range).
import { storeDomains } from './domains.js';
import type { Migration } from './migration.js';

export const migrations: readonly Migration[] = storeDomains
  .flatMap((domain) => domain.sqlite.migrations)
  .sort((a, b) => a.id - b.id);
