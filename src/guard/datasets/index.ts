export {
  type LabelledText,
  loadBenignPrompts,
  loadDavidson,
  loadDeepset,
  loadJailbreakBench,
  loadPresidioSynth,
  type PiiRecord,
  type Split,
  splitOf,
} from './load-datasets.js';
export { locateDatasets } from './locate-datasets.js';
export { parseCsv } from './parse-csv.js';
