// Gateway usage on Postgres: each batch appends its rows and adds to the per-key daily totals in one
// transaction. The totals are incremented in the database (`requests = requests + excluded.requests`),
// never read-modify-written by the process, so replicas writing at once lose no update; the upserts go
// in (key, day) order so that two batches never wait on each other's rows in opposite orders.

import type { PostgresDatabase } from '../../postgres-database.js';
import type { GatewayUsageRepository } from '../repository.js';
import { dailyTotals, rowToUsage, type UsageRow } from '../rows.js';
import type { GatewayUsageRecord } from '../types.js';
import { usageSpanColumnList, writeSpanFields } from '../usage-span.js';

const usageColumns = `key_id, model, route, upstream, endpoint, status, stream, cached, input_tokens,
  output_tokens, cost_usd, usage_source, duration_ms, created_at, cached_tokens, cache_write_tokens,
  ${usageSpanColumnList}`;

export function createPostgresGatewayUsageRepository(db: PostgresDatabase): GatewayUsageRepository {
  return {
    async saveUsage(records) {
      if (records.length === 0) return;
      const sums = dailyTotals(records);
      const column = <T>(pick: (r: GatewayUsageRecord) => T) => records.map(pick);
      // The span columns (usage-span.ts), one array each.
      const spans: unknown[][] = [[], [], [], [], []];
      const fields: unknown[] = new Array(spans.length);
      for (const r of records) {
        writeSpanFields(r, fields, 0);
        for (let i = 0; i < spans.length; i++) spans[i].push(fields[i]);
      }
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO gateway_usage (${usageColumns})
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
             $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::float8[], $12::text[],
             $13::float8[], $14::float8[], $15::bigint[], $16::bigint[], $17::text[], $18::text[],
             $19::float8[], $20::text[], $21::text[])`,
          [
            column((r) => r.keyId),
            column((r) => r.model),
            column((r) => r.route),
            column((r) => r.upstream),
            column((r) => r.endpoint),
            column((r) => r.status),
            column((r) => (r.stream ? 1 : 0)),
            column((r) => (r.cached ? 1 : 0)),
            column((r) => r.inputTokens),
            column((r) => r.outputTokens),
            column((r) => r.costUsd),
            column((r) => r.usageSource),
            column((r) => r.durationMs),
            column((r) => r.createdAt),
            column((r) => r.cachedTokens ?? 0),
            column((r) => r.cacheWriteTokens ?? 0),
            ...spans,
          ],
        );
        if (sums.length === 0) return;
        await tx.query(
          `INSERT INTO gateway_usage_daily AS d (key_id, day, requests, input_tokens, output_tokens, cost_usd,
             cached_tokens, cache_write_tokens)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::float8[],
             $7::bigint[], $8::bigint[])
           ON CONFLICT (key_id, day) DO UPDATE SET requests = d.requests + excluded.requests,
             input_tokens = d.input_tokens + excluded.input_tokens,
             output_tokens = d.output_tokens + excluded.output_tokens,
             cost_usd = d.cost_usd + excluded.cost_usd,
             cached_tokens = d.cached_tokens + excluded.cached_tokens,
             cache_write_tokens = d.cache_write_tokens + excluded.cache_write_tokens`,
          [
            sums.map((s) => s.keyId),
            sums.map((s) => s.day),
            sums.map((s) => s.requests),
            sums.map((s) => s.inputTokens),
            sums.map((s) => s.outputTokens),
            sums.map((s) => s.costUsd),
            sums.map((s) => s.cachedTokens),
            sums.map((s) => s.cacheWriteTokens),
          ],
        );
      });
    },
    async totalsForKey(keyId, sinceDay = '') {
      const [row] = await db.query<{
        requests: number;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number;
        cached_tokens: number;
        cache_write_tokens: number;
      }>(
        `SELECT coalesce(sum(requests), 0) AS requests, coalesce(sum(input_tokens), 0) AS input_tokens,
           coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(sum(cost_usd), 0) AS cost_usd,
           coalesce(sum(cached_tokens), 0) AS cached_tokens,
           coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens
         FROM gateway_usage_daily WHERE key_id = $1 AND day >= $2`,
        [keyId, sinceDay],
      );
      return {
        requests: row.requests,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cachedTokens: Number(row.cached_tokens),
        cacheWriteTokens: Number(row.cache_write_tokens),
        costUsd: row.cost_usd,
      };
    },
    async listUsage({ keyId, limit = 100 } = {}) {
      const rows = keyId
        ? await db.query<UsageRow>(
            `SELECT ${usageColumns} FROM gateway_usage WHERE key_id = $1 ORDER BY id DESC LIMIT $2`,
            [keyId, limit],
          )
        : await db.query<UsageRow>(`SELECT ${usageColumns} FROM gateway_usage ORDER BY id DESC LIMIT $1`, [
            limit,
          ]);
      return rows.map(rowToUsage);
    },
  };
}
