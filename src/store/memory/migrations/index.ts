// The memory domain's migrations (ids 600–699). A migration that has shipped never changes: add a new
// file with the next id.
import type { Migration } from '../../migration.js';
import { memoryMigration } from './0600-memory.js';

export const memoryMigrations: readonly Migration[] = [memoryMigration];
