// Toxicity (hate or offensive language) from the classifier trained on Davidson et al.'s tweets.
import {
  type LinearModel,
  loadLinearModel,
  predictProbabilities,
  textFeatures,
} from '../classifier/index.js';
import { resultOf, type Scanner } from '../types.js';

let shipped: LinearModel | undefined;

export function shippedToxicityModel(): LinearModel {
  shipped ??= loadLinearModel(new URL('../weights/toxicity.json', import.meta.url));
  return shipped;
}

export function toxicityScore(text: string, model: LinearModel = shippedToxicityModel()): number {
  return predictProbabilities(model, textFeatures(text.normalize('NFKC'), model.dimension))[1];
}

export function toxicityScanner(options: { threshold?: number; model?: LinearModel } = {}): Scanner {
  const { threshold = 0.5 } = options;
  const model = options.model ?? shippedToxicityModel();
  return (text) => {
    const score = toxicityScore(text, model);
    return resultOf(score >= threshold ? [{ scanner: 'toxicity', type: 'toxic', score }] : []);
  };
}
