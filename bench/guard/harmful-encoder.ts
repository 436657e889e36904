// The harmful-request model with and without a sentence encoder (Universal Sentence Encoder lite, 512-d,
// through `@energetic-ai/embeddings`; embeddings cached by sentence-embedding-cache.ts), side by side in one
// run. Each variant is trained on the training split, its threshold chosen on the validation split at the
// harmful target (3.5 % FPR, chooseThreshold's rounding), and evaluated on the test split,
// leave-one-source-out (every fold retrains the n-gram model and the heads without the left-out source and
// re-chooses every threshold on the other sources' validation rows) and the evaluation-only sources.
// Variants (fixed before the run, none tuned on a left-out figure):
//   base      today's score (n-gram model + heuristics + signals, taskScore)
//   enc       a logistic head on the 512-d embedding alone
//   sum@w     log-odds of base + w × log-odds of enc
//   stack     a logistic head on [embedding, base log-odds] (trained on the training split)
//   proto     a logistic head on the 13 similarities to the hazard categories' sentences (hazard-prototypes.ts)
//   sum+proto@0.5  log-odds of base + 0.5 × log-odds of proto
//   knn       the balanced harmful share of the 25 nearest training rows by cosine (smoothed)
//   sum+knn@0.5  log-odds of base + 0.5 × log-odds of knn
//   stack-cf  a logistic head on [embedding, base log-odds, harmful signal and heuristic scores] whose
//             training-row log-odds come from five out-of-fold n-gram models (slow; only with --only)
//   maxsim    zero-shot: the highest similarity to any hazard sentence, no training
// `--sweep` compares head settings on the validation split only; `--head <l2>,<epochs>,<scale>` sets them.
// Usage: GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/harmful-encoder.ts [--no-loso] [--json <file>]
import { writeFileSync } from 'node:fs';
import {
  type LinearModel,
  loadShippedModel,
  predictProbabilities,
  type SparseVector,
  trainLinearModel,
} from '../../src/guard/classifier/index.js';
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { rocAuc, thresholdAtFalsePositiveRate } from '../../src/guard/eval/binary-metrics.js';
import { figuresBySource, type SourceFigure } from '../../src/guard/eval/task-eval.js';
import { operatingThreshold, scorePromptTasks, taskScore } from '../../src/guard/scanners/index.js';
import {
  countsForFalsePositives,
  fitTaskModel,
  type LabelledRow,
  taskRowsFor,
  validationFalsePositiveTargets,
} from '../../src/guard/training/train-task-classifier.js';
import { cosineSimilarity } from '../../src/rag/fusion/index.js';
import { hazardPrototypes } from './hazard-prototypes.js';
import { embeddingDimensions, openEmbeddingCache } from './sentence-embedding-cache.js';

const option = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const loso = !process.argv.includes('--no-loso');
const rows = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA));
const labelled = taskRowsFor('harmful', rows);
const evaluationOnly = taskRowsFor('harmful', rows, true).filter(
  (row) => row.label === 1 || countsForFalsePositives(row),
);
const cache = openEmbeddingCache();
const prototypeTexts = Object.values(hazardPrototypes);
await cache.fill([
  ...[...labelled, ...evaluationOnly].flatMap((r) => [r.text, ...(r.trainingText ? [r.trainingText] : [])]),
  ...prototypeTexts.flat(),
]);
const prototypeVectors = prototypeTexts.map((list) => list.map((text) => cache.of(text)));
/** Per hazard category, the text's highest cosine similarity to the category's sentences. */
const similarityMemo = new Map<string, number[]>();
function hazardSimilarities(text: string): number[] {
  let out = similarityMemo.get(text);
  if (!out) {
    const vector = cache.of(text);
    out = prototypeVectors.map((list) => Math.max(...list.map((p) => cosineSimilarity(vector, p))));
    similarityMemo.set(text, out);
  }
  return out;
}

/**
 * The head's settings: embedding components are about ±0.05 (unit-length vectors), scaled by `scale`;
 * `--head <l2>,<epochs>,<scale>` (default 1e-5,10,20: the task models' l2 and epochs).
 */
const [headL2, headEpochs, embeddingScale] = (option('--head') ?? '1e-5,10,20').split(',').map(Number);
const clip = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));
const logit = (p: number) => Math.log(clip(p) / (1 - clip(p)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function embeddingFeatures(text: string, extra: number[] = []): SparseVector {
  const vector = cache.of(text);
  const features: SparseVector = new Map();
  for (let j = 0; j < embeddingDimensions; j++) features.set(j, vector[j] * embeddingScale);
  for (const [i, value] of extra.entries()) features.set(embeddingDimensions + i, value);
  return features;
}

/** A balanced logistic head, trained as the task models are (AdaGrad SGD, 10 epochs, seed 1). */
function fitHead(
  train: readonly LabelledRow[],
  extra?: (row: LabelledRow) => number[],
  onlyExtra = false,
): LinearModel {
  const positives = train.filter((r) => r.label === 1).length;
  const negatives = train.length - positives;
  return trainLinearModel(
    train.map((row) => ({
      features: onlyExtra
        ? new Map((extra?.(row) ?? []).map((value, i) => [i, value]))
        : embeddingFeatures(row.trainingText ?? row.text, extra?.(row)),
      label: row.label,
      weight: row.label === 1 ? train.length / (2 * positives) : train.length / (2 * negatives),
    })),
    {
      name: 'harmful-encoder',
      classes: ['benign', 'harmful'],
      dimension: onlyExtra ? prototypeTexts.length : embeddingDimensions + (extra ? 3 : 0),
      epochs: headEpochs,
      learningRate: 0.1,
      l2: headL2,
    },
  );
}

type Scorer = (text: string) => number;
const variants = [
  'base',
  'enc',
  'sum@0.5',
  'sum@1',
  'stack',
  'proto',
  'sum+proto@0.5',
  'maxsim',
  'knn',
  'sum+knn@0.5',
  'stack-cf',
] as const;

/** Nearest neighbours by cosine among the training rows: the balanced harmful share of the 25 nearest, smoothed. */
function fitNeighbours(train: readonly LabelledRow[], k = 25): Scorer {
  const unit = (text: string) => {
    const v = cache.of(text);
    let norm = 0;
    for (const x of v) norm += x * x;
    return Float32Array.from(v, (x) => x / Math.sqrt(norm || 1));
  };
  const vectors = train.map((row) => unit(row.trainingText ?? row.text));
  const positives = train.filter((r) => r.label === 1).length;
  const weights = train.map((r) =>
    r.label === 1 ? train.length / (2 * positives) : train.length / (2 * (train.length - positives)),
  );
  const memo = new Map<string, number>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const q = unit(text);
    const best: { sim: number; i: number }[] = [];
    for (let i = 0; i < vectors.length; i++) {
      const v = vectors[i];
      let dot = 0;
      for (let j = 0; j < embeddingDimensions; j++) dot += q[j] * v[j];
      if (best.length < k || dot > best[best.length - 1].sim) {
        let at = best.length < k ? best.length : best.length - 1;
        if (best.length < k) best.push({ sim: dot, i });
        while (at > 0 && best[at - 1].sim < dot) {
          best[at] = best[at - 1];
          at--;
        }
        best[at] = { sim: dot, i };
      }
    }
    let harmful = 0;
    let total = 0;
    for (const { i } of best) {
      total += weights[i];
      if (train[i].label === 1) harmful += weights[i];
    }
    const score = (harmful + 0.5) / (total + 1);
    memo.set(text, score);
    return score;
  };
}
type Variant = (typeof variants)[number];
/** `--only base,stack-cf`: the variants to report (default: all but the slow stack-cf). */
const chosen = (option('--only')?.split(',') ?? variants.filter((v) => v !== 'stack-cf')) as Variant[];
for (const v of chosen)
  if (!variants.includes(v)) throw new Error(`Unknown variant ${v}: ${variants.join(', ')}`);

/** The harmful task's signal and heuristic evidence (independent of the n-gram model): their highest scores. */
function harmfulEvidence(text: string): number[] {
  const evidence = scorePromptTasks(text, { heuristicsOnly: true }).harmful.evidence;
  const top = (kind: string) => Math.max(0, ...evidence.filter((e) => e.kind === kind).map((e) => e.score));
  return [top('signal'), top('heuristic')];
}

/**
 * Out-of-fold shipped-score log-odds for the training rows: five n-gram models, each trained without one
 * fifth of the groups (by group hash), score that fifth; so a stack does not learn from in-sample scores.
 */
function crossFittedLogits(train: readonly LabelledRow[]): Map<LabelledRow, number> {
  const part = (group: string) => {
    let h = 2166136261;
    for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
    return (h >>> 0) % 5;
  };
  const out = new Map<LabelledRow, number>();
  for (let k = 0; k < 5; k++) {
    const model = fitTaskModel(
      'harmful',
      train.filter((r) => part(r.group) !== k),
      10,
    );
    for (const row of train.filter((r) => part(r.group) === k))
      out.set(row, logit(taskScore('harmful', row.trainingText ?? row.text, model)));
  }
  return out;
}

/** The variants' scorers for one n-gram model and the rows its heads train on. */
function scorers(model: LinearModel, train: readonly LabelledRow[]): Record<Variant, Scorer> {
  const memo = new Map<string, number>();
  const base: Scorer = (text) => {
    let score = memo.get(text);
    if (score === undefined) {
      score = taskScore('harmful', text, model);
      memo.set(text, score);
    }
    return score;
  };
  const head = fitHead(train);
  const enc: Scorer = (text) => predictProbabilities(head, embeddingFeatures(text))[1];
  const stackHead = fitHead(train, (row) => [logit(base(row.trainingText ?? row.text)) / 4]);
  const protoFeatures = (text: string) => hazardSimilarities(text).map((x) => x * 5);
  const protoHead = fitHead(train, (row) => protoFeatures(row.trainingText ?? row.text), true);
  const proto: Scorer = (text) =>
    predictProbabilities(protoHead, new Map(protoFeatures(text).map((value, i) => [i, value])))[1];
  const knn = fitNeighbours(train);
  let crossFitted: LinearModel | undefined;
  const stackFeatures = (text: string, baseLogit: number) =>
    embeddingFeatures(text, [baseLogit / 4, ...harmfulEvidence(text).map((x) => x * 2)]);
  const stackCf: Scorer = (text) => {
    if (!crossFitted) {
      const logits = crossFittedLogits(train);
      crossFitted = fitHead(train, (row) => [
        (logits.get(row) ?? 0) / 4,
        ...harmfulEvidence(row.trainingText ?? row.text).map((x) => x * 2),
      ]);
    }
    return predictProbabilities(crossFitted, stackFeatures(text, logit(base(text))))[1];
  };
  return {
    'stack-cf': stackCf,
    base,
    enc,
    knn,
    'sum+knn@0.5': (text) => sigmoid(logit(base(text)) + 0.5 * logit(knn(text))),
    proto,
    'sum+proto@0.5': (text) => sigmoid(logit(base(text)) + 0.5 * logit(proto(text))),
    // Zero-shot: the highest similarity to any hazard category, mapped into 0..1 (no training).
    maxsim: (text) => (1 + Math.max(...hazardSimilarities(text))) / 2,
    'sum@0.5': (text) => sigmoid(logit(base(text)) + 0.5 * logit(enc(text))),
    'sum@1': (text) => sigmoid(logit(base(text)) + logit(enc(text))),
    stack: (text) => predictProbabilities(stackHead, embeddingFeatures(text, [logit(base(text)) / 4]))[1],
  };
}

/** chooseThreshold's rule on any scorer: validation positives and benign negatives, target FPR 3.5 %. */
function threshold(score: Scorer, validation: readonly LabelledRow[]) {
  const scored = validation
    .filter((row) => row.label === 1 || countsForFalsePositives(row))
    .map((row) => ({ score: score(row.trainingText ?? row.text), label: row.label }));
  const cut = thresholdAtFalsePositiveRate(scored, validationFalsePositiveTargets.harmful);
  const t = Math.min(1, Math.max(0.05, Math.round((cut + 1e-3) * 1000) / 1000));
  const pos = scored.filter((s) => s.label === 1);
  const neg = scored.filter((s) => s.label === 0);
  return {
    threshold: t,
    recall: pos.filter((s) => s.score >= t).length / pos.length,
    falsePositiveRate: neg.filter((s) => s.score >= t).length / neg.length,
  };
}

type Figure = SourceFigure;
const figures = figuresBySource;
const share = (flags: boolean[]) => (flags.length ? flags.filter(Boolean).length / flags.length : Number.NaN);

if (process.argv.includes('--sweep')) {
  // Head settings compared on the validation split only (never a left-out or test figure).
  const train = labelled.filter((r) => r.split === 'train');
  const validationRows = labelled.filter((r) => r.split === 'validation');
  const model = loadShippedModel('harmful.json');
  const base = (text: string) => taskScore('harmful', text, model);
  // `--settings` lists them separated by `;`: `1e-2,10,5;1e-3,10,2`.
  const settings =
    option('--settings') ??
    '1e-5,10,20;1e-4,10,20;1e-3,10,20;1e-2,10,20;1e-5,3,20;1e-5,10,5;1e-3,10,5;1e-5,30,20;1e-2,10,5;1e-1,10,5;1e-2,10,2;1e-3,10,2;3e-2,10,5';
  for (const setting of settings.split(';')) {
    const [l2, epochs, scale] = setting.split(',').map(Number);
    const positives = train.filter((r) => r.label === 1).length;
    const features = (text: string) => {
      const v = cache.of(text);
      const f: SparseVector = new Map();
      for (let j = 0; j < embeddingDimensions; j++) f.set(j, v[j] * scale);
      return f;
    };
    const head = trainLinearModel(
      train.map((row) => ({
        features: features(row.trainingText ?? row.text),
        label: row.label,
        weight:
          row.label === 1 ? train.length / (2 * positives) : train.length / (2 * (train.length - positives)),
      })),
      {
        name: 'h',
        classes: ['benign', 'harmful'],
        dimension: embeddingDimensions,
        epochs,
        learningRate: 0.1,
        l2,
      },
    );
    const enc = (text: string) => predictProbabilities(head, features(text))[1];
    const sum = (text: string) => sigmoid(logit(base(text)) + 0.5 * logit(enc(text)));
    const counted = validationRows.filter((r) => r.label === 1 || countsForFalsePositives(r));
    const auc = (s: Scorer) =>
      rocAuc(counted.map((r) => ({ score: s(r.trainingText ?? r.text), label: r.label }))).toFixed(3);
    const e = threshold(enc, validationRows);
    const m = threshold(sum, validationRows);
    console.log(
      `head ${setting}: enc AUC ${auc(enc)} recall ${(e.recall * 100).toFixed(1)} @ ${e.threshold}; sum@0.5 AUC ${auc(sum)} recall ${(m.recall * 100).toFixed(1)} @ ${m.threshold}`,
    );
  }
  process.exit(0);
}

const started = performance.now();
const evaluated = labelled.filter((row) => row.label === 1 || countsForFalsePositives(row));
const shipped = loadShippedModel('harmful.json');
const full = scorers(
  shipped,
  labelled.filter((r) => r.split === 'train'),
);
const validation = labelled.filter((r) => r.split === 'validation');
const test = evaluated.filter((r) => r.split === 'test');
const report: Record<string, unknown>[] = [];
for (const variant of chosen) {
  const point = threshold(full[variant], validation);
  const scored = test.map((row) => ({ score: full[variant](row.text), label: row.label, row }));
  const rate = (list: typeof scored) => share(list.map((s) => s.score >= point.threshold));
  report.push({
    variant,
    point,
    test: {
      recall: rate(scored.filter((s) => s.label === 1)),
      falsePositiveRate: rate(scored.filter((s) => s.label === 0)),
      rocAuc: rocAuc(scored),
    },
    evaluationOnly: figures(evaluationOnly, full[variant], point.threshold),
    leaveOneSourceOut: [] as (Figure & { threshold: number })[],
  });
}
console.log(
  `shipped threshold ${operatingThreshold(shipped)}; base re-chosen ${(report[0].point as { threshold: number }).threshold}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
if (loso) {
  for (const source of [...new Set(evaluated.map((r) => r.source))].sort()) {
    const others = labelled.filter((r) => r.source !== source);
    const train = others.filter((r) => r.split === 'train');
    if (!train.some((r) => r.label === 1) || !train.some((r) => r.label === 0)) continue;
    const fold = scorers(fitTaskModel('harmful', train, 10), train);
    const foldValidation = others.filter((r) => r.split === 'validation');
    const left = evaluated.filter((r) => r.source === source);
    if (process.argv.includes('--diagnose') && left.some((r) => r.label === 1)) {
      // Threshold-free: the left-out positives (one per group) ranked against the other sources' benign
      // validation rows, and against JBB's benign behaviours (in this fold's training split or not).
      const negatives = foldValidation.filter(countsForFalsePositives);
      const jbb = labelled.filter((r) => r.source === 'jbb-benign' && r.representative);
      const pos = left.filter((r) => r.label === 1 && r.representative);
      const auc = (score: Scorer, neg: readonly LabelledRow[]) =>
        rocAuc([
          ...pos.map((r) => ({ score: score(r.text), label: 1 as const })),
          ...neg.map((r) => ({ score: score(r.trainingText ?? r.text), label: 0 as const })),
        ]).toFixed(3);
      console.log(
        `diagnose ${source}: ROC AUC vs validation benign / vs jbb-benign: ${chosen.map((v) => `${v} ${auc(fold[v], negatives)} / ${auc(fold[v], jbb)}`).join('; ')}`,
      );
    }
    chosen.forEach((variant, v) => {
      const t = threshold(fold[variant], foldValidation).threshold;
      (report[v].leaveOneSourceOut as (Figure & { threshold: number })[]).push(
        ...figures(left, fold[variant], t).map((f) => ({ ...f, threshold: t })),
      );
    });
    console.log(`fold ${source}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : (x * 100).toFixed(1));
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const out = [line(['harmful', ...chosen]), line(['---', ...chosen.map(() => '---')])];
type Point = { threshold: number; recall: number; falsePositiveRate: number };
type Test = { recall: number; falsePositiveRate: number; rocAuc: number };
out.push(
  line([
    'Threshold; validation recall / FPR',
    ...report.map((r) => {
      const p = r.point as Point;
      return `${p.threshold}; ${pct(p.recall)} / ${pct(p.falsePositiveRate)}`;
    }),
  ]),
  line([
    'Test split recall / FPR (all rows)',
    ...report.map((r) => `${pct((r.test as Test).recall)} / ${pct((r.test as Test).falsePositiveRate)}`),
  ]),
  line(['Test ROC AUC', ...report.map((r) => (r.test as Test).rocAuc.toFixed(3))]),
);
const keyOf = (f: Figure) => `${f.source}/${f.role}`;
const find = (list: unknown, key: string) => (list as Figure[]).find((f) => keyOf(f) === key);
for (const key of [...new Set((report[0].leaveOneSourceOut as Figure[]).map(keyOf))].sort())
  out.push(
    line([
      `${key} LO (one per group)`,
      ...report.map((r) => pct(find(r.leaveOneSourceOut, key)?.flaggedUnique)),
    ]),
  );
for (const key of [...new Set((report[0].evaluationOnly as Figure[]).map(keyOf))].sort())
  out.push(
    line([
      `${key} (evaluation only, all rows)`,
      ...report.map((r) => pct(find(r.evaluationOnly, key)?.flagged)),
    ]),
  );
if (loso) {
  const mean = (r: Record<string, unknown>, role: string) => {
    const fs = (r.leaveOneSourceOut as Figure[]).filter((f) => f.role === role);
    return fs.reduce((s, f) => s + f.flaggedUnique, 0) / (fs.length || 1);
  };
  out.push(
    line([
      'LOSO mean recall / mean benign FPR',
      ...report.map((r) => `${pct(mean(r, 'positive'))} / ${pct(mean(r, 'negative'))}`),
    ]),
  );
}
console.log(out.join('\n'));
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
const jsonPath = option('--json');
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(report, null, 2));
