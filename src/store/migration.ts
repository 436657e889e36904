import type { SqliteDatabase } from './sqlite-database.js';

/**
 * One numbered schema change. Ids are unique and applied in ascending order; ranges per subsystem:
 * 1–99 core (trace), 100–199 agent, 200–299 rag, 300–399 gateway, 400–499 guard, 500–599 eval,
 * 600–699 memory. Each domain declares its range (`migrationIds`) and keeps its migrations in
 * src/store/<domain>/migrations/.
 */
export interface Migration {
  id: number;
  name: string;
  up: string | ((db: SqliteDatabase) => void);
}
