// The gateway keeps each routed request's span in its usage row (one record, one insert) when the
// tracer writes to the gateway's store: the spans table gets no row for it, the trace store reads it
// back exactly as the other sinks received it, and sampling still decides which requests have one.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { openSqliteStore, type SpanRecord, type SqliteStore } from '../src/store/index.js';
import { createTracer, storeSink, type Tracer } from '../src/trace/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setUp(
  sampleRatio: number,
): Promise<{ h: Harness; store: SqliteStore; exported: SpanRecord[]; tracer: Tracer }> {
  const sim: Simulator = await startSimulator({ outputTokens: 5 });
  const store = openSqliteStore({ path: ':memory:' });
  const exported: SpanRecord[] = [];
  // The store sink, plus an exporter standing for OTLP: it must still receive every span.
  const tracer = createTracer({
    sampleRatio,
    sinks: [
      storeSink(store),
      { write: (span) => void exported.push(span), flush: async () => {}, close: async () => {} },
    ],
  });
  const h = await startGateway(
    {
      gateway: {
        upstreams: { sim: { baseURL: sim.baseURL }, down: { baseURL: 'http://127.0.0.1:9/v1' } },
        routes: {
          m: { targets: [{ upstream: 'sim', model: 'sim-model' }] },
          broken: { targets: [{ upstream: 'down', model: 'x' }] },
        },
      },
    },
    { store, tracer },
  );
  cleanup.push(
    async () => sim.close(),
    async () => store.close(),
    async () => tracer.close(),
    async () => h.close(),
  );
  return { h, store, exported, tracer };
}

const chat = (h: Harness, model: string) =>
  fetch(`${h.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello there' }] }),
  });

describe('a gateway request span kept in its usage row', () => {
  it('writes one record per request, read back as the span the exporters got', async () => {
    const { h, store, exported, tracer } = await setUp(1);
    expect((await chat(h, 'm')).status).toBe(200);
    expect((await chat(h, 'broken')).status).toBeGreaterThanOrEqual(500);
    expect((await chat(h, 'unknown')).status).toBe(404);
    await h.gateway.usage.flush();
    expect(exported).toHaveLength(3);
    const [ok, failed, unrouted] = exported;

    // Routed requests: no spans rows, the ids in the usage rows. The unrouted one (no usage row) is a
    // spans row as before.
    const db = store.database;
    await tracer.flush();
    const spanRows = db.prepare('SELECT trace_id FROM spans').all() as { trace_id: string }[];
    expect(spanRows.map((r) => r.trace_id)).toEqual([unrouted.traceId]);
    const usageRows = db
      .prepare('SELECT trace_id, span_id, created_at FROM gateway_usage ORDER BY id')
      .all() as {
      trace_id: string;
      span_id: string;
      created_at: number;
    }[];
    expect(usageRows.map((r) => [r.trace_id, r.span_id])).toEqual([
      [ok.traceId, ok.spanId],
      [failed.traceId, failed.spanId],
    ]);
    expect(usageRows.map((r) => Number.parseInt(r.trace_id.slice(0, 12), 16))).toEqual(
      usageRows.map((r) => r.created_at),
    );

    for (const sent of [ok, failed]) {
      const [stored] = await store.spans.getTrace(sent.traceId);
      expect({ ...stored, endTime: 0 }).toEqual({ ...sent, endTime: 0 });
      // start + duration: the same instant to within a float rounding (well under a microsecond).
      expect(stored.endTime).toBeCloseTo(sent.endTime, 3);
    }
    expect(ok.attributes).toMatchObject({
      'gen_ai.request.model': 'm',
      'gen_ai.response.model': 'sim-model',
      'gen_ai.usage.output_tokens': 5,
      'gantry.gateway.upstream': 'sim',
    });
    expect(failed).toMatchObject({ status: 'error', statusMessage: expect.any(String) });
    expect(failed.attributes['error.type']).toMatch(/^GATEWAY_/);
    const listed = await store.spans.listTraces({ limit: 10 });
    expect(new Set(listed.map((t) => t.traceId))).toEqual(
      new Set([ok.traceId, failed.traceId, unrouted.traceId]),
    );
  });

  it('leaves the ids out of usage rows of requests the sampling does not record', async () => {
    const { h, store, exported } = await setUp(0);
    expect((await chat(h, 'm')).status).toBe(200);
    await h.gateway.usage.flush();
    expect(exported).toHaveLength(0);
    const rows = store.database.prepare('SELECT trace_id FROM gateway_usage').all();
    expect(rows).toEqual([{ trace_id: null }]);
    expect(await store.spans.listTraces()).toEqual([]);
  });
});
