// Child process for test/rag-persisted-indexes.test.ts: ingests and removes documents in a loop until
// the parent kills it with -9, writing the number of the last round whose writes returned to
// `<ready>.done`. Mode 'snapshots' stores index snapshots after every change (snapshotAfter 0); mode
// 'bulk' ingests with the store's bulk-write settings and the default snapshot threshold, so the
// change log (runs of ids) carries what no snapshot holds.
import { writeFileSync } from 'node:fs';
import { openRagCollection } from '../src/rag/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { hashEmbedder, syntheticDocuments } from './rag-index-fixtures.js';

const [databasePath, readyPath, mode = 'snapshots'] = process.argv.slice(2);
const store = openSqliteStore({ path: databasePath });
const collection = await openRagCollection({
  store,
  name: 'crash',
  embedder: hashEmbedder,
  approximateAbove: 100,
  snapshotAfter: mode === 'bulk' ? undefined : 0,
  bulkWriteAbove: mode === 'bulk' ? 0 : Number.POSITIVE_INFINITY,
  chunkerFor: () => (text) => [{ text, metadata: {} }],
});
for (let round = 0; ; round++) {
  await collection.ingest(syntheticDocuments(200, round * 200));
  if (round > 0) await collection.removeSource(`doc-${(round - 1) * 200 + 7}`);
  writeFileSync(`${readyPath}.done`, String(round));
  if (round === 1) writeFileSync(readyPath, 'ready');
}
