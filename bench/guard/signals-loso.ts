// Before/after figures of the source-independent signals (src/guard/signals), per task, in one run:
// the shipped model and every leave-one-source-out fold model are trained once and scored twice, with
// the signals off (before) and on (after); each threshold is chosen on validation rows with the same
// scoring (never the test split, never the left-out source).
// Usage: npx tsx bench/guard/signals-loso.ts <task> [--no-loso]   (GANTRY_GUARD_EXTRA=<extra folder>)
// With SIGNALS_BASELINE=<folder holding an older src/> the "before" columns score with that tree's
// signals on (its taskScore) instead of signals off: an old-rules vs new-rules comparison on the same rows,
// the same fold models and the same threshold rule.

import type { LinearModel } from '../../src/guard/classifier/index.js';
import { type GroupedRow, type GuardTask, groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { thresholdAtFalsePositiveRate } from '../../src/guard/eval/binary-metrics.js';
import { shippedTaskModels, taskScore } from '../../src/guard/scanners/index.js';
import {
  countsForFalsePositives,
  fitTaskModel,
  type LabelledRow,
  taskRowsFor,
  validationFalsePositiveTargets,
} from '../../src/guard/training/train-task-classifier.js';

const task = process.argv[2] as GuardTask;
type Scorer = (task: GuardTask, text: string, model: LinearModel, signals?: boolean) => number;
const baselineFolder = process.env.SIGNALS_BASELINE;
const baselineScore: Scorer | undefined = baselineFolder
  ? ((await import(`${baselineFolder}/src/guard/scanners/index.ts`)) as { taskScore: Scorer }).taskScore
  : undefined;
/** "before" (signals false): signals off, or the baseline tree's signals; "after": this tree's signals. */
const score = (text: string, model: LinearModel, signals: boolean) =>
  signals
    ? taskScore(task, text, model, true)
    : baselineScore
      ? baselineScore(task, text, model, true)
      : taskScore(task, text, model, false);
const loso = !process.argv.includes('--no-loso');
const started = Date.now();
const cpu = process.cpuUsage();
const rows: GroupedRow[] = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA));
const labelled = taskRowsFor(task, rows);
const evaluated = labelled.filter((row) => row.label === 1 || countsForFalsePositives(row));

function threshold(model: LinearModel, signals: boolean, validation: readonly LabelledRow[]): number {
  const scored = validation
    .filter((row) => row.label === 1 || countsForFalsePositives(row))
    .map((row) => ({ score: score(row.text, model, signals), label: row.label }));
  const cut = thresholdAtFalsePositiveRate(scored, validationFalsePositiveTargets[task]);
  return Math.min(1, Math.max(0.05, Math.round((cut + 1e-3) * 1000) / 1000));
}

const share = (flags: boolean[]) => (flags.length ? flags.filter(Boolean).length / flags.length : Number.NaN);
const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)} %`);

function bySource(list: readonly LabelledRow[], model: LinearModel, signals: boolean, cut: number) {
  const out = new Map<string, { role: string; rows: number; flagged: number; unique: number }>();
  const keys = [...new Set(list.map((r) => `${r.source}/${r.label === 1 ? 'positive' : 'negative'}`))].sort();
  for (const key of keys) {
    const part = list.filter((r) => `${r.source}/${r.label === 1 ? 'positive' : 'negative'}` === key);
    const flags = part.map((r) => score(r.text, model, signals) >= cut);
    out.set(key, {
      role: key.split('/')[1],
      rows: part.length,
      flagged: share(flags),
      unique: share(flags.filter((_, i) => part[i].representative)),
    });
  }
  return out;
}

const model = shippedTaskModels()[task];
const validation = labelled.filter((r) => r.split === 'validation');
const test = evaluated.filter((r) => r.split === 'test');
const lines: string[] = [];
const cuts = { before: threshold(model, false, validation), after: threshold(model, true, validation) };
const testBefore = bySource(test, model, false, cuts.before);
const testAfter = bySource(test, model, true, cuts.after);
const pooled = (signals: boolean, cut: number, label: 0 | 1) =>
  share(test.filter((r) => r.label === label).map((r) => score(r.text, model, signals) >= cut));
lines.push(
  `## ${task}: shipped model, threshold on validation: before ${cuts.before}, after ${cuts.after}`,
  `test recall ${pct(pooled(false, cuts.before, 1))} -> ${pct(pooled(true, cuts.after, 1))}; test benign FPR ${pct(pooled(false, cuts.before, 0))} -> ${pct(pooled(true, cuts.after, 0))}`,
  '',
  '| Source | Role | Test before (all / one per group) | Test after | LOSO before (threshold) | LOSO after (threshold) |',
  '| --- | --- | --- | --- | --- | --- |',
);
const losoFigures = new Map<string, string[]>();
const means = {
  before: { pos: [] as number[], neg: [] as number[] },
  after: { pos: [] as number[], neg: [] as number[] },
};
if (loso) {
  for (const source of [...new Set(evaluated.map((r) => r.source))].sort()) {
    const others = labelled.filter((r) => r.source !== source);
    const train = others.filter((r) => r.split === 'train');
    if (!train.some((r) => r.label === 1) || !train.some((r) => r.label === 0)) continue;
    const fold = fitTaskModel(task, train, 10);
    const foldValidation = others.filter((r) => r.split === 'validation');
    const left = evaluated.filter((r) => r.source === source);
    for (const signals of [false, true]) {
      const cut = threshold(fold, signals, foldValidation);
      for (const [key, f] of bySource(left, fold, signals, cut)) {
        const list = losoFigures.get(key) ?? [];
        list.push(`${pct(f.flagged)} / ${pct(f.unique)} @ ${cut}`);
        losoFigures.set(key, list);
        const m = signals ? means.after : means.before;
        (f.role === 'positive' ? m.pos : m.neg).push(f.unique);
      }
    }
    console.error(`${task}: fold ${source} done at ${Math.round((Date.now() - started) / 1000)} s`);
  }
}
for (const key of [...new Set([...testBefore.keys(), ...losoFigures.keys()])].sort()) {
  const [source, role] = key.split('/');
  const b = testBefore.get(key);
  const a = testAfter.get(key);
  const l = losoFigures.get(key) ?? ['—', '—'];
  lines.push(
    `| ${source} | ${role} | ${b ? `${pct(b.flagged)} / ${pct(b.unique)}` : '—'} | ${a ? `${pct(a.flagged)} / ${pct(a.unique)}` : '—'} | ${l[0]} | ${l[1]} |`,
  );
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
if (loso)
  lines.push(
    '',
    `LOSO mean recall ${pct(mean(means.before.pos))} -> ${pct(mean(means.after.pos))}; LOSO mean benign FPR ${pct(mean(means.before.neg))} -> ${pct(mean(means.after.neg))}`,
  );
const used = process.cpuUsage(cpu);
lines.push(
  `wall ${Math.round((Date.now() - started) / 1000)} s, CPU ${Math.round((used.user + used.system) / 1e6)} s`,
);
console.log(lines.join('\n'));
