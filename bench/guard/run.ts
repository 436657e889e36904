// `npm run bench guard`: the guard detectors on the held-out splits of the public datasets (quality and
// latency per KB), printed as the Markdown tables recorded in docs/benchmarks.md.
import { cpus } from 'node:os';
import { formatEvalReport, locateDatasets, runGuardEval } from '../../src/guard/index.js';

const started = performance.now();
const datasets = locateDatasets();
// GANTRY_GUARD_EXTRA: the extra public collections the shipped weights were trained with (docs/guard.md);
// GANTRY_GUARD_LOSO=0 skips the leave-one-source-out folds (one training per source, minutes).
const extra = process.env.GANTRY_GUARD_EXTRA;
const report = runGuardEval(datasets, {
  latencyTexts: 400,
  extra,
  leaveOneSourceOut: process.env.GANTRY_GUARD_LOSO !== '0',
});
process.stdout.write(`datasets: ${datasets}${extra ? `, extra: ${extra}` : ''}\n`);
process.stdout.write(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n\n`,
);
process.stdout.write(formatEvalReport(report) + '\n');
process.stdout.write(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
