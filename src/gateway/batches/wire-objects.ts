// The File and Batch objects of OpenAI's API, from stored records.
import type { BatchCounts, BatchRecord, StoredFileRecord } from '../../store/index.js';

const seconds = (ms: number | undefined | null) =>
  ms === undefined || ms === null ? null : Math.floor(ms / 1000);

export function fileObject(file: StoredFileRecord): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: seconds(file.createdAt),
    expires_at: null,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
  };
}

const windowMs: Record<string, number> = { '24h': 24 * 3_600_000 };

export function batchObject(batch: BatchRecord, counts: BatchCounts): Record<string, unknown> {
  const { times } = batch;
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    errors: batch.errors
      ? { object: 'list', data: batch.errors.map((e) => ({ ...e, param: null, line: e.line ?? null })) }
      : null,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status: batch.status,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: seconds(batch.createdAt),
    in_progress_at: seconds(times.in_progress),
    expires_at: seconds(batch.createdAt + (windowMs[batch.completionWindow] ?? windowMs['24h'])),
    finalizing_at: seconds(times.finalizing),
    completed_at: seconds(times.completed),
    failed_at: seconds(times.failed),
    expired_at: seconds(times.expired),
    cancelling_at: seconds(times.cancelling),
    cancelled_at: seconds(times.cancelled),
    request_counts: counts,
    metadata: batch.metadata,
  };
}
