// The memory domain's schema on Postgres, with the id of its SQLite migration. `user` is a reserved
// word in Postgres, so the column is quoted ("user") to keep the SQLite column names (store transfer
// copies tables column by column). `seq` orders rows that tie on time (SQLite uses its rowid).
import type { PostgresMigration } from '../../postgres-migration.js';

export const memoryPostgresMigrations: readonly PostgresMigration[] = [
  {
    id: 600,
    name: 'memory: episodes, summaries, facts, profiles, vectors',
    up: `
      CREATE TABLE memory_episodes (
        tenant TEXT NOT NULL,
        "user" TEXT NOT NULL,
        id TEXT NOT NULL,
        session TEXT NOT NULL,
        speaker TEXT NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        importance DOUBLE PRECISION NOT NULL DEFAULT 0,
        expires_at DOUBLE PRECISION,
        metadata TEXT NOT NULL DEFAULT '{}',
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (tenant, "user", id)
      );
      CREATE INDEX memory_episodes_time ON memory_episodes (tenant, "user", at);
      CREATE INDEX memory_episodes_session ON memory_episodes (tenant, "user", session, at);
      CREATE INDEX memory_episodes_expiry ON memory_episodes (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE memory_summaries (
        tenant TEXT NOT NULL,
        "user" TEXT NOT NULL,
        id TEXT NOT NULL,
        session TEXT NOT NULL,
        text TEXT NOT NULL,
        from_at DOUBLE PRECISION NOT NULL,
        to_at DOUBLE PRECISION NOT NULL,
        episode_ids TEXT NOT NULL DEFAULT '[]',
        created_at DOUBLE PRECISION NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (tenant, "user", id)
      );
      CREATE TABLE memory_facts (
        tenant TEXT NOT NULL,
        "user" TEXT NOT NULL,
        id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active',
        superseded_by TEXT,
        source_ids TEXT NOT NULL DEFAULT '[]',
        importance DOUBLE PRECISION NOT NULL DEFAULT 0,
        valid_from DOUBLE PRECISION NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (tenant, "user", id)
      );
      CREATE INDEX memory_facts_key ON memory_facts (tenant, "user", key, status);
      CREATE INDEX memory_facts_expiry ON memory_facts (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE memory_profiles (
        tenant TEXT NOT NULL,
        "user" TEXT NOT NULL,
        thread TEXT NOT NULL,
        data TEXT NOT NULL,
        version BIGINT NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (tenant, "user", thread)
      );
      CREATE TABLE memory_profile_versions (
        tenant TEXT NOT NULL,
        "user" TEXT NOT NULL,
        thread TEXT NOT NULL,
        version BIGINT NOT NULL,
        changes TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '{}',
        at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (tenant, "user", thread, version)
      );
      CREATE TABLE memory_vectors (
        tenant TEXT NOT NULL,
        "user" TEXT NOT NULL,
        id TEXT NOT NULL,
        vector BYTEA NOT NULL,
        PRIMARY KEY (tenant, "user", id)
      );
    `,
  },
];
