export { type LoadBeirCollectionOptions, loadBeirCollection } from './load-beir-collection.js';
export {
  isTestCollectionName,
  type LoadTestCollectionOptions,
  loadTestCollection,
  type TestCollectionName,
  testCollectionNames,
} from './load-test-collection.js';
export { hasTestCollection, irDatasetsRoot } from './locate-ir-datasets.js';
export { fieldText, parseSmartRecords, type SmartRecord } from './parse-smart-records.js';
export {
  type CollectionDocument,
  type CollectionQuery,
  documentContents,
  type Qrels,
  type TestCollection,
} from './test-collection.js';
