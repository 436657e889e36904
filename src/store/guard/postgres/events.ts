// Guard events and drift windows on Postgres.

import type { PostgresDatabase } from '../../postgres-database.js';
import type { GuardEventRepository } from '../repository.js';
import { type EventRow, rowToDriftWindow, rowToEvent, type WindowRow } from '../rows.js';
import type { GuardEventRecord } from '../types.js';

export function createPostgresGuardEventRepository(db: PostgresDatabase): GuardEventRepository {
  return {
    async saveEvents(events) {
      if (events.length === 0) return;
      const column = <T>(pick: (e: GuardEventRecord) => T) => events.map(pick);
      await db.query(
        `INSERT INTO guard_events (at, direction, route, api_key, policy, action, length, language, refusal,
           pii_count, injection_score, toxicity_score, findings, embedding)
         SELECT at, direction, route, api_key, policy, action, length, language, refusal, pii_count,
           injection_score, toxicity_score, findings, embedding
         FROM unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
           $8::text[], $9::bigint[], $10::bigint[], $11::float8[], $12::float8[], $13::text[], $14::text[])
           WITH ORDINALITY AS e(at, direction, route, api_key, policy, action, length, language, refusal,
             pii_count, injection_score, toxicity_score, findings, embedding, ordinal)
         ORDER BY ordinal`,
        [
          column((e) => e.at),
          column((e) => e.direction),
          column((e) => e.route ?? null),
          column((e) => e.apiKey ?? null),
          column((e) => e.policy ?? null),
          column((e) => e.action),
          column((e) => e.length),
          column((e) => e.language),
          column((e) => (e.refusal ? 1 : 0)),
          column((e) => e.piiCount),
          column((e) => e.injectionScore),
          column((e) => e.toxicityScore),
          column((e) => JSON.stringify(e.findings)),
          column((e) => (e.embedding ? JSON.stringify(e.embedding) : null)),
        ],
      );
    },
    async listEvents({ start, end, direction, limit = 100_000 }) {
      const rows = await db.query<EventRow>(
        `SELECT id, at, direction, route, api_key, policy, action, length, language, refusal, pii_count,
           injection_score, toxicity_score, findings, embedding
         FROM guard_events WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR direction = $3)
         ORDER BY at, id LIMIT $4`,
        [start, end, direction ?? null, limit],
      );
      return rows.map(rowToEvent);
    },
    async saveDriftWindow(w) {
      const [row] = await db.query<{ id: number }>(
        `INSERT INTO drift_windows (created_at, reference_start, reference_end, current_start, current_end,
           drifted, report) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          w.createdAt,
          w.referenceStart,
          w.referenceEnd,
          w.currentStart,
          w.currentEnd,
          w.drifted ? 1 : 0,
          JSON.stringify(w.report),
        ],
      );
      return row.id;
    },
    async listDriftWindows<Report>({ limit = 20 } = {}) {
      const rows = await db.query<WindowRow>(
        `SELECT id, created_at, reference_start, reference_end, current_start, current_end, drifted, report
         FROM drift_windows ORDER BY created_at DESC, id DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => rowToDriftWindow<Report>(row));
    },
  };
}
