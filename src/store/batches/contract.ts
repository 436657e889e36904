// The batches domain's contract: the behaviour every backend's file and batch repositories must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { BatchesRepositories } from './repository.js';
import type { BatchRecord, StoredFileRecord } from './types.js';

const file = (overrides: Partial<StoredFileRecord> = {}): StoredFileRecord => ({
  id: 'file-1',
  tenant: 'acme',
  filename: 'input.jsonl',
  purpose: 'batch',
  bytes: 5,
  createdAt: 1_767_225_600_000,
  ...overrides,
});

const batch = (overrides: Partial<BatchRecord> = {}): BatchRecord => ({
  id: 'batch_1',
  tenant: 'acme',
  keyId: 'key_1',
  endpoint: '/v1/chat/completions',
  inputFileId: 'file-1',
  completionWindow: '24h',
  status: 'in_progress',
  outputFileId: null,
  errorFileId: null,
  errors: null,
  metadata: { job: 'nightly' },
  createdAt: 1_767_225_600_000,
  times: { in_progress: 1_767_225_600_001 },
  ...overrides,
});

const lines = [
  { line: 0, customId: 'a', request: '{"model":"m"}' },
  { line: 1, customId: 'b', request: '{"model":"m"}' },
  { line: 2, customId: 'c', request: '{"model":"m"}' },
];

export const batchesContract: DomainContract<BatchesRepositories> = (backend, open) => {
  describe(`batches domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps files with their bytes, per tenant, newest first, and deletes them', async () => {
      const bytes = new Uint8Array([0, 1, 2, 255, 10]);
      await store.gatewayFiles.saveFile(file(), bytes);
      await store.gatewayFiles.saveFile(
        file({ id: 'file-2', purpose: 'batch_output', createdAt: 1_767_225_600_500 }),
        new Uint8Array([65]),
      );
      expect(await store.gatewayFiles.getFile('acme', 'file-1')).toEqual(file());
      expect(await store.gatewayFiles.getFile('globex', 'file-1')).toBeUndefined();
      expect([...((await store.gatewayFiles.getFileContent('acme', 'file-1')) ?? [])]).toEqual([...bytes]);
      expect(await store.gatewayFiles.getFileContent('globex', 'file-1')).toBeUndefined();
      expect((await store.gatewayFiles.listFiles('acme')).map((f) => f.id)).toEqual(['file-2', 'file-1']);
      expect((await store.gatewayFiles.listFiles('acme', { purpose: 'batch' })).map((f) => f.id)).toEqual([
        'file-1',
      ]);
      expect(await store.gatewayFiles.listFiles('globex')).toEqual([]);
      expect(await store.gatewayFiles.deleteFile('globex', 'file-1')).toBe(false);
      expect(await store.gatewayFiles.deleteFile('acme', 'file-1')).toBe(true);
      expect(await store.gatewayFiles.getFile('acme', 'file-1')).toBeUndefined();
    });

    it('creates a batch with its lines, runs them out of order, counts and lists them in line order', async () => {
      await store.gatewayBatches.createBatch(batch(), lines);
      expect(await store.gatewayBatches.getBatch('acme', 'batch_1')).toEqual(batch());
      expect(await store.gatewayBatches.getBatch('globex', 'batch_1')).toBeUndefined();
      expect(await store.gatewayBatches.countItems('batch_1')).toEqual({ total: 3, completed: 0, failed: 0 });
      await store.gatewayBatches.finishItem('batch_1', 2, 'failed', '{"e":1}');
      await store.gatewayBatches.finishItem('batch_1', 0, 'succeeded', '{"ok":1}');
      expect((await store.gatewayBatches.pendingItems('batch_1')).map((i) => i.customId)).toEqual(['b']);
      expect(await store.gatewayBatches.countItems('batch_1')).toEqual({ total: 3, completed: 1, failed: 1 });
      const items = await store.gatewayBatches.listItems('batch_1');
      expect(items.map((i) => [i.line, i.customId, i.status, i.result])).toEqual([
        [0, 'a', 'succeeded', '{"ok":1}'],
        [1, 'b', 'pending', null],
        [2, 'c', 'failed', '{"e":1}'],
      ]);
    });

    it('lets one runner at a time hold a batch, until its lease expires or it lets go', async () => {
      await store.gatewayBatches.createBatch(batch(), lines);
      expect(await store.gatewayBatches.claimBatch('batch_1', 'worker-1', 1_000, 0)).toBe(true);
      expect(await store.gatewayBatches.claimBatch('batch_1', 'worker-2', 1_500, 500)).toBe(false);
      expect(await store.gatewayBatches.claimBatch('batch_1', 'worker-1', 2_000, 900)).toBe(true);
      expect(await store.gatewayBatches.claimBatch('batch_1', 'worker-2', 3_000, 2_001)).toBe(true);
      await store.gatewayBatches.releaseBatch('batch_1', 'worker-1');
      expect(await store.gatewayBatches.claimBatch('batch_1', 'worker-1', 4_000, 2_500)).toBe(false);
      await store.gatewayBatches.releaseBatch('batch_1', 'worker-2');
      expect(await store.gatewayBatches.claimBatch('batch_1', 'worker-1', 4_000, 2_500)).toBe(true);
      expect(await store.gatewayBatches.claimBatch('batch_9', 'worker-1', 4_000, 2_500)).toBe(false);
    });

    it('updates status, files and times, and lists only unfinished batches for resuming', async () => {
      await store.gatewayBatches.createBatch(batch(), lines);
      await store.gatewayBatches.createBatch(batch({ id: 'batch_2', createdAt: 1_767_225_601_000 }), []);
      await store.gatewayBatches.updateBatch('batch_2', {
        status: 'completed',
        outputFileId: 'file-out',
        errorFileId: null,
        times: { in_progress: 1, completed: 2 },
      });
      const done = await store.gatewayBatches.getBatch('acme', 'batch_2');
      expect(done).toMatchObject({
        status: 'completed',
        outputFileId: 'file-out',
        errorFileId: null,
        times: { in_progress: 1, completed: 2 },
      });
      expect((await store.gatewayBatches.listBatches('acme')).map((b) => b.id)).toEqual([
        'batch_2',
        'batch_1',
      ]);
      expect((await store.gatewayBatches.listUnfinishedBatches()).map((b) => b.id)).toEqual(['batch_1']);
      await store.gatewayBatches.updateBatch('batch_1', {
        status: 'failed',
        errors: [{ code: 'invalid', message: 'bad', line: 2 }],
      });
      expect((await store.gatewayBatches.getBatch('acme', 'batch_1'))?.errors).toEqual([
        { code: 'invalid', message: 'bad', line: 2 },
      ]);
      expect(await store.gatewayBatches.listUnfinishedBatches()).toEqual([]);
    });
  });
};
