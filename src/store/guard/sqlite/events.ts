// Guard events (one per scanned request, response or tool result) and the drift reports computed over
// windows of them.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GuardEventRepository } from '../repository.js';
import type { GuardEventRecord } from '../types.js';

interface EventRow {
  id: number;
  at: number;
  direction: GuardEventRecord['direction'];
  route: string | null;
  api_key: string | null;
  policy: string | null;
  action: GuardEventRecord['action'];
  length: number;
  language: string;
  refusal: number;
  pii_count: number;
  injection_score: number;
  toxicity_score: number;
  findings: string;
  embedding: string | null;
}

interface WindowRow {
  id: number;
  created_at: number;
  reference_start: number;
  reference_end: number;
  current_start: number;
  current_end: number;
  drifted: number;
  report: string;
}

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
      return (selectWindows.all(limit) as WindowRow[]).map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        referenceStart: r.reference_start,
        referenceEnd: r.reference_end,
        currentStart: r.current_start,
        currentEnd: r.current_end,
        drifted: r.drifted === 1,
        // The report comes back as the type the caller names (see DriftWindowRecord).
        report: JSON.parse(r.report) as Report,
      }));
    },
  };
}

function rowToEvent(row: EventRow): GuardEventRecord {
  return {
    id: row.id,
    at: row.at,
    direction: row.direction,
    ...(row.route === null ? {} : { route: row.route }),
    ...(row.api_key === null ? {} : { apiKey: row.api_key }),
    ...(row.policy === null ? {} : { policy: row.policy }),
    action: row.action,
    length: row.length,
    language: row.language,
    refusal: row.refusal === 1,
    piiCount: row.pii_count,
    injectionScore: row.injection_score,
    toxicityScore: row.toxicity_score,
    findings: JSON.parse(row.findings) as GuardEventRecord['findings'],
    ...(row.embedding === null ? {} : { embedding: JSON.parse(row.embedding) as number[] }),
  };
}
