import type { Migration } from '../../migration.js';

export const coreMigration: Migration = {
  id: 1,
  name: 'core: spans, store probe',
  up: `
    CREATE TABLE spans (
      span_id TEXT PRIMARY KEY,
      trace_id TEXT NOT NULL,
      parent_span_id TEXT,
      name TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'internal',
      start_time REAL NOT NULL,
      end_time REAL NOT NULL,
      status TEXT NOT NULL DEFAULT 'ok',
      status_message TEXT,
      attributes TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX spans_trace ON spans (trace_id);
    CREATE INDEX spans_root_start ON spans (start_time) WHERE parent_span_id IS NULL;
    CREATE TABLE store_probe (at TEXT NOT NULL);
  `,
};
