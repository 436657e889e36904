// `node bin/run-ts.js bench/gateway/spread-cost.ts`: what an object literal with a spread followed
// by named properties costs on this Node (V8) against the same object written out, in process CPU
// (process.cpuUsage), rounds alternating. On Node 20.20 each property defined after a spread is a
// runtime call (~1.3 µs): the request context of the gateway, `{ ...start, <27 fields> }`, cost
// ~85 µs per request, more than the whole bare proxy. The gateway's request path now names every
// field (src/gateway/pipeline/gateway-context.ts); this keeps the figure reproducible on other Nodes.
import { newGatewayContext } from '../../src/gateway/pipeline/gateway-context.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const count = Number(process.env.BENCH_COUNT ?? 20_000);
const start = {
  req: {} as never,
  res: {} as never,
  endpoint: 'chat' as const,
  abort: {} as never,
  limits: {},
  overheadHeader: true,
};

/** The gateway context as it was written before (spread first, then every field). */
function spreadContext(s: typeof start): Record<string, unknown> {
  return {
    ...s,
    startedAt: performance.now(),
    body: {},
    bodyText: undefined,
    model: '',
    stream: false,
    key: null,
    tenant: undefined,
    admitted: false,
    route: undefined,
    filter: undefined,
    status: 0,
    upstream: null,
    upstreamModel: null,
    upstreamMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    usageSource: 'none',
    costUsd: 0,
    cached: false,
    responseHeaders: undefined,
    responseText: undefined,
    streamChunks: undefined,
    keepAnswer: false,
    error: undefined,
  };
}

const cases: [string, () => unknown][] = [
  ['gateway context, spread then 27 fields (before)', () => spreadContext(start)],
  ['gateway context, every field named (newGatewayContext)', () => newGatewayContext(start)],
  ['{ ...o }', () => ({ ...start })],
  ['{ ...o, a: 1 }', () => ({ ...start, a: 1 })],
  [
    '{ ...o } then .a = 1',
    () => {
      const o: Record<string, unknown> = { ...start };
      o.a = 1;
      return o;
    },
  ],
  ['{ a: 1, ...o }', () => ({ a: 1, ...start })],
];
const results = new Map<string, number[]>(cases.map(([label]) => [label, []]));
let sink: unknown;
for (let round = 0; round < rounds; round++) {
  for (const [label, make] of cases) {
    const before = process.cpuUsage();
    for (let i = 0; i < count; i++) sink = make();
    const used = process.cpuUsage(before);
    results.get(label)?.push(((used.user + used.system) * 1000) / count);
  }
}
if (sink === undefined) process.exit(1);
process.stdout.write(
  `node ${process.version}, ${count} objects per round\n\n| literal | ns per object, per round | median |\n|---|---|---|\n`,
);
for (const [label, list] of results) {
  const sorted = [...list].sort((a, b) => a - b);
  process.stdout.write(
    `| \`${label}\` | ${list.map((n) => n.toFixed(0)).join(', ')} | ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} |\n`,
  );
}
