import type { Migration } from '../../migration.js';

// One change-log row per run of consecutive item ids (a bulk ingest adds chunks and vectors with
// consecutive row ids): `item_count` items from `item_id` on, all added or all removed. Rows written
// before this migration are runs of one.
export const ragIndexLogRunsMigration: Migration = {
  id: 211,
  name: 'rag: change-log rows cover runs of consecutive ids',
  up: 'ALTER TABLE rag_index_log ADD COLUMN item_count INTEGER NOT NULL DEFAULT 1;',
};
