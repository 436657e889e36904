// The batches domain's rows and their record mapping, shared by the SQLite and Postgres implementations.
import type { BatchCounts, BatchItemRecord, BatchRecord, StoredFileRecord } from './types.js';

export interface FileRow {
  id: string;
  tenant: string;
  filename: string;
  purpose: string;
  bytes: number;
  created_at: number;
}

export function toFileRecord(row: FileRow): StoredFileRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    filename: row.filename,
    purpose: row.purpose,
    bytes: Number(row.bytes),
    createdAt: Number(row.created_at),
  };
}

export interface BatchRow {
  id: string;
  tenant: string;
  key_id: string | null;
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: string;
  output_file_id: string | null;
  error_file_id: string | null;
  errors: string | null;
  metadata: string | null;
  created_at: number;
  times: string;
}

export function toBatchRecord(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    keyId: row.key_id,
    endpoint: row.endpoint,
    inputFileId: row.input_file_id,
    completionWindow: row.completion_window,
    status: row.status as BatchRecord['status'],
    outputFileId: row.output_file_id,
    errorFileId: row.error_file_id,
    errors: row.errors === null ? null : JSON.parse(row.errors),
    metadata: row.metadata === null ? null : JSON.parse(row.metadata),
    createdAt: Number(row.created_at),
    times: JSON.parse(row.times),
  };
}

export function batchValues(batch: BatchRecord): unknown[] {
  return [
    batch.id,
    batch.tenant,
    batch.keyId,
    batch.endpoint,
    batch.inputFileId,
    batch.completionWindow,
    batch.status,
    batch.outputFileId,
    batch.errorFileId,
    batch.errors === null ? null : JSON.stringify(batch.errors),
    batch.metadata === null ? null : JSON.stringify(batch.metadata),
    batch.createdAt,
    JSON.stringify(batch.times),
  ];
}

export const batchColumns =
  'id, tenant, key_id, endpoint, input_file_id, completion_window, status, output_file_id, error_file_id, errors, metadata, created_at, times';

/** The columns an update may set, with how each value is stored. */
export function batchUpdates(
  update: Partial<Pick<BatchRecord, 'status' | 'outputFileId' | 'errorFileId' | 'errors' | 'times'>>,
): [column: string, value: unknown][] {
  const sets: [string, unknown][] = [];
  if (update.status !== undefined) sets.push(['status', update.status]);
  if (update.outputFileId !== undefined) sets.push(['output_file_id', update.outputFileId]);
  if (update.errorFileId !== undefined) sets.push(['error_file_id', update.errorFileId]);
  if (update.errors !== undefined)
    sets.push(['errors', update.errors === null ? null : JSON.stringify(update.errors)]);
  if (update.times !== undefined) sets.push(['times', JSON.stringify(update.times)]);
  return sets;
}

export interface ItemRow {
  batch_id: string;
  line: number;
  custom_id: string;
  request: string;
  status: string;
  result: string | null;
}

export function toItemRecord(row: ItemRow): BatchItemRecord {
  return {
    batchId: row.batch_id,
    line: Number(row.line),
    customId: row.custom_id,
    request: row.request,
    status: row.status as BatchItemRecord['status'],
    result: row.result,
  };
}

export function toCounts(
  row: { total: number; completed: number | null; failed: number | null } | undefined,
): BatchCounts {
  return {
    total: Number(row?.total ?? 0),
    completed: Number(row?.completed ?? 0),
    failed: Number(row?.failed ?? 0),
  };
}

/** Final states: a batch in one of them is never resumed. */
export const finalStatuses = ['completed', 'failed', 'cancelled', 'expired'] as const;
