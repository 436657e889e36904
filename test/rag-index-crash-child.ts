// Child process for test/rag-persisted-indexes.test.ts: ingests and removes documents in a loop,
// storing index snapshots after every change (snapshotAfter 0), until the parent kills it with -9.
import { writeFileSync } from 'node:fs';
import { openRagCollection } from '../src/rag/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { hashEmbedder, syntheticDocuments } from './rag-index-fixtures.js';

const [databasePath, readyPath] = process.argv.slice(2);
const store = openSqliteStore({ path: databasePath });
const collection = await openRagCollection({
  store,
  name: 'crash',
  embedder: hashEmbedder,
  approximateAbove: 100,
  snapshotAfter: 0,
  chunkerFor: () => (text) => [{ text, metadata: {} }],
});
for (let round = 0; ; round++) {
  await collection.ingest(syntheticDocuments(200, round * 200));
  if (round > 0) await collection.removeSource(`doc-${(round - 1) * 200 + 7}`);
  if (round === 1) writeFileSync(readyPath, 'ready');
}
