// The responses domain's migrations (ids 1300–1399). A migration that has shipped never changes: add
// a new file with the next id.
import type { Migration } from '../../migration.js';
import { responsesMigration } from './1300-responses.js';

export const responsesMigrations: readonly Migration[] = [responsesMigration];
