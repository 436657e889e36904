import type { Migration } from '../../migration.js';

export const batchesMigration: Migration = {
  id: 880,
  name: 'batches: files, batch jobs and their lines',
  up: `
    CREATE TABLE gateway_files (
      id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      filename TEXT NOT NULL,
      purpose TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      content BLOB NOT NULL,
      created_at REAL NOT NULL
    );
    CREATE INDEX gateway_files_tenant ON gateway_files (tenant, created_at);
    CREATE TABLE gateway_batches (
      id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      key_id TEXT,
      endpoint TEXT NOT NULL,
      input_file_id TEXT NOT NULL,
      completion_window TEXT NOT NULL,
      status TEXT NOT NULL,
      output_file_id TEXT,
      error_file_id TEXT,
      errors TEXT,
      metadata TEXT,
      created_at REAL NOT NULL,
      times TEXT NOT NULL DEFAULT '{}',
      lease_owner TEXT,
      lease_until REAL
    );
    CREATE INDEX gateway_batches_tenant ON gateway_batches (tenant, created_at);
    CREATE INDEX gateway_batches_status ON gateway_batches (status);
    CREATE TABLE gateway_batch_items (
      batch_id TEXT NOT NULL REFERENCES gateway_batches (id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      custom_id TEXT NOT NULL,
      request TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending',
      result TEXT,
      PRIMARY KEY (batch_id, line)
    );
  `,
};
