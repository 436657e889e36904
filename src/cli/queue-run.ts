// `gantry run --queue`: puts the agent run on the job queue instead of running it here; a worker
// runs it (and resumes it after a crash). The job's id is the run's id.
import { newRunId, type ProtocolChoice } from '../agent/index.js';
import { GantryError } from '../errors/index.js';
import { createJobQueue, requireJobsConfig } from '../jobs/index.js';
import type { CliContext } from './cli-context.js';

export interface QueueRunFlags {
  model?: string;
  tools?: string[];
  protocol?: string;
  maximumSteps?: number;
  instructions?: string;
  resume?: string;
  strategy?: string;
  json?: boolean;
}

export async function queueRun(context: CliContext, task: string | undefined, flags: QueueRunFlags) {
  if (flags.resume || (flags.strategy && flags.strategy !== 'react') || !task) {
    throw new GantryError('USAGE_INVALID', '--queue takes a new task with the react strategy.', {
      hint: 'A queued run that was interrupted is resumed by the workers themselves; run a strategy without --queue.',
    });
  }
  const jobs = requireJobsConfig(context.config().config);
  const queue = await createJobQueue({
    redisUrl: jobs.redisUrl,
    queue: jobs.queue,
    attempts: jobs.attempts,
    backoffMs: jobs.backoffMs,
    keepCompleted: jobs.keepCompleted,
    keepFailed: jobs.keepFailed,
  });
  try {
    const runId = newRunId();
    await queue.enqueue('agent-run', {
      runId,
      task,
      ...(flags.model ? { model: flags.model } : {}),
      ...(flags.tools ? { tools: flags.tools } : {}),
      ...(flags.protocol ? { protocol: flags.protocol as ProtocolChoice } : {}),
      ...(flags.maximumSteps ? { maximumSteps: flags.maximumSteps } : {}),
      ...(flags.instructions ? { instructions: flags.instructions } : {}),
      caller: process.env.USER ?? 'cli',
    });
    if (flags.json) context.stdout.write(`${JSON.stringify({ queued: true, jobId: runId, runId })}\n`);
    else context.stdout.write(`queued run ${runId} on '${jobs.queue}': gantry jobs wait ${runId}\n`);
  } finally {
    await queue.close();
  }
}
