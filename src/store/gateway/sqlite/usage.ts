// Gateway usage: one row per request, appended in batches (one transaction per batch).
import { blockInsert } from '../../block-insert.js';
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GatewayUsageRepository } from '../repository.js';
import { dailyTotals, rowToUsage, type UsageRow } from '../rows.js';
import type { GatewayUsageRecord } from '../types.js';
import { usageSpanColumnCount, usageSpanColumnList, writeSpanFields } from '../usage-span.js';

export function createSqliteGatewayUsageRepository(db: SqliteDatabase): GatewayUsageRepository {
  const insertRows = blockInsert(
    db,
    `INSERT INTO gateway_usage (key_id, model, route, upstream, endpoint, status, stream, cached,
      input_tokens, output_tokens, cost_usd, usage_source, duration_ms, created_at, cached_tokens,
      cache_write_tokens, ${usageSpanColumnList})`,
    16 + usageSpanColumnCount,
    writeFields,
  );
  const addDaily = db.prepare(`INSERT INTO gateway_usage_daily
    (key_id, day, requests, input_tokens, output_tokens, cost_usd, cached_tokens, cache_write_tokens)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (key_id, day) DO UPDATE SET requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
      cost_usd = cost_usd + excluded.cost_usd, cached_tokens = cached_tokens + excluded.cached_tokens,
      cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens`);
  const insertMany = db.transaction((records: readonly GatewayUsageRecord[]) => {
    insertRows(records);
    for (const d of dailyTotals(records))
      addDaily.run(
        d.keyId,
        d.day,
        d.requests,
        d.inputTokens,
        d.outputTokens,
        d.costUsd,
        d.cachedTokens,
        d.cacheWriteTokens,
      );
  });
  const totals = db.prepare(`SELECT coalesce(sum(requests), 0) AS requests,
    coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens,
    coalesce(sum(cost_usd), 0) AS cost_usd, coalesce(sum(cached_tokens), 0) AS cached_tokens,
    coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens FROM gateway_usage_daily WHERE key_id = ? AND day >= ?`);
  const recent = db.prepare('SELECT * FROM gateway_usage ORDER BY id DESC LIMIT ?');
  const recentForKey = db.prepare('SELECT * FROM gateway_usage WHERE key_id = ? ORDER BY id DESC LIMIT ?');
  return {
    async saveUsage(records) {
      if (records.length > 0) insertMany(records);
    },
    async totalsForKey(keyId, sinceDay = '') {
      const row = totals.get(keyId, sinceDay) as {
        requests: number;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number;
        cached_tokens: number;
        cache_write_tokens: number;
      };
      return {
        requests: row.requests,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cachedTokens: row.cached_tokens,
        cacheWriteTokens: row.cache_write_tokens,
        costUsd: row.cost_usd,
      };
    },
    async listUsage({ keyId, limit = 100 } = {}) {
      const rows = (keyId ? recentForKey.all(keyId, limit) : recent.all(limit)) as UsageRow[];
      return rows.map(rowToUsage);
    },
  };
}

function writeFields(r: GatewayUsageRecord, into: unknown[], at: number): void {
  into[at] = r.keyId;
  into[at + 1] = r.model;
  into[at + 2] = r.route;
  into[at + 3] = r.upstream;
  into[at + 4] = r.endpoint;
  into[at + 5] = r.status;
  into[at + 6] = r.stream ? 1 : 0;
  into[at + 7] = r.cached ? 1 : 0;
  into[at + 8] = r.inputTokens;
  into[at + 9] = r.outputTokens;
  into[at + 10] = r.costUsd;
  into[at + 11] = r.usageSource;
  into[at + 12] = r.durationMs;
  into[at + 13] = r.createdAt;
  into[at + 14] = r.cachedTokens ?? 0;
  into[at + 15] = r.cacheWriteTokens ?? 0;
  writeSpanFields(r, into, at + 16);
}
