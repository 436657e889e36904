// The rag domain's migrations (ids 200–299). A migration that has shipped never changes: add a new
// file with the next id.
import type { Migration } from '../../migration.js';
import { ragMigration } from './0200-rag.js';
import { ragGenerationMigration } from './0201-rag-generation.js';
import { ragIndexSnapshotsMigration } from './0210-rag-index-snapshots.js';
import { ragIndexLogRunsMigration } from './0211-rag-index-log-runs.js';

export const ragMigrations: readonly Migration[] = [
  ragMigration,
  ragGenerationMigration,
  ragIndexSnapshotsMigration,
  ragIndexLogRunsMigration,
];
