// Stored Responses API answers on SQLite.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GatewayResponseRepository } from '../repository.js';
import { type ResponseRow, responseValues, toResponseRecord } from '../rows.js';

export function createSqliteGatewayResponseRepository(db: SqliteDatabase): GatewayResponseRepository {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO gateway_responses (id, tenant, model, response, messages, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare('SELECT * FROM gateway_responses WHERE tenant = ? AND id = ?');
  const remove = db.prepare('DELETE FROM gateway_responses WHERE tenant = ? AND id = ?');
  return {
    async saveResponse(record) {
      insert.run(...responseValues(record));
    },
    async getResponse(tenant, id) {
      const row = select.get(tenant, id) as ResponseRow | undefined;
      return row ? toResponseRecord(row) : undefined;
    },
    async deleteResponse(tenant, id) {
      return remove.run(tenant, id).changes > 0;
    },
  };
}
