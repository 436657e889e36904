export {
  charClass,
  clearWordCountCache,
  letterClass,
  markClass,
  numberClass,
  spaceClass,
  wordCount,
} from './char-classes.js';
export { addFeature, featureHash, normalizeVector, type SparseVector } from './feature-hash.js';
export {
  createLinearModel,
  type LinearModel,
  loadLinearModel,
  parseLinearModel,
  predictProbabilities,
  serializeLinearModel,
} from './linear-model.js';
export { compactTable, type Decoder, decoderOf, shareRows, type WeightTable } from './margin-tables.js';
export { pieceBelow } from './piece-bound.js';
export { piecePositive } from './piece-features.js';
export { loadShippedModel, shippedWeightsPath } from './shipped-weights.js';
export {
  clearTextFeatureCache,
  maximumFeatureCharacters,
  predictTextPositive,
  predictTextPositives,
  textFeatures,
} from './text-features.js';
export { type TrainingExample, type TrainOptions, trainLinearModel } from './train-linear-model.js';
