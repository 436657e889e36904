// The shipped PII tagger's weights: `gantry guard train` rebuilds them byte for byte from the datasets
// (checked where the shared datasets are beside the repository), they hold no dataset text, and the
// 16-bit table the tagger reads decodes to exactly the weights it was made from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decoderOf, serializeLinearModel } from '../src/guard/classifier/index.js';
import { datasetsIfPresent, loadPresidioSynth } from '../src/guard/datasets/index.js';
import { quantizedOf } from '../src/guard/pii/entity-tagger.js';
import { shippedEntityTagger, taggerDimension } from '../src/guard/pii/index.js';
import {
  pruningThresholds,
  shippedWeightsFolder,
  trainGuardModels,
  weightFileNames,
} from '../src/guard/training/index.js';

const datasets = datasetsIfPresent();
const shippedPath = join(shippedWeightsFolder, weightFileNames.piiTagger);

describe('shipped PII tagger weights', () => {
  it('have the tagger dimension and a 16-bit table that decodes to every weight exactly', () => {
    const model = shippedEntityTagger();
    expect(model.dimension).toBe(taggerDimension);
    const quantized = quantizedOf(model);
    expect(quantized).toBeDefined();
    const { decoded, shift } = decoderOf(quantized!);
    let differing = 0;
    for (let i = 0; i < model.weights.length; i++)
      if (!Object.is(decoded[quantized![i] + shift], model.weights[i])) differing++;
    expect(differing).toBe(0);
  });

  it.runIf(datasets)(
    'are what `gantry guard train` writes, and hold no dataset text',
    () => {
      const shipped = readFileSync(shippedPath, 'utf8');
      const { piiTagger } = trainGuardModels(datasets!, ['piiTagger']);
      expect(piiTagger).toBeDefined();
      expect(serializeLinearModel(piiTagger!, pruningThresholds.piiTagger) === shipped).toBe(true);
      // No training sentence's words: check a few long person and street spans of the records.
      const records = loadPresidioSynth(datasets!).filter((r) => r.split === 'train');
      const values = records
        .flatMap((r) => r.spans.map((s) => r.text.slice(s.start, s.end)))
        .filter((value) => value.length >= 8)
        .slice(0, 200);
      expect(values.length).toBeGreaterThan(50);
      for (const value of values) expect(shipped.includes(value), value).toBe(false);
    },
    60_000,
  );
});
