// Held-out figures for the prompt tasks (injection, jailbreak, harmful request):
// - test split (groups never seen in training or threshold choice) at the shipped threshold, per source,
//   counting every row ("with near-duplicates") and one row per near-duplicate group ("without");
// - leave-one-source-out: for each source, a model trained on every other source (training split), its
//   threshold chosen on the other sources' validation split, scored on all of the left-out source: recall
//   for a source of positives, false-positive rate for a source of negatives.
import type { LinearModel } from '../classifier/index.js';
import type { GroupedRow, GuardTask } from '../datasets/index.js';
import { operatingThreshold, taskScore } from '../scanners/index.js';
import {
  chooseThreshold,
  countsForFalsePositives,
  falsePositiveBudgets,
  fitTaskModel,
  type LabelledRow,
  taskRowsFor,
} from '../training/train-task-classifier.js';
import { rocAuc } from './binary-metrics.js';

export interface SourceFigure {
  source: string;
  /** positive: the figure is recall; negative: the figure is the false-positive rate. */
  role: 'positive' | 'negative';
  rows: number;
  groups: number;
  /** Share flagged at the threshold, every row counted. */
  flagged: number;
  /** Share flagged, one row per near-duplicate group. */
  flaggedUnique: number;
  threshold: number;
}

export interface TaskEvalReport {
  task: GuardTask;
  threshold: number;
  budget: number;
  validation: unknown;
  test: {
    positives: number;
    negatives: number;
    recall: number;
    falsePositiveRate: number;
    recallUnique: number;
    falsePositiveRateUnique: number;
    rocAuc: number;
  };
  testBySource: SourceFigure[];
  /**
   * Evaluation-only sources (never trained on, never used for a threshold): every row at the shipped
   * threshold. Not in the leave-one-source-out mean; `jbb-goals` may overlap AdvBench/HarmBench.
   */
  evaluationOnly: SourceFigure[];
  leaveOneSourceOut: SourceFigure[];
  /** Leave-one-source-out, pooled: mean recall over positive sources, mean FPR over negative sources. */
  leaveOneSourceOutMean?: { recall: number; falsePositiveRate: number };
}

function share(values: readonly boolean[]): number {
  return values.length ? values.filter(Boolean).length / values.length : Number.NaN;
}

/** Each source's share flagged at `threshold` (recall for positives, FPR for negatives), per label. */
export function figuresBySource(
  rows: readonly LabelledRow[],
  score: (text: string) => number,
  threshold: number,
): SourceFigure[] {
  const bySource = new Map<string, LabelledRow[]>();
  for (const row of rows) {
    const key = `${row.source}\u0000${row.label}`;
    const list = bySource.get(key);
    if (list) list.push(row);
    else bySource.set(key, [row]);
  }
  const figures: SourceFigure[] = [];
  for (const [key, list] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
    const flags = list.map((row) => score(row.text) >= threshold);
    figures.push({
      source: key.split('\u0000')[0],
      role: list[0].label === 1 ? 'positive' : 'negative',
      rows: list.length,
      groups: new Set(list.map((row) => row.group)).size,
      flagged: share(flags),
      flaggedUnique: share(flags.filter((_, i) => list[i].representative)),
      threshold,
    });
  }
  return figures;
}

export interface TaskEvalOptions {
  /** Run the leave-one-source-out folds (one training per source; slow). Default true. */
  leaveOneSourceOut?: boolean;
  /** Epochs of the fold models (default 10, as shipped). */
  foldEpochs?: number;
}

export function evaluateTask(
  task: GuardTask,
  rows: readonly GroupedRow[],
  model: LinearModel,
  options: TaskEvalOptions = {},
): TaskEvalReport {
  const labelled = taskRowsFor(task, rows);
  const threshold = operatingThreshold(model);
  const score = (text: string) => taskScore(task, text, model);
  // Harmful requests are training negatives for injection/jailbreak, not false alarms: left out here.
  const evaluated = labelled.filter((row) => row.label === 1 || countsForFalsePositives(row));
  const test = evaluated.filter((row) => row.split === 'test');
  const scored = test.map((row) => ({ ...row, score: score(row.text) }));
  const rate = (list: typeof scored) => share(list.map((row) => row.score >= threshold));
  const positives = scored.filter((row) => row.label === 1);
  const negatives = scored.filter((row) => row.label === 0);
  const report: TaskEvalReport = {
    task,
    threshold,
    budget: falsePositiveBudgets[task],
    validation: model.metadata.validation,
    test: {
      positives: positives.length,
      negatives: negatives.length,
      recall: rate(positives),
      falsePositiveRate: rate(negatives),
      recallUnique: rate(positives.filter((row) => row.representative)),
      falsePositiveRateUnique: rate(negatives.filter((row) => row.representative)),
      rocAuc: rocAuc(scored),
    },
    testBySource: figuresBySource(test, score, threshold),
    evaluationOnly: figuresBySource(
      taskRowsFor(task, rows, true).filter((row) => row.label === 1 || countsForFalsePositives(row)),
      score,
      threshold,
    ),
    leaveOneSourceOut: [],
  };
  if (options.leaveOneSourceOut ?? true) {
    const sources = [...new Set(evaluated.map((row) => row.source))].sort();
    for (const source of sources) {
      const others = labelled.filter((row) => row.source !== source);
      const train = others.filter((row) => row.split === 'train');
      if (!train.some((row) => row.label === 1) || !train.some((row) => row.label === 0)) continue;
      const foldModel = fitTaskModel(task, train, options.foldEpochs ?? 10);
      const point = chooseThreshold(
        task,
        foldModel,
        others.filter((row) => row.split === 'validation'),
      );
      report.leaveOneSourceOut.push(
        ...figuresBySource(
          evaluated.filter((row) => row.source === source),
          (text) => taskScore(task, text, foldModel),
          point.threshold,
        ),
      );
    }
    const mean = (role: 'positive' | 'negative') => {
      const figures = report.leaveOneSourceOut.filter((f) => f.role === role);
      return figures.reduce((sum, f) => sum + f.flaggedUnique, 0) / (figures.length || 1);
    };
    report.leaveOneSourceOutMean = { recall: mean('positive'), falsePositiveRate: mean('negative') };
  }
  return report;
}

const percent = (value: number) => (Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)} %`);

export function formatTaskEval(reports: readonly TaskEvalReport[]): string {
  const lines: string[] = [];
  lines.push(
    '| Task | Threshold (validation) | Validation recall / FPR | Test pos / neg | Test recall (all rows / one per group) | Test FPR (all / one per group) | Test ROC AUC | LOSO mean recall | LOSO mean FPR |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of reports) {
    const v = r.validation as { recall?: number; falsePositiveRate?: number } | undefined;
    lines.push(
      `| ${r.task} | ${r.threshold} | ${v?.recall !== undefined ? `${percent(v.recall)} / ${percent(v.falsePositiveRate ?? Number.NaN)}` : 'n/a'} | ${r.test.positives} / ${r.test.negatives} | ${percent(r.test.recall)} / ${percent(r.test.recallUnique)} | ${percent(r.test.falsePositiveRate)} / ${percent(r.test.falsePositiveRateUnique)} | ${r.test.rocAuc.toFixed(3)} | ${r.leaveOneSourceOutMean ? percent(r.leaveOneSourceOutMean.recall) : 'n/a'} | ${r.leaveOneSourceOutMean ? percent(r.leaveOneSourceOutMean.falsePositiveRate) : 'n/a'} |`,
    );
  }
  lines.push('');
  for (const r of reports) {
    lines.push(
      `**${r.task}** per source (recall for attack sources, FPR for benign ones; budget ${percent(r.budget)}):`,
      '',
      '| Source | Role | Rows (groups) | Test split, shipped threshold: all / one per group | Left out (LOSO), fold threshold: all / one per group |',
      '| --- | --- | --- | --- | --- |',
    );
    const loso = new Map(r.leaveOneSourceOut.map((f) => [`${f.source}/${f.role}`, f]));
    const test = new Map(r.testBySource.map((f) => [`${f.source}/${f.role}`, f]));
    for (const key of [...new Set([...loso.keys(), ...test.keys()])].sort()) {
      const t = test.get(key);
      const l = loso.get(key);
      const [source, role] = key.split('/');
      lines.push(
        `| ${source} | ${role} | ${l ? `${l.rows} (${l.groups})` : t ? `${t.rows} (${t.groups}) in test` : ''} | ${t ? `${percent(t.flagged)} / ${percent(t.flaggedUnique)}` : '—'} | ${l ? `${percent(l.flagged)} / ${percent(l.flaggedUnique)} @ ${l.threshold}` : '—'} |`,
      );
    }
    if (r.evaluationOnly.length) {
      lines.push(
        '',
        `Evaluation-only sources (never trained on, never used for a threshold; all rows at the shipped threshold ${r.threshold}; jbb-goals: JailbreakBench's goals, about 44 of which come from AdvBench/HarmBench, so this figure may overlap those held-out sets):`,
        '',
        '| Source | Role | Rows (groups) | Flagged: all / one per group |',
        '| --- | --- | --- | --- |',
      );
      for (const f of r.evaluationOnly)
        lines.push(
          `| ${f.source} | ${f.role} | ${f.rows} (${f.groups}) | ${percent(f.flagged)} / ${percent(f.flaggedUnique)} |`,
        );
    }
    lines.push('');
  }
  return lines.join('\n');
}
