// The rag domain: collections, documents, chunks, the embedding cache, and per-collection vectors.
import { defineStoreDomain } from '../domain.js';
import { ragMigrations } from './migrations/index.js';
import { ragPostgres } from './postgres/index.js';
import type { RagRepositories } from './repository.js';
import { createSqliteRagDocumentRepository } from './sqlite/documents.js';
import { createSqliteRagVectorRepository } from './sqlite/vectors.js';

export type {
  RagBackgroundWriter,
  RagDocumentRepository,
  RagRepositories,
  RagVectorRepository,
} from './repository.js';
export { createSqliteRagDocumentRepository } from './sqlite/documents.js';
export { createSqliteRagVectorRepository } from './sqlite/vectors.js';
export type {
  RagChunkInput,
  RagChunkRecord,
  RagCollectionRecord,
  RagDocumentChange,
  RagDocumentRecord,
  RagIndexKind,
  RagIndexLogEntry,
  RagIndexSnapshot,
  RagMetadataFilter,
  RagVectorHit,
  RagVectorSearchOptions,
} from './types.js';

export const ragDomain = defineStoreDomain({
  name: 'rag',
  migrationIds: [200, 299],
  sqlite: {
    migrations: ragMigrations,
    create: (db): RagRepositories => ({
      ragDocuments: createSqliteRagDocumentRepository(db),
      ragVectors: createSqliteRagVectorRepository(db),
    }),
  },
  postgres: ragPostgres,
});
