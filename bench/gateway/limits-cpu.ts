// `node bin/run-ts.js bench/gateway/limits-cpu.ts`: the CPU a request's limits cost in the worker,
// without HTTP around it (so that a loaded box's noise in the proxy does not swamp a few µs): the
// admit-then-release of enforce-limits.ts, 32 requests at a time, against the in-memory state, Redis
// with a call per request (lease: false) and leased Redis, in alternating rounds. CPU per request from
// process.cpuUsage (this process) and /proc (redis-server). The key has requests and tokens per
// minute, concurrency and a daily budget, all high enough never to refuse.
// BENCH_REQUESTS (default 20,000 per round), BENCH_ROUNDS (default 3).
import type { GatewayState } from '../../src/gateway/index.js';
import { createMemoryState, createRedisState } from '../../src/gateway/index.js';
import { startRedisServer } from '../../test/redis-server.js';
import { cpuSeconds } from './processes.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = 32;
const limits = {
  requestsPerMinute: 1e9,
  tokensPerMinute: 1e12,
  concurrentRequests: 100_000,
  dailyBudgetUsd: 1e9,
};
const charge = { tokens: 42, costUsd: 0.00012 };

async function one(state: GatewayState): Promise<void> {
  const now = Date.now();
  const admission = state.admitNow
    ? state.admitNow('key_bench', limits, now)
    : (state.tryAdmitNow?.('key_bench', limits, now) ?? (await state.admit('key_bench', limits, now)));
  if (!admission.ok) throw new Error(`refused: ${admission.limit}`);
  // The request's own time: one turn of the event loop, as an answer from the upstream would take.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (state.releaseNow) state.releaseNow('key_bench', limits, charge, Date.now());
  else await state.release('key_bench', limits, charge, Date.now());
}

async function run(state: GatewayState, count: number): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await one(state);
    }),
  );
}

const redis = await startRedisServer();
const states: [string, GatewayState][] = [
  ['limits in memory', createMemoryState()],
  ['Redis, a call per request (lease: false)', await createRedisState({ url: redis.url, prefix: 'a:' })],
  ['Redis, leased (default)', await createRedisState({ url: redis.url, prefix: 'b:', lease: {} })],
];
try {
  for (const [, state] of states) await run(state, 4_000); // warm-up: JIT, connection
  const results = new Map<string, { worker: number; redis: number; perSecond: number }[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [label, state] of states) {
      const calls = state.leaseCalls ?? 0;
      const redisBefore = cpuSeconds(redis.pid);
      const before = process.cpuUsage();
      const started = performance.now();
      await run(state, requests);
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(before);
      const redisUsed = cpuSeconds(redis.pid) - redisBefore;
      results.set(label, [
        ...(results.get(label) ?? []),
        {
          worker: (used.user + used.system) / requests,
          redis: (redisUsed * 1e6) / requests,
          perSecond: requests / seconds,
        },
      ]);
      if (state.leaseCalls !== undefined)
        process.stdout.write(`${label}: ${state.leaseCalls - calls} lease calls for ${requests} requests\n`);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const base = median((results.get(states[0][0]) ?? []).map((r) => r.worker));
  process.stdout.write(
    `\n| limits (${requests} requests a round, ${concurrency} at a time) | worker CPU µs/req per round | median | added over memory | redis-server CPU µs/req (median) | admit+release per s (median) |\n|---|---|---|---|---|---|\n`,
  );
  for (const [label, list] of results) {
    const worker = list.map((r) => r.worker);
    process.stdout.write(
      `| ${label} | ${worker.map((w) => w.toFixed(1)).join(', ')} | ${median(worker).toFixed(1)} | ${(median(worker) - base).toFixed(1)} | ${median(list.map((r) => r.redis)).toFixed(1)} | ${Math.round(median(list.map((r) => r.perSecond)))} |\n`,
    );
  }
} finally {
  for (const [, state] of states) await state.close();
  await redis.stop();
}
