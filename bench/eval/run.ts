// Runner overhead per example with a zero-latency target, at concurrency 1 and 32: in memory, and
// with results and the output cache in SQLite (a file in WAL mode, as `gantry eval run` uses).
// `npm run bench eval` (EVAL_BENCH_EXAMPLES to change the example count).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactMatch, functionTarget, runEval } from '../../src/eval/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const count = Number(process.env.EVAL_BENCH_EXAMPLES ?? 20000);
const examples = Array.from({ length: count }, (_, i) => ({
  id: `e${i}`,
  input: `question ${i}`,
  expected: `answer ${i}`,
}));
const target = functionTarget('zero-latency', (_input, { example }) => `answer ${example.id.slice(1)}`);

async function measure(label: string, concurrency: number, withStore: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-bench-eval-'));
  const store = withStore ? openSqliteStore({ path: join(dir, 'bench.db') }) : undefined;
  try {
    // Warm-up (JIT, prepared statements) on a slice, then the measured run.
    await runEval({
      target,
      examples: examples.slice(0, 200),
      scorers: [exactMatch()],
      store,
      concurrency,
      cache: false,
    });
    const started = performance.now();
    const run = await runEval({
      target,
      examples,
      scorers: [exactMatch()],
      store,
      concurrency,
      cache: false,
    });
    const ms = performance.now() - started;
    if (run.summary.passRate !== 1) throw new Error('benchmark target answered wrongly');
    const perExample = (ms * 1000) / count;
    process.stdout.write(
      `${label.padEnd(34)} concurrency ${String(concurrency).padStart(2)}: ${perExample.toFixed(1).padStart(7)} µs/example  (${count} examples in ${ms.toFixed(0)} ms, ${((count / ms) * 1000).toFixed(0)} examples/s)\n`,
    );
  } finally {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(
  `eval runner overhead, ${count} examples, zero-latency target, scorer: exact; node ${process.version}\n`,
);
for (const concurrency of [1, 32]) await measure('in memory (no store)', concurrency, false);
for (const concurrency of [1, 32]) await measure('SQLite store (results + cache)', concurrency, true);
