export { buildCommonWords, type EntityTaggerOptions, trainEntityTagger } from './train-entity-tagger.js';
export {
  type ModelName,
  pruningThresholds,
  shippedWeightsFolder,
  type TrainedModels,
  taggerAnswers,
  trainGuardModels,
  weightFileNames,
  writeGuardModels,
} from './train-guard-models.js';
export {
  asShipped,
  chooseThreshold,
  countsForFalsePositives,
  falsePositiveBudgets,
  fitTaskModel,
  type LabelledRow,
  type OperatingPoint,
  shippedOperatingPoint,
  taskPruningThreshold,
  taskRowsFor,
  trainTaskModel,
  validationFalsePositiveTargets,
} from './train-task-classifier.js';
export { textClassifierDimension, trainTextClassifier } from './train-text-classifier.js';
