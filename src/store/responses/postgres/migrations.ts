// The responses domain's schema on Postgres, with the ids of its SQLite migrations.
import type { PostgresMigration } from '../../postgres-migration.js';

export const responsesPostgresMigrations: readonly PostgresMigration[] = [
  {
    id: 860,
    name: 'responses: stored Responses API answers per tenant',
    up: `
      CREATE TABLE gateway_responses (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        model TEXT NOT NULL,
        response TEXT NOT NULL,
        messages TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX gateway_responses_tenant ON gateway_responses (tenant, created_at);
    `,
  },
];
