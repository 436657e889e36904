// The batches domain's migrations (ids 1400–1499). A migration that has shipped never changes: add a
// new file with the next id.
import type { Migration } from '../../migration.js';
import { batchesMigration } from './1400-batches.js';

export const batchesMigrations: readonly Migration[] = [batchesMigration];
