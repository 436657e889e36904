// The trace domain's migrations (ids 1–99, the core range: the spans table and the store probe).
// A migration that has shipped never changes: add a new file with the next id.
import type { Migration } from '../../migration.js';
import { coreMigration } from './0001-core.js';
import { spansByTraceMigration } from './0002-spans-by-trace.js';
import { spanColumnsMigration } from './0010-span-columns.js';

export const traceMigrations: readonly Migration[] = [
  coreMigration,
  spansByTraceMigration,
  spanColumnsMigration,
];
