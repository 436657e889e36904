export { trainEntityTagger } from './train-entity-tagger.js';
export {
  type ModelName,
  shippedWeightsFolder,
  type TrainedModels,
  trainGuardModels,
  writeGuardModels,
} from './train-guard-models.js';
export { textClassifierDimension, trainTextClassifier } from './train-text-classifier.js';
