// The acceptance numbers as a regression gate, on the held-out splits. Skipped when the shared
// datasets are not beside the repository (set GANTRY_GUARD_DATASETS to run it elsewhere).
import { describe, expect, it } from 'vitest';
import { locateDatasets, runGuardEval } from '../src/guard/index.js';

let datasets: string | undefined;
try {
  datasets = locateDatasets();
} catch {
  datasets = undefined;
}

describe.skipIf(!datasets)('guard evaluation on held-out public data', () => {
  it('injection/jailbreak recall ≥ 90 % at ≤ 3 % FPR, toxicity AUC ≥ 0.95, PII F2 ≥ 0.85', () => {
    const report = runGuardEval(datasets!, { only: ['injection', 'toxicity', 'pii'] });
    const combined = report.detectors.find((d) => d.name === 'injection (heuristics + classifier)')!;
    expect(combined.metrics.recallAt3PercentFpr).toBeGreaterThanOrEqual(0.9);
    const jailbreak = report.detectors.find((d) => d.name === 'jailbreak')!;
    expect(jailbreak.metrics.recallAt3PercentFpr).toBeGreaterThanOrEqual(0.9);
    const toxicity = report.detectors.find((d) => d.name === 'toxicity')!;
    expect(toxicity.metrics.rocAuc).toBeGreaterThanOrEqual(0.95);
    expect(report.pii.overall.f2).toBeGreaterThanOrEqual(0.85);
  });
});

describe.skipIf(!datasets)('shipped weights', () => {
  it('are exactly what the training script produces (deterministic, training splits only)', async () => {
    const { readFileSync } = await import('node:fs');
    const guard = await import('../src/guard/index.js');
    // The tagger trains in about a second; the text classifiers take 10–20 s on a loaded machine, so
    // they are checked with `gantry guard train --out <dir>` and cmp instead (see docs/guard.md).
    const trained = guard.trainGuardModels(datasets!, ['piiTagger']);
    for (const name of ['piiTagger'] as const) {
      const shipped = readFileSync(guard.shippedWeightsPath(guard.weightFileNames[name]), 'utf8');
      expect(
        guard.serializeLinearModel(trained[name]!, guard.pruningThresholds[name]) === shipped,
        name,
      ).toBe(true);
    }
  });
});
