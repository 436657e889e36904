// Embeds every harmful-task text (training, validation, test, evaluation-only) into the on-disk cache
// (sentence-embedding-cache.ts). Usage: GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/harmful-encoder-embed.ts
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { taskRowsFor } from '../../src/guard/training/train-task-classifier.js';
import { openEmbeddingCache } from './sentence-embedding-cache.js';

const rows = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA));
const texts: string[] = [];
for (const row of [...taskRowsFor('harmful', rows), ...taskRowsFor('harmful', rows, true)]) {
  texts.push(row.text);
  if (row.trainingText) texts.push(row.trainingText);
}
// Shortest first: a batch of similar lengths.
texts.sort((a, b) => Math.min(a.length, 1000) - Math.min(b.length, 1000));
const started = performance.now();
await openEmbeddingCache().fill(texts, console.log);
console.log(`${texts.length} texts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
