// Guard events (one per scanned request, response or tool result) and the drift reports computed over
// windows of them.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GuardEventRepository } from '../repository.js';
import { type EventRow, rowToDriftWindow, rowToEvent, type WindowRow } from '../rows.js';
import type { GuardEventRecord } from '../types.js';

export function createSqliteGuardEventRepository(db: SqliteDatabase): GuardEventRepository {
  const insert = db.prepare(`INSERT INTO guard_events
    (at, direction, route, api_key, policy, action, length, language, refusal, pii_count, injection_score,
     toxicity_score, findings, embedding)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMany = db.transaction((events: readonly GuardEventRecord[]) => {
    for (const e of events) {
      insert.run(
        e.at,
        e.direction,
        e.route ?? null,
        e.apiKey ?? null,
        e.policy ?? null,
        e.action,
        e.length,
        e.language,
        e.refusal ? 1 : 0,
        e.piiCount,
        e.injectionScore,
        e.toxicityScore,
        JSON.stringify(e.findings),
        e.embedding ? JSON.stringify(e.embedding) : null,
      );
    }
  });
  const selectEvents = db.prepare(
    'SELECT * FROM guard_events WHERE at >= ? AND at < ? AND (? IS NULL OR direction = ?) ORDER BY at, id LIMIT ?',
  );
  const insertWindow = db.prepare(`INSERT INTO drift_windows
    (created_at, reference_start, reference_end, current_start, current_end, drifted, report)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const selectWindows = db.prepare('SELECT * FROM drift_windows ORDER BY created_at DESC, id DESC LIMIT ?');

  return {
    async saveEvents(events) {
      if (events.length > 0) insertMany(events);
    },
    async listEvents({ start, end, direction, limit = 100_000 }) {
      const rows = selectEvents.all(start, end, direction ?? null, direction ?? null, limit) as EventRow[];
      return rows.map(rowToEvent);
    },
    async saveDriftWindow(w) {
      const result = insertWindow.run(
        w.createdAt,
        w.referenceStart,
        w.referenceEnd,
        w.currentStart,
        w.currentEnd,
        w.drifted ? 1 : 0,
        JSON.stringify(w.report),
      );
      return Number(result.lastInsertRowid);
    },
    async listDriftWindows<Report>({ limit = 20 } = {}) {
      return (selectWindows.all(limit) as WindowRow[]).map((row) => rowToDriftWindow<Report>(row));
    },
  };
}
