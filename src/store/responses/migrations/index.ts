// The responses domain's migrations (ids 860–879). A migration that has shipped never changes: add
// a new file with the next id.
import type { Migration } from '../../migration.js';
import { responsesMigration } from './0860-responses.js';

export const responsesMigrations: readonly Migration[] = [responsesMigration];
