// Batch jobs and their lines on SQLite.
import type { SqliteDatabase } from '../../sqlite-database.js';
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

export function createSqliteGatewayBatchRepository(db: SqliteDatabase): GatewayBatchRepository {
  const insertBatch = db.prepare(
    `INSERT INTO gateway_batches (${batchColumns}) VALUES (${batchColumns
      .split(',')
      .map(() => '?')
      .join(', ')})`,
  );
  const insertItem = db.prepare(
    'INSERT INTO gateway_batch_items (batch_id, line, custom_id, request) VALUES (?, ?, ?, ?)',
  );
  const create = db.transaction(
    (values: unknown[], batchId: string, items: { line: number; customId: string; request: string }[]) => {
      insertBatch.run(...values);
      for (const item of items) insertItem.run(batchId, item.line, item.customId, item.request);
    },
  );
  const select = db.prepare(`SELECT ${batchColumns} FROM gateway_batches WHERE tenant = ? AND id = ?`);
  const list = db.prepare(
    `SELECT ${batchColumns} FROM gateway_batches WHERE tenant = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  );
  const unfinished = db.prepare(
    `SELECT ${batchColumns} FROM gateway_batches WHERE status NOT IN (${finalStatuses.map(() => '?').join(', ')}) ORDER BY created_at`,
  );
  const pending = db.prepare(
    "SELECT * FROM gateway_batch_items WHERE batch_id = ? AND status = 'pending' ORDER BY line",
  );
  const items = db.prepare('SELECT * FROM gateway_batch_items WHERE batch_id = ? ORDER BY line');
  const finish = db.prepare(
    'UPDATE gateway_batch_items SET status = ?, result = ? WHERE batch_id = ? AND line = ?',
  );
  const counts = db.prepare(
    `SELECT count(*) AS total, sum(status = 'succeeded') AS completed, sum(status = 'failed') AS failed
     FROM gateway_batch_items WHERE batch_id = ?`,
  );
  const claim = db.prepare(
    `UPDATE gateway_batches SET lease_owner = ?, lease_until = ?
     WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)`,
  );
  const release = db.prepare(
    'UPDATE gateway_batches SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
  );
  return {
    async claimBatch(id, owner, until, now) {
      return claim.run(owner, until, id, owner, now).changes > 0;
    },
    async releaseBatch(id, owner) {
      release.run(id, owner);
    },
    async createBatch(batch, lines) {
      create(batchValues(batch), batch.id, [...lines]);
    },
    async getBatch(tenant, id) {
      const row = select.get(tenant, id) as BatchRow | undefined;
      return row ? toBatchRecord(row) : undefined;
    },
    async listBatches(tenant, { limit = 100 } = {}) {
      return (list.all(tenant, limit) as BatchRow[]).map(toBatchRecord);
    },
    async updateBatch(id, update) {
      const sets = batchUpdates(update);
      if (sets.length === 0) return;
      db.prepare(
        `UPDATE gateway_batches SET ${sets.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`,
      ).run(...sets.map(([, value]) => value), id);
    },
    async listUnfinishedBatches() {
      return (unfinished.all(...finalStatuses) as BatchRow[]).map(toBatchRecord);
    },
    async pendingItems(batchId) {
      return (pending.all(batchId) as ItemRow[]).map(toItemRecord);
    },
    async finishItem(batchId, line, status, result) {
      finish.run(status, result, batchId, line);
    },
    async listItems(batchId) {
      return (items.all(batchId) as ItemRow[]).map(toItemRecord);
    },
    async countItems(batchId) {
      return toCounts(
        counts.get(batchId) as { total: number; completed: number | null; failed: number | null },
      );
    },
  };
}
