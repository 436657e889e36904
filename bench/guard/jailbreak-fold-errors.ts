// Leave-one-source-out view of the jailbreak task, row by row: for each source, the fold model (trained
// on every other source's training split, threshold on their validation split, as `gantry guard eval`
// does) scores the left-out source; prints the per-source figures and the flagged benign rows (missed
// attack rows with --missed) with their evidence. Fold models depend only on the training rows and the
// features, not on the signals, so they are cached (FOLD_CACHE=<folder>, keyed by source and FOLD_TAG):
// a change of signals rescored in seconds. Never reads the test split for a choice.
// Usage: FOLD_CACHE=/tmp/folds GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/jailbreak-fold-errors.ts [--missed] [--keep-goals] [source ...]
// (use a new FOLD_TAG, or an empty FOLD_CACHE, after changing training rows or features).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LinearModel } from '../../src/guard/classifier/index.js';
import { type GroupedRow, groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { scorePromptTasks } from '../../src/guard/scanners/index.js';
import {
  chooseThreshold,
  countsForFalsePositives,
  fitTaskModel,
  taskRowsFor,
} from '../../src/guard/training/train-task-classifier.js';

const task = 'jailbreak';
const args = process.argv.slice(2);
const showMissed = args.includes('--missed');
const only = args.filter((a) => !a.startsWith('--'));
const cache = process.env.FOLD_CACHE;
const tag = process.env.FOLD_TAG ?? 'base';
// --keep-goals: train on JailbreakBench's GCG/JBC prompts with their goals (no TaskRow.trainingText).
const keepGoals = args.includes('--keep-goals');
const rows: GroupedRow[] = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA)).map(
  (row) => (keepGoals ? { ...row, trainingText: undefined } : row),
);
const labelled = taskRowsFor(task, rows);
const evaluated = labelled.filter((row) => row.label === 1 || countsForFalsePositives(row));
const sources = [...new Set(evaluated.map((row) => row.source))].sort();

function foldModel(source: string): LinearModel {
  const path = cache ? join(cache, `${tag}${keepGoals ? '-keep-goals' : ''}-${source}.json`) : undefined;
  if (path && existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    return { ...saved, bias: Float64Array.from(saved.bias), weights: Float64Array.from(saved.weights) };
  }
  const train = labelled.filter((row) => row.source !== source && row.split === 'train');
  const model = fitTaskModel(task, train);
  if (path) {
    mkdirSync(cache as string, { recursive: true });
    writeFileSync(path, JSON.stringify({ ...model, bias: [...model.bias], weights: [...model.weights] }));
  }
  return model;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const summary: string[] = [];
const means = { positive: [] as number[], negative: [] as number[] };
for (const source of sources) {
  if (only.length && !only.includes(source)) continue;
  const model = foldModel(source);
  const others = labelled.filter((row) => row.source !== source);
  const point = chooseThreshold(
    task,
    model,
    others.filter((row) => row.split === 'validation'),
  );
  const part = evaluated.filter((row) => row.source === source);
  const role = part[0].label === 1 ? 'positive' : 'negative';
  let flagged = 0;
  let flaggedUnique = 0;
  let unique = 0;
  const shown: string[] = [];
  for (const row of part) {
    const scores = scorePromptTasks(row.text, { models: { [task]: model } })[task];
    const hit = scores.score >= point.threshold;
    if (hit) flagged++;
    if (row.representative) {
      unique++;
      if (hit) flaggedUnique++;
    }
    if ((role === 'negative' && hit) || (role === 'positive' && !hit && showMissed)) {
      const evidence = scores.evidence
        .filter((e) => e.score >= 0.05)
        .map((e) => `${e.kind}:${e.view}=${e.score.toFixed(3)}`)
        .join(' ');
      shown.push(
        `  ${scores.score.toFixed(3)} [${row.kind}] ${evidence}\n    ${row.text.replace(/\s+/g, ' ').slice(0, 300)}`,
      );
    }
  }
  const line = `${source} ${role} rows ${part.length}: ${pct(flagged / part.length)} / ${pct(flaggedUnique / (unique || 1))} @ ${point.threshold} (val recall ${pct(point.recall)})`;
  means[role].push(flaggedUnique / (unique || 1));
  summary.push(line);
  console.log(line);
  for (const s of shown) console.log(s);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
console.log('\n--- summary ---');
for (const line of summary) console.log(line);
console.log(`mean recall ${pct(mean(means.positive))}  mean benign FPR ${pct(mean(means.negative))}`);
