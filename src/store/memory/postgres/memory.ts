// The memory repository on Postgres: the same rows as on SQLite (see ../sqlite/memory.ts), with `seq`
// standing in for SQLite's rowid where rows tie on time. A replaced episode is deleted and inserted
// again, as SQLite's INSERT OR REPLACE does, so it takes a new `seq`.
import { GantryError } from '../../../errors/index.js';
import type { PostgresDatabase, PostgresQueryable } from '../../postgres-database.js';
import type { MemoryRepository } from '../repository.js';
import { blob, fromBlob, type Row, tables, toEpisode, toFact, toSummary } from '../rows.js';
import type { MemoryEpisodeRecord, MemoryProfileVersionRecord, MemoryRowCounts } from '../types.js';

type Owned = { tenant: string; user: string; id: string };

const entries = Object.entries(tables) as [keyof MemoryRowCounts, string][];

export function createPostgresMemoryRepository(db: PostgresDatabase): MemoryRepository {
  const deleteVectors = async (client: PostgresQueryable, items: readonly Owned[]) => {
    if (items.length === 0) return;
    await client.query(
      `DELETE FROM memory_vectors v USING unnest($1::text[], $2::text[], $3::text[]) AS d(tenant, "user", id)
       WHERE v.tenant = d.tenant AND v."user" = d."user" AND v.id = d.id`,
      [items.map((i) => i.tenant), items.map((i) => i.user), items.map((i) => i.id)],
    );
  };

  return {
    async addEpisodes(episodes) {
      if (episodes.length === 0) return;
      // One DELETE and one multi-row INSERT per batch (two statements, not two per episode). An id
      // named twice keeps its last version at its last position, as SQLite's INSERT OR REPLACE does;
      // rows are inserted in batch order (WITH ORDINALITY) so `seq` follows it.
      const rows = lastOfEach(episodes);
      const column = <T>(pick: (e: MemoryEpisodeRecord) => T) => rows.map(pick);
      await db.transaction(async (client) => {
        await client.query(
          `DELETE FROM memory_episodes m USING unnest($1::text[], $2::text[], $3::text[]) AS d(tenant, "user", id)
           WHERE m.tenant = d.tenant AND m."user" = d."user" AND m.id = d.id`,
          [column((e) => e.tenant), column((e) => e.user), column((e) => e.id)],
        );
        await client.query(
          `INSERT INTO memory_episodes
             (tenant, "user", id, session, speaker, role, text, at, importance, expires_at, metadata)
           SELECT tenant, "user", id, session, speaker, role, text, at, importance, expires_at, metadata
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::float8[], $9::float8[], $10::float8[], $11::text[])
             WITH ORDINALITY AS e(tenant, "user", id, session, speaker, role, text, at, importance, expires_at,
               metadata, n)
           ORDER BY n`,
          [
            column((e) => e.tenant),
            column((e) => e.user),
            column((e) => e.id),
            column((e) => e.session),
            column((e) => e.speaker),
            column((e) => e.role),
            column((e) => e.text),
            column((e) => e.at),
            column((e) => e.importance),
            column((e) => e.expiresAt),
            column((e) => JSON.stringify(e.metadata)),
          ],
        );
      });
    },
    async listEpisodes({ tenant, user, session, from, to, order = 'asc', limit }) {
      const where = ['tenant = $1', '"user" = $2'];
      const values: unknown[] = [tenant, user];
      const add = (clause: string, value: unknown) => {
        values.push(value);
        where.push(`${clause} $${values.length}`);
      };
      if (session !== undefined) add('session =', session);
      if (from !== undefined) add('at >=', from);
      if (to !== undefined) add('at <=', to);
      const direction = order === 'desc' ? 'DESC' : 'ASC';
      let sql = `SELECT * FROM memory_episodes WHERE ${where.join(' AND ')} ORDER BY at ${direction}, seq ${direction}`;
      if (limit !== undefined) {
        values.push(limit);
        sql += ` LIMIT $${values.length}`;
      }
      return (await db.query<Row>(sql, values)).map(toEpisode);
    },
    async getEpisodes(tenant, user, ids) {
      if (ids.length === 0) return [];
      const rows = await db.query<Row>(
        'SELECT * FROM memory_episodes WHERE tenant = $1 AND "user" = $2 AND id = ANY($3::text[])',
        [tenant, user, [...ids]],
      );
      const byId = new Map(rows.map((row) => [row.id as string, toEpisode(row)]));
      const found: MemoryEpisodeRecord[] = [];
      for (const id of ids) {
        const episode = byId.get(id);
        if (episode) found.push(episode);
      }
      return found;
    },
    async listSessions(tenant, user) {
      return db.query<{ session: string; from: number; to: number; turns: number }>(
        `SELECT session, min(at) AS "from", max(at) AS "to", count(*) AS turns FROM memory_episodes
         WHERE tenant = $1 AND "user" = $2 GROUP BY session ORDER BY min(at), min(seq)`,
        [tenant, user],
      );
    },
    async putSummary(s) {
      await db.transaction(async (client) => {
        await client.query('DELETE FROM memory_summaries WHERE tenant = $1 AND "user" = $2 AND id = $3', [
          s.tenant,
          s.user,
          s.id,
        ]);
        await client.query(
          `INSERT INTO memory_summaries (tenant, "user", id, session, text, from_at, to_at, episode_ids, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            s.tenant,
            s.user,
            s.id,
            s.session,
            s.text,
            s.from,
            s.to,
            JSON.stringify(s.episodeIds),
            s.createdAt,
          ],
        );
      });
    },
    async listSummaries(tenant, user, session) {
      const rows =
        session === undefined
          ? await db.query<Row>(
              'SELECT * FROM memory_summaries WHERE tenant = $1 AND "user" = $2 ORDER BY from_at, seq',
              [tenant, user],
            )
          : await db.query<Row>(
              'SELECT * FROM memory_summaries WHERE tenant = $1 AND "user" = $2 AND session = $3 ORDER BY from_at, seq',
              [tenant, user, session],
            );
      return rows.map(toSummary);
    },
    async addFact(f) {
      await db.query(
        `INSERT INTO memory_facts (tenant, "user", id, key, value, text, status, superseded_by, source_ids, importance,
           valid_from, created_at, updated_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
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
        ],
      );
    },
    async updateFact(tenant, user, id, update) {
      const values: unknown[] = [update.updatedAt];
      const sets = ['updated_at = $1'];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (update.status !== undefined) set('status', update.status);
      if (update.supersededBy !== undefined) set('superseded_by', update.supersededBy);
      if (update.sourceIds !== undefined) set('source_ids', JSON.stringify(update.sourceIds));
      const n = values.length;
      await db.query(
        `UPDATE memory_facts SET ${sets.join(', ')} WHERE tenant = $${n + 1} AND "user" = $${n + 2} AND id = $${n + 3}`,
        [...values, tenant, user, id],
      );
    },
    async listFacts(tenant, user, { status, key } = {}) {
      const where = ['tenant = $1', '"user" = $2'];
      const values: unknown[] = [tenant, user];
      if (status) {
        values.push(status);
        where.push(`status = $${values.length}`);
      }
      if (key) {
        values.push(key);
        where.push(`key = $${values.length}`);
      }
      return (
        await db.query<Row>(
          `SELECT * FROM memory_facts WHERE ${where.join(' AND ')} ORDER BY valid_from, seq`,
          values,
        )
      ).map(toFact);
    },
    async getProfile(tenant, user, thread) {
      const [row] = await db.query<Row>(
        'SELECT * FROM memory_profiles WHERE tenant = $1 AND "user" = $2 AND thread = $3',
        [tenant, user, thread],
      );
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
      const { tenant, user, thread } = profile;
      const version = change.expectedVersion + 1;
      const data = JSON.stringify(profile.data);
      await db.transaction(async (client) => {
        // One conditional statement claims the next version: a concurrent writer either waits on the
        // row and then finds the version moved, or finds the row already inserted.
        const claimed =
          change.expectedVersion === 0
            ? await client.query(
                `INSERT INTO memory_profiles (tenant, "user", thread, data, version, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING version`,
                [tenant, user, thread, data, version, profile.updatedAt],
              )
            : await client.query(
                `UPDATE memory_profiles SET data = $4, version = $5, updated_at = $6
                 WHERE tenant = $1 AND "user" = $2 AND thread = $3 AND version = $7 RETURNING version`,
                [tenant, user, thread, data, version, profile.updatedAt, change.expectedVersion],
              );
        if (claimed.length === 0) {
          const [current] = await client.query<{ version: number }>(
            'SELECT version FROM memory_profiles WHERE tenant = $1 AND "user" = $2 AND thread = $3',
            [tenant, user, thread],
          );
          throw new GantryError(
            'MEMORY_PROFILE_CONFLICT',
            `The profile of user '${user}' changed while it was being updated (version ${current?.version ?? 0}, expected ${change.expectedVersion}).`,
            {
              hint: 'Read the profile again and reapply the change.',
              details: { user, thread },
            },
          );
        }
        await client.query(
          `INSERT INTO memory_profile_versions (tenant, "user", thread, version, changes, source, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            tenant,
            user,
            thread,
            version,
            JSON.stringify(change.changes),
            JSON.stringify(change.source),
            profile.updatedAt,
          ],
        );
      });
    },
    async listProfileVersions(tenant, user, thread) {
      const rows = await db.query<Row>(
        'SELECT * FROM memory_profile_versions WHERE tenant = $1 AND "user" = $2 AND thread = $3 ORDER BY version',
        [tenant, user, thread],
      );
      return rows.map(
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
      if (vectors.length === 0) return;
      // One statement per batch; ON CONFLICT cannot touch a row twice in one statement, so an id named
      // twice keeps its last vector.
      const rows = lastOfEach(vectors);
      await db.query(
        `INSERT INTO memory_vectors (tenant, "user", id, vector)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[])
         ON CONFLICT (tenant, "user", id) DO UPDATE SET vector = excluded.vector`,
        [
          rows.map((v) => v.tenant),
          rows.map((v) => v.user),
          rows.map((v) => v.id),
          rows.map((v) => blob(v.vector)),
        ],
      );
    },
    async listVectors(tenant, user) {
      const rows = await db.query<Row>(
        'SELECT id, vector FROM memory_vectors WHERE tenant = $1 AND "user" = $2',
        [tenant, user],
      );
      return rows.map((row) => ({
        tenant,
        user,
        id: row.id as string,
        vector: fromBlob(row.vector as Buffer),
      }));
    },
    async deleteItems(tenant, user, ids) {
      if (ids.length === 0) return [];
      return db.transaction(async (client) => {
        const found = new Set<string>();
        for (const table of [tables.episodes, tables.facts, tables.summaries]) {
          const gone = new Set(
            (
              await client.query<{ id: string }>(
                `DELETE FROM ${table} WHERE tenant = $1 AND "user" = $2 AND id = ANY($3::text[]) RETURNING id`,
                [tenant, user, [...ids]],
              )
            ).map((row) => row.id),
          );
          for (const id of ids) if (gone.has(id)) found.add(id);
        }
        await deleteVectors(
          client,
          ids.map((id) => ({ tenant, user, id })),
        );
        return [...found];
      });
    },
    async deleteExpired(now) {
      return db.transaction(async (client) => {
        const gone: Owned[] = [];
        for (const table of [tables.episodes, tables.facts]) {
          gone.push(
            ...(await client.query<Owned>(
              `DELETE FROM ${table} WHERE expires_at IS NOT NULL AND expires_at <= $1 RETURNING tenant, "user", id`,
              [now],
            )),
          );
        }
        await deleteVectors(client, gone);
        return gone;
      });
    },
    async eraseUser(tenant, user) {
      return db.transaction(async (client) => {
        const result = {} as MemoryRowCounts;
        for (const [name, table] of entries) {
          const [row] = await client.query<{ n: number }>(
            `WITH gone AS (DELETE FROM ${table} WHERE tenant = $1 AND "user" = $2 RETURNING 1)
             SELECT count(*) AS n FROM gone`,
            [tenant, user],
          );
          result[name] = row.n;
        }
        return result;
      });
    },
    async countUserRows(tenant, user) {
      const result = {} as MemoryRowCounts;
      for (const [name, table] of entries) {
        const [row] = await db.query<{ n: number }>(
          `SELECT count(*) AS n FROM ${table} WHERE tenant = $1 AND "user" = $2`,
          [tenant, user],
        );
        result[name] = row.n;
      }
      return result;
    },
  };
}

/** The last item for each (tenant, user, id), in the order of those last occurrences. */
function lastOfEach<T extends Owned>(items: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const key = `${item.tenant}\0${item.user}\0${item.id}`;
    latest.delete(key);
    latest.set(key, item);
  }
  return [...latest.values()];
}
