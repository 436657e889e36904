// Batch jobs and their lines on Postgres.
import type { PostgresDatabase } from '../../postgres-database.js';
import type { GatewayBatchRepository } from '../repository.js';
import {
  type BatchRow,
  batchColumns,
  batchUpdates,
  batchValues,
  finalStatuses,
  type ItemRow,
  toBatchRecord,
  toCounts,
  toItemRecord,
} from '../rows.js';

const placeholders = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');

export function createPostgresGatewayBatchRepository(db: PostgresDatabase): GatewayBatchRepository {
  return {
    async claimBatch(id, owner, until, now) {
      const rows = await db.query(
        `UPDATE gateway_batches SET lease_owner = $1, lease_until = $2
         WHERE id = $3 AND (lease_owner IS NULL OR lease_owner = $1 OR lease_until < $4) RETURNING 1`,
        [owner, until, id, now],
      );
      return rows.length > 0;
    },
    async releaseBatch(id, owner) {
      await db.query(
        'UPDATE gateway_batches SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2',
        [id, owner],
      );
    },
    async createBatch(batch, lines) {
      await db.transaction(async (client) => {
        const values = batchValues(batch);
        await client.query(
          `INSERT INTO gateway_batches (${batchColumns}) VALUES (${placeholders(values.length)})`,
          values,
        );
        for (const item of lines) {
          await client.query(
            'INSERT INTO gateway_batch_items (batch_id, line, custom_id, request) VALUES ($1, $2, $3, $4)',
            [batch.id, item.line, item.customId, item.request],
          );
        }
      });
    },
    async getBatch(tenant, id) {
      const [row] = await db.query<BatchRow>(
        `SELECT ${batchColumns} FROM gateway_batches WHERE tenant = $1 AND id = $2`,
        [tenant, id],
      );
      return row ? toBatchRecord(row) : undefined;
    },
    async listBatches(tenant, { limit = 100 } = {}) {
      const rows = await db.query<BatchRow>(
        `SELECT ${batchColumns} FROM gateway_batches WHERE tenant = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [tenant, limit],
      );
      return rows.map(toBatchRecord);
    },
    async updateBatch(id, update) {
      const sets = batchUpdates(update);
      if (sets.length === 0) return;
      await db.query(
        `UPDATE gateway_batches SET ${sets.map(([column], i) => `${column} = $${i + 1}`).join(', ')} WHERE id = $${sets.length + 1}`,
        [...sets.map(([, value]) => value), id],
      );
    },
    async listUnfinishedBatches() {
      const rows = await db.query<BatchRow>(
        `SELECT ${batchColumns} FROM gateway_batches WHERE status NOT IN (${placeholders(finalStatuses.length)}) ORDER BY created_at`,
        [...finalStatuses],
      );
      return rows.map(toBatchRecord);
    },
    async pendingItems(batchId) {
      const rows = await db.query<ItemRow>(
        "SELECT * FROM gateway_batch_items WHERE batch_id = $1 AND status = 'pending' ORDER BY line",
        [batchId],
      );
      return rows.map(toItemRecord);
    },
    async finishItem(batchId, line, status, result) {
      await db.query(
        'UPDATE gateway_batch_items SET status = $1, result = $2 WHERE batch_id = $3 AND line = $4',
        [status, result, batchId, line],
      );
    },
    async listItems(batchId) {
      const rows = await db.query<ItemRow>(
        'SELECT * FROM gateway_batch_items WHERE batch_id = $1 ORDER BY line',
        [batchId],
      );
      return rows.map(toItemRecord);
    },
    async countItems(batchId) {
      const [row] = await db.query<{ total: number; completed: number | null; failed: number | null }>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'succeeded') AS completed,
                count(*) FILTER (WHERE status = 'failed') AS failed
         FROM gateway_batch_items WHERE batch_id = $1`,
        [batchId],
      );
      return toCounts(row);
    },
  };
}
