import type { Migration } from '../../migration.js';

// API keys are stored as SHA-256 hashes (the key itself is shown once, at creation); usage rows are
// appended in batches by the gateway and summed for budgets and reports.
export const gatewayMigration: Migration = {
  id: 300,
  name: 'gateway: api keys and usage',
  up: `
    CREATE TABLE gateway_api_keys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      key_prefix TEXT NOT NULL,
      created_at REAL NOT NULL,
      revoked_at REAL,
      limits TEXT NOT NULL DEFAULT '{}',
      models TEXT
    );
    CREATE TABLE gateway_usage (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      key_id TEXT,
      model TEXT NOT NULL,
      route TEXT NOT NULL,
      upstream TEXT,
      endpoint TEXT NOT NULL,
      status INTEGER NOT NULL,
      stream INTEGER NOT NULL DEFAULT 0,
      cached INTEGER NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL NOT NULL DEFAULT 0,
      usage_source TEXT NOT NULL DEFAULT 'upstream',
      duration_ms REAL NOT NULL,
      created_at REAL NOT NULL
    );
    CREATE INDEX gateway_usage_key_time ON gateway_usage (key_id, created_at);
  `,
};
