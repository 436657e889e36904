// A gateway batch as a job. Batch lines are not queue jobs: the gateway's batch runner already stores
// each line's result as it completes and holds a lease on the batch in the store, so any process
// hosting a gateway (a server replica or a `gantry worker`) runs an unfinished batch whose lease has
// expired, without sending finished lines again. The job makes a worker host that runner and follows
// the batch to its end; cancelling the job asks the batch to cancel (as POST /v1/batches/{id}/cancel).
import { GantryError } from '../errors/index.js';
import type { GatewayBatchRepository } from '../store/index.js';
import type { JobHandler } from './job-handler.js';

export interface GatewayBatchHandlerOptions {
  batches: GatewayBatchRepository;
  /** Starts this process's gateway (and so its batch runner) once; called before the first batch job. */
  hostRunner(): Promise<void>;
  pollMs?: number;
}

const finalStatuses = new Set(['completed', 'failed', 'cancelled', 'expired']);

export function gatewayBatchHandler(options: GatewayBatchHandlerOptions): JobHandler<'gateway-batch'> {
  const { batches, pollMs = 1000 } = options;
  return async (data, context) => {
    await options.hostRunner();
    let polls = 0;
    for (;;) {
      const batch = await batches.getBatch(data.tenant, data.batchId);
      if (!batch) {
        throw new GantryError(
          'JOBS_JOB_INVALID',
          `There is no batch ${data.batchId} of tenant ${data.tenant}.`,
          {
            hint: 'Create the batch with POST /v1/batches first; the job follows an existing batch.',
            details: data,
          },
        );
      }
      if (finalStatuses.has(batch.status))
        return { batchId: batch.id, status: batch.status, outputFileId: batch.outputFileId };
      if (context.signal.aborted) {
        if (batch.status !== 'cancelling')
          await batches.updateBatch(batch.id, {
            status: 'cancelling',
            times: { ...batch.times, cancelling: Date.now() },
          });
        throw context.signal.reason ?? new Error('cancelled');
      }
      await context.progress({ events: ++polls, steps: 0, last: batch.status });
      await sleep(pollMs, context.signal);
    }
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
