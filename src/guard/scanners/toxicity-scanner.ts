// Toxicity (hate or offensive language) from the classifier trained on Davidson et al.'s tweets.
import {
  type LinearModel,
  loadShippedModel,
  predictProbabilities,
  textFeatures,
} from '../classifier/index.js';
import { normalizeText } from '../normalize/index.js';
import { resultOf, type Scanner } from '../types.js';

export function shippedToxicityModel(): LinearModel {
  return loadShippedModel('toxicity.json');
}

export function toxicityScore(text: string, model: LinearModel = shippedToxicityModel()): number {
  // Normalised like the training text, so that zero-width splits and look-alike letters do not hide insults.
  return predictProbabilities(model, textFeatures(normalizeText(text).text, model.dimension))[1];
}

export function toxicityScanner(options: { threshold?: number; model?: LinearModel } = {}): Scanner {
  const { threshold = 0.5 } = options;
  const model = options.model ?? shippedToxicityModel();
  return (text) => {
    const score = toxicityScore(text, model);
    return resultOf(score >= threshold ? [{ scanner: 'toxicity', type: 'toxic', score }] : []);
  };
}
