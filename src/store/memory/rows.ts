// Row ↔ record mapping shared by the SQLite and Postgres memory repositories (same column names).
import type { MemoryEpisodeRecord, MemoryFactRecord, MemoryRowCounts, MemorySummaryRecord } from './types.js';

export type Row = Record<string, unknown>;

export const tables = {
  episodes: 'memory_episodes',
  summaries: 'memory_summaries',
  facts: 'memory_facts',
  profiles: 'memory_profiles',
  profileVersions: 'memory_profile_versions',
  vectors: 'memory_vectors',
} as const satisfies Record<keyof MemoryRowCounts, string>;

export const blob = (vector: Float32Array) =>
  Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
export const fromBlob = (value: Buffer) =>
  new Float32Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));

export function toEpisode(row: Row): MemoryEpisodeRecord {
  return {
    tenant: row.tenant as string,
    user: row.user as string,
    id: row.id as string,
    session: row.session as string,
    speaker: row.speaker as string,
    role: row.role as MemoryEpisodeRecord['role'],
    text: row.text as string,
    at: row.at as number,
    importance: row.importance as number,
    expiresAt: (row.expires_at as number | null) ?? null,
    metadata: JSON.parse(row.metadata as string),
  };
}

export function toSummary(row: Row): MemorySummaryRecord {
  return {
    tenant: row.tenant as string,
    user: row.user as string,
    id: row.id as string,
    session: row.session as string,
    text: row.text as string,
    from: row.from_at as number,
    to: row.to_at as number,
    episodeIds: JSON.parse(row.episode_ids as string),
    createdAt: row.created_at as number,
  };
}

export function toFact(row: Row): MemoryFactRecord {
  return {
    tenant: row.tenant as string,
    user: row.user as string,
    id: row.id as string,
    key: row.key as string,
    value: row.value as string,
    text: row.text as string,
    status: row.status as MemoryFactRecord['status'],
    supersededBy: (row.superseded_by as string | null) ?? null,
    sourceIds: JSON.parse(row.source_ids as string),
    importance: row.importance as number,
    validFrom: row.valid_from as number,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    expiresAt: (row.expires_at as number | null) ?? null,
  };
}
