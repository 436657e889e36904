// QuantizedVectorIndex of another checkout (`OLD`, e.g. main's code unpacked with
// `git archive main src bench | tar -x -C /tmp/old`) against this tree's, in one process: the same
// 384-d clustered vectors (bench/rag/vector-data.ts) added to both as a scan index and an IVF index
// (then every 97th id removed): build CPU, snapshot bytes (sha256) and search results compared, then
// search CPU per query alternating old/new, medians. For refactors that must change nothing.
// `OLD=/tmp/old COUNT=120000 node bin/run-ts.js bench/rag/quantized-side-by-side.ts`
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

if (!process.env.OLD) throw new Error('OLD=<path of the other checkout> is required');
const roots = { old: resolve(process.env.OLD), new: resolve(import.meta.dirname, '../..') };
const count = Number(process.env.COUNT ?? 120_000);
const dimension = 384;
const { vectorStream } = await import('./vector-data.js');
const next = vectorStream('clustered', dimension, 7);
const vectors = Array.from({ length: count }, () => next());
const queries = Array.from({ length: 40 }, () => next());
// biome-ignore lint/suspicious/noExplicitAny: two copies of one module, loaded by path
const mods: Record<string, any> = {};
for (const [name, root] of Object.entries(roots))
  mods[name] = await import(`${root}/src/search/vector/index.ts`);
const cpuMs = (f: () => void) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
// biome-ignore lint/suspicious/noExplicitAny: indexes of either copy
const built: Record<string, Record<string, any>> = { old: {}, new: {} };
for (const mode of ['scan', 'ivf'])
  for (const name of mode === 'scan' ? ['old', 'new'] : ['new', 'old']) {
    const { QuantizedVectorIndex } = mods[name];
    const index = new QuantizedVectorIndex(dimension, {
      rescore: 'int8',
      ...(mode === 'scan' ? { ivfAbove: Number.POSITIVE_INFINITY } : {}),
    });
    const ms = cpuMs(() => {
      for (const [id, vector] of vectors.entries()) index.add(id + 1, vector);
    });
    for (let id = 1; id <= count; id += 97) index.remove(id);
    built[name][mode] = index;
    const hash = createHash('sha256');
    for (const part of mods[name].encodeQuantized(index.exportState())) hash.update(part);
    console.log(
      `${name} ${mode}: build ${(ms / 1000).toFixed(2)} s CPU, trained ${index.trained}, snapshot sha256 ${hash.digest('hex').slice(0, 16)}`,
    );
  }
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const mode of ['scan', 'ivf']) {
  const times: Record<string, number[]> = { old: [], new: [] };
  let same = true;
  const options = { limit: 50, candidates: 2000 };
  for (let round = 0; round < 3; round++)
    for (const [k, query] of queries.entries()) {
      const order = k % 2 ? ['old', 'new'] : ['new', 'old'];
      const results: Record<string, string> = {};
      for (const name of order) {
        let hits: unknown;
        times[name].push(
          cpuMs(() => {
            hits = built[name][mode].search(query, options);
          }),
        );
        results[name] = JSON.stringify(hits);
      }
      if (results.old !== results.new) same = false;
    }
  const [o, n] = [median(times.old), median(times.new)];
  console.log(
    `${mode} search (limit 50, 2,000 candidates): CPU/query median old ${o.toFixed(3)} ms, new ${n.toFixed(3)} ms, new/old ${(n / o).toFixed(3)}; identical results: ${same}`,
  );
}
