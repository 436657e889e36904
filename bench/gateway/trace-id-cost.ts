// `node bin/run-ts.js bench/gateway/trace-id-cost.ts`: warm CPU (ns per call) of the trace id's time
// prefix when the millisecond changes (what a busy gateway pays on a new ms every few requests):
// `ms.toString(16).padStart(12, '0').slice(-12)` (before) against timePrefix (now), then newTraceId
// with a new ms on every call, in alternating rounds (BENCH_ROUNDS, default 5; 1M calls each).
import { newTraceId, timePrefix } from '../../src/trace/ids.js';

const calls = 1_000_000;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const start = Date.parse('2026-12-04T16:00:00Z');
let sink = 0;
const ways: Record<string, (ms: number) => string> = {
  'prefix, toString(16) (before)': (ms) => ms.toString(16).padStart(12, '0').slice(-12),
  'prefix, timePrefix (now)': timePrefix,
  'newTraceId, a new ms each call': newTraceId,
};
const results: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, f] of Object.entries(ways)) {
    for (let i = 0; i < 100_000; i++) sink += f(start + i).length;
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) sink += f(start + i).length;
    const used = process.cpuUsage(before);
    results[name].push(((used.user + used.system) * 1000) / calls);
  }
}
for (const [name, values] of Object.entries(results)) {
  const sorted = [...values].sort((a, b) => a - b);
  process.stdout.write(
    `${name.padEnd(32)} ${values.map((v) => v.toFixed(0)).join(', ')} ns; median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}\n`,
  );
}
if (sink === 0) process.stdout.write('\n');
