// Rebuilds what the source-independent signals ship (src/guard/signals):
// 1. weights/suffix-lm.json: the character model of the shared benign corpus (never attack text) and its
//    contrast threshold at 0.5 % false positives on the validation split's benign task rows;
// 2. the operating thresholds of the three prompt-task models, re-chosen on the validation split with
//    the signals on (the weights themselves are unchanged). chooseThreshold reads the model from its file,
//    which is the rule `gantry guard train` applies too (shippedOperatingPoint chooses on asShipped), so
//    both give the same threshold and a run on unchanged weights reports every threshold unchanged.
// Usage: GANTRY_GUARD_EXTRA=<extra folder> npx tsx bench/guard/train-signals.ts [--out <folder>]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseLinearModel } from '../../src/guard/classifier/linear-model.js';
import { shippedWeightsPath } from '../../src/guard/classifier/shipped-weights.js';
import { groupRows, guardTasks, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { taskWeightFiles } from '../../src/guard/scanners/index.js';
import { suffixWeightsFile, trainSuffixModel } from '../../src/guard/signals/index.js';
import {
  chooseThreshold,
  taskRowsFor,
  validationFalsePositiveTargets,
} from '../../src/guard/training/train-task-classifier.js';

const outIndex = process.argv.indexOf('--out');
const out = (file: string) =>
  outIndex > 0 ? join(process.argv[outIndex + 1], file) : shippedWeightsPath(file);
const guardData = locateDatasets();
const rows = groupRows(loadTaskRows(guardData, process.env.GANTRY_GUARD_EXTRA));
writeFileSync(out(suffixWeightsFile), trainSuffixModel(dirname(guardData), rows));
console.log(`wrote ${out(suffixWeightsFile)}`);
const round3 = (value: number) => Math.round(value * 1000) / 1000;
for (const task of guardTasks) {
  const path = shippedWeightsPath(taskWeightFiles[task]);
  const json = readFileSync(path, 'utf8');
  const model = parseLinearModel(json, path);
  const point = chooseThreshold(
    task,
    model,
    taskRowsFor(task, rows).filter((row) => row.split === 'validation'),
  );
  const data = JSON.parse(json) as { metadata: Record<string, unknown> };
  const before = data.metadata.operatingThreshold;
  if (before === point.threshold && !String(data.metadata.operatingPoint).includes('signals')) {
    console.log(`${task}: threshold ${before} unchanged`);
    continue;
  }
  data.metadata.operatingThreshold = point.threshold;
  // The same text `gantry guard train` writes, so that retraining gives byte-identical files.
  data.metadata.operatingPoint = `validation split (groups never in training), false-positive target ${validationFalsePositiveTargets[task]}`;
  data.metadata.validation = {
    recall: round3(point.recall),
    falsePositiveRate: round3(point.falsePositiveRate),
    positives: point.positives,
    negatives: point.negatives,
  };
  writeFileSync(out(taskWeightFiles[task]), JSON.stringify(data));
  console.log(
    `${task}: threshold ${before} -> ${point.threshold}; validation recall ${round3(point.recall)}, FPR ${round3(point.falsePositiveRate)}`,
  );
}
