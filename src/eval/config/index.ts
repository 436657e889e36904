export { type BuildEvalOptions, type BuiltEval, buildEval } from './build-eval.js';
export { createScorer, type ScorerModels, scorerNames } from './create-scorer.js';
export {
  type EvalFile,
  type EvalFileScorer,
  evalFileSchema,
  parseEvalFile,
  readEvalFile,
} from './eval-file.js';
export { type DatasetColumns, loadDataset, parseDataset, rowsToExamples } from './load-dataset.js';
export { loadResearchTasks } from './load-research-tasks.js';
export { parseCsv } from './parse-csv.js';
export { renderTemplate } from './render-template.js';
