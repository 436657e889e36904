// Runs batches in the gateway process: the pending lines of each batch, `concurrency` at a time, each
// result stored as it completes; then the output and error files. Unfinished batches are picked up
// again when the gateway starts, and every resumeIntervalMs after (lines that completed before are not
// sent again). A batch runs in one process at a time: the runner holds a lease on it in the store,
// renewed while it runs, so workers and replicas never run the same batch twice at once.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  BatchRecord,
  GatewayBatchRepository,
  GatewayFileRepository,
  GatewayKeyLimits,
} from '../../store/index.js';
import type { Route } from '../routing/index.js';
import type { GatewayState } from '../state/index.js';
import type { Endpoint } from '../upstream/index.js';
import type { UsageRecorder } from '../usage/index.js';
import { runBatchLine } from './run-batch-line.js';

export const batchEndpoints: Record<string, Endpoint> = {
  '/v1/chat/completions': 'chat',
  '/v1/completions': 'completions',
  '/v1/embeddings': 'embeddings',
};

/** What a line runs with: the creating key's limits and model list. */
export interface BatchOwner {
  limits: GatewayKeyLimits;
  models: readonly string[] | null;
}

export interface BatchRunnerOptions {
  batches: GatewayBatchRepository;
  files: GatewayFileRepository;
  routes: ReadonlyMap<string, Route>;
  state: GatewayState;
  usage: UsageRecorder;
  concurrency: number;
  rateLimitAttempts: number;
  /** The owner of a resumed batch (its key may have changed or been revoked since). */
  ownerOf(keyId: string | null): Promise<BatchOwner | undefined>;
  onInternalError(error: unknown): void;
  /** How long a lease lasts without renewal (a crashed runner's batches move on after this). */
  leaseMs?: number;
  /** How often unfinished batches whose lease expired are looked for (0: only at start). */
  resumeIntervalMs?: number;
}

export interface BatchRunner {
  start(batch: BatchRecord, owner: BatchOwner): void;
  /** Asks a running batch to stop; resolves once it is cancelled. */
  cancel(batch: BatchRecord): Promise<void>;
  resumeAll(): Promise<void>;
  /** Stops taking new lines and waits for those in flight (they are stored; the rest resume later). */
  close(): Promise<void>;
  /** Resolves when the batch's run in this process ends (tests, shutdown). */
  settled(id: string): Promise<void>;
}

export function createBatchRunner(options: BatchRunnerOptions): BatchRunner {
  const { batches, files, concurrency, leaseMs = 30_000, resumeIntervalMs = 30_000 } = options;
  const runnerId = randomUUID();
  const running = new Map<string, { cancelled: boolean; done: Promise<void> }>();
  let closing = false;
  let resumeTimer: NodeJS.Timeout | undefined;

  async function claimAndRun(
    batch: BatchRecord,
    owner: BatchOwner,
    state: { cancelled: boolean },
  ): Promise<void> {
    if (!(await batches.claimBatch(batch.id, runnerId, Date.now() + leaseMs, Date.now()))) return;
    // Renews the lease, and notices a cancellation asked of another process.
    const heartbeat = setInterval(
      () => {
        (async () => {
          await batches.claimBatch(batch.id, runnerId, Date.now() + leaseMs, Date.now());
          const current = await batches.getBatch(batch.tenant, batch.id);
          if (current?.status === 'cancelling') state.cancelled = true;
        })().catch(options.onInternalError);
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      const current = (await batches.getBatch(batch.tenant, batch.id)) ?? batch;
      if (['completed', 'failed', 'cancelled', 'expired'].includes(current.status)) return;
      await run(current, owner, state);
    } finally {
      clearInterval(heartbeat);
      await batches.releaseBatch(batch.id, runnerId);
    }
  }

  async function run(batch: BatchRecord, owner: BatchOwner, state: { cancelled: boolean }): Promise<void> {
    const times = { ...batch.times };
    if (batch.status === 'validating') {
      times.in_progress = Date.now();
      await batches.updateBatch(batch.id, { status: 'in_progress', times });
    }
    const pending = batch.status === 'cancelling' ? [] : await batches.pendingItems(batch.id);
    const endpoint = batchEndpoints[batch.endpoint];
    let next = 0;
    const worker = async () => {
      while (!closing && !state.cancelled && next < pending.length) {
        const item = pending[next++];
        const result = await runBatchLine(item, {
          routes: options.routes,
          state: options.state,
          usage: options.usage,
          endpoint,
          keyId: batch.keyId,
          limits: owner.limits,
          models: owner.models,
          rateLimitAttempts: options.rateLimitAttempts,
        });
        await batches.finishItem(batch.id, item.line, result.ok ? 'succeeded' : 'failed', result.text);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
    if (closing && !state.cancelled) return;
    const cancelled = state.cancelled || batch.status === 'cancelling';
    if (!cancelled) {
      times.finalizing = Date.now();
      await batches.updateBatch(batch.id, { status: 'finalizing', times });
    }
    const items = await batches.listItems(batch.id);
    const output = items.filter((i) => i.status === 'succeeded').map((i) => i.result);
    const failed = items.filter((i) => i.status === 'failed').map((i) => i.result);
    const outputFileId = output.length > 0 ? await saveResult(batch, output, 'output') : null;
    const errorFileId = failed.length > 0 ? await saveResult(batch, failed, 'error') : null;
    times[cancelled ? 'cancelled' : 'completed'] = Date.now();
    await batches.updateBatch(batch.id, {
      status: cancelled ? 'cancelled' : 'completed',
      outputFileId,
      errorFileId,
      times,
    });
  }

  async function saveResult(
    batch: BatchRecord,
    lines: (string | null)[],
    kind: 'output' | 'error',
  ): Promise<string> {
    const content = Buffer.from(`${lines.join('\n')}\n`);
    const id = `file-${randomBytes(12).toString('hex')}`;
    await files.saveFile(
      {
        id,
        tenant: batch.tenant,
        filename: `${batch.id}_${kind}.jsonl`,
        purpose: 'batch_output',
        bytes: content.length,
        createdAt: Date.now(),
      },
      content,
    );
    return id;
  }

  function start(batch: BatchRecord, owner: BatchOwner): void {
    if (running.has(batch.id) || closing) return;
    const state = { cancelled: false, done: Promise.resolve() };
    state.done = claimAndRun(batch, owner, state)
      .catch(options.onInternalError)
      .finally(() => running.delete(batch.id));
    running.set(batch.id, state);
  }

  return {
    start,
    async cancel(batch) {
      const times = { ...batch.times, cancelling: Date.now() };
      await batches.updateBatch(batch.id, { status: 'cancelling', times });
      const state = running.get(batch.id);
      if (state) {
        state.cancelled = true;
        await state.done;
        return;
      }
      // Not running here (another replica, or before a restart): finish the cancellation now.
      const current = await batches.getBatch(batch.tenant, batch.id);
      if (current) start(current, { limits: {}, models: null });
      await running.get(batch.id)?.done;
    },
    async resumeAll() {
      if (resumeIntervalMs > 0 && !resumeTimer && !closing) {
        resumeTimer = setInterval(
          () => void this.resumeAll().catch(options.onInternalError),
          resumeIntervalMs,
        );
        resumeTimer.unref();
      }
      for (const batch of await batches.listUnfinishedBatches()) {
        const owner = await options.ownerOf(batch.keyId);
        if (!owner) {
          const times = { ...batch.times, failed: Date.now() };
          await batches.updateBatch(batch.id, {
            status: 'failed',
            errors: [{ code: 'key_revoked', message: 'The key that created this batch no longer exists.' }],
            times,
          });
          continue;
        }
        start(batch, owner);
      }
    },
    async close() {
      closing = true;
      clearInterval(resumeTimer);
      await Promise.all([...running.values()].map((r) => r.done));
    },
    async settled(id) {
      await running.get(id)?.done;
    },
  };
}
