import type { PostgresQueryable } from './postgres-database.js';

/**
 * One numbered schema change on Postgres. It carries the same id as the SQLite migration it mirrors
 * (see migration.ts for the ranges), so both backends report the same schema version.
 */
export interface PostgresMigration {
  id: number;
  name: string;
  up: string | ((db: PostgresQueryable) => Promise<void>);
}
