// The terminal table: one column per run (backend × arrival), one row per metric.
import { starved } from './generator-health.js';
import type { LoadResult } from './run-load.js';

export function formatTable(results: LoadResult[]): string {
  const header = ['metric', ...results.map((r) => `${r.backend} · ${r.arrival}`)];
  const rows: string[][] = [header];
  const add = (name: string, value: (r: LoadResult) => number | undefined, digits = 2) =>
    rows.push([name, ...results.map((r) => format(value(r), digits))]);
  add('completed', (r) => r.metrics.completed, 0);
  add('failed', (r) => r.metrics.failed, 0);
  add('duration s', (r) => r.metrics.durationS);
  add('request throughput /s', (r) => r.metrics.requestThroughput);
  add('output tok/s', (r) => r.metrics.outputThroughput, 1);
  add('total tok/s', (r) => r.metrics.totalTokenThroughput, 1);
  if (results.some((r) => r.metrics.requestGoodput !== undefined))
    add('request goodput /s', (r) => r.metrics.requestGoodput);
  for (const [name, key] of [
    ['TTFT', 'ttftMs'],
    ['TPOT', 'tpotMs'],
    ['ITL', 'itlMs'],
    ['E2EL', 'e2elMs'],
  ] as const) {
    add(`${name} mean ms`, (r) => r.metrics[key].mean);
    add(`${name} p50 ms`, (r) => r.metrics[key].p50);
    add(`${name} p99 ms`, (r) => r.metrics[key].p99);
  }
  if (results.some((r) => r.generator)) {
    add('generator CPU ms', (r) => r.generator?.cpuMs, 0);
    add('generator waited ms', (r) => r.generator?.waitMs, 0);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const lines = rows.map((row) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const errors = results.flatMap((r) => r.metrics.errors.map((e) => `${r.backend}: ${e}`));
  const notes = results
    .filter((r) => starved(r.generator, r.metrics.durationS * 1000))
    .map(
      (r) =>
        `note: the load generator waited ${(r.generator?.waitMs ?? 0).toFixed(0)} ms for a CPU during ${r.backend} · ${r.arrival} ` +
        `(${(((r.generator?.waitMs ?? 0) / (r.metrics.durationS * 1000)) * 100).toFixed(1)} % of the run); chunks arriving then ` +
        'were stamped late, so ITL/TTFT tails include that wait. Give it a core of its own (taskset -c N) on a quiet machine.\n',
    );
  return `${lines.join('\n')}\n${errors.length ? `errors: ${errors.join('; ')}\n` : ''}${notes.join('')}`;
}

function format(value: number | undefined, digits: number): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  return value.toFixed(digits);
}
