// The guard_events and drift_windows rows and their records: the same on SQLite and Postgres.
import type { DriftWindowRecord, GuardEventRecord } from './types.js';

export interface EventRow {
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

export interface WindowRow {
  id: number;
  created_at: number;
  reference_start: number;
  reference_end: number;
  current_start: number;
  current_end: number;
  drifted: number;
  report: string;
}

export function rowToEvent(row: EventRow): GuardEventRecord {
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

/** The report comes back as the type the caller names (see DriftWindowRecord). */
export function rowToDriftWindow<Report>(row: WindowRow): DriftWindowRecord<Report> {
  return {
    id: row.id,
    createdAt: row.created_at,
    referenceStart: row.reference_start,
    referenceEnd: row.reference_end,
    currentStart: row.current_start,
    currentEnd: row.current_end,
    drifted: row.drifted === 1,
    report: JSON.parse(row.report) as Report,
  };
}
