// The gateway_responses row and its record mapping, shared by the SQLite and Postgres implementations.
import type { StoredResponseRecord } from './types.js';

export interface ResponseRow {
  id: string;
  tenant: string;
  model: string;
  response: string;
  messages: string;
  created_at: number;
}

export function toResponseRecord(row: ResponseRow): StoredResponseRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    model: row.model,
    response: JSON.parse(row.response) as Record<string, unknown>,
    messages: JSON.parse(row.messages) as Record<string, unknown>[],
    createdAt: Number(row.created_at),
  };
}

export function responseValues(record: StoredResponseRecord): unknown[] {
  return [
    record.id,
    record.tenant,
    record.model,
    JSON.stringify(record.response),
    JSON.stringify(record.messages),
    record.createdAt,
  ];
}
