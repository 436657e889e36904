// The batches domain's repositories: files (content kept in the database) and batch jobs with their
// lines. Every read and delete is scoped to a tenant, except the resume scan at start-up.
import type {
  BatchCounts,
  BatchItemRecord,
  BatchItemStatus,
  BatchRecord,
  StoredFileRecord,
} from './types.js';

export interface GatewayFileRepository {
  saveFile(file: StoredFileRecord, content: Uint8Array): Promise<void>;
  getFile(tenant: string, id: string): Promise<StoredFileRecord | undefined>;
  getFileContent(tenant: string, id: string): Promise<Buffer | undefined>;
  /** Newest first. */
  listFiles(tenant: string, options?: { purpose?: string; limit?: number }): Promise<StoredFileRecord[]>;
  deleteFile(tenant: string, id: string): Promise<boolean>;
}

export interface GatewayBatchRepository {
  /** The batch and its lines, in one transaction. */
  createBatch(
    batch: BatchRecord,
    items: readonly Pick<BatchItemRecord, 'line' | 'customId' | 'request'>[],
  ): Promise<void>;
  getBatch(tenant: string, id: string): Promise<BatchRecord | undefined>;
  /** Newest first. */
  listBatches(tenant: string, options?: { limit?: number }): Promise<BatchRecord[]>;
  updateBatch(
    id: string,
    update: Partial<Pick<BatchRecord, 'status' | 'outputFileId' | 'errorFileId' | 'errors' | 'times'>>,
  ): Promise<void>;
  /**
   * Takes (or renews) the right to run a batch until `until`: true when no other runner holds an
   * unexpired lease on it. One runner per batch, across workers and replicas.
   */
  claimBatch(id: string, owner: string, until: number, now: number): Promise<boolean>;
  releaseBatch(id: string, owner: string): Promise<void>;
  /** Batches of every tenant not yet in a final state (resumed after a restart). */
  listUnfinishedBatches(): Promise<BatchRecord[]>;
  /** The lines still to run, in line order. */
  pendingItems(batchId: string): Promise<BatchItemRecord[]>;
  finishItem(
    batchId: string,
    line: number,
    status: Exclude<BatchItemStatus, 'pending'>,
    result: string,
  ): Promise<void>;
  /** Every line, in line order. */
  listItems(batchId: string): Promise<BatchItemRecord[]>;
  countItems(batchId: string): Promise<BatchCounts>;
}

/** What the batches domain adds to the Store. */
export interface BatchesRepositories {
  readonly gatewayFiles: GatewayFileRepository;
  readonly gatewayBatches: GatewayBatchRepository;
}
