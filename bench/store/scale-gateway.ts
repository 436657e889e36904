// The gateway domain at scale: usage rows (one per request) for 1,000 keys over 100 days, written
// through saveUsage (rows plus per-key daily totals); then the gateway's 50-row batch, the budget
// check (a key's totals since a day) and the CLI's recent usage of one key.
import type { GatewayUsageRecord, Store } from '../../src/store/index.js';
import type { DomainScale } from './scale-types.js';
import { fill, sample, seeded } from './timing.js';

const keys = 1000;
const days = 100;
const start = 1_767_225_600_000;
const dayMs = 86_400_000;

function usage(n: number, rows: number): GatewayUsageRecord {
  return {
    keyId: `k${n % keys}`,
    model: n % 3 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
    route: 'chat',
    upstream: 'openai',
    endpoint: 'chat',
    status: n % 101 === 0 ? 429 : 200,
    stream: n % 2 === 0,
    cached: n % 10 === 0,
    inputTokens: 100 + (n % 400),
    outputTokens: 20 + (n % 300),
    costUsd: 0.00001 * (1 + (n % 50)),
    usageSource: 'upstream',
    durationMs: 200 + (n % 900),
    // Time grows with n: rows / days requests a day.
    createdAt: start + Math.floor((n * days * dayMs) / Math.max(rows, 1)),
  };
}

const day = (index: number) => new Date(start + index * dayMs).toISOString().slice(0, 10);

export const gatewayScale: DomainScale = {
  domain: 'gateway',
  async fill(store: Store, rows: number) {
    return [
      {
        table: 'gateway_usage (+ daily totals)',
        ...(await fill('usage', rows, 1000, (first, count) =>
          store.gatewayUsage.saveUsage(Array.from({ length: count }, (_, i) => usage(first + i, rows))),
        )),
      },
    ];
  },
  async measure(store: Store, rows: number) {
    const random = seeded(23);
    let next = rows;
    const key = () => `k${Math.floor(random() * keys)}`;
    return [
      {
        operation: 'saveUsage, 50 per batch (the gateway)',
        unit: 'per row',
        samples: await sample(200, 50, () => {
          const batch = Array.from({ length: 50 }, (_, i) => ({
            ...usage(next + i, rows),
            createdAt: start + (days - 1) * dayMs,
          }));
          next += 50;
          return store.gatewayUsage.saveUsage(batch);
        }),
      },
      {
        operation: 'totalsForKey, last 30 days (budget check)',
        unit: 'per call',
        samples: await sample(1000, 1, () => store.gatewayUsage.totalsForKey(key(), day(days - 30))),
      },
      {
        operation: 'totalsForKey, all time',
        unit: 'per call',
        samples: await sample(1000, 1, () => store.gatewayUsage.totalsForKey(key())),
      },
      {
        operation: 'listUsage of one key, newest 100 (CLI)',
        unit: 'per call',
        samples: await sample(20, 1, () => store.gatewayUsage.listUsage({ keyId: key(), limit: 100 })),
      },
      {
        operation: 'listUsage, newest 100',
        unit: 'per call',
        samples: await sample(200, 1, () => store.gatewayUsage.listUsage({ limit: 100 })),
      },
    ];
  },
};
