// Stored Responses API answers on Postgres.
import type { PostgresDatabase } from '../../postgres-database.js';
import type { GatewayResponseRepository } from '../repository.js';
import { type ResponseRow, responseValues, toResponseRecord } from '../rows.js';

export function createPostgresGatewayResponseRepository(db: PostgresDatabase): GatewayResponseRepository {
  return {
    async saveResponse(record) {
      await db.query(
        `INSERT INTO gateway_responses (id, tenant, model, response, messages, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, model = excluded.model,
           response = excluded.response, messages = excluded.messages, created_at = excluded.created_at`,
        responseValues(record),
      );
    },
    async getResponse(tenant, id) {
      const [row] = await db.query<ResponseRow>(
        'SELECT * FROM gateway_responses WHERE tenant = $1 AND id = $2',
        [tenant, id],
      );
      return row ? toResponseRecord(row) : undefined;
    },
    async deleteResponse(tenant, id) {
      const rows = await db.query('DELETE FROM gateway_responses WHERE tenant = $1 AND id = $2 RETURNING 1', [
        tenant,
        id,
      ]);
      return rows.length > 0;
    },
  };
}
