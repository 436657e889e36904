// The rag domain: collections, documents, chunks, the embedding cache, and per-collection vectors.
import { defineStoreDomain } from '../domain.js';
import { ragMigration } from '../migrations/0200-rag.js';
import { ragGenerationMigration } from '../migrations/0201-rag-generation.js';
import { createSqliteRagDocumentRepository, type RagDocumentRepository } from '../rag-document-repository.js';
import { createSqliteRagVectorRepository, type RagVectorRepository } from '../rag-vector-repository.js';
import { ragPostgres } from './postgres/index.js';

export interface RagRepositories {
  readonly ragDocuments: RagDocumentRepository;
  readonly ragVectors: RagVectorRepository;
}

export const ragDomain = defineStoreDomain({
  name: 'rag',
  migrationIds: [200, 299],
  sqlite: {
    migrations: [ragMigration, ragGenerationMigration],
    create: (db): RagRepositories => ({
      ragDocuments: createSqliteRagDocumentRepository(db),
      ragVectors: createSqliteRagVectorRepository(db),
    }),
  },
  postgres: ragPostgres,
});
