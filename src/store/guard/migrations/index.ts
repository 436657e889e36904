// The guard domain's migrations (ids 400–499). A migration that has shipped never changes: add a new
// file with the next id.
import type { Migration } from '../../migration.js';
import { guardMigration } from './0400-guard.js';

export const guardMigrations: readonly Migration[] = [guardMigration];
