// `npm run bench rag`: retrieval quality on the SMART collections (with the reference BM25 check), then
// ingest throughput and query latency at scale beside LanceDB. `node bin/run-ts.js bench/rag/run.ts
// quality` or `... scale` runs one part.
import { runQuality } from './quality.js';

const part = process.argv[2];
if (part === undefined || part === 'quality') await runQuality();
if (part === undefined || part === 'scale') {
  const { runScale } = await import('./scale.js');
  await runScale();
}
if (part === 'chunking') {
  const { runChunking } = await import('./chunking.js');
  await runChunking(process.argv[3] === undefined ? undefined : Number(process.argv[3]));
}
