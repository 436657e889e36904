// `node bin/run-ts.js bench/store/bind-cost.ts`: CPU µs per gateway usage row (21 values, with the
// span columns) inserted as blockInsert does (50 rows per statement, 500 rows per transaction, into
// the real gateway_usage table of a SQLite file), its values handed to better-sqlite3's run() as one
// array (before) or as arguments (`run(...values)`, now), in alternating rounds. better-sqlite3 reads
// an array's elements through the V8 API one by one (Object::Get), arguments directly.
// BENCH_ROWS (default 100,000 per round), BENCH_ROUNDS (default 6).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/index.js';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const perStatement = 50;
const perTransaction = 500;
const fields = 21;
const folder = mkdtempSync(join(tmpdir(), 'gantry-bind-cost-'));
const store = openSqliteStore({ path: join(folder, 'bench.db') });
const db = store.database;
const head = `INSERT INTO gateway_usage (key_id, model, route, upstream, endpoint, status, stream, cached,
  input_tokens, output_tokens, cost_usd, usage_source, duration_ms, created_at, cached_tokens,
  cache_write_tokens, trace_id, span_id, start_time, response_model, span_extra)`;
const placeholders = `(${Array(fields).fill('?').join(', ')})`;
const block = db.prepare(`${head} VALUES ${Array(perStatement).fill(placeholders).join(', ')}`);
const values: unknown[] = new Array(perStatement * fields);

function write(at: number, i: number): void {
  const now = Date.now();
  values[at] = 'key_bench';
  values[at + 1] = 'bench';
  values[at + 2] = 'bench';
  values[at + 3] = 'a';
  values[at + 4] = 'chat';
  values[at + 5] = 200;
  values[at + 6] = 0;
  values[at + 7] = 0;
  values[at + 8] = 12;
  values[at + 9] = 30;
  values[at + 10] = 0.00012;
  values[at + 11] = 'upstream';
  values[at + 12] = 1.5 + i * 1e-6;
  values[at + 13] = now;
  values[at + 14] = 0;
  values[at + 15] = 0;
  values[at + 16] = `${now.toString(16).padStart(12, '0')}${(i * 7919).toString(16).padStart(20, '0')}`;
  values[at + 17] = (i * 104729).toString(16).padStart(16, '0');
  values[at + 18] = performance.timeOrigin + i;
  values[at + 19] = 'gpt-4o-mini';
  values[at + 20] = null;
}

const ways: Record<string, (transaction: number) => void> = {
  'run(values) (before)': (t) => {
    for (let k = 0; k < perTransaction; k += perStatement) {
      for (let r = 0; r < perStatement; r++) write(r * fields, t + k + r);
      block.run(values);
    }
  },
  'run(...values) (now)': (t) => {
    for (let k = 0; k < perTransaction; k += perStatement) {
      for (let r = 0; r < perStatement; r++) write(r * fields, t + k + r);
      block.run(...values);
    }
  },
};

function measure(way: (transaction: number) => void, count: number): number {
  const before = process.cpuUsage();
  for (let t = 0; t < count; t += perTransaction) db.transaction(way)(t);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

try {
  for (const way of Object.values(ways)) measure(way, 20_000);
  const results = new Map<string, number[]>(Object.keys(ways).map((label) => [label, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? Object.entries(ways) : Object.entries(ways).reverse();
    for (const [label, way] of order) results.get(label)?.push(measure(way, rows));
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  process.stdout.write('\n| binding | CPU µs per row, per round | median |\n|---|---|---|\n');
  for (const [label, list] of results)
    process.stdout.write(
      `| ${label} | ${list.map((v) => v.toFixed(2)).join(', ')} | ${median(list).toFixed(2)} |\n`,
    );
  const [before, now] = [...results.values()];
  const ratios = now.map((v, i) => v / before[i]);
  process.stdout.write(`\nnow / before: median of per-round ratios ${median(ratios).toFixed(3)}\n`);
} finally {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
}
