import type { Migration } from '../../migration.js';

export const responsesMigration: Migration = {
  id: 860,
  name: 'responses: stored Responses API answers per tenant',
  up: `
    CREATE TABLE gateway_responses (
      id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      model TEXT NOT NULL,
      response TEXT NOT NULL,
      messages TEXT NOT NULL,
      created_at REAL NOT NULL
    );
    CREATE INDEX gateway_responses_tenant ON gateway_responses (tenant, created_at);
  `,
};
