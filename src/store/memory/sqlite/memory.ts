// The memory repository on SQLite: one row per episode, summary, fact, profile (version) and vector,
// each keyed by (tenant, user, id). Retrieval indexes (BM25, vectors) are built in memory from these.
import { GantryError } from '../../../errors/index.js';
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { MemoryRepository } from '../repository.js';
import { blob, fromBlob, tables, toEpisode, toFact, toSummary } from '../rows.js';
import type { MemoryEpisodeRecord, MemoryProfileVersionRecord, MemoryRowCounts } from '../types.js';

type Row = Record<string, unknown>;

export function createSqliteMemoryRepository(db: SqliteDatabase): MemoryRepository {
  const insertEpisode = db.prepare(
    `INSERT OR REPLACE INTO memory_episodes
       (tenant, user, id, session, speaker, role, text, at, importance, expires_at, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addEpisodes = db.transaction((episodes: readonly MemoryEpisodeRecord[]) => {
    for (const e of episodes) {
      insertEpisode.run(
        e.tenant,
        e.user,
        e.id,
        e.session,
        e.speaker,
        e.role,
        e.text,
        e.at,
        e.importance,
        e.expiresAt,
        JSON.stringify(e.metadata),
      );
    }
  });
  const insertVector = db.prepare(
    'INSERT OR REPLACE INTO memory_vectors (tenant, user, id, vector) VALUES (?, ?, ?, ?)',
  );
  const putVectors = db.transaction(
    (vectors: readonly { tenant: string; user: string; id: string; vector: Float32Array }[]) => {
      for (const v of vectors) insertVector.run(v.tenant, v.user, v.id, blob(v.vector));
    },
  );
  const counts = (tenant: string, user: string): MemoryRowCounts => {
    const result = {} as MemoryRowCounts;
    for (const [name, table] of Object.entries(tables) as [keyof MemoryRowCounts, string][]) {
      const row = db
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant = ? AND user = ?`)
        .get(tenant, user) as {
        n: number;
      };
      result[name] = row.n;
    }
    return result;
  };
  const deleteItems = db.transaction((tenant: string, user: string, ids: readonly string[]) => {
    const found = new Set<string>();
    for (const table of [tables.episodes, tables.facts, tables.summaries]) {
      const statement = db.prepare(
        `DELETE FROM ${table} WHERE tenant = ? AND user = ? AND id = ? RETURNING id`,
      );
      for (const id of ids)
        for (const row of statement.all(tenant, user, id) as Row[]) found.add(row.id as string);
    }
    const vectors = db.prepare('DELETE FROM memory_vectors WHERE tenant = ? AND user = ? AND id = ?');
    for (const id of ids) vectors.run(tenant, user, id);
    return [...found];
  });
  const deleteExpired = db.transaction((now: number) => {
    const gone: { tenant: string; user: string; id: string }[] = [];
    for (const table of [tables.episodes, tables.facts]) {
      gone.push(
        ...(db
          .prepare(
            `DELETE FROM ${table} WHERE expires_at IS NOT NULL AND expires_at <= ? RETURNING tenant, user, id`,
          )
          .all(now) as { tenant: string; user: string; id: string }[]),
      );
    }
    const vectors = db.prepare('DELETE FROM memory_vectors WHERE tenant = ? AND user = ? AND id = ?');
    for (const item of gone) vectors.run(item.tenant, item.user, item.id);
    return gone;
  });
  const eraseUser = db.transaction((tenant: string, user: string) => {
    const result = {} as MemoryRowCounts;
    for (const [name, table] of Object.entries(tables) as [keyof MemoryRowCounts, string][]) {
      result[name] = db
        .prepare(`DELETE FROM ${table} WHERE tenant = ? AND user = ?`)
        .run(tenant, user).changes;
    }
    return result;
  });
  const saveProfile = db.transaction(
    (
      profile: Parameters<MemoryRepository['saveProfile']>[0],
      change: Parameters<MemoryRepository['saveProfile']>[1],
    ) => {
      const current = db
        .prepare('SELECT version FROM memory_profiles WHERE tenant = ? AND user = ? AND thread = ?')
        .get(profile.tenant, profile.user, profile.thread) as { version: number } | undefined;
      if ((current?.version ?? 0) !== change.expectedVersion) {
        throw new GantryError(
          'MEMORY_PROFILE_CONFLICT',
          `The profile of user '${profile.user}' changed while it was being updated (version ${current?.version ?? 0}, expected ${change.expectedVersion}).`,
          {
            hint: 'Read the profile again and reapply the change.',
            details: { user: profile.user, thread: profile.thread },
          },
        );
      }
      const version = change.expectedVersion + 1;
      db.prepare(
        `INSERT OR REPLACE INTO memory_profiles (tenant, user, thread, data, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        profile.tenant,
        profile.user,
        profile.thread,
        JSON.stringify(profile.data),
        version,
        profile.updatedAt,
      );
      db.prepare(
        `INSERT INTO memory_profile_versions (tenant, user, thread, version, changes, source, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        profile.tenant,
        profile.user,
        profile.thread,
        version,
        JSON.stringify(change.changes),
        JSON.stringify(change.source),
        profile.updatedAt,
      );
    },
  );

  return {
    async addEpisodes(episodes) {
      addEpisodes(episodes);
    },
    async listEpisodes({ tenant, user, session, from, to, order = 'asc', limit }) {
      const where = ['tenant = ?', 'user = ?'];
      const values: unknown[] = [tenant, user];
      if (session !== undefined) {
        where.push('session = ?');
        values.push(session);
      }
      if (from !== undefined) {
        where.push('at >= ?');
        values.push(from);
      }
      if (to !== undefined) {
        where.push('at <= ?');
        values.push(to);
      }
      const direction = order === 'desc' ? 'DESC' : 'ASC';
      const sql = `SELECT * FROM memory_episodes WHERE ${where.join(' AND ')} ORDER BY at ${direction}, rowid ${direction}${
        limit !== undefined ? ' LIMIT ?' : ''
      }`;
      if (limit !== undefined) values.push(limit);
      return (db.prepare(sql).all(...values) as Row[]).map(toEpisode);
    },
    async getEpisodes(tenant, user, ids) {
      const statement = db.prepare('SELECT * FROM memory_episodes WHERE tenant = ? AND user = ? AND id = ?');
      const found: MemoryEpisodeRecord[] = [];
      for (const id of ids) {
        const row = statement.get(tenant, user, id) as Row | undefined;
        if (row) found.push(toEpisode(row));
      }
      return found;
    },
    async listSessions(tenant, user) {
      return db
        .prepare(
          `SELECT session, min(at) AS "from", max(at) AS "to", count(*) AS turns FROM memory_episodes
           WHERE tenant = ? AND user = ? GROUP BY session ORDER BY min(at)`,
        )
        .all(tenant, user) as { session: string; from: number; to: number; turns: number }[];
    },
    async putSummary(s) {
      db.prepare(
        `INSERT OR REPLACE INTO memory_summaries (tenant, user, id, session, text, from_at, to_at, episode_ids, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.tenant,
        s.user,
        s.id,
        s.session,
        s.text,
        s.from,
        s.to,
        JSON.stringify(s.episodeIds),
        s.createdAt,
      );
    },
    async listSummaries(tenant, user, session) {
      const rows =
        session === undefined
          ? db
              .prepare('SELECT * FROM memory_summaries WHERE tenant = ? AND user = ? ORDER BY from_at, rowid')
              .all(tenant, user)
          : db
              .prepare(
                'SELECT * FROM memory_summaries WHERE tenant = ? AND user = ? AND session = ? ORDER BY from_at, rowid',
              )
              .all(tenant, user, session);
      return (rows as Row[]).map(toSummary);
    },
    async addFact(f) {
      db.prepare(
        `INSERT INTO memory_facts (tenant, user, id, key, value, text, status, superseded_by, source_ids, importance,
           valid_from, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        f.tenant,
        f.user,
        f.id,
        f.key,
        f.value,
        f.text,
        f.status,
        f.supersededBy,
        JSON.stringify(f.sourceIds),
        f.importance,
        f.validFrom,
        f.createdAt,
        f.updatedAt,
        f.expiresAt,
      );
    },
    async updateFact(tenant, user, id, update) {
      const sets = ['updated_at = ?'];
      const values: unknown[] = [update.updatedAt];
      if (update.status !== undefined) {
        sets.push('status = ?');
        values.push(update.status);
      }
      if (update.supersededBy !== undefined) {
        sets.push('superseded_by = ?');
        values.push(update.supersededBy);
      }
      if (update.sourceIds !== undefined) {
        sets.push('source_ids = ?');
        values.push(JSON.stringify(update.sourceIds));
      }
      db.prepare(`UPDATE memory_facts SET ${sets.join(', ')} WHERE tenant = ? AND user = ? AND id = ?`).run(
        ...values,
        tenant,
        user,
        id,
      );
    },
    async listFacts(tenant, user, { status, key } = {}) {
      const where = ['tenant = ?', 'user = ?'];
      const values: unknown[] = [tenant, user];
      if (status) {
        where.push('status = ?');
        values.push(status);
      }
      if (key) {
        where.push('key = ?');
        values.push(key);
      }
      return (
        db
          .prepare(`SELECT * FROM memory_facts WHERE ${where.join(' AND ')} ORDER BY valid_from, rowid`)
          .all(...values) as Row[]
      ).map(toFact);
    },
    async getProfile(tenant, user, thread) {
      const row = db
        .prepare('SELECT * FROM memory_profiles WHERE tenant = ? AND user = ? AND thread = ?')
        .get(tenant, user, thread) as Row | undefined;
      if (!row) return undefined;
      return {
        tenant,
        user,
        thread,
        data: JSON.parse(row.data as string),
        version: row.version as number,
        updatedAt: row.updated_at as number,
      };
    },
    async saveProfile(profile, change) {
      saveProfile(profile, change);
    },
    async listProfileVersions(tenant, user, thread) {
      return (
        db
          .prepare(
            'SELECT * FROM memory_profile_versions WHERE tenant = ? AND user = ? AND thread = ? ORDER BY version',
          )
          .all(tenant, user, thread) as Row[]
      ).map(
        (row): MemoryProfileVersionRecord => ({
          tenant,
          user,
          thread,
          version: row.version as number,
          changes: JSON.parse(row.changes as string),
          source: JSON.parse(row.source as string),
          at: row.at as number,
        }),
      );
    },
    async putVectors(vectors) {
      putVectors(vectors);
    },
    async listVectors(tenant, user) {
      return (
        db
          .prepare('SELECT id, vector FROM memory_vectors WHERE tenant = ? AND user = ?')
          .all(tenant, user) as Row[]
      ).map((row) => ({ tenant, user, id: row.id as string, vector: fromBlob(row.vector as Buffer) }));
    },
    async deleteItems(tenant, user, ids) {
      return deleteItems(tenant, user, ids);
    },
    async deleteExpired(now) {
      return deleteExpired(now);
    },
    async eraseUser(tenant, user) {
      return eraseUser(tenant, user);
    },
    async countUserRows(tenant, user) {
      return counts(tenant, user);
    },
  };
}
