// The harmful-request task trained with the evaluation-only red-instruct questions (HarmfulQA, CatQA,
// DangerousQA; src/guard/datasets/load-red-instruct.ts) as training sources: trains the harmful model on
// the training split (as `gantry guard train` does), chooses its threshold on validation, and prints the
// test split and leave-one-source-out table. Measures the trade-off that kept them out of the shipped
// weights (docs/benchmarks.md, guardharm5). Nothing is written unless --out is given.
// Usage: GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/harmful-sources.ts [catqa,dangerousqa,harmfulqa] [--out <folder>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeLinearModel } from '../../src/guard/classifier/index.js';
import { groupRows, loadTaskRows, redInstructSources } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { evaluateTask, formatTaskEval } from '../../src/guard/eval/task-eval.js';
import {
  asShipped,
  taskPruningThreshold,
  trainTaskModel,
} from '../../src/guard/training/train-task-classifier.js';

const extra = process.env.GANTRY_GUARD_EXTRA;
if (!extra) throw new Error('Set GANTRY_GUARD_EXTRA to the extra folder holding red-instruct/.');
const list =
  process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : redInstructSources.join(',');
const training = new Set(list.split(','));
const outIndex = process.argv.indexOf('--out');
const rows = groupRows(
  loadTaskRows(locateDatasets(), extra).map((row) =>
    training.has(row.source) ? { ...row, evaluationOnly: false } : row,
  ),
);
const model = trainTaskModel('harmful', rows, { trainedOn: [...training].sort() });
if (outIndex > 0) {
  mkdirSync(process.argv[outIndex + 1], { recursive: true });
  writeFileSync(
    join(process.argv[outIndex + 1], 'harmful.json'),
    serializeLinearModel(model, taskPruningThreshold),
  );
}
console.log(
  `harmful trained with ${[...training].join(', ')} (threshold ${model.metadata.operatingThreshold})`,
);
console.log(formatTaskEval([evaluateTask('harmful', rows, asShipped(model))]));
