import type { Migration } from '../../migration.js';

export const guardMigration: Migration = {
  id: 400,
  name: 'guard: guard_events, drift_windows',
  up: `
    CREATE TABLE guard_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at REAL NOT NULL,
      direction TEXT NOT NULL,
      route TEXT,
      api_key TEXT,
      policy TEXT,
      action TEXT NOT NULL,
      length INTEGER NOT NULL,
      language TEXT NOT NULL,
      refusal INTEGER NOT NULL DEFAULT 0,
      pii_count INTEGER NOT NULL DEFAULT 0,
      injection_score REAL NOT NULL DEFAULT 0,
      toxicity_score REAL NOT NULL DEFAULT 0,
      findings TEXT NOT NULL DEFAULT '[]',
      embedding TEXT
    );
    CREATE INDEX guard_events_at ON guard_events (at);
    CREATE TABLE drift_windows (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at REAL NOT NULL,
      reference_start REAL NOT NULL,
      reference_end REAL NOT NULL,
      current_start REAL NOT NULL,
      current_end REAL NOT NULL,
      drifted INTEGER NOT NULL,
      report TEXT NOT NULL
    );
    CREATE INDEX drift_windows_created ON drift_windows (created_at);
  `,
};
