// The batches domain's migrations (ids 880–899). A migration that has shipped never changes: add a
// new file with the next id.
import type { Migration } from '../../migration.js';
import { batchesMigration } from './0880-batches.js';

export const batchesMigrations: readonly Migration[] = [batchesMigration];
