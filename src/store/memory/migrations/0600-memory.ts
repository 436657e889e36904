import type { Migration } from '../../migration.js';

export const memoryMigration: Migration = {
  id: 600,
  name: 'memory: episodes, summaries, facts, profiles, vectors',
  up: `
    CREATE TABLE memory_episodes (
      tenant TEXT NOT NULL,
      user TEXT NOT NULL,
      id TEXT NOT NULL,
      session TEXT NOT NULL,
      speaker TEXT NOT NULL,
      role TEXT NOT NULL,
      text TEXT NOT NULL,
      at REAL NOT NULL,
      importance REAL NOT NULL DEFAULT 0,
      expires_at REAL,
      metadata TEXT NOT NULL DEFAULT '{}',
      PRIMARY KEY (tenant, user, id)
    );
    CREATE INDEX memory_episodes_time ON memory_episodes (tenant, user, at);
    CREATE INDEX memory_episodes_session ON memory_episodes (tenant, user, session, at);
    CREATE INDEX memory_episodes_expiry ON memory_episodes (expires_at) WHERE expires_at IS NOT NULL;
    CREATE TABLE memory_summaries (
      tenant TEXT NOT NULL,
      user TEXT NOT NULL,
      id TEXT NOT NULL,
      session TEXT NOT NULL,
      text TEXT NOT NULL,
      from_at REAL NOT NULL,
      to_at REAL NOT NULL,
      episode_ids TEXT NOT NULL DEFAULT '[]',
      created_at REAL NOT NULL,
      PRIMARY KEY (tenant, user, id)
    );
    CREATE TABLE memory_facts (
      tenant TEXT NOT NULL,
      user TEXT NOT NULL,
      id TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'active',
      superseded_by TEXT,
      source_ids TEXT NOT NULL DEFAULT '[]',
      importance REAL NOT NULL DEFAULT 0,
      valid_from REAL NOT NULL,
      created_at REAL NOT NULL,
      updated_at REAL NOT NULL,
      expires_at REAL,
      PRIMARY KEY (tenant, user, id)
    );
    CREATE INDEX memory_facts_key ON memory_facts (tenant, user, key, status);
    CREATE INDEX memory_facts_expiry ON memory_facts (expires_at) WHERE expires_at IS NOT NULL;
    CREATE TABLE memory_profiles (
      tenant TEXT NOT NULL,
      user TEXT NOT NULL,
      thread TEXT NOT NULL,
      data TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at REAL NOT NULL,
      PRIMARY KEY (tenant, user, thread)
    );
    CREATE TABLE memory_profile_versions (
      tenant TEXT NOT NULL,
      user TEXT NOT NULL,
      thread TEXT NOT NULL,
      version INTEGER NOT NULL,
      changes TEXT NOT NULL,
      source TEXT NOT NULL DEFAULT '{}',
      at REAL NOT NULL,
      PRIMARY KEY (tenant, user, thread, version)
    );
    CREATE TABLE memory_vectors (
      tenant TEXT NOT NULL,
      user TEXT NOT NULL,
      id TEXT NOT NULL,
      vector BLOB NOT NULL,
      PRIMARY KEY (tenant, user, id)
    );
  `,
};
