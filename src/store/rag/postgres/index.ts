// The rag domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { RagRepositories } from '../repository.js';
import { createPostgresRagDocumentRepository } from './documents.js';
import { ragPostgresMigrations } from './migrations.js';
import { createPostgresRagVectorRepository } from './vectors.js';

export const ragPostgres: PostgresBackend<RagRepositories> = {
  migrations: ragPostgresMigrations,
  create: (db, options) => ({
    ragDocuments: createPostgresRagDocumentRepository(db),
    ragVectors: createPostgresRagVectorRepository(db, options?.vectors),
  }),
};
