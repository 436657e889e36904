export { type DatasetColumns, loadDataset, parseDataset, rowsToExamples } from './load-dataset.js';
export { parseCsv } from './parse-csv.js';
export { renderTemplate } from './render-template.js';
