export { buildCommonWords, trainEntityTagger } from './train-entity-tagger.js';
export {
  type ModelName,
  pruningThresholds,
  shippedWeightsFolder,
  type TrainedModels,
  trainGuardModels,
  weightFileNames,
  writeGuardModels,
} from './train-guard-models.js';
export { textClassifierDimension, trainTextClassifier } from './train-text-classifier.js';
