import type { Migration } from '../../migration.js';

// A write counter per collection: processes keep BM25 and quantized-vector indexes in memory, and
// compare this number before each search to notice writes made by other processes.
export const ragGenerationMigration: Migration = {
  id: 201,
  name: 'rag: collection write generation',
  up: 'ALTER TABLE rag_collections ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;',
};
