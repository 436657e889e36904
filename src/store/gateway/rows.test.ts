import { describe, expect, it } from 'vitest';
import { type DailyTotals, dailyTotals } from './rows.js';
import type { GatewayUsageRecord } from './types.js';

const dayMs = 86_400_000;
const day0 = Date.UTC(2026, 11, 3, 23, 59, 59);

/** The sums as one Map per (key, day), row after row: what dailyTotals must give. */
function reference(records: readonly GatewayUsageRecord[]): DailyTotals[] {
  const daily = new Map<string, DailyTotals>();
  for (const r of records) {
    if (r.keyId === null) continue;
    const day = new Date(r.createdAt).toISOString().slice(0, 10);
    const id = `${r.keyId}\0${day}`;
    const sum = daily.get(id) ?? {
      keyId: r.keyId,
      day,
      requests: 0,
      inputTokens: 0,
      outputTokens: 0,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
    };
    daily.set(id, sum);
    sum.requests++;
    sum.inputTokens += r.inputTokens;
    sum.outputTokens += r.outputTokens;
    sum.cachedTokens += r.cachedTokens ?? 0;
    sum.cacheWriteTokens += r.cacheWriteTokens ?? 0;
    sum.costUsd += r.costUsd;
  }
  return [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, sum]) => sum);
}

function row(keyId: string | null, createdAt: number, i: number): GatewayUsageRecord {
  return {
    keyId,
    model: 'm',
    route: 'm',
    upstream: 'u',
    endpoint: 'chat',
    status: 200,
    stream: false,
    cached: false,
    inputTokens: i % 17,
    outputTokens: i % 5,
    cachedTokens: i % 3,
    cacheWriteTokens: i % 2,
    // Sums of these depend on the order they are added in: the order must be the reference's.
    costUsd: 0.1 + i * 1e-7 + 1 / (i + 3),
    usageSource: 'upstream',
    durationMs: 1,
    createdAt,
  };
}

describe('dailyTotals', () => {
  it('gives the same sums, bit for bit and in the same order, for runs and interleavings of keys and days', () => {
    const keys = ['k2', 'k1', null, 'k3'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let batch = 0; batch < 50; batch++) {
      const records: GatewayUsageRecord[] = [];
      let key = keys[0];
      let at = day0 - 2_000;
      for (let i = 0; i < 500; i++) {
        // Runs of one key, then a switch; the UTC day changes mid-batch (and back, for a late row).
        if (random() < 0.2) key = keys[Math.floor(random() * keys.length)];
        at += Math.floor(random() * 20);
        const late = random() < 0.05 ? -dayMs : 0;
        records.push(row(key, at + late, i));
      }
      expect(dailyTotals(records)).toEqual(reference(records));
    }
  });

  it('sums one key on one day into one total', () => {
    const records = [row('k', day0, 1), row('k', day0 + 1, 2), row('k', day0 + 1_001, 3)];
    const totals = dailyTotals(records);
    expect(totals.map((t) => [t.keyId, t.day, t.requests])).toEqual([
      ['k', '2026-12-03', 2],
      ['k', '2026-12-04', 1],
    ]);
  });
});
