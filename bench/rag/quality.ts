// Retrieval quality on the SMART collections through the real pipeline (store, BM25, LSA in
// sqlite-vec, RRF), and the BM25 check against bench/rag/reference_bm25.py (same analyzer output,
// independent index, scoring and metrics). Prints a Markdown table for docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  analyzeText,
  Bm25Index,
  benchmarkTestCollection,
  documentContents,
  evaluateRetrieval,
  hasTestCollection,
  loadTestCollection,
  testCollectionNames,
} from '../../src/rag/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const referenceScript = fileURLToPath(new URL('./reference_bm25.py', import.meta.url));

export async function runQuality({ k1 = 0.9, b = 0.4, lsaDimension = 256 } = {}): Promise<void> {
  const rows: string[] = [];
  const checks: string[] = [];
  for (const name of testCollectionNames) {
    if (!hasTestCollection(name)) {
      console.log(`skip ${name}: ../shared/datasets/ir/${name} is absent (set GANTRY_IR_DATASETS)`);
      continue;
    }
    const collection = loadTestCollection(name);
    const store = openSqliteStore({ path: ':memory:' });
    const result = await benchmarkTestCollection(collection, { store, k1, b, lsaDimension });
    await store.close();
    for (const system of result.systems) {
      const m = system.mean;
      rows.push(
        `| ${name} | ${system.system} | ${m.ndcgAt10.toFixed(4)} | ${m.recallAt100.toFixed(4)} | ${m.mrrAt10.toFixed(4)} | ${m.map.toFixed(4)} | ${system.latencyMs.toFixed(1)} |`,
      );
    }
    console.log(`${name}: ingest + LSA fit ${(result.ingestMs / 1000).toFixed(1)} s`);

    // The reference: same analysed terms, independent BM25 and metrics.
    const index = new Bm25Index({ k1, b });
    for (const document of collection.documents) index.add(document.id, documentContents(document));
    const [ours] = await evaluateRetrieval(collection, {
      bm25: (query, depth) => index.search(query, { limit: depth }),
    });
    const input = JSON.stringify({
      k1,
      b,
      depth: 1000,
      documents: collection.documents.map((document) => [
        document.id,
        analyzeText(documentContents(document)),
      ]),
      queries: collection.judgedQueries.map((query) => [query.id, analyzeText(query.text)]),
      qrels: Object.fromEntries(
        [...collection.qrels].map(([id, judged]) => [id, Object.fromEntries(judged)]),
      ),
    });
    const reference = spawnSync('python3', [referenceScript], {
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (reference.status !== 0) {
      console.log(`reference BM25 not run for ${name}: ${reference.stderr || reference.error?.message}`);
      continue;
    }
    const { mean, top } = JSON.parse(reference.stdout) as {
      mean: Record<string, number>;
      top: Record<string, [string, number][]>;
    };
    let maximumScoreError = 0;
    let sameTop10 = 0;
    for (const [queryId, referenceTop] of Object.entries(top)) {
      const ourTop = ours.runs.get(queryId)!.slice(0, 10);
      if (ourTop.map((hit) => hit.id).join() === referenceTop.map(([id]) => id).join()) sameTop10++;
      referenceTop.forEach(([, score], index) => {
        const relative = Math.abs(ourTop[index].score - score) / Math.max(score, 1e-9);
        maximumScoreError = Math.max(maximumScoreError, relative);
      });
    }
    const metric = (key: 'ndcgAt10' | 'recallAt100' | 'mrrAt10' | 'map') =>
      `${ours.mean[key].toFixed(4)} / ${mean[key].toFixed(4)} (${((100 * (ours.mean[key] - mean[key])) / mean[key]).toFixed(2)} %)`;
    checks.push(
      `| ${name} | ${metric('ndcgAt10')} | ${metric('map')} | ${sameTop10}/${Object.keys(top).length} | ${maximumScoreError.toExponential(1)} |`,
    );
  }
  console.log(`\nRetrieval quality (k1=${k1}, b=${b}, LSA ${lsaDimension}-d, depth 1000)\n`);
  console.log('| collection | mode | nDCG@10 | R@100 | MRR@10 | MAP | ms/query |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('\nBM25 against the reference (ours / reference (difference))\n');
  console.log('| collection | nDCG@10 | MAP | identical top-10 | max relative score error |');
  console.log('|---|---|---|---|---|');
  for (const row of checks) console.log(row);
}
