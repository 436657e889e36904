export { chunkDocument, documentHash } from './chunk-document.js';
export { type ConfiguredCollectionOptions, openConfiguredCollection } from './open-configured-collection.js';
export {
  type IngestProgress,
  type IngestReport,
  openRagCollection,
  type RagCollection,
  type RagCollectionOptions,
} from './rag-collection.js';
export { type SearchHit, type SearchMode, type SearchOptions, searchModes } from './search-types.js';
