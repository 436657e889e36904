import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpanRecord } from '../store/index.js';
import { openSqliteStore, type SqliteStore } from '../store/index.js';
import { formatTraceTree, traceTotals } from './format-trace-tree.js';
import { GenAI } from './gen-ai-attributes.js';
import { otlpSink } from './sinks/otlp-sink.js';
import { storeSink } from './sinks/store-sink.js';
import { createTracer } from './tracer.js';

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
});

describe('tracing', () => {
  it('records an ended root span in one call, stored and listed like any span, and sampled', async () => {
    store = openSqliteStore({ path: ':memory:' });
    const tracer = createTracer({ sinks: [storeSink(store)] });
    const ended = {
      name: 'chat bench',
      kind: 'server' as const,
      startTime: 1_000,
      endTime: 1_012.5,
      status: 'error' as const,
      statusMessage: 'upstream down',
      attributes: { [GenAI.operationName]: 'chat', 'http.response.status_code': 502 },
    };
    tracer.recordEnded?.(ended);
    await tracer.flush();
    const [listed] = await store.spans.listTraces();
    expect(listed).toMatchObject({ rootName: 'chat bench', durationMs: 12.5, spanCount: 1, status: 'error' });
    const [span] = await store.spans.getTrace(listed.traceId);
    expect(span).toMatchObject({ ...ended, parentSpanId: null, traceId: listed.traceId });
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    // Sampled as startSpan is: with ratio 0.5 and a draw of 0.7, nothing is written.
    const sampled = createTracer({ sinks: [storeSink(store)], sampleRatio: 0.5, random: () => 0.7 });
    sampled.recordEnded?.(ended);
    await sampled.flush();
    expect(await store.spans.listTraces()).toHaveLength(1);
  });

  it('writes a span tree to SQLite and reads it back as a tree with tokens and cost', async () => {
    store = openSqliteStore({ path: ':memory:' });
    const tracer = createTracer({ sinks: [storeSink(store)] });
    const run = tracer.startSpan('invoke_agent research', {
      attributes: { [GenAI.operationName]: 'invoke_agent' },
    });
    const step = tracer.startSpan('step 1', { parent: run });
    const chat = tracer.startSpan('chat gpt-4o-mini', {
      parent: step,
      kind: 'client',
      attributes: { [GenAI.operationName]: 'chat', [GenAI.requestModel]: 'gpt-4o-mini' },
    });
    chat.setAttributes({
      [GenAI.usageInputTokens]: 120,
      [GenAI.usageOutputTokens]: 30,
      [GenAI.costUsd]: 0.0012,
    });
    chat.end();
    const toolSpan = tracer.startSpan('execute_tool calculator', { parent: step });
    toolSpan.recordError(new Error('division by zero'));
    toolSpan.end();
    step.end();
    run.end();
    await tracer.flush();

    const [summary] = await store.spans.listTraces();
    expect(summary).toMatchObject({
      traceId: run.traceId,
      rootName: 'invoke_agent research',
      spanCount: 4,
      status: 'error',
    });
    const spans = await store.spans.getTrace(run.traceId);
    expect(spans.map((s) => s.name).sort()).toEqual([
      'chat gpt-4o-mini',
      'execute_tool calculator',
      'invoke_agent research',
      'step 1',
    ]);
    const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
    expect(byName['chat gpt-4o-mini'].parentSpanId).toBe(step.spanId);
    expect(byName['step 1'].parentSpanId).toBe(run.spanId);
    expect(byName['chat gpt-4o-mini'].attributes[GenAI.usageInputTokens]).toBe(120);
    expect(byName['execute_tool calculator']).toMatchObject({
      status: 'error',
      statusMessage: 'division by zero',
    });

    expect(traceTotals(spans)).toMatchObject({
      inputTokens: 120,
      outputTokens: 30,
      costUsd: 0.0012,
      spans: 4,
      errors: 1,
    });
    const tree = formatTraceTree(spans).split('\n');
    expect(tree[0]).toMatch(/^invoke_agent research {2}\d+\.\dms$/);
    expect(tree[1]).toMatch(/^└─ step 1/);
    expect(tree[2]).toMatch(/^ {3}├─ chat gpt-4o-mini .* gpt-4o-mini {2}tokens 120→30 {2}\$0\.001200$/);
    expect(tree[3]).toMatch(/^ {3}└─ execute_tool calculator .*ERROR division by zero$/);
  });

  it('samples whole traces: a trace not drawn records none of its spans, a drawn one records all', async () => {
    const written: string[] = [];
    const sink = {
      write: (r: { name: string }) => written.push(r.name),
      flush: async () => {},
      close: async () => {},
    };
    const draws = [0.05, 0.5];
    const tracer = createTracer({ sinks: [sink], sampleRatio: 0.1, random: () => draws.shift() ?? 1 });
    for (const trace of ['kept', 'dropped']) {
      const root = tracer.startSpan(`${trace} root`);
      const child = tracer.startSpan(`${trace} child`, { parent: root });
      expect(child.traceId).toBe(root.traceId);
      expect(child.recording).toBe(trace === 'kept');
      child.end();
      root.end();
    }
    expect(written).toEqual(['kept child', 'kept root']);
    expect(draws).toEqual([]); // one draw per trace, none per child span
    const none = createTracer({ sinks: [sink], sampleRatio: 0 });
    expect(none.startSpan('x').recording).toBe(false);
  });

  it('exports spans over OTLP/HTTP JSON to a collector', async () => {
    const bodies: unknown[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    try {
      const tracer = createTracer({ sinks: [otlpSink({ endpoint: `http://127.0.0.1:${port}/v1/traces` })] });
      const span = tracer.startSpan('chat', {
        attributes: { [GenAI.usageInputTokens]: 7, [GenAI.requestModel]: 'm' },
      });
      span.end();
      await tracer.flush();
      expect(bodies).toHaveLength(1);
      const exported = (
        bodies[0] as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] }
      ).resourceSpans[0].scopeSpans[0].spans[0];
      expect(exported).toMatchObject({
        traceId: span.traceId,
        spanId: span.spanId,
        name: 'chat',
        status: { code: 1 },
      });
      expect(exported.attributes).toContainEqual({ key: GenAI.usageInputTokens, value: { intValue: '7' } });
      expect(BigInt(exported.endTimeUnixNano as string) >= BigInt(exported.startTimeUnixNano as string)).toBe(
        true,
      );
    } finally {
      collector.close();
    }
  });

  it('draws sampled root ids, and skips the store sinks for a span the store holds elsewhere', async () => {
    store = openSqliteStore({ path: ':memory:' });
    const other: SpanRecord[] = [];
    const memory = {
      write: (s: SpanRecord) => void other.push(s),
      flush: async () => {},
      close: async () => {},
    };
    const tracer = createTracer({ sinks: [storeSink(store), memory] });
    expect(tracer.storeSpans).toBe(store.spans);
    expect(tracer.exportsBeyondStore).toBe(true);
    const at = Date.parse('2026-12-03T12:00:00Z');
    const ids = tracer.drawRoot?.(at);
    expect(Number.parseInt(ids?.traceId.slice(0, 12) ?? '', 16)).toBe(at);
    tracer.recordEnded?.({
      name: 'chat m',
      kind: 'server',
      startTime: at - 5,
      endTime: at,
      status: 'ok',
      attributes: { k: 1 },
      traceId: ids?.traceId,
      spanId: ids?.spanId,
      storedElsewhere: true,
    });
    await tracer.flush();
    expect(other.map((s) => [s.traceId, s.spanId])).toEqual([[ids?.traceId, ids?.spanId]]);
    expect(await store.spans.listTraces()).toEqual([]);
    // Sampled out: no ids; a tracer with only other sinks has no store.
    expect(createTracer({ sinks: [storeSink(store)], sampleRatio: 0 }).drawRoot?.()).toBeUndefined();
    const bare = createTracer({ sinks: [memory] });
    expect([bare.storeSpans, bare.exportsBeyondStore]).toEqual([undefined, true]);
  });
});
