// The trace domain's schema on Postgres, with the ids of its SQLite migrations.
import type { PostgresMigration } from '../../postgres-migration.js';
import { spanColumns } from '../span-columns.js';

const postgresType = { text: 'TEXT', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN' } as const;

export const tracePostgresMigrations: readonly PostgresMigration[] = [
  {
    id: 1,
    name: 'core: spans, store probe',
    up: `
      CREATE TABLE spans (
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'internal',
        start_time DOUBLE PRECISION NOT NULL,
        end_time DOUBLE PRECISION NOT NULL,
        status TEXT NOT NULL DEFAULT 'ok',
        status_message TEXT,
        attributes TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (trace_id, span_id)
      );
      CREATE INDEX spans_root_start ON spans (start_time) WHERE parent_span_id IS NULL;
      CREATE TABLE store_probe (at TEXT NOT NULL);
    `,
  },
  // SQLite's migration 2 re-keyed spans by (trace_id, span_id); on Postgres migration 1 already does.
  { id: 2, name: 'core: spans keyed by trace', up: 'SELECT 1' },
  {
    id: 10,
    name: 'trace: typed span attribute columns',
    up: spanColumns
      .map(([, column, type]) => `ALTER TABLE spans ADD COLUMN ${column} ${postgresType[type]};`)
      .join('\n'),
  },
];
