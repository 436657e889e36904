// The eval domain's schema on Postgres, with the ids of its SQLite migrations.
import type { PostgresMigration } from '../../postgres-migration.js';

export const evalPostgresMigrations: readonly PostgresMigration[] = [
  {
    id: 500,
    name: 'eval: runs, results, cache',
    up: `
      CREATE TABLE eval_runs (
        run_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        target TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'running',
        config TEXT NOT NULL DEFAULT '{}',
        summary TEXT,
        started_at DOUBLE PRECISION NOT NULL,
        finished_at DOUBLE PRECISION
      );
      CREATE INDEX eval_runs_started ON eval_runs (started_at);
      CREATE TABLE eval_results (
        run_id TEXT NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
        example_id TEXT NOT NULL,
        trial BIGINT NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        input TEXT NOT NULL,
        output TEXT,
        scores TEXT NOT NULL DEFAULT '{}',
        latency_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
        cost DOUBLE PRECISION NOT NULL DEFAULT 0,
        error TEXT,
        cached BIGINT NOT NULL DEFAULT 0,
        created_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (run_id, example_id, trial)
      );
      CREATE TABLE eval_cache (
        cache_key TEXT PRIMARY KEY,
        output TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL
      );
    `,
  },
];
