// Gateway usage: one row per request, appended in batches (one transaction per batch).
import { blockInsert } from '../../block-insert.js';
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GatewayUsageRepository } from '../repository.js';
import { dailyTotals, rowToUsage, type UsageRow } from '../rows.js';
import type { GatewayUsageRecord, GatewayUsageSpan } from '../types.js';
import { usageSpanColumnCount, usageSpanColumnList, writeSpanFields } from '../usage-span.js';

export function createSqliteGatewayUsageRepository(db: SqliteDatabase): GatewayUsageRepository {
  const head = `INSERT INTO gateway_usage (key_id, model, route, upstream, endpoint, status, stream, cached,
      input_tokens, output_tokens, cost_usd, usage_source, duration_ms, created_at, cached_tokens,
      cache_write_tokens, ${usageSpanColumnList})`;
  const insertRows = blockInsert(db, head, 16 + usageSpanColumnCount, writeFields);
  // Most rows are a plain answer's (isPlain): their eight constant values go in the statement as SQL
  // literals and 13 values are bound instead of 21, ~0.6 µs a row less (each bound value is read
  // through the V8 API, a text one copied twice). The same values are stored, with the same types.
  const insertPlainRows = blockInsert(
    db,
    head,
    13,
    writePlainFields,
    50,
    `(?, ?, ?, ?, 'chat', 200, 0, 0, ?, ?, ?, 'upstream', ?, ?, 0, 0, ?, ?, ?, ?, NULL)`,
  );
  /** The rows in their order (so ids as before), each run of plain or other rows by its statement. */
  function insertInOrder(records: readonly GatewayUsageRecord[]): void {
    for (let from = 0; from < records.length; ) {
      const plain = isPlain(records[from]);
      let to = from + 1;
      while (to < records.length && isPlain(records[to]) === plain) to++;
      const run = from === 0 && to === records.length ? records : records.slice(from, to);
      if (plain) insertPlainRows(run);
      else insertRows(run);
      from = to;
    }
  }
  const addDaily = db.prepare(`INSERT INTO gateway_usage_daily
    (key_id, day, requests, input_tokens, output_tokens, cost_usd, cached_tokens, cache_write_tokens)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (key_id, day) DO UPDATE SET requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
      cost_usd = cost_usd + excluded.cost_usd, cached_tokens = cached_tokens + excluded.cached_tokens,
      cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens`);
  const insertMany = db.transaction((records: readonly GatewayUsageRecord[]) => {
    insertInOrder(records);
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

/**
 * A row whose endpoint, status, stream, cached, usage source, cache token counts and span extra are
 * the literals of the plain insert (a chat answer of 200 with the upstream's usage, traced).
 */
function isPlain(r: GatewayUsageRecord): boolean {
  return (
    r.endpoint === 'chat' &&
    r.status === 200 &&
    !r.stream &&
    !r.cached &&
    r.usageSource === 'upstream' &&
    (r.cachedTokens ?? 0) === 0 &&
    (r.cacheWriteTokens ?? 0) === 0 &&
    r.span !== undefined &&
    r.span.extra === null
  );
}

/** writeFields of a plain row, less the columns its statement holds as literals. */
function writePlainFields(r: GatewayUsageRecord, into: unknown[], at: number): void {
  const span = r.span as GatewayUsageSpan;
  into[at] = r.keyId;
  into[at + 1] = r.model;
  into[at + 2] = r.route;
  into[at + 3] = r.upstream;
  into[at + 4] = r.inputTokens;
  into[at + 5] = r.outputTokens;
  into[at + 6] = r.costUsd;
  into[at + 7] = r.durationMs;
  into[at + 8] = r.createdAt;
  into[at + 9] = span.traceId;
  into[at + 10] = span.spanId;
  into[at + 11] = span.startTime;
  into[at + 12] = span.responseModel;
}
