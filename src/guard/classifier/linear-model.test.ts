import { describe, expect, it } from 'vitest';
import { GantryError } from '../../errors/index.js';
import { shippedInjectionModel, shippedToxicityModel } from '../scanners/index.js';
import { parseLinearModel, predictProbabilities, serializeLinearModel } from './linear-model.js';
import { textFeatures } from './text-features.js';
import { trainLinearModel } from './train-linear-model.js';

describe('linear model', () => {
  const rows: [string, 0 | 1][] = [
    ['the cat sat on the mat', 0],
    ['a dog slept in the sun', 0],
    ['birds sing in the morning', 0],
    ['buy cheap pills now', 1],
    ['cheap pills, buy today', 1],
    ['win money now, buy', 1],
  ];
  const dimension = 1 << 12;
  const examples = rows.map(([text, label]) => ({ features: textFeatures(text, dimension), label }));

  it('learns a separable toy problem and survives a serialise/parse round trip', () => {
    const model = trainLinearModel(examples, {
      name: 'toy',
      classes: ['ham', 'spam'],
      dimension,
      epochs: 20,
    });
    const spam = predictProbabilities(model, textFeatures('buy pills now', dimension))[1];
    const ham = predictProbabilities(model, textFeatures('the cat in the sun', dimension))[1];
    expect(spam).toBeGreaterThan(0.5);
    expect(ham).toBeLessThan(0.5);
    const restored = parseLinearModel(serializeLinearModel(model, 0), 'memory');
    expect(predictProbabilities(restored, textFeatures('buy pills now', dimension))[1]).toBeCloseTo(spam, 2);
  });

  it('rejects malformed weights with GUARD_WEIGHTS_INVALID', () => {
    expect(() => parseLinearModel('{', 'x.json')).toThrow(GantryError);
    expect(() => parseLinearModel('{"format":"other"}', 'x.json')).toThrow(/gantry-linear-model/);
  });

  it('ships weights trained on the training splits only', () => {
    for (const model of [shippedInjectionModel(), shippedToxicityModel()]) {
      expect(model.classes).toHaveLength(2);
      expect(String(model.metadata.split)).toMatch(/held out|validation/);
    }
  });
});
