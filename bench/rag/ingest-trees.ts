// Gantry's ingest in two checkouts side by side: the bench (bench/rag/ingest.ts, Gantry only, background
// writer) run alternately in this tree and in another (e.g. main extracted with `git archive`), printing
// each run's ingesting-thread CPU, writer-thread CPU and process CPU per chunk, then the medians.
// `RAG_COMPARE_TREE=/tmp/main RAG_INGEST_SIZE=100000 node bin/run-ts.js bench/rag/ingest-trees.ts`
// (RAG_COMPARE_RUNS: runs per tree, default 2). Per-thread CPU is what to read on a loaded machine.
import { execFileSync } from 'node:child_process';

const other = process.env.RAG_COMPARE_TREE;
if (!other) throw new Error('set RAG_COMPARE_TREE to the other checkout (node_modules linked in it)');
const runs = Number(process.env.RAG_COMPARE_RUNS ?? 2);
const size = Number(process.env.RAG_INGEST_SIZE ?? 100_000);
const trees = { other, this: process.cwd() };
const seen: Record<string, { main: number; writer: number; total: number }[]> = { other: [], this: [] };

for (let run = 0; run < runs; run++) {
  for (const [name, root] of Object.entries(trees)) {
    const output = execFileSync(process.execPath, ['bin/run-ts.js', 'bench/rag/ingest.ts'], {
      cwd: root,
      env: {
        ...process.env,
        RAG_INGEST_ONLY: 'gantry',
        RAG_INGEST_MODES: 'background',
        RAG_INGEST_SIZE: String(size),
      },
      encoding: 'utf8',
    });
    const main = Number(/threads: main ([\d.]+) s/.exec(output)?.[1]);
    const writer = Number(/threads: main [\d.]+ s, node ([\d.]+) s/.exec(output)?.[1]);
    const total = Number(/all threads, ([\d.]+) s/.exec(output)?.[1]);
    seen[name].push({ main, writer, total });
    console.log(
      `${name.padEnd(5)} run ${run + 1}: ingesting thread ${((main / size) * 1e6).toFixed(1)} µs/chunk, writer ${((writer / size) * 1e6).toFixed(1)}, process ${((total / size) * 1e6).toFixed(1)}`,
    );
  }
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)];
};
const ingesting = (name: string) => (median(seen[name].map((run) => run.main)) / size) * 1e6;
console.log(
  `median ingesting-thread CPU: this ${ingesting('this').toFixed(1)} µs/chunk, other ${ingesting('other').toFixed(1)} µs/chunk (this/other ${(ingesting('this') / ingesting('other')).toFixed(2)})`,
);
