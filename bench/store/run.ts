// `npm run bench store`: per-domain write/read latency on SQLite and Postgres, then retrieval parity
// (nDCG@10) between the two on the shared IR collections. `... run.ts latency|scale|rag [args]` runs
// one part; `scale --rows 1000000` is the 1M-row run (see scale.ts).
import { testCollectionNames } from '../../src/rag/index.js';
import { runRagParity } from './rag-parity.js';

const [part, ...rest] = process.argv.slice(2);
let ok = true;
if (part === undefined || part === 'latency') {
  const { runLatency } = await import('./latency.js');
  await runLatency(rest);
}
if (part === 'scale') {
  const { runScale } = await import('./scale.js');
  await runScale(rest);
}
if (part === undefined || part === 'rag') {
  ok = await runRagParity(part === 'rag' && rest.length > 0 ? rest : testCollectionNames);
}
process.exit(ok ? 0 : 1);
