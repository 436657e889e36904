// `node bin/run-ts.js bench/gateway/record-cost.ts`: CPU per request of what the gateway records
// after each answer, in process (so that a loaded box's HTTP noise does not swamp a few µs): the span
// through startSpan (a Span object, its options and attribute copies), the same span through
// tracer.recordEnded (one flat record), the usage row, and the usage row carrying the span (gateway
// migration 304: what the gateway writes now, span + usage row before); each written to a SQLite file by the
// store's batching sink / usage recorder, in alternating rounds. BENCH_REQUESTS (default 50,000),
// BENCH_ROUNDS (default 3).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUsageRecorder } from '../../src/gateway/usage/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { createTracer, GenAI, storeSink } from '../../src/trace/index.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 50_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const folder = mkdtempSync(join(tmpdir(), 'gantry-record-cost-'));
const store = openSqliteStore({ path: join(folder, 'bench.db') });
const tracer = createTracer({ sinks: [storeSink(store)] });
const usage = createUsageRecorder({ repository: store.gatewayUsage });
const startedAt = performance.now();

const ways: Record<string, () => void> = {
  'span through startSpan (before)': () => {
    tracer
      .startSpan('chat bench', {
        kind: 'server',
        startTime: performance.timeOrigin + startedAt,
        attributes: {
          [GenAI.operationName]: 'chat',
          [GenAI.requestModel]: 'bench',
          [GenAI.responseModel]: 'gpt-4o-mini',
          [GenAI.usageInputTokens]: 12,
          [GenAI.usageOutputTokens]: 30,
          [GenAI.costUsd]: 0.00012,
          'gen_ai.usage.cache_read_input_tokens': undefined,
          'gen_ai.usage.cache_creation_input_tokens': undefined,
          'gantry.gateway.upstream': 'a',
          'gantry.gateway.cached': false,
          'gantry.gateway.stream': false,
          'http.response.status_code': 200,
        },
      })
      .end('ok');
  },
  'span row through recordEnded (before migration 304)': () => {
    const attributes: Record<string, unknown> = {
      [GenAI.operationName]: 'chat',
      [GenAI.requestModel]: 'bench',
      [GenAI.usageInputTokens]: 12,
      [GenAI.usageOutputTokens]: 30,
      [GenAI.costUsd]: 0.00012,
      'gantry.gateway.cached': false,
      'gantry.gateway.stream': false,
      'http.response.status_code': 200,
    };
    attributes[GenAI.responseModel] = 'gpt-4o-mini';
    attributes['gantry.gateway.upstream'] = 'a';
    tracer.recordEnded?.({
      name: 'chat bench',
      kind: 'server',
      startTime: performance.timeOrigin + startedAt,
      endTime: performance.timeOrigin + performance.now(),
      status: 'ok',
      attributes,
    });
  },
  'usage row with the span in it (one record, now)': () => {
    const createdAt = Date.now();
    const ids = tracer.drawRoot?.(createdAt);
    usage.record({
      keyId: 'key_bench',
      model: 'bench',
      route: 'bench',
      upstream: 'a',
      endpoint: 'chat',
      status: 200,
      stream: false,
      cached: false,
      inputTokens: 12,
      outputTokens: 30,
      costUsd: 0.00012,
      usageSource: 'upstream',
      durationMs: 1.5,
      createdAt,
      span: ids && {
        traceId: ids.traceId,
        spanId: ids.spanId,
        startTime: performance.timeOrigin + startedAt,
        responseModel: 'gpt-4o-mini',
        extra: null,
      },
    });
  },
  'usage row alone': () => {
    usage.record({
      keyId: 'key_bench',
      model: 'bench',
      route: 'bench',
      upstream: 'a',
      endpoint: 'chat',
      status: 200,
      stream: false,
      cached: false,
      inputTokens: 12,
      outputTokens: 30,
      costUsd: 0.00012,
      usageSource: 'upstream',
      durationMs: 1.5,
      createdAt: Date.now(),
    });
  },
};

async function run(way: () => void, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    way();
    if (i % 256 === 255) await new Promise((r) => setImmediate(r));
  }
  await tracer.flush();
  await usage.flush();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

try {
  for (const way of Object.values(ways)) await run(way, 20_000);
  const results = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++)
    for (const [label, way] of Object.entries(ways))
      results.set(label, [...(results.get(label) ?? []), await run(way, requests)]);
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  process.stdout.write('\n| recorded per request | CPU µs per round | median |\n|---|---|---|\n');
  for (const [label, list] of results)
    process.stdout.write(
      `| ${label} | ${list.map((v) => v.toFixed(2)).join(', ')} | ${median(list).toFixed(2)} |\n`,
    );
} finally {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
}
