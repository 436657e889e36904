// Development aid: the leave-one-source-out view of one source for the harmful-request task. Trains the
// fold model without the source, chooses the threshold on the other sources' validation rows, and prints
// the left-out source's train and validation rows it gets wrong (never its test rows), with the evidence.
// Usage: GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/harmful-fold-errors.ts <source>
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { scorePromptTasks } from '../../src/guard/scanners/index.js';
import { harmfulIntent } from '../../src/guard/signals/harmful-intent.js';
import {
  chooseThreshold,
  fitTaskModel,
  taskRowsFor,
} from '../../src/guard/training/train-task-classifier.js';

const source = process.argv[2];
const rows = taskRowsFor(
  'harmful',
  groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA)),
);
const others = rows.filter((r) => r.source !== source);
const model = fitTaskModel(
  'harmful',
  others.filter((r) => r.split === 'train'),
  10,
);
const point = chooseThreshold(
  'harmful',
  model,
  others.filter((r) => r.split === 'validation'),
);
console.log(`fold without ${source}: threshold ${point.threshold}`);
let wrong = 0;
const left = rows.filter((r) => r.source === source && r.split !== 'test');
for (const row of left) {
  const scores = scorePromptTasks(row.text, { models: { harmful: model } }).harmful;
  if (scores.score >= point.threshold === (row.label === 1)) continue;
  wrong++;
  const intent = harmfulIntent(row.text);
  const top = [...scores.evidence].sort((a, b) => b.score - a.score)[0];
  console.log(
    `${row.label ? 'MISS' : 'FP  '} ${scores.score.toFixed(2)} [${top?.kind}:${top?.view} ${top?.value ?? ''}] act=${intent.act} ctx=${intent.contextKind ?? '-'} | ${row.text.slice(0, 150).replace(/\s+/g, ' ')}`,
  );
}
console.log(`${wrong}/${left.length} wrong`);
