// The eval domain's migrations (ids 500–599). A migration that has shipped never changes: add a new
// file with the next id.
import type { Migration } from '../../migration.js';
import { evalMigration } from './0500-eval.js';

export const evalMigrations: readonly Migration[] = [evalMigration];
