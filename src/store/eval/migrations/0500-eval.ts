import type { Migration } from '../../migration.js';

export const evalMigration: Migration = {
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
      started_at REAL NOT NULL,
      finished_at REAL
    );
    CREATE INDEX eval_runs_started ON eval_runs (started_at);
    CREATE TABLE eval_results (
      run_id TEXT NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
      example_id TEXT NOT NULL,
      trial INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL,
      input TEXT NOT NULL,
      output TEXT,
      scores TEXT NOT NULL DEFAULT '{}',
      latency_ms REAL NOT NULL DEFAULT 0,
      cost REAL NOT NULL DEFAULT 0,
      error TEXT,
      cached INTEGER NOT NULL DEFAULT 0,
      created_at REAL NOT NULL,
      PRIMARY KEY (run_id, example_id, trial)
    );
    CREATE TABLE eval_cache (
      cache_key TEXT PRIMARY KEY,
      output TEXT NOT NULL,
      created_at REAL NOT NULL
    );
  `,
};
