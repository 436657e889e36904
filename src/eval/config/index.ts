export {
  type EvalFile,
  type EvalFileScorer,
  evalFileSchema,
  parseEvalFile,
  readEvalFile,
} from './eval-file.js';
export { type DatasetColumns, loadDataset, parseDataset, rowsToExamples } from './load-dataset.js';
export { parseCsv } from './parse-csv.js';
export { renderTemplate } from './render-template.js';
