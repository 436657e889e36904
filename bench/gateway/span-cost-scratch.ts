import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/index.js';
import { createTracer, GenAI } from '../../src/trace/index.js';
import { storeSink } from '../../src/trace/sinks/store-sink.js';
import { createUsageRecorder } from '../../src/gateway/usage/index.js';

const store = openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'gwp-')), 'x.db') });
const N = Number(process.env.N ?? 50000);
const mode = process.argv[2];
const tracer = createTracer({ sinks: mode === 'span-nodb' ? [{ write() {}, flush: async () => {}, close: async () => {} }] : [storeSink(store)] });
const usage = createUsageRecorder({ repository: store.gatewayUsage });
const ctx = { endpoint: 'chat', startedAt: performance.now(), upstreamModel: 'gpt-4o-mini', inputTokens: 12, outputTokens: 30, costUsd: 0.00012, cachedInputTokens: 0, cacheWriteTokens: 0, upstream: 'a', cached: false, stream: false, status: 200, spanAttributes: undefined, error: undefined, key: { id: 'key_abc' }, model: 'bench', route: { name: 'bench' }, usageSource: 'upstream' } as any;
function span() {
  const s = tracer.startSpan(`chat bench`, { kind: 'server', startTime: performance.timeOrigin + ctx.startedAt, attributes: {
      [GenAI.operationName]: 'chat', [GenAI.requestModel]: 'bench', [GenAI.responseModel]: ctx.upstreamModel ?? undefined,
      [GenAI.usageInputTokens]: ctx.inputTokens, [GenAI.usageOutputTokens]: ctx.outputTokens, [GenAI.costUsd]: ctx.costUsd,
      'gen_ai.usage.cache_read_input_tokens': ctx.cachedInputTokens || undefined,
      'gen_ai.usage.cache_creation_input_tokens': ctx.cacheWriteTokens || undefined,
      'gantry.gateway.upstream': ctx.upstream ?? undefined, 'gantry.gateway.cached': ctx.cached, 'gantry.gateway.stream': ctx.stream,
      'http.response.status_code': ctx.status, ...ctx.spanAttributes } });
  s.end('ok');
}
function rec() {
  usage.record({ keyId: 'key_abc', model: 'bench', route: 'bench', upstream: 'a', endpoint: 'chat', status: 200, stream: false, cached: false, inputTokens: 12, outputTokens: 30, costUsd: 0.00012, usageSource: 'upstream', durationMs: 1.5, createdAt: Date.now() });
}
async function run(n: number) {
  for (let i = 0; i < n; i++) {
    if (mode.startsWith('span')) span();
    if (mode === 'usage' || mode === 'both') rec();
    if (mode === 'both') span();
    if (i % 256 === 0) await new Promise((r) => setImmediate(r));
  }
  await tracer.flush(); await usage.flush();
}
await run(20000);
const c0 = process.cpuUsage();
await run(N);
const c = process.cpuUsage(c0);
console.log(mode, ((c.user + c.system) / N).toFixed(2), 'µs/req');
