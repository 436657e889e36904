// Development aid for the harmful-request task: prints the benign rows the shipped policy flags and the
// harmful rows it misses, on the train and validation splits only (never the test split), with the
// evidence that decided. Usage: GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/harmful-errors.ts [split]
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { scorePromptTasks, shippedTaskModels } from '../../src/guard/scanners/index.js';
import { harmfulIntent } from '../../src/guard/signals/harmful-intent.js';
import {
  chooseThreshold,
  countsForFalsePositives,
  taskRowsFor,
} from '../../src/guard/training/train-task-classifier.js';

const split = process.argv[2] ?? 'validation';
if (split === 'test') throw new Error('the test split is not for development');
const rows = taskRowsFor(
  'harmful',
  groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA)),
);
// The threshold this code would ship: chosen on the validation split at the task's false-positive target.
const point = chooseThreshold(
  'harmful',
  shippedTaskModels().harmful,
  rows.filter((r) => r.split === 'validation'),
);
const cut = Number(process.env.CUT ?? point.threshold);
console.log(
  `threshold ${cut} (validation recall ${point.recall.toFixed(3)}, FPR ${point.falsePositiveRate.toFixed(3)})`,
);
const chosen = rows.filter((r) => r.split === split && (r.label === 1 || countsForFalsePositives(r)));
const tally = new Map<string, [number, number]>();
for (const row of chosen) {
  const scores = scorePromptTasks(row.text).harmful;
  const flagged = scores.score >= cut;
  const key = `${row.source}/${row.label}`;
  const t = tally.get(key) ?? [0, 0];
  t[0]++;
  if (flagged) t[1]++;
  tally.set(key, t);
  if (flagged === (row.label === 1)) continue;
  const intent = harmfulIntent(row.text);
  const top = [...scores.evidence].sort((a, b) => b.score - a.score)[0];
  console.log(
    `${row.label ? 'MISS' : 'FP  '} ${scores.score.toFixed(2)} ${row.source} [${top?.kind}:${top?.view} ${top?.value ?? ''}] act=${intent.act} safe=${intent.safeContext} | ${row.text.slice(0, 160).replace(/\s+/g, ' ')}`,
  );
}
for (const [key, [n, f]] of [...tally].sort()) console.log(`${key}: ${f}/${n} flagged`);
