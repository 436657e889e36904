import { describe, expect, it } from 'vitest';
import { type BatchRecord, openSqliteStore } from '../store/index.js';
import { gatewayBatchHandler } from './gateway-batch-handler.js';
import type { JobContext, JobProgress } from './job-handler.js';

const batch = (overrides: Partial<BatchRecord> = {}): BatchRecord => ({
  id: 'batch_1',
  tenant: 'acme',
  keyId: null,
  endpoint: '/v1/chat/completions',
  inputFileId: 'file-1',
  completionWindow: '24h',
  status: 'in_progress',
  outputFileId: null,
  errorFileId: null,
  errors: null,
  metadata: null,
  createdAt: 1_767_225_600_000,
  times: { in_progress: 1_767_225_600_001 },
  ...overrides,
});

function context(signal = new AbortController().signal) {
  const reported: JobProgress[] = [];
  const value: JobContext = {
    jobId: 'batch.batch_1',
    kind: 'gateway-batch',
    attempt: 1,
    signal,
    progress: async (progress) => {
      reported.push(progress);
    },
  };
  return { value, reported };
}

describe('gatewayBatchHandler', () => {
  it('hosts the runner, follows the batch to its final status and reports it as progress', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const batches = store.gatewayBatches!;
    await batches.createBatch(batch(), [{ line: 0, customId: 'a', request: '{"model":"m"}' }]);
    let hosted = 0;
    const handler = gatewayBatchHandler({ batches, hostRunner: async () => void hosted++, pollMs: 10 });
    const { value, reported } = context();
    const done = handler({ tenant: 'acme', batchId: 'batch_1' }, value);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await batches.updateBatch('batch_1', { status: 'completed', outputFileId: 'file-out' });
    expect(await done).toEqual({ batchId: 'batch_1', status: 'completed', outputFileId: 'file-out' });
    expect(hosted).toBe(1);
    expect(reported[0]).toMatchObject({ last: 'in_progress' });
    await store.close();
  });

  it('asks the batch to cancel when the job is cancelled, and refuses a batch that does not exist', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const batches = store.gatewayBatches!;
    await batches.createBatch(batch(), [{ line: 0, customId: 'a', request: '{"model":"m"}' }]);
    const handler = gatewayBatchHandler({ batches, hostRunner: async () => {}, pollMs: 10 });
    const controller = new AbortController();
    const running = handler({ tenant: 'acme', batchId: 'batch_1' }, context(controller.signal).value);
    controller.abort(new Error('cancelled'));
    await expect(running).rejects.toThrow('cancelled');
    expect((await batches.getBatch('acme', 'batch_1'))?.status).toBe('cancelling');
    await expect(handler({ tenant: 'acme', batchId: 'batch_9' }, context().value)).rejects.toMatchObject({
      code: 'JOBS_JOB_INVALID',
    });
    await store.close();
  });
});
