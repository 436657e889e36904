export { chunkDocument, documentHash } from './chunk-document.js';
export type { IngestProgress, IngestReport } from './ingest-groups.js';
export { type ConfiguredCollectionOptions, openConfiguredCollection } from './open-configured-collection.js';
export { openRagCollection, type RagCollection, type RagCollectionOptions } from './rag-collection.js';
export { type SearchHit, type SearchMode, type SearchOptions, searchModes } from './search-types.js';
