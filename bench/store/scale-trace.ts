// The trace domain at scale: spans (5 per trace, time-ordered trace ids as src/trace/ids.ts makes
// them) written through saveSpans, then the trace sink's 50-span batch and the CLI's reads.
import type { SpanRecord, Store } from '../../src/store/index.js';
import type { DomainScale } from './scale-types.js';
import { fill, sample, seeded } from './timing.js';

const spansPerTrace = 5;
const start = 1_767_225_600_000;

const traceId = (trace: number) =>
  `${(start + trace).toString(16).padStart(12, '0')}${'a1b2c3d4e5f6a7b8c9d0'}`;

function span(n: number): SpanRecord {
  const trace = Math.floor(n / spansPerTrace);
  const position = n % spansPerTrace;
  return {
    traceId: traceId(trace),
    spanId: n.toString(16).padStart(16, '0'),
    parentSpanId: position === 0 ? null : (n - position).toString(16).padStart(16, '0'),
    name: position === 0 ? 'gateway.request' : 'gateway.upstream',
    kind: position === 0 ? 'server' : 'client',
    startTime: start + trace + position * 0.1,
    endTime: start + trace + 40,
    status: n % 97 === 0 ? 'error' : 'ok',
    attributes: {
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 120 + (n % 50),
      'gen_ai.usage.output_tokens': 30 + (n % 20),
      'http.status_code': 200,
      'gantry.route': 'chat',
      'gantry.key_id': `k${n % 1000}`,
    },
  };
}

export const traceScale: DomainScale = {
  domain: 'trace',
  async fill(store: Store, rows: number) {
    return [
      {
        table: 'spans',
        ...(await fill('spans', rows, 1000, (first, count) =>
          store.spans.saveSpans(Array.from({ length: count }, (_, i) => span(first + i))),
        )),
      },
    ];
  },
  async measure(store: Store, rows: number) {
    const random = seeded(11);
    const traces = Math.floor(rows / spansPerTrace);
    let next = rows;
    return [
      {
        operation: 'saveSpans, 50 per batch (the trace sink)',
        unit: 'per row',
        samples: await sample(200, 50, () => {
          const batch = Array.from({ length: 50 }, (_, i) => span(next + i));
          next += 50;
          return store.spans.saveSpans(batch);
        }),
      },
      {
        operation: 'getTrace (a random trace of 5 spans)',
        unit: 'per call',
        samples: await sample(1000, 1, () => store.spans.getTrace(traceId(Math.floor(random() * traces)))),
      },
      {
        operation: 'listTraces (newest 20 roots)',
        unit: 'per call',
        samples: await sample(200, 1, () => store.spans.listTraces({ limit: 20 })),
      },
    ];
  },
};
