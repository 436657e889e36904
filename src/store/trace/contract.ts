// The trace domain's contract: the behaviour every backend's span repository must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { TraceRepositories } from './repository.js';
import type { SpanRecord } from './types.js';

function span(overrides: Partial<SpanRecord> & Pick<SpanRecord, 'spanId' | 'traceId'>): SpanRecord {
  return {
    parentSpanId: null,
    name: 'span',
    kind: 'internal',
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_000_010,
    status: 'ok',
    attributes: {},
    ...overrides,
  };
}

export const traceContract: DomainContract<TraceRepositories> = (backend, open) => {
  describe(`trace domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips spans with attributes of every JSON type and fractional times', async () => {
      const attributes = {
        'gen_ai.request.model': 'm',
        'gen_ai.usage.input_tokens': 12,
        ok: true,
        list: ['a', 'b'],
        ratio: 0.25,
      };
      const root = span({
        traceId: 't1',
        spanId: 's1',
        name: 'root',
        startTime: 1000.125,
        endTime: 1010.5,
        attributes,
      });
      await store.spans.saveSpans([root]);
      expect(await store.spans.getTrace('t1')).toEqual([root]);
    });

    it("keeps a gateway span's typed attributes (columns since migration 10) and the rest as they were", async () => {
      const typed = {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'bench',
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 30,
        'gantry.cost.usd': 0.000125,
        'gantry.gateway.upstream': 'a',
        'gantry.gateway.cached': false,
        'gantry.gateway.stream': true,
        'http.response.status_code': 200,
      };
      const gateway = span({ traceId: 'g', spanId: 's1', kind: 'server', attributes: typed });
      // A value of another type than its column's stays in the JSON; other attributes too.
      const odd = span({
        traceId: 'g',
        spanId: 's2',
        parentSpanId: 's1',
        attributes: { 'gantry.gateway.cached': 'yes', 'http.response.status_code': 502, 'error.type': 'X' },
      });
      await store.spans.saveSpans([gateway, odd]);
      expect(await store.spans.getTrace('g')).toEqual([gateway, odd]);
    });

    it('returns a trace ordered by start time with parents, status and messages', async () => {
      await store.spans.saveSpans([
        span({ traceId: 't', spanId: 'c2', parentSpanId: 'r', name: 'second', startTime: 30, endTime: 40 }),
        span({ traceId: 't', spanId: 'r', name: 'root', startTime: 10, endTime: 50 }),
        span({
          traceId: 't',
          spanId: 'c1',
          parentSpanId: 'r',
          name: 'first',
          startTime: 20,
          endTime: 25,
          status: 'error',
          statusMessage: 'boom',
        }),
        span({ traceId: 'other', spanId: 'o', name: 'other', startTime: 5, endTime: 6 }),
      ]);
      const trace = await store.spans.getTrace('t');
      expect(trace.map((s) => s.name)).toEqual(['root', 'first', 'second']);
      expect(trace[1]).toMatchObject({ parentSpanId: 'r', status: 'error', statusMessage: 'boom' });
      expect(await store.spans.getTrace('missing')).toEqual([]);
    });

    it('lists traces newest first with span counts, durations and an error flag', async () => {
      await store.spans.saveSpans([
        span({ traceId: 'old', spanId: 'a', name: 'old root', startTime: 100, endTime: 150 }),
        span({ traceId: 'new', spanId: 'b', name: 'new root', startTime: 200, endTime: 260 }),
        span({
          traceId: 'new',
          spanId: 'c',
          parentSpanId: 'b',
          startTime: 210,
          endTime: 220,
          status: 'error',
        }),
      ]);
      const traces = await store.spans.listTraces({ limit: 10 });
      expect(traces).toEqual([
        {
          traceId: 'new',
          rootName: 'new root',
          startTime: 200,
          durationMs: 60,
          spanCount: 2,
          status: 'error',
        },
        { traceId: 'old', rootName: 'old root', startTime: 100, durationMs: 50, spanCount: 1, status: 'ok' },
      ]);
      expect(await store.spans.listTraces({ limit: 1 })).toHaveLength(1);
    });

    it('treats saving the same span twice as one span (exporters retry)', async () => {
      const once = span({ traceId: 't', spanId: 's', name: 'v1' });
      await store.spans.saveSpans([once]);
      await store.spans.saveSpans([{ ...once, name: 'v2' }]);
      const trace = await store.spans.getTrace('t');
      expect(trace.map((s) => s.name)).toEqual(['v2']);
    });
  });
};
